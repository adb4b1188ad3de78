"""`python -m engagement` as organizers run it: JSON lines, exit codes, the lock sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"
KEYS = {
    "file",
    "status",
    "format",
    "encoding",
    "rows_read",
    "rows_rejected",
    "registrants",
    "attendees",
    "segments",
    "sessions",
    "error",
}
# (file, format, encoding, rows read, registrants, attendees, segments), counted by hand:
BATCH = [
    # "3. In-Meeting activities": 7 rows, 7 people with e-mails; UTF-16 big-endian with BOM
    ("teams_meeting_attendance_v2_utf16_14.csv", "teams_attendance", "utf-16-be", 7, 0, 7, 7),
    # three "Attending" tickets, no attendance; plain UTF-8
    ("eventbrite_attendee_1.csv", "eventbrite_attendees", "utf-8", 3, 3, 0, 0),
    # 30 unique-user rows, 30 e-mails, one segment each; ASCII (read as UTF-8)
    ("zoom_meeting_participants_unique_1.csv", "zoom_meeting_participants", "utf-8", 30, 0, 30, 30),
]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engagement", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def ingest(db: Path, *files: str, json_lines: bool = True) -> subprocess.CompletedProcess:
    args = ["ingest", *files, "--db", str(db), "--event", "samples", "--tz", "UTC"]
    return run(*args, *(["--json"] if json_lines else []))


def objects(proc: subprocess.CompletedProcess) -> list[dict]:
    assert "Traceback" not in proc.stderr, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cli") / "cli.duckdb"


def test_ingest_json_one_object_per_file(database):
    proc = ingest(database, *(str(SAMPLES / b[0]) for b in BATCH))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    found = objects(proc)
    assert len(found) == len(BATCH)
    for obj, (name, fmt, enc, rows, regs, att, segs) in zip(found, BATCH, strict=True):
        assert KEYS <= set(obj)
        assert (obj["file"], obj["status"], obj["format"], obj["encoding"]) == (
            name,
            "imported",
            fmt,
            enc,
        )
        assert (obj["rows_read"], obj["rows_rejected"]) == (rows, 0)
        assert (obj["registrants"], obj["attendees"], obj["segments"]) == (regs, att, segs)
        assert obj["error"] is None
        assert len(obj["sessions"]) == 1
    assert found[1]["sessions"][0]["match"] == "event-level"


def test_exit_code_one_when_any_file_failed(database, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    proc = ingest(database, str(SAMPLES / BATCH[0][0]), str(empty), str(SAMPLES / BATCH[1][0]))
    assert proc.returncode == 1
    found = objects(proc)
    assert [o["status"] for o in found] == ["already_imported", "failed", "already_imported"]
    assert all(KEYS <= set(o) for o in found)
    assert "empty" in found[1]["error"] and "Download the report again" in found[1]["error"]


def test_human_output_and_exit_zero_when_already_imported(database):
    proc = ingest(database, str(SAMPLES / BATCH[0][0]), json_lines=False)
    assert proc.returncode == 0
    assert proc.stdout.startswith(f"{BATCH[0][0]}: already imported (import #1); nothing changed")


def test_database_in_use_by_the_dashboard(tmp_path):
    path = tmp_path / "busy.duckdb"
    holder = duckdb.connect(str(path))  # a writer, as the running dashboard holds it
    try:
        proc = ingest(path, str(SAMPLES / BATCH[1][0]))
    finally:
        holder.close()
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr
    assert "is in use by another program (most likely the running dashboard" in proc.stderr
    assert "Data page" in proc.stderr
    assert proc.stdout == ""


def test_an_export_given_as_the_database_is_refused(tmp_path):
    export = tmp_path / "export.csv"
    export.write_bytes((SAMPLES / BATCH[1][0]).read_bytes())
    proc = ingest(export, str(SAMPLES / BATCH[1][0]))
    assert proc.returncode == 2
    assert "is not a DuckDB database file" in proc.stderr and "Traceback" not in proc.stderr
    assert export.read_bytes() == (SAMPLES / BATCH[1][0]).read_bytes()


def test_no_event_in_a_fresh_database(tmp_path):
    """Without --event, real files never go into the demo event: the CLI creates one from the
    file (no topic in an Eventbrite list: named after the file), in UTC without --tz."""
    target = tmp_path / "new.duckdb"
    proc = run("ingest", str(SAMPLES / BATCH[1][0]), "--db", str(target), "--json")
    assert proc.returncode == 0, proc.stderr
    (obj,) = objects(proc)
    assert obj["status"] == "imported" and obj["registrants"] == 3
    assert proc.stderr.strip() == (
        'Created the event "eventbrite_attendee_1" (ID eventbrite-attendee-1, time zone UTC) '
        "from the first file; import more files into it with --event eventbrite-attendee-1."
    )
    with duckdb.connect(str(target), read_only=True) as con:
        events = "select event_id, name, timezone from events where not is_demo"
        assert con.execute(events).fetchall() == [
            ("eventbrite-attendee-1", "eventbrite_attendee_1", "UTC")
        ]


def test_countries_from_stdin_in_order():
    lines = ["Switzerland", "Kenya", "Brasil", "", "Atlantis", "Côte d'Ivoire", "USA"]
    proc = run("countries", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Switzerland\tCHE",
        "Kenya\tKEN",
        "Brasil\tBRA",
        "\t",
        "Atlantis\t",  # unresolved: empty code
        "Côte d'Ivoire\tCIV",
        "USA\tUSA",
    ]
