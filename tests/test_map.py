"""The publication map on the demo database: classes counted in SQL, the two greys, small-state
dots, the region zoom, the PNG/SVG exports and the PDF's map page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from engagement import charts, db, mapview, pdf, queries, reports
from engagement.charts import map_export, world
from engagement.charts.geo import GREYS, NO_DATA, NOT_REACHED, OTHER_REGIONS
from tests.test_pdf import text_of

ALL = queries.Selection("wlpf2021")
AFR = queries.Selection("wlpf2021", regions=("AFR",))

# The classes of counts, written again in SQL over the selection macro (not through the map's
# code), so a wrong break or an off-by-one in the bins shows.
CLASS_COUNTS_SQL = """
with c as (
    select iso3, count(*) as n
    from sel_basis_profile($event_id, $days, $session_ids, $regions, $stakeholders, $roles,
                           $basis)
    where iso3 is not null
    group by iso3
)
select
    case when n >= 50 then 4 when n >= 20 then 3 when n >= 10 then 2 when n >= 5 then 1
         else 0 end as cls,
    count(*) as countries
from c group by all order by cls
"""


@pytest.fixture(scope="module")
def con(demo_db):
    con = db.connect(demo_db, read_only=True)
    yield con
    con.close()


def _run(con):
    def run(name, selection=None, **params):
        return queries.run(con, name, selection, **params)

    return run


def _data(con, selection, **kw):
    return mapview.map_data(
        _run(con), selection, "attendees", event_name="WLPF 2021", filters="test", **kw
    )


@pytest.mark.parametrize("selection", [ALL, AFR], ids=["world", "AFR"])
def test_classes_match_counts_from_sql(con, selection):
    frame = charts.map_classes(_data(con, selection))
    params = {**selection.params(), "basis": "attendees"}
    expected = dict(queries.run_sql(con, CLASS_COUNTS_SQL, params).itertuples(index=False))
    got = frame["cls"][frame["cls"].map(lambda c: isinstance(c, int))].value_counts()
    assert {int(k): int(v) for k, v in got.items()} == {int(k): int(v) for k, v in expected.items()}
    missing = queries.run(con, "member_states_not_reached", selection, basis="attendees")
    assert sorted(frame.loc[frame["cls"].eq(NOT_REACHED), "iso3"]) == sorted(missing["iso3"])


def test_one_country_per_class_exactly(con):
    frame = charts.map_classes(_data(con, ALL)).set_index("iso3")
    by_country = queries.run(con, "participants_by_country", ALL, basis="attendees")
    people = dict(zip(by_country["iso3"], by_country["people"], strict=True))
    for iso3, n in people.items():
        want = 4 if n >= 50 else 3 if n >= 20 else 2 if n >= 10 else 1 if n >= 5 else 0
        assert frame.at[iso3, "cls"] == want, (iso3, n)
    assert frame.at["IND", "label"] == "50 or more"
    assert frame.at["GRL", "cls"] == NO_DATA  # Greenland: not a Member State, nobody from it


def test_afr_not_reached_are_the_four_and_the_rest_is_outside(con):
    frame = charts.map_classes(_data(con, AFR)).set_index("iso3")
    assert sorted(frame.index[frame["cls"].eq(NOT_REACHED)]) == ["COG", "COM", "STP", "SYC"]
    assert frame.at["FRA", "cls"] == OTHER_REGIONS
    assert frame.at["GRL", "cls"] == NO_DATA


def test_greenland_and_an_unreached_member_state_are_distinct_greys(con):
    fig = charts.member_state_map(
        queries.run(con, "participants_by_country", ALL, basis="attendees"),
        countries=queries.run(con, "countries_list"),
    )
    traces = {t.name.split(" (")[0]: t for t in fig.data if t.type == "choropleth"}
    assert "GRL" in traces[NO_DATA].locations and "GRL" not in traces[NOT_REACHED].locations
    assert "COG" in traces[NOT_REACHED].locations
    assert traces[NO_DATA].colorscale[0][1] != traces[NOT_REACHED].colorscale[0][1]
    assert GREYS[NO_DATA] != GREYS[NOT_REACHED]
    assert fig.layout.geo.landcolor == GREYS[NO_DATA]


def test_unreached_small_member_states_are_outlined_dots(con):
    fig = charts.member_state_map(
        queries.run(con, "participants_by_country", ALL, basis="attendees"),
        countries=queries.run(con, "countries_list"),
    )
    (dots,) = [t for t in fig.data if t.type == "scattergeo"]
    where = dict(zip(dots.customdata, range(len(dots.customdata)), strict=True))
    missing = set(queries.run(con, "member_states_not_reached", ALL, basis="attendees")["iso3"])
    small_missing = missing & set(charts.SMALL_AREA_CENTROIDS)
    assert {"COM", "SYC", "STP"} <= small_missing
    assert small_missing <= set(where)  # every unreached small Member State has its dot
    for iso3 in small_missing:
        assert dots.marker.color[where[iso3]] == GREYS[NOT_REACHED]
        assert dots.marker.line.color[where[iso3]] == charts.geo.DOT_EDGE
    reached = set(where) - small_missing
    assert reached and all(dots.marker.color[where[c]] in charts.geo.CLASS_COLORS for c in reached)


def test_region_zoom_frames_the_african_region(con):
    countries = queries.run(con, "countries_list")
    view = charts.region_view(countries, ("AFR",))
    # West: Cabo Verde's dot (-23.64) - 3; east: Mauritius's dot (57.57) + 3; south: South
    # Africa (-34.82) - 3; north: Algeria (37.1) + 3.
    assert view["lon"] == pytest.approx([-26.64, 60.57], abs=0.01)
    assert view["lat"] == pytest.approx([-37.82, 40.11], abs=0.02)
    assert charts.region_view(countries, ()) is None
    fig = charts.member_state_map(
        queries.run(con, "participants_by_country", AFR, basis="attendees"),
        countries=countries,
        regions=("AFR",),
    )
    assert list(fig.layout.geo.lonaxis.range) == view["lon"]
    assert list(fig.layout.geo.lataxis.range) == view["lat"]
    # France's main box, not French Guiana: the European Region is not stretched to America.
    assert world.main_box("FRA")[0] > -6


def test_png_and_svg_exports(con):
    data = _data(con, AFR)
    png = map_export.render(data, "png", dpi=60)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = map_export.render(data, "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    words = " ".join(t for t in root.itertext())
    assert data.title in words
    assert "The designations employed and the presentation of the material" in words
    assert "Dotted and dashed" not in words  # this map draws no such lines
    assert "Member State not reached (4)" in words
    assert "Not a WHO Member State / no data" in words
    assert f"Data as of {data.data_as_of}" in words and data.data_as_of
    assert "Data source: WLPF 2021, 10 exported files" in words
    with pytest.raises(ValueError):
        map_export.render(data, "jpg")


def test_export_is_cached_by_selection(con):
    a = map_export.render_cached(_data(con, AFR), "png", dpi=40)
    assert map_export.render_cached(_data(con, AFR), "png", dpi=40) is a
    assert map_export.render_cached(_data(con, ALL), "png", dpi=40) is not a


def test_briefing_has_the_map_on_its_first_page(con, tmp_path):
    run = _run(con)
    sessions = run("sessions_list", AFR)
    data = _data(con, AFR, is_demo=True)
    out = pdf.briefing_pdf(
        reports.summary(run, AFR, "attendees"),
        "WLPF 2021",
        pdf.selection_words(AFR, sessions, "attendees"),
        map_data=data,
    )
    text = text_of(out, tmp_path)
    first_page = text.split("Page 1 of")[0]
    assert "Participants by country" in first_page
    assert "The designations employed and the presentation of the material" in first_page
    assert "Dotted" not in text
    assert f"Data as of {data.data_as_of}" in first_page


def test_shipped_topojson_has_no_unnamed_shapes():
    topo = json.loads((world.TOPOJSON_DIR / world.WORLD_FILE).read_text(encoding="utf-8"))
    ids = [g.get("id") for g in topo["objects"]["countries"]["geometries"]]
    assert all(ids) and len(ids) == len(set(ids))
    # Northern Cyprus and Somaliland merged into their Member States (one ring each).
    assert len(world.countries()["CYP"]) == 1 and len(world.countries()["SOM"]) == 1
    assert "XKX" in world.countries()


# Issue 10, last frowns: a raised small-count threshold k moves the classes' breaks, so that a
# count shown as "<10" in the downloads is not told apart on the map (1-4 against 5-9).
CLASS_COUNTS_K10_SQL = CLASS_COUNTS_SQL.replace(
    "when n >= 10 then 2 when n >= 5 then 1", "when n >= 10 then 1"
).replace("when n >= 50 then 4 when n >= 20 then 3", "when n >= 50 then 3 when n >= 20 then 2")


def test_classes_follow_a_raised_small_count_threshold(con, tmp_path):
    assert charts.geo.count_breaks(5) == charts.geo.COUNT_BREAKS
    assert charts.geo.count_breaks(10) == (1, 10, 20, 50)
    assert charts.geo.count_breaks(7) == (1, 7, 10, 20, 50)
    assert charts.geo.class_labels(k=10) == ["1–9", "10–19", "20–49", "50 or more"]
    data = _data(con, ALL, k=10)
    frame = charts.map_classes(data)
    params = {**ALL.params(), "basis": "attendees"}
    expected = dict(queries.run_sql(con, CLASS_COUNTS_K10_SQL, params).itertuples(index=False))
    got = frame["cls"][frame["cls"].map(lambda c: isinstance(c, int))].value_counts()
    assert {int(k): int(v) for k, v in got.items()} == {int(k): int(v) for k, v in expected.items()}
    by_country = queries.run(con, "participants_by_country", ALL, basis="attendees")
    nine = by_country.loc[by_country["people"].between(5, 9), "iso3"]
    assert len(nine) and set(frame.set_index("iso3").loc[list(nine), "label"]) == {"1–9"}

    # the page's map: no 1-4 / 5-9 classes, the first starts at 1 and ends under k
    fig = charts.member_state_map(by_country, countries=data.countries, k=10)
    names = [t.name.split(" (")[0] for t in fig.data if t.type == "choropleth"]
    assert names[:4] == ["1–9", "10–19", "20–49", "50 or more"] and "5–9" not in names
    # the PNG/SVG export: its legend, and not the k = 5 picture from the cache
    svg = map_export.render_cached(data, "svg")
    words = " ".join(ET.fromstring(svg).itertext())
    assert "1–9 (" in words and "5–9" not in words and "1–4" not in words
    assert svg != map_export.render_cached(_data(con, ALL), "svg")


def test_the_briefing_map_takes_the_threshold_of_the_report(con):
    from engagement import report_files

    report = report_files.build(_run(con), AFR, "attendees", 12)
    data = report.map_data
    assert data.k == 12
    entries = charts.geo.legend_entries(charts.map_classes(data), False, data.k)
    assert [w for _, w, _ in entries][:3] == ["1–11", "12–19", "20–49"]
    svg = " ".join(ET.fromstring(map_export.render(data, "svg", framed=False)).itertext())
    assert "1–11 (" in svg and "1–4" not in svg  # the picture the PDF's first page shows
