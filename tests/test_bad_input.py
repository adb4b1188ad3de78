"""A corpus of broken and wrong files: each fails with a sentence for the uploader, changes nothing.

Every file is built in code (bytes), so the corpus documents exactly what is wrong with each one.
Each goes through the engine (`ingest.import_file`) and, all together, through the command line
in one call; the database already holds an imported sample and must come out byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from helpers import table_checksums

from engagement import db, ingest
from engagement.model import BadFileError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"
EVENT = "samples"
TZ = "UTC"
ALREADY_THERE = "teams_meeting_attendance_v2_utf16_14.csv"

# Text that would mean a crash leaked through instead of a sentence for a person.
LEAK = re.compile(r"Traceback|Error:|\b[A-Z]\w*(?:Error|Exception)\b|File \"|line \d+, in ")
# Every message says what to do: one of these verbs must appear.
REMEDY = re.compile(
    r"\b(download|upload|open|save|export|map|split|check|fix|remove|use)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Bad:
    name: str
    data: bytes
    says: tuple[str, ...]  # phrases the error must contain (case-insensitive)


def _sample_text(name: str) -> str:
    data = (SAMPLES / name).read_bytes()
    return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for member, text in members.items():
            zf.writestr(member, text)
    return buf.getvalue()


def _xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


ZOOM_ATT = _sample_text("zoom_webinar_attendee_2.csv")
ZOOM_REG = _sample_text("zoom_webinar_registration_1.csv")
TEAMS_V1B = _sample_text("teams_meeting_attendance_v1b_utf16le_3.csv")
ZOOM_MEETING_HEADER = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"
)
ZOOM_MEETING = _sample_text("zoom_meeting_participants_detail_1.csv").replace("\r\n", "\n")


def _zoom_unreadable_join_times() -> bytes:
    """Every Join Time garbled (4th of 8 host/panelist fields, 8th of 12/13 attendee fields),
    the "--" of people who did not attend included: not one row can be read."""
    out = []
    for line in ZOOM_ATT.split("\n"):
        cells = next(csv.reader([line]), [])
        if cells and cells[0] in ("Yes", "No"):
            cells[3 if len(cells) == 8 else 7] = "Apr 01, 2026 25:61:99"
            line = ",".join(f'"{c}"' if "," in c else c for c in cells)
        out.append(line)
    return "\n".join(out).encode("utf-8-sig")


def _teams_garbled_dates() -> bytes:
    lines = TEAMS_V1B.split("\n")
    head = lines.index(next(line for line in lines if line.startswith("Full Name\t")))
    garbled = [lines[: head + 1]]
    for line in lines[head + 1 :]:
        cells = line.split("\t")
        if len(cells) > 3:
            cells[1], cells[2] = "yesterday-ish", "##########"
        garbled.append(["\t".join(cells)])
    return "\n".join(sum(garbled, [])).encode("utf-16")


def _registration_bad_status() -> bytes:
    text = re.sub(r",(approved|cancelled by self),\n", ",maybe later,\n", ZOOM_REG)
    assert "approved" not in text.split("Attendee Details")[1]
    return text.encode("utf-8-sig")


def _zoom_cut(after: str) -> bytes:
    """The Zoom attendee report as a download that stopped right after ``after``."""
    return ZOOM_ATT[: ZOOM_ATT.index(after) + len(after)].encode("utf-8-sig")


def _meeting_leave_before_join() -> bytes:
    """The Zoom meeting export with Join and Leave Time swapped on every row (the 6 rows that
    join and leave within the same second dropped: swapped, they would still be readable)."""
    lines = ZOOM_MEETING.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        if len(cells) == 6 and cells[2] != cells[3]:
            cells[2], cells[3] = cells[3], cells[2]
            out.append(",".join(cells))
    return "\n".join(out).encode("utf-8-sig")


def _mixed_encodings() -> bytes:
    # A Teams report (UTF-16) with a line of UTF-8 text pasted at the end. (When the pasted
    # bytes happen to be even in number they decode as CJK noise: one rejected row, the rest
    # imports. Odd, as here, the file cannot be UTF-16 and is refused.)
    data = TEAMS_V1B.encode("utf-16") + "Ünïcode tail, pasted as UTF-8!\n".encode()
    assert len(data) % 2 == 1
    return data


def _utf16_garbage() -> bytes:
    # UTF-16 LE with a lone low surrogate (0xDC00) in the middle of the text: undecodable.
    body = "Meeting Summary\nTotal Number of Participants\t3\n".encode("utf-16-le")
    return b"\xff\xfe" + body + b"\x00\xdc" + "Full Name\tJoin Time\n".encode("utf-16-le")


CORPUS = [
    Bad("empty.csv", b"", ("empty",)),
    Bad("whitespace.csv", b" \r\n\t \n\n   ", ("empty",)),
    Bad("bom_only.csv", b"\xef\xbb\xbf", ("empty",)),
    Bad("blank_utf16.csv", " \n\t\n".encode("utf-16"), ("blank",)),
    Bad("report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n", ("PDF",)),
    Bad("attendees.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ("PNG image",)),
    Bad("photo.csv", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), ("JPEG image",)),
    Bad("noise.csv", random.Random(7).randbytes(4096), ("not",)),
    Bad("export.csv.gz", b"\x1f\x8b\x08\x00" + bytes(40), ("gzip",)),
    Bad("reports.zip", _zip({"report.csv": "a,b\n1,2\n"}), ("zip archive", "extract")),
    Bad("notes.docx", _zip({"word/document.xml": "<w:document/>"}), ("Word document",)),
    Bad("broken.xlsx", b"PK\x03\x04 this zip stops here", ("damaged",)),
    Bad("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), (".xls", "save it as")),
    Bad(
        "locked.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
        ("password",),
    ),
    Bad("cut.csv", TEAMS_V1B.encode("utf-16")[:-1], ("odd number of bytes", "again")),
    Bad("garbage16.csv", _utf16_garbage(), ("cannot be decoded",)),
    Bad("pasted.csv", _mixed_encodings(), ("UTF-16",)),
    Bad("fruit.csv", b"Fruit,Colour,Price\napple,red,1\npear,green,2\n", ("not a layout",)),
    Bad(
        "fruit.xlsx",
        _xlsx([["Fruit", "Colour"], ["apple", "red"], ["pear", "green"]]),
        ("not a layout",),
    ),
    Bad("empty_sheet.xlsx", _xlsx([]), ("empty",)),
    Bad("zoom_title.csv", "\ufeffAttendee Report,\n".encode(), ("Attendee Details",)),
    Bad(
        "zoom_cut_summary.csv",
        _zoom_cut("Topic,Webinar ID,Actual St"),
        ("Attendee Details",),
    ),
    Bad(
        "zoom_cut_host.csv",
        _zoom_cut("Host Details,\nAttended,User Na"),
        ("Host Details", "cut off"),
    ),
    Bad("teams_dates.csv", _teams_garbled_dates(), ("no row could be read", "join time")),
    Bad("zoom_join.csv", _zoom_unreadable_join_times(), ("no row could be read", "Join Time")),
    Bad("backwards.csv", _meeting_leave_before_join(), ("no row could be read", "before")),
    Bad("zoom_status.csv", _registration_bad_status(), ("no row could be read", "maybe later")),
    Bad("header_only.csv", (ZOOM_MEETING_HEADER + "\n").encode(), ("no data rows",)),
    Bad(
        "teams_header_only.csv",
        "Full Name\tUser Action\tTimestamp\n".encode("utf-16"),
        ("no data rows",),
    ),
    Bad(
        "error.csv",
        b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
        b"<body><h1>Bad Gateway</h1></body></html>\n",
        ("web page",),
    ),
    Bad("api.csv", b'{"error": "invalid_token", "rows": []}\n', ("not a layout",)),
    Bad("feed.csv", b'<?xml version="1.0"?>\n<attendees><a name="x"/></attendees>\n', ("XML",)),
    Bad("nul.csv", b"Name,Email\nAna\x00Lima,ana@example.org\n", ("not a layout",)),
    Bad("letter.csv", b"{\\rtf1\\ansi Attendees: Ana, Bo}\n", ("Rich Text",)),
    Bad("long.csv", ("x" * 1_000_000 + ",y\n").encode(), ("not a layout",)),
    Bad(
        "nobody.csv",
        (
            ZOOM_MEETING_HEADER
            + "\n"
            + ",,05/24/2021 09:22:45 AM,05/24/2021 09:23:13 AM,1,Yes\n" * 5
        ).encode(),
        ("no row could be read", "neither an e-mail nor a name"),
    ),
]


def test_corpus_cases_are_distinct():
    assert len({b.name for b in CORPUS}) == len(CORPUS)
    assert len({b.data for b in CORPUS}) == len(CORPUS)


def assert_sentence(bad: Bad, error: str | None) -> None:
    """A sentence for a person: the expected phrases, what to do, no crash text."""
    assert error, f"{bad.name}: no error message"
    assert not LEAK.search(error), f"{bad.name}: {error}"
    problems = [f"lacks {p!r}" for p in bad.says if p.lower() not in error.lower()]
    if not REMEDY.search(error):
        problems.append("says what is wrong but not what to do")
    if len(error) >= 600:
        problems.append("too long for a person to read")
    assert not problems, f"{bad.name}: {', '.join(problems)}: {error}"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A database that already holds an imported sample (so nothing imported may be lost)."""
    path = tmp_path_factory.mktemp("bad") / "bad.duckdb"
    con = db.connect(path)
    data = (SAMPLES / ALREADY_THERE).read_bytes()
    assert ingest.import_file(con, data, ALREADY_THERE, EVENT, TZ).status == "imported"
    con.close()
    return path


