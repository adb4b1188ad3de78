"""A read replica of the database file (README "Beyond one machine"): the writer publishes a copy
(COPY FROM DATABASE into a staging file, then an atomic rename) and a replica opens it read-only.
Checked here: the copy answers every named query exactly as the primary, refuses writes, a
replica already open keeps its snapshot, and once reopened sees the next publication."""

from __future__ import annotations

import os
import shutil

import duckdb
import pandas as pd
import pytest
from conftest import SAMPLES

from engagement import db, ingest, queries
from scripts.benchmark import synthetic_attendee_report

EVENT = "replica"


def publish(con, target) -> None:
    """A consistent copy of the writer's database at `target`, whole or not at all."""
    staging = f"{target}.staging"
    if os.path.exists(staging):
        os.remove(staging)
    # ATTACH takes no bound parameter; the path is ours (tmp_path), never a user's value.
    con.execute(f"attach '{staging}' as staging")
    try:
        con.execute("copy from database live to staging")
    finally:
        con.execute("detach staging")
    os.replace(staging, target)  # readers opening `target` see the old file or the new one


def figures(con, event_id: str) -> tuple[int, int]:
    k = queries.run(con, "kpis", queries.Selection(event_id), basis="attendees").iloc[0]
    return int(k.registrants), int(k.attendees)


def test_a_published_read_only_copy_serves_every_named_query(demo_db, tmp_path):
    shutil.copy(demo_db, tmp_path / "live.duckdb")
    con = db.connect(tmp_path / "live.duckdb")
    replica = tmp_path / "replica.duckdb"
    sample = SAMPLES / "zoom_webinar_attendee_2.csv"
    request = ingest.ImportRequest(sample.read_bytes(), sample.name, EVENT, "UTC")
    ingest.commit(con, ingest.prepare(con, request))
    publish(con, replica)

    reader = db.connect(replica, read_only=True)
    extras = dict(basis="attendees", import_id=1, session_id=1, event_a="wlpf2021")
    for event_id in ("wlpf2021", EVENT):
        selection = queries.Selection(event_id)
        for name in queries.names():
            expected = queries.run(con, name, selection, event_b=event_id, **extras)
            got = queries.run(reader, name, selection, event_b=event_id, **extras)
            pd.testing.assert_frame_equal(got, expected, obj=f"{name} on {event_id}")
    with pytest.raises(duckdb.Error, match="read-only"):
        reader.execute("delete from settings")

    # The next import is published; the replica already open keeps the snapshot it opened
    # (its file is unlinked, not rewritten). Within one process DuckDB hands a new connect()
    # the database already open, so a replica refreshes by closing it first (what
    # ui.reset_connection does); then it sees the import.
    report, _ = synthetic_attendee_report(2_000)
    request = ingest.ImportRequest(report, "big_attendee.csv", EVENT, "UTC")
    ingest.commit(con, ingest.prepare(con, request))
    publish(con, replica)
    assert figures(reader, EVENT) == (944, 142)
    same = db.connect(replica, read_only=True)
    assert figures(same, EVENT) == (944, 142)
    same.close()
    reader.close()
    fresh = db.connect(replica, read_only=True)
    assert figures(fresh, EVENT) == figures(con, EVENT) == (2596, 1178)
    fresh.close()
    con.close()
