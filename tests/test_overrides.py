"""Organizer answers: applied to current rows and later imports, exported and re-imported."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import FIXTURES, import_path
from helpers import table_checksums

from engagement import db, ingest, overrides, queries
from engagement.model import BadFileError, UnknownLayout

ALL = queries.Selection("testconf")


def kpis(con, basis="attendees"):
    return queries.run(con, "kpis", ALL, basis=basis).iloc[0]


def test_country_override_applies_to_current_rows(testconf_db):
    assert kpis(testconf_db).member_states == 6
    overrides.set_override(testconf_db, "country", "  TÜRKIYE ", "-")  # key is trimmed, lower
    profile = testconf_db.execute(
        "select country_reason from v_person_profile p join person_pii using (person_key) "
        "where email = 'emre@example.net'"
    ).fetchall()
    assert profile == [("override",)]
    assert kpis(testconf_db).member_states == 5  # Emre's Türkiye no longer counts
    overrides.set_override(testconf_db, "country", "Türkiye", "CYP")
    by_country = queries.run(testconf_db, "participants_by_country", ALL, basis="attendees")
    assert "CYP" in set(by_country["iso3"]) and "TUR" not in set(by_country["iso3"])


def test_organization_override_and_future_imports(tmp_path):
    con = db.connect(tmp_path / "o.duckdb")
    con.execute(
        "insert into events values ('testconf', 'T', 'Europe/Zurich', null, null, 'x', false)"
    )
    db.load_programme(con, "testconf", "Europe/Zurich", FIXTURES / "testconf_programme.csv")
    overrides.set_override(con, "organization", "Universidade de Teste", "intergovernmental")
    import_path(con, FIXTURES / "testconf_b_attendee.csv", "testconf")  # after the override
    types = queries.run(con, "stakeholders", ALL, basis="attendees")
    got = dict(zip(types["stakeholder"], types["people"], strict=True))
    assert got["intergovernmental"] == 1  # Gil, by the stored answer, not by "Academia"
    rule = con.execute(
        "select stakeholder_rule from v_person_profile where stakeholder = 'intergovernmental'"
    ).fetchall()
    assert rule == [("override:organization",)]
    con.close()


def test_export_and_import_round_trip(testconf_db, tmp_path):
    overrides.set_override(testconf_db, "country", "USA", "USA")
    overrides.set_override(testconf_db, "organization", "Pharma Test Ltd", "academia")
    data = overrides.export_csv(testconf_db)
    other = db.connect(tmp_path / "other.duckdb")
    valid = {"country": {"USA", "-"}, "organization": {"academia"}, "org_type": set()}
    assert overrides.import_csv(other, data, valid) == 2
    assert overrides.export_csv(other) == data
    other.close()


def test_bad_overrides_file_changes_nothing(testconf_db):
    before = table_checksums(testconf_db)
    bad = b"kind,raw_key,value\ncountry,usa,USA\ncolour,red,blue\n"
    with pytest.raises(BadFileError, match="Line 3: unknown kind 'colour'"):
        overrides.import_csv(testconf_db, bad, {"country": {"USA"}})
    with pytest.raises(BadFileError, match="needs the columns"):
        overrides.import_csv(testconf_db, b"a,b\n1,2\n", {})
    assert table_checksums(testconf_db) == before


def test_move_import_to_another_session(testconf_db):
    sessions = queries.run(testconf_db, "sessions_list", event_id="testconf")
    ids = dict(zip(sessions["title"], sessions["session_id"], strict=True))
    b_import = testconf_db.execute(
        "select import_id from imports where file_name = 'testconf_b_attendee.csv'"
    ).fetchall()[0][0]
    ingest.move_import(testconf_db, b_import, int(ids["Opening plenary"]))
    overview = queries.run(testconf_db, "sessions_overview", ALL)
    assert list(overview["attendees"]) == [6, 0]  # Gil joins A; Ana and the host were there


def test_saved_column_profile_is_reused(empty_db):
    text = (
        "E-mail;Nom;Pays;Arrivée;Départ\n"
        "ana@x.example;Ana;Brésil;21/06/2021 13:00;21/06/2021 14:00\n"
    )
    mapping = {
        "email": "E-mail",
        "name": "Nom",
        "country": "Pays",
        "join_at": "Arrivée",
        "leave_at": "Départ",
    }
    # The Data page's door: an unknown layout offers its header, the organizer maps it and
    # names the profile, which is saved with the committed file.
    request = ingest.ImportRequest(text.encode(), "a.csv", "side", "UTC")
    with pytest.raises(UnknownLayout) as unknown:
        ingest.prepare(empty_db, request)
    prep = ingest.prepare(empty_db, replace(request, mapping=mapping))
    prep.profile = ingest.ColumnProfile("Side event export", unknown.value.header, mapping)
    first = ingest.commit(empty_db, prep)
    assert first.status == "imported" and first.format == "generic"
    second = text.replace("ana@x", "bo@x").replace("Ana", "Bo").encode()
    result = ingest.import_file(empty_db, ingest.ImportRequest(second, "b.csv", "side", "UTC"))
    assert result.status == "imported" and result.attendees == 1
    country = empty_db.execute(
        "select iso3 from v_person_profile where event_id = 'side'"
    ).fetchall()
    assert country == [("BRA",), ("BRA",)]  # "Brésil" resolved through the translations