@pytest.mark.parametrize("bad", CORPUS, ids=[b.name for b in CORPUS])
def test_engine_fails_with_a_sentence_and_changes_nothing(loaded, bad):
    con = db.connect(loaded)
    try:
        before = table_checksums(con)
        result = ingest.import_file(con, bad.data, bad.name, EVENT, TZ)
        assert result.status == "failed", result
        assert_sentence(bad, result.error)
        assert table_checksums(con) == before
        # the Data page's preview raises the same sentence, and only BadFileError
        with pytest.raises(BadFileError) as err:
            ingest.prepare(con, bad.data, bad.name, EVENT, TZ)
        assert str(err.value) == result.error
    finally:
        con.close()


def test_over_the_size_limit(loaded):
    con = db.connect(loaded)
    try:
        before = table_checksums(con)
        data = (SAMPLES / "zoom_meeting_participants_unique_1.csv").read_bytes()
        result = ingest.import_file(con, data, "big.csv", EVENT, TZ, max_bytes=1000)
        assert result.status == "failed"
        assert_sentence(Bad("big.csv", data, ("upload limit", "split")), result.error)
        assert table_checksums(con) == before
        # the same file within the limit imports (the limit is what failed it)
        ok = ingest.import_file(con, data, "small.csv", EVENT, TZ, max_bytes=len(data))
        assert ok.status == "imported", ok.error
    finally:
        con.close()


