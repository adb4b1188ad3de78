"""The Stakeholders page as a reader sees it (issue 10, the last frowns): the unknown group's
share is a dash that the page explains, never "None"; one selected region leaves out the
by-region charts (one bar repeating the chart above) and says why."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from engagement import db, queries
from tests.test_app import APP


def _page(demo_db, monkeypatch, regions: list[str] | None):
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    if regions:
        at.session_state["region"] = regions  # see test_app: widgets set through the state
    at.run()
    at = at.switch_page("pages/stakeholders.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def clear_caches():
    import streamlit as st

    yield
    st.cache_resource.clear()


def test_unknown_share_is_a_dash_with_its_note(demo_db, monkeypatch, clear_caches):
    at = _page(demo_db, monkeypatch, None)
    types, gender = at.dataframe[0].value, at.dataframe[1].value
    con = db.connect(demo_db)
    try:
        known = queries.run(con, "stakeholders", queries.Selection("wlpf2021"), basis="attendees")
    finally:
        con.close()
    unknown = types.loc[types["label"] == "Unknown"]
    assert unknown["share"].tolist() == ["–"]
    first = known.iloc[0]
    assert types["share"].iloc[0] == f"{first.share * 100:.1f} %"
    assert gender.loc[gender["label"] == "Unknown or not asked", "share"].tolist() == ["–"]
    assert "None" not in set(types["share"]) | set(gender["share"])
    assert sum("– unknown: not counted in the shares." == c.value for c in at.caption) == 2
    # every region: types by region, the heatmap and gender by region are drawn
    assert len(at.get("plotly_chart")) == 8


def test_one_region_leaves_out_the_by_region_charts(demo_db, monkeypatch, clear_caches):
    at = _page(demo_db, monkeypatch, ["AFR"])
    # types, gender, gender by type, income group, speakers: no stacked one-bar chart,
    # no one-column heatmap, no one-bar gender by region
    assert len(at.get("plotly_chart")) == 5
    assert any("need two or more regions" in c.value for c in at.caption)
    at = _page(demo_db, monkeypatch, ["AFR", "EUR"])
    assert len(at.get("plotly_chart")) == 8
