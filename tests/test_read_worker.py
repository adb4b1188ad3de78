"""An upload is read in a worker process (issue 11 item 4): the same rows and figures as read in
the app's own process; a worker killed mid-parse, out of time or out of memory gives the
organizer a sentence and leaves the database unchanged. Real worker processes, real files."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from engagement import db, faults, ingest
from engagement.ingest import pipeline, uploads, worker
from engagement.model import BadFileError, UnknownLayout
from scripts.load_viewers import EVENT, kpis

SAMPLES = db.ROOT / "tests" / "samples"
HOSTILE = db.ROOT / "tests" / "data" / "hostile"
ATT = "zoom_webinar_attendee_2.csv"
FILES = (ATT, "zoom_webinar_registration_1.csv", "teams_meeting_attendance_v2_utf16_14.csv")
TABLES = ("imports", "people", "person_pii", "registrations", "segments", "sessions", "audit_log")


@pytest.fixture
def con(tmp_path):
    con = db.connect(tmp_path / "worker.duckdb")
    event = "insert into events values ($e, 'Load', 'UTC', null, null, null, false)"
    con.execute(event, {"e": EVENT})
    yield con
    con.close()


def request(name: str, folder=SAMPLES) -> ingest.ImportRequest:
    return ingest.ImportRequest((folder / name).read_bytes(), name, EVENT, "UTC")


def counts(con) -> dict:
    # Table names are this module's constants, not input.
    return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # noqa: S608


@pytest.mark.parametrize("name", FILES)
def test_the_worker_reads_what_the_app_reads(name):
    here = pipeline.read_file(request(name), "UTC", {})
    there = worker.read_file(request(name), "UTC", {})
    for frame in ("registrations", "segments", "rejects"):
        pd.testing.assert_frame_equal(getattr(there, frame), getattr(here, frame))
    assert (there.tz, there.rows_read) == (here.tz, here.rows_read)
    assert (there.report.format, there.report.encoding, there.report.notes) == (
        here.report.format,
        here.report.encoding,
        here.report.notes,
    )
    assert there.report.meeting == here.report.meeting


def test_an_upload_through_the_worker_imports_the_same_figures(con):
    state, reads = {}, []

    def counted(*args):
        reads.append(args[0].file_name)
        return worker.read_file(*args)

    # Typing the new event's name (or choosing another event in the same zone) reads nothing
    # again: only the session match is made afresh.
    for name in ("Side events", "Side events 2026"):
        draft = ingest.EventDraft(name, "UTC")
        uploads.prepare_once(state, con, replace(request(ATT), new_event=draft), reader=counted)
    prep = uploads.prepare_once(state, con, request(ATT), reader=counted)
    assert reads == [ATT]
    assert uploads.figures_once(state, prep) is uploads.figures_once(state, prep)
    result = ingest.commit(con, prep)
    assert (result.status, result.rows_read, result.rows_rejected) == ("imported", 1077, 0)
    assert kpis(con) == (944, 142)  # the sample's Overview, as every in-process import gives


def test_a_worker_killed_mid_parse_gives_a_sentence_and_changes_nothing(con, monkeypatch):
    before = counts(con)
    state = {}
    monkeypatch.setenv(faults.ENV, "table-read")  # SIGKILL once the file's table is read
    with pytest.raises(worker.ReadStopped, match=f"Reading {ATT} stopped unexpectedly"):
        uploads.prepare_once(state, con, request(ATT))
    assert counts(con) == before
    monkeypatch.delenv(faults.ENV)
    # Not remembered as the file's fault: the same upload again is read and imports.
    ingest.commit(con, uploads.prepare_once(state, con, request(ATT)))
    assert kpis(con) == (944, 142)


def test_a_worker_out_of_time_or_memory_gives_a_sentence(con):
    before = counts(con)
    with pytest.raises(worker.ReadStopped, match=f"{ATT} took longer than 0.05 s to read"):
        pipeline.prepare(con, request(ATT), reader=lambda *a: worker.read_file(*a, timeout_s=0.05))
    small = 300 * 2**20  # under what pandas itself needs
    with pytest.raises(BadFileError, match=f"{ATT} needs more than the 0.3 GB of memory") as exc:
        worker.read_file(request(ATT), "UTC", {}, memory_bytes=small)
    assert not isinstance(exc.value, worker.ReadStopped)  # the file's own size: remembered
    assert counts(con) == before


def test_refusals_come_back_with_their_sentence_and_header():
    with pytest.raises(UnknownLayout) as unknown:
        worker.read_file(request("fruit.csv", HOSTILE), "UTC", {})
    assert unknown.value.header == ["Fruit", "Colour", "Price"]
    with pytest.raises(BadFileError, match="report.csv is a PDF document"):
        worker.read_file(request("report.csv", HOSTILE), "UTC", {})