def test_cli_fails_every_file_in_one_call(loaded, tmp_path):
    database = tmp_path / "copy.duckdb"
    shutil.copyfile(loaded, database)
    con = db.connect(database)
    before = table_checksums(con)
    con.close()
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = []
    for bad in CORPUS:
        (folder / bad.name).write_bytes(bad.data)
        paths.append(str(folder / bad.name))
    paths.append(str(folder / "missing.csv"))
    proc = subprocess.run(
        [sys.executable, "-m", "engagement", "ingest", *paths, "--json", "--db", str(database)]
        + ["--event", EVENT, "--tz", TZ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(paths), proc.stdout
    objects = [json.loads(line) for line in lines]
    for bad, obj in zip(CORPUS, objects, strict=False):
        assert obj["file"] == bad.name
        assert obj["status"] == "failed"
        assert set(obj) >= {"format", "encoding", "rows_read", "rows_rejected", "error"}
        assert_sentence(bad, obj["error"])
        assert not LEAK.search(obj["error"]), obj
    assert objects[-1]["status"] == "failed" and "No such file" in objects[-1]["error"]
    con = db.connect(database)
    try:
        assert table_checksums(con) == before
    finally:
        con.close()


def test_zoom_report_cut_inside_the_attendee_header_fails(loaded):
    con = db.connect(loaded)
    try:
        before = table_checksums(con)
        data = _zoom_cut("Attendee Details,\nAttended,User Na")
        result = ingest.import_file(con, data, "zoom_cut_attendees.csv", EVENT, TZ)
        assert result.status == "failed", result
        assert table_checksums(con) == before
    finally:
        con.close()
