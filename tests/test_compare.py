"""The Compare page's queries on two tiny editions counted by hand, the synthetic WLPF 2023 and
2025 demo editions (2025: the published 4,077 participants from 141 countries), the check-in
list format, and the page itself on the demo database."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, import_path
from streamlit.testing.v1 import AppTest

from engagement import db, demo, formats, queries

APP = str(db.ROOT / "dashboard.py")
NO_FILTER = queries.Selection("cmpa")


@pytest.fixture
def editions(tmp_path):
    """Edition A (cmpa): six Indico registrations (Eve withdrawn), check-ins of Ana, Ben, Chen and
    Fay (Greenland: not a Member State); Dia never came. Edition B (cmpb): Ana again (her
    address in capitals), Gus, Hal (scanned twice), Ivy (no gender; never came)."""
    con = db.connect(tmp_path / "cmp.duckdb")
    con.execute(
        "insert into events values ('cmpa', 'Edition A', 'UTC', '2023-01-10', '2023-01-10', "
        "'in person', false), ('cmpb', 'Edition B', 'UTC', '2024-01-10', '2024-01-10', "
        "'in person', false)"
    )
    for event, stem in (("cmpa", "compare_a"), ("cmpb", "compare_b")):
        for kind in ("registrations", "checkin"):
            result = import_path(con, FIXTURES / f"{stem}_{kind}.csv", event)
            assert result.status == "imported", result
    yield con
    con.close()


def run(con, name, selection=NO_FILTER, basis="attendees"):
    return queries.run(con, name, selection, event_a="cmpa", event_b="cmpb", basis=basis)


def test_checkin_lists_are_detected_from_content():
    for stem in ("compare_a", "compare_b"):
        text = (FIXTURES / f"{stem}_checkin.csv").read_text(encoding="utf-8")
        assert formats.detect_format(text) == "checkin_list"
    registrations = (FIXTURES / "compare_a_registrations.csv").read_text(encoding="utf-8")
    assert formats.detect_format(registrations) == "indico_registrations"


def test_kpis_side_by_side(editions):
    k = run(editions, "compare_kpis").set_index("edition")
    assert k.loc["a"].to_dict() == {
        "event_id": "cmpa",
        "registrants": 5,  # Eve withdrew
        "attendees": 4,
        "people": 4,
        "member_states": 3,  # Kenya, France, China; Greenland is not a Member State
        "member_states_total": 194,
        "other_territories": 1,
        "who_regions": 3,  # AFR, EUR, WPR
    }
    assert k.loc["b"].to_dict() == {
        "event_id": "cmpb",
        "registrants": 4,
        "attendees": 3,  # Hal's two scans are one person
        "people": 3,
        "member_states": 3,  # Kenya, Ghana, India
        "member_states_total": 194,
        "other_territories": 0,
        "who_regions": 2,  # AFR, SEAR
    }


def statuses(frame) -> dict[str, list[str]]:
    return {s: sorted(frame[frame["status"] == s]["iso3"]) for s in sorted(set(frame["status"]))}


def test_member_states_new_returning_lost(editions):
    attendees = run(editions, "compare_member_states")
    assert statuses(attendees) == {
        "lost": ["CHN", "FRA"],
        "new": ["GHA", "IND"],
        "returning": ["KEN"],
    }
    kenya = attendees.set_index("iso3").loc["KEN"]
    assert (kenya.people_a, kenya.people_b) == (1, 1)  # Ana both times (Gus is from Ghana)
    registrants = run(editions, "compare_member_states", basis="registrants")
    assert statuses(registrants) == {
        "lost": ["BRA", "CHN"],  # Dia registered for A only; Eve's withdrawal does not count
        "new": ["GHA", "IND"],
        "returning": ["FRA", "KEN"],  # Ivy registered for B from France
    }


def test_member_states_follow_the_region_filter(editions):
    afr = queries.Selection("cmpa", regions=("AFR",))
    k = run(editions, "compare_kpis", afr).set_index("edition")
    assert list(k["member_states"]) == [1, 2]
    assert list(k["member_states_total"]) == [47, 47]
    assert statuses(run(editions, "compare_member_states", afr)) == {
        "new": ["GHA"],
        "returning": ["KEN"],
    }


def shares(frame, group) -> dict:
    return {
        (r.edition, getattr(r, group)): (
            r.people,
            None if r.share != r.share else round(r.share, 4),
        )
        for r in frame.itertuples()
    }


def test_regions_stakeholders_gender(editions):
    assert shares(run(editions, "compare_regions"), "region") == {
        ("a", "EUR"): (2, 0.5),  # Ben, and Fay (Greenland lies in the European Region)
        ("a", "AFR"): (1, 0.25),
        ("a", "WPR"): (1, 0.25),
        ("b", "AFR"): (2, 0.6667),
        ("b", "SEAR"): (1, 0.3333),
    }
    assert shares(run(editions, "compare_stakeholders"), "stakeholder") == {
        ("a", "academia"): (1, 0.25),
        ("a", "government"): (1, 0.25),
        ("a", "media"): (1, 0.25),
        ("a", "private_sector"): (1, 0.25),
        ("b", "academia"): (1, 0.3333),
        ("b", "government"): (1, 0.3333),
        ("b", "private_sector"): (1, 0.3333),
    }
    assert shares(run(editions, "compare_genders"), "gender") == {
        ("a", "female"): (3, 0.75),
        ("a", "male"): (1, 0.25),
        ("b", "male"): (2, 0.6667),
        ("b", "female"): (1, 0.3333),
    }
    registrants = run(editions, "compare_genders", basis="registrants")
    assert shares(registrants, "gender") == {
        ("a", "female"): (3, 0.6),  # Dia (no-show) registered, saying she prefers not to say
        ("a", "male"): (1, 0.2),
        ("a", "prefer_not_to_say"): (1, 0.2),
        ("b", "male"): (2, 0.6667),
        ("b", "female"): (1, 0.3333),
        ("b", "unknown"): (1, None),  # Ivy left the question blank
    }


# -- the demo editions -------------------------------------------------------------------------
def test_editions_are_deterministic_and_committed(tmp_path):
    fresh = demo.generate_editions(tmp_path / "one")
    again = demo.generate_editions(tmp_path / "two")
    assert [p.name for p in fresh] == [p.name for p in again]
    for a, b in zip(fresh, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        committed = db.DATA / "demo" / a.name
        assert committed.read_bytes() == a.read_bytes(), f"{a.name} drifted: run `demo`"


def test_demo_2025_hits_the_published_totals(demo_db):
    con = db.connect(demo_db, read_only=True)
    try:
        k = queries.run(con, "kpis", queries.Selection("wlpf2025"), basis="attendees").iloc[0]
        assert (k.attendees, k.member_states, k.countries) == (4077, 141, 141)
        assert k.other_territories == 0
        k23 = queries.run(con, "kpis", queries.Selection("wlpf2023"), basis="attendees").iloc[0]
        assert k23.attendees == 864  # "800+ delegates"
        # People come back: the same e-mail is the same person key in every edition.
        both = con.execute(
            "select count(*) from (select person_key from v_attendance where event_id = "
            "'wlpf2021' intersect select person_key from v_attendance where event_id = 'wlpf2025')"
        ).fetchall()[0][0]
        assert both > 300
        events = queries.run(con, "events", None)
        assert events["event_id"].iloc[0] == "wlpf2021"  # the default event stays 2021
    finally:
        con.close()


def test_compare_page_on_the_demo(demo_db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert at.sidebar.selectbox(key="event").value == "wlpf2021"
    assert demo.DEMO_NOTE in [i.value for i in at.sidebar.info]
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="cmp_b").set_value("wlpf2025").run()
    assert not at.exception, at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Attendees (participants)"] == "4,077"
    assert values["Member States reached"] == "141 of 194"
    captions = [c.value for c in at.caption]
    assert any(demo.DEMO_NOTES["wlpf2025"] in c for c in captions)
    # Chosen in the sidebar, a later edition shows its own synthetic note on every page.
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["event"] = "wlpf2023"
    at.run()
    assert not at.exception, at.exception
    assert demo.DEMO_NOTES["wlpf2023"] in [i.value for i in at.sidebar.info]
    assert any(demo.DEMO_NOTES["wlpf2023"] in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Unique attendees"] == "864"
    st.cache_resource.clear()
