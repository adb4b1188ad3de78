"""Answers read by the typo rule, through the real import: the lookup keeps the rule as its
reason, the Review page's query lists them, and each distinct answer is resolved once."""

from __future__ import annotations

from conftest import FIXTURES, import_path

from engagement import queries

EVENT = (
    "insert into events values ('testconf', 'Test Conference', 'Europe/Zurich', "
    "'2021-06-21', '2021-06-22', 'virtual', false)"
)
# Ana and Bo typed the same typo, Chidi an answer no rule reads, Emre East Germany.
TYPED = {"Brazil": "Phillipines", "China": "Phillipines", "Nigeria": "Keyna",
         "Türkiye": "East Germany"}  # fmt: skip


def _registration_with_typos(tmp_path):
    text = (FIXTURES / "testconf_a_registration.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        for declared, typed in TYPED.items():
            if f",approved,{declared}," in line:
                lines[i] = line.replace(f",approved,{declared},", f",approved,{typed},")
    path = tmp_path / "registration.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_typo_answers_are_listed_with_their_rule(empty_db, tmp_path):
    empty_db.execute(EVENT)
    result = import_path(empty_db, _registration_with_typos(tmp_path), "testconf")
    assert result.status == "imported", result
    # One lookup row per distinct answer: the resolver ran once for each.
    (distinct,) = empty_db.execute(
        "select count(distinct country_raw) from registrations where trim(country_raw) <> ''"
    ).fetchone()
    assert empty_db.execute("select count(*) from country_lookup").fetchone() == (distinct,)
    lookup = dict(empty_db.execute("select raw, reason from country_lookup").fetchall())
    assert lookup["Phillipines"] == "typo:Philippines"
    assert lookup["Keyna"] == "unknown"
    assert lookup["East Germany"] == "region"
    typos = queries.run(empty_db, "typo_countries", event_id="testconf")
    assert typos.to_dict("records") == [
        {"raw": "Phillipines", "iso3": "PHL", "rule": "typo:Philippines", "people": 2}
    ]
    unresolved = queries.run(empty_db, "unresolved_countries", event_id="testconf")
    assert set(unresolved["raw"]) == {"Keyna", "East Germany"}


def test_review_page_shows_typo_answers(tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from engagement import db

    path = tmp_path / "typos.duckdb"
    con = db.connect(path)
    try:
        con.execute(EVENT)
        assert import_path(con, _registration_with_typos(tmp_path), "testconf").status == (
            "imported"
        )
    finally:
        con.close()
    monkeypatch.setenv("ENGAGEMENT_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=60).run()
        at = at.switch_page("pages/review.py").run()
        assert not at.exception, at.exception
        assert "Country answers read as typos" in [m.value.strip("# ") for m in at.markdown]
        shown = [d.value for d in at.dataframe]
        typo_table = next(t for t in shown if "country" in t.columns)
        assert typo_table.to_dict("records") == [
            {"raw": "Phillipines", "country": "Philippines", "people": 2}
        ]
    finally:
        st.cache_resource.clear()
