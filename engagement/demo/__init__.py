"""The synthetic WLPF 2021 demo: Zoom webinar Registration and Attendee reports, one pair a day.

catalogues: who the people are; population, registrations, attendance: the simulation;
zoom_export: the report files; expected: the figures the dashboard must show for them.
"""

from .catalogues import NO_ANSWER, UNRESOLVABLE
from .event import DEFAULT_SEED, DEMO_DIR, DEMO_NOTE, EVENT_ID, load_countries, load_programme
from .expected import figures
from .zoom_export import (
    CUSTOM_QUESTIONS,
    STANDARD_FIELDS,
    fmt_actual_start,
    fmt_row_time,
    fmt_scheduled,
    generate,
    minutes_in_session,
    spaced_id,
)

__all__ = [
    "CUSTOM_QUESTIONS",
    "DEFAULT_SEED",
    "DEMO_DIR",
    "DEMO_NOTE",
    "EVENT_ID",
    "NO_ANSWER",
    "STANDARD_FIELDS",
    "UNRESOLVABLE",
    "figures",
    "fmt_actual_start",
    "fmt_row_time",
    "fmt_scheduled",
    "generate",
    "load_countries",
    "load_programme",
    "minutes_in_session",
    "spaced_id",
]
