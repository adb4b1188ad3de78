"""Every plotly figure of the dashboard, built from a named query's frame (codes in, words out).

Words, colours and number formats come from `vocabulary`, `theme` and `formatting`; this
package only draws.
"""

from .bars import region_bars, session_bars, stakeholder_bars, stakeholder_by_region
from .breakdowns import (
    gender_bars,
    gender_within,
    income_bars,
    speakers_bars,
    stakeholder_region_heatmap,
)
from .compare import edition_share_bars
from .geo import (
    DISCLAIMER,
    MAP_PRODUCTION,
    PLOTLY_CONFIG,
    SMALL_AREA_CENTROIDS,
    TOPOJSON_DIR,
    TOPOJSON_URL,
    MapData,
    map_classes,
    member_state_map,
    region_view,
    use_local_topojson_for_export,
)
from .map_export import render as render_map
from .repeat import cohort_heatmap, overlap_heatmap, sessions_per_person_bars
from .style import empty_figure
from .timeline import attendance_curve, leave_curve, minutes_histogram, registrations_over_time

__all__ = [
    "DISCLAIMER",
    "MAP_PRODUCTION",
    "MapData",
    "PLOTLY_CONFIG",
    "SMALL_AREA_CENTROIDS",
    "TOPOJSON_DIR",
    "TOPOJSON_URL",
    "attendance_curve",
    "cohort_heatmap",
    "edition_share_bars",
    "empty_figure",
    "gender_bars",
    "gender_within",
    "income_bars",
    "leave_curve",
    "map_classes",
    "member_state_map",
    "minutes_histogram",
    "overlap_heatmap",
    "region_bars",
    "region_view",
    "registrations_over_time",
    "session_bars",
    "render_map",
    "sessions_per_person_bars",
    "speakers_bars",
    "stakeholder_bars",
    "stakeholder_by_region",
    "stakeholder_region_heatmap",
    "use_local_topojson_for_export",
]
