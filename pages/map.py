"""Map: Member States reached, WHO region bars and the Member States not reached."""

from datetime import date

import streamlit as st

from engagement import chart_cache, charts, mapview, metrics, report_files, settings, ui
from engagement.charts import map_export
from engagement.formatting import MISSING
from engagement.pdf import selection_words
from engagement.vocabulary import BASIS_LABELS, MEASURES, MEMBER_TYPES, REGION_LABELS

selection = ui.no_event_stop()
basis = ui.basis()
noun = BASIS_LABELS[basis].lower()
st.title("Where participants came from" if basis == "attendees" else "Where registrants came from")
ui.demo_caption()

c1, c2 = st.columns([2, 1])  # [3, 1] cut the toggle's label at 1280 px
show_share = c2.toggle("Show shares instead of counts", key="map_share", bind="query-params")
k = ui.query("kpis", selection, basis=basis).iloc[0]
c1.markdown(f"**{metrics.headline(k, basis, selection.regions)}**")

by_country = ui.query("participants_by_country", selection, basis=basis)
by_region = ui.query("participants_by_region", selection, basis=basis)
measure = MEASURES[basis]

meta = ui.event_meta()
# The classes of counts start at the small-count threshold, as the downloads count (issue 10).
small_k = settings.suppression_k(ui.cursor())
event_name = str(meta.get("name") or selection.event_id)
view = mapview.map_data(
    ui.query,
    selection,
    basis,
    event_name=event_name,
    filters=selection_words(selection, ui.query("sessions_list", selection), basis),
    as_share=show_share,
    is_demo=bool(meta.get("is_demo")),
    k=small_k,
)
ui.plot(
    chart_cache.member_state_map(
        by_country,
        value="people",
        as_share=show_share,
        measure=measure,
        countries=view.countries,
        regions=view.regions,
        k=small_k,
    ),
    key="map",
    click="region",  # a country stands for its WHO region (there is no country filter)
)
st.caption(
    f"Data source: {view.source}. Data as of {view.data_as_of or MISSING}. {charts.MAP_PRODUCTION}"
)
st.caption(charts.DISCLAIMER)
# Named like the reports (event, every filter, date), so two filtered maps never share a name.
stem = "map_" + report_files.selection_stem(selection, basis, date.today())
d1, d2, _ = st.columns([1, 1, 2])
ui.download(
    "Map as PNG (print)",
    lambda: map_export.render_cached(view, "png"),
    f"{stem}.png",
    "image/png",
    what="map (PNG)",
    selection=selection,
    basis=basis,
    where=d1,
    icon=":material/download:",
)
ui.download(
    "Map as SVG (vector)",
    lambda: map_export.render_cached(view, "svg"),
    f"{stem}.svg",
    "image/svg+xml",
    what="map (SVG)",
    selection=selection,
    basis=basis,
    where=d2,
    icon=":material/download:",
)
no_country = int(k.people - k.with_country)
if no_country:
    st.caption(
        f"{no_country:,} of the {int(k.people):,} {noun} counted have no resolved country and "
        "are not on the map (organizers can resolve their answers on the Review page)."
    )

left, right = st.columns([3, 2])
with left:
    bars = chart_cache.region_bars(
        by_region, measure=measure, regions=selection.regions, by_country=by_country
    )
    ui.plot(bars, key="regions", click="region")
with right:
    missing = ui.query("member_states_not_reached", selection, basis=basis)
    heading = metrics.not_reached_heading(len(missing), k.member_states_total, selection.regions)
    st.markdown(f"#### {heading}")
    if missing.empty:
        scope = metrics.regions_scope(selection.regions) or "of WHO"
        st.success(f"Every Member State {scope} is represented in this selection.")
    else:
        ui.table(
            missing.assign(region=missing["who_region"].map(REGION_LABELS))[["country", "region"]],
            hide_index=True,
            width="stretch",
            # as tall as its rows (35 px each and the heading's), up to 360 px: a fixed 360 px
            # showed four Member States above a column of empty rows
            height=min(360, 38 + 35 * len(missing)),
            column_config={"country": "Member State", "region": "WHO region"},
        )

st.markdown("#### Countries and territories")
table = by_country.assign(
    region=by_country["who_region"].map(REGION_LABELS).fillna(MISSING),
    status=by_country["member_type"].map(MEMBER_TYPES),
    share=by_country["share"] * 100,
)[["country", "region", "status", "people", "share"]]
ui.table(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        "country": "Country or territory",
        "region": "WHO region",
        "status": "Status",
        "people": st.column_config.NumberColumn(noun.capitalize(), format="localized"),
        "share": st.column_config.NumberColumn("Share", format="%.1f %%"),
    },
)
