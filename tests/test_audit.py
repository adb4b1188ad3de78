"""Every data-changing action leaves one audit entry, written with the action, with counts and
ids but never a participant's name or e-mail."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from helpers import table_checksums

from engagement import attended, audit, ingest, overrides, programme, queries, settings
from engagement.model import BadFileError

ORGANIZER = audit.Actor("org@who.int", "organizer")
# Every e-mail and name in the Test Conference files: none may reach the audit log.
PERSONAL = ("silva", "chen", "okafor", "smith", "kaya", "diop", "host@", "panel", "gil", "@example")


def entries(con) -> list[dict]:
    table = audit.entries(con)
    rows = table.to_dict("records")
    for row in rows:
        row["detail"] = json.loads(row["detail"]) if row["detail"] else {}
    return rows


def assert_no_personal_data(con) -> None:
    text = audit.entries(con).to_csv(index=False).lower()
    found = [word for word in PERSONAL if word in text]
    assert found == [], text


def test_imports_are_audited_with_their_counts(testconf_db):
    rows = entries(testconf_db)
    assert [(r["action"], r["actor"], r["role"]) for r in rows] == [("import", "cli", "admin")] * 3
    newest_first = [r["target"] for r in rows]
    assert newest_first == [
        "testconf_b_attendee.csv",
        "testconf_a_attendee.csv",
        "testconf_a_registration.csv",
    ]
    reg = rows[2]["detail"]
    # the registration report: 6 rows, 5 active registrants (Dana cancelled), no attendance
    assert (reg["rows_read"], reg["registrants"], reg["attendees"], reg["segments"]) == (6, 5, 0, 0)
    assert reg["import_id"] == 1 and reg["event_id"] == "testconf"
    assert_no_personal_data(testconf_db)


def test_an_import_through_the_data_page_door_names_its_actor(testconf_db, tmp_path):
    request = ingest.ImportRequest.from_path(
        FIXTURES / "testconf_a_registration.csv", "other", "UTC", actor=ORGANIZER
    )
    prep = ingest.prepare(testconf_db, request)
    result = ingest.commit(testconf_db, prep, actor=ORGANIZER)
    newest = entries(testconf_db)[0]
    assert (newest["actor"], newest["role"], newest["action"]) == (
        "org@who.int",
        "organizer",
        "import",
    )
    assert newest["detail"]["import_id"] == result.import_id == 4
    # the same file again changes nothing, so nothing is audited
    before = table_checksums(testconf_db)
    again = ingest.import_file(testconf_db, request)
    assert again.status == "already_imported"
    assert table_checksums(testconf_db) == before


def test_remove_move_override_programme_and_setting_are_audited(testconf_db):
    con = testconf_db
    ids = dict(
        con.execute("select file_name, import_id from imports order by import_id").fetchall()
    )
    sessions = queries.run(con, "sessions_list", event_id="testconf")
    plenary = int(sessions.loc[sessions["title"] == "Opening plenary", "session_id"].iloc[0])
    ingest.move_import(con, ids["testconf_b_attendee.csv"], plenary, actor=ORGANIZER)
    assert ingest.remove_import(con, ids["testconf_a_attendee.csv"], actor=ORGANIZER)
    overrides.set_override(con, "country", "USA", "USA", actor=ORGANIZER)
    overrides.import_csv(
        con, b"kind,raw_key,value\ncountry,turkey,TUR\norganization,x ltd,academia\n", {}, ORGANIZER
    )
    programme.save(
        con, "testconf", "Europe/Zurich", programme.current(con, "testconf"), False, ORGANIZER
    )
    settings.put(con, ORGANIZER, "suppression_k", 7)
    rows = entries(con)[:6]
    assert [r["action"] for r in rows] == [
        "setting",
        "programme",
        "overrides_upload",
        "override",
        "remove",
        "move",
    ]
    assert {r["actor"] for r in rows} == {"org@who.int"}
    setting, prog, upload, override, remove, move = (r["detail"] for r in rows)
    assert setting == {"value": 7} and prog == {"sessions": 2}
    assert upload == {"rows": {"country": 1, "organization": 1}}
    assert override == {"raw": "usa", "value": "USA"}
    # testconf_a_attendee.csv: 6 registrants' rows; host, panelist, Ana's three presences, the
    # note-taker bot, Chidi and Emre make 8 segments
    stored = (remove["registrations"], remove["segments"], remove["rejected_rows"])
    assert rows[4]["target"] == "testconf_a_attendee.csv"
    assert stored == (6, 8, 0)
    assert move == {"import_id": 3, "event_id": "testconf", "session_id": plenary}
    assert_no_personal_data(con)


def test_a_refused_action_leaves_no_audit_entry(testconf_db):
    before = table_checksums(testconf_db)
    with pytest.raises(BadFileError):
        ingest.move_import(testconf_db, 999, 1, actor=ORGANIZER)
    with pytest.raises(BadFileError):
        overrides.import_csv(testconf_db, b"kind,raw_key,value\ncolour,a,b\n", {}, ORGANIZER)
    assert ingest.remove_import(testconf_db, 999, actor=ORGANIZER) is False
    assert table_checksums(testconf_db) == before


def test_a_scripted_session_leaves_one_entry_per_action(testconf_db, tmp_path):
    """Every data-changing action of the audit vocabulary, in a row, each logged once by its
    actor (downloads, sign-ins and refusals are logged by the pages that do them)."""
    from datetime import date

    from engagement import db, privacy

    con = testconf_db
    sessions = queries.run(con, "sessions_list", event_id="testconf")
    plenary = int(sessions.loc[sessions["title"] == "Opening plenary", "session_id"].iloc[0])
    ingest.move_import(con, 3, plenary, actor=ORGANIZER)
    ingest.remove_import(con, 2, actor=ORGANIZER)
    overrides.set_override(con, "country", "USA", "USA", actor=ORGANIZER)
    overrides.import_csv(con, b"kind,raw_key,value\ncountry,turkey,TUR\n", {}, ORGANIZER)
    programme.save(
        con, "testconf", "Europe/Zurich", programme.current(con, "testconf"), False, ORGANIZER
    )
    admin = audit.Actor("admin@who.int", "admin")
    settings.put(con, admin, "retention_days", 30)
    attended.put(con, ORGANIZER, "testconf", "minutes", 10)
    privacy.erase_person(con, admin, "bo.chen@uni.edu.example")
    privacy.apply_retention(con, admin, date(2026, 12, 3))
    con.close()
    con = db.connect(tmp_path / "testconf.duckdb")
    try:
        rows = entries(con)
    finally:
        con.close()
    done = [r["action"] for r in rows]
    expected = set(audit.ACTIONS) - {"download", "sign_in", "refused"}
    assert sorted(done) == sorted([*expected, "import", "import"])  # three imports in all
    assert {r["actor"] for r in rows if r["action"] != "import"} == {
        "org@who.int",
        "admin@who.int",
    }
