"""Every participant of the demo and of the vendor samples has a country or a stated reason,
and a stakeholder type (or an honest 'unknown') with the rule that decided it."""

from __future__ import annotations

from conftest import SAMPLES

from engagement import db, ingest


def check_profiles(con) -> int:
    rows = con.execute(
        "select iso3, country_reason, stakeholder, stakeholder_rule from v_person_profile"
    ).fetchall()
    assert rows
    for iso3, reason, stakeholder, rule in rows:
        assert (iso3 is None) != (reason is None), (iso3, reason)
        assert stakeholder and rule
        assert (stakeholder == "unknown") == (rule == "none"), (stakeholder, rule)
    return len(rows)


def test_demo_people(demo_db):
    con = db.connect(demo_db)
    try:
        assert check_profiles(con) > 3000  # registrants plus hosts and panelists
        reasons = dict(
            con.execute(
                "select country_reason, count(*) from v_person_profile "
                "where country_reason is not null group by all"
            ).fetchall()
        )
        assert set(reasons) <= {
            "ambiguous",
            "region",
            "city",
            "not a country",
            "empty",
            "unknown",
            "no country given",
        }
    finally:
        con.close()


def test_sample_people(tmp_path):
    con = db.connect(tmp_path / "samples.duckdb")
    for path in sorted(SAMPLES.glob("*.csv")):
        result = ingest.import_file(con, ingest.ImportRequest.from_path(path, "samples", "UTC"))
        assert result.status == "imported", result
    assert check_profiles(con) > 900
    con.close()
