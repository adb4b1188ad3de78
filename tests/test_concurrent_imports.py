"""Two organizers committing at the same moment, and import ids from a sequence (issue 11)."""

from __future__ import annotations

import threading

from conftest import FIXTURES
from helpers import table_checksums

from engagement import audit, db, ingest, settings

EVENT = "testconf"
FILES = ("testconf_a_registration.csv", "testconf_a_attendee.csv", "testconf_b_attendee.csv")


def _new_db(path):
    con = db.connect(path)
    con.execute(
        "insert into events values ('testconf', 'Test Conference', 'Europe/Zurich', "
        "'2021-06-21', '2021-06-22', 'virtual', false)"
    )
    db.load_programme(con, EVENT, "Europe/Zurich", FIXTURES / "testconf_programme.csv")
    return con


def _prepared(con, name):
    return ingest.prepare(con, ingest.ImportRequest.from_path(FIXTURES / name, EVENT))


def _figures(con):
    return con.execute(
        "select (select count(*) from registrations), (select count(*) from segments), "
        "(select count(*) from people), (select count(*) from imports)"
    ).fetchall()[0]


def test_organizers_committing_at_once_both_succeed(tmp_path):
    # The same three files one after the other: the figures a concurrent run must give too.
    serial = _new_db(tmp_path / "serial.duckdb")
    for name in FILES:
        assert (
            ingest.import_file(
                serial, ingest.ImportRequest.from_path(FIXTURES / name, EVENT)
            ).status
            == "imported"
        )
    expected = _figures(serial)
    serial.close()

    con = _new_db(tmp_path / "together.duckdb")
    preps = [_prepared(con, name) for name in FILES]  # prepared first, like the Data page
    # One connection per organizer (the dashboard gives each session its own cursor).
    cursors = [db.connect(tmp_path / "together.duckdb") for _ in FILES]
    start = threading.Barrier(len(FILES))
    results, errors = {}, []

    def organizer(i):
        start.wait()
        try:
            results[i] = ingest.commit(cursors[i], preps[i])
        except Exception as exc:  # any exception is the failure this test is about
            errors.append(repr(exc))

    threads = [threading.Thread(target=organizer, args=(i,)) for i in range(len(FILES))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(r.status for r in results.values()) == ["imported"] * 3
    assert sorted(r.import_id for r in results.values()) == [1, 2, 3]
    assert _figures(con) == expected
    for c in cursors:
        c.close()
    con.close()


def test_an_existing_database_continues_after_its_largest_id(tmp_path):
    path = tmp_path / "old.duckdb"
    con = _new_db(path)
    for name in FILES[:2]:
        assert (
            ingest.import_file(con, ingest.ImportRequest.from_path(FIXTURES / name, EVENT)).status
            == "imported"
        )
    # As a database made before migration 6: no sequence, ids 1 and 2 taken.
    con.execute("drop sequence import_seq")
    con.execute("delete from schema_version where version = 6")
    con.close()
    con = db.connect(path)  # migrates: the sequence starts after max(import_id)
    try:
        assert db.schema_version(con) >= 6
        before = table_checksums(con)["imports"]
        result = ingest.import_file(con, ingest.ImportRequest.from_path(FIXTURES / FILES[2], EVENT))
        assert result.status == "imported" and result.import_id == 3
        assert before.startswith("2:")
        ids = [r[0] for r in con.execute("select import_id from imports order by 1").fetchall()]
        assert ids == [1, 2, 3]
    finally:
        con.close()


def test_every_writer_of_the_process_waits_for_the_open_write(tmp_path):
    # An organizer changes a setting while another's write is still open: the setting waits
    # for that transaction instead of conflicting with it, then lands.
    path = tmp_path / "turns.duckdb"
    _new_db(path).close()
    holder, setter = db.connect(path), db.connect(path)
    opened, release, done = threading.Event(), threading.Event(), threading.Event()
    errors = []

    def long_write():
        with db.transaction(holder):
            holder.execute("update events set name = 'Renamed' where event_id = $ev", {"ev": EVENT})
            opened.set()
            release.wait(30)

    def change_setting():
        try:
            settings.put(setter, audit.LOCAL, "suppression_k", 7)
        except Exception as exc:  # the conflict this test is about
            errors.append(repr(exc))
        done.set()

    first = threading.Thread(target=long_write)
    first.start()
    assert opened.wait(30)
    second = threading.Thread(target=change_setting)
    second.start()
    assert not done.wait(0.5)  # still waiting for its turn
    release.set()
    first.join(30)
    second.join(30)
    assert errors == [] and done.is_set()
    assert settings.suppression_k(setter) == 7
    assert db.first_row(setter, "select name from events where event_id = $ev", {"ev": EVENT}) == (
        "Renamed",
    )
    holder.close()
    setter.close()
