"""A large Zoom webinar report read in chunks, in bounded memory.

A 1,000,000-row attendee report is 210 MB of bytes; read whole it becomes a Python string of
twice that, a list of a million lines and whole-file frames (about 3 GB). Here the attendee
section is cut into chunks of CHUNK_ROWS records at record boundaries (never inside a quoted
value), each chunk is read exactly as a whole file is (pipeline._read_decoded: decode, parse,
UTC, rejects, classification) as a small file made of the report's head (title, summary,
the Attendee Details title and header) and the chunk's lines, its line numbers moved back
to the file's own, and its rows go to a staging database (ingest.staging) that the commit
inserts from. Rows, rejects, notes and figures are those of the whole-file read (tested
table by table in tests/test_stream.py).

Only what is surely the same is streamed: UTF-8 text (with or without BOM) without NUL bytes
or lone carriage returns, a Zoom webinar attendee or registration report whose last section
(Attendee Details) starts in its first MB, and no chunk needing a repair note (a value cut,
a swallowed quote, a duplicated column). Anything else, and any file of at most one chunk,
is read whole as before (None).
"""

from __future__ import annotations

import os
import re

import pandas as pd

from .. import limits
from ..decode import decode_file
from ..formats import tables, zoom_webinar
from ..model import BadFileError
from . import fastread, sessions
from .identity import with_keys
from .records import ImportRequest, ReadFile
from .staging import NotStreamable, Staging, Writer

CHUNK_ROWS = 25_000  # records per chunk (ENGAGEMENT_CHUNK_ROWS overrides it, e.g. in tests)
HEAD_BYTES = 1 << 20  # where the Attendee Details header must be found
PREVIEW_ROWS = 1_000  # rows of each kind kept in memory for the preview
_COUNT = re.compile(r"^\d[\d,]*")


def chunk_rows() -> int:
    return max(int(os.environ.get("ENGAGEMENT_CHUNK_ROWS") or CHUNK_ROWS), 1)


def read_streamed(request: ImportRequest, tz: str | None, read_decoded) -> ReadFile | None:
    """The file read in chunks into a staging database, or None when it is to be read whole.
    read_decoded: pipeline._read_decoded (decoded text -> report, zone, rows)."""
    data, rows = request.data, chunk_rows()
    if request.mapping is not None or len(data) < 2048:
        return None
    newlines = data.count(b"\n")  # counted once: each pass over 200 MB costs 0.1 s
    if newlines <= rows:
        return None
    try:
        head_end, prefix = _layout(data)
    except NotStreamable:
        return None
    limits.check_size(len(data), request.file_name, request.max_bytes)
    _check_counts(data, request.file_name, newlines)
    if os.environ.get("ENGAGEMENT_READ") != "chunks":  # chunks only: to compare the reads
        head = lambda text: _read_one(  # noqa: E731 - the head read as chunk 0 is
            text, request.file_name, request.max_bytes, tz, read_decoded, 0, None
        )
        read = _staged(lambda staging: fastread.read(request, tz, head, head_end, staging))
        if read is not None:  # the attendee rows read by DuckDB (ingest.fastread)
            return read
    return _staged(
        lambda staging: _read_chunks(request, tz, read_decoded, head_end, prefix, rows, staging)
    )


def _staged(read) -> ReadFile | None:
    """read(a new staging folder), or None when the file is to be read another way; the
    folder (personal data) is removed unless the read hands it back."""
    staging = Staging()
    try:
        return read(staging)
    except NotStreamable:
        staging.remove()
        return None
    except BaseException:
        staging.remove()
        raise


def _layout(data: bytes) -> tuple[int, bytes]:
    """(byte offset where the attendee section's data rows start, the bytes every later chunk
    starts with: the lines before the first section, the Attendee Details title and header)."""
    if b"\x00" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotStreamable("NUL bytes or UTF-16/32")
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        raise NotStreamable("lone carriage returns")
    cut = data.rfind(b"\n", 0, HEAD_BYTES)
    head = data[: cut + 1]
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotStreamable("not UTF-8") from exc
    if zoom_webinar.detect(text) not in zoom_webinar.FORMATS:
        raise NotStreamable("not a Zoom webinar report")
    lines = text.split("\n")  # as split_lines, with byte offsets kept below
    sections = zoom_webinar.find_sections(tables.split_lines(text))
    if not sections or sections[-1][0] != "attendee" or sections[-1][1] + 2 >= len(lines) - 1:
        raise NotStreamable("Attendee Details is not the last section of the head")
    title = sections[-1][1]
    header = next((i for i in range(title + 1, len(lines)) if lines[i].strip()), None)
    if header is None or header + 1 >= len(lines) - 1:
        raise NotStreamable("no header row in the head")
    starts = [0]
    for line in lines[: header + 1]:
        starts.append(starts[-1] + len(line.encode("utf-8")) + 1)
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    offset = lambda i: starts[i] + (bom if i else 0)  # noqa: E731 - byte offset of line i
    first = sections[0][1]
    prefix = data[: offset(first)] + data[offset(title) : offset(header + 1)]
    return offset(header + 1), prefix


def _check_counts(data: bytes, name: str, newlines: int) -> None:
    """The whole file's rows and cells, as limits.check_text counts them on text (each chunk
    is checked again by decode_file for its columns)."""
    rows = newlines + 1
    if rows > limits.MAX_ROWS:
        raise BadFileError(
            f"{name} has {rows:,} lines, over the limit of {limits.MAX_ROWS:,} rows per file. "
            + limits.SPLIT_HINT
        )
    cells = rows + max(data.count(d) for d in (b"\t", b";", b","))
    if cells > limits.MAX_CELLS:
        raise BadFileError(
            f"{name} holds about {cells:,} values, over the limit of {limits.MAX_CELLS:,} per "
            "file. " + limits.SPLIT_HINT
        )


def _chunks(data: bytes, start: int, rows: int) -> list[tuple[int, int]]:
    """(first byte, end byte) of successive runs of about `rows` lines from `start`, each
    ending at a record boundary: an even number of quotes before it."""
    bounds, end_of_data = [], len(data)
    while start < end_of_data:
        end, n = start, 0
        while end < end_of_data and (n < rows or data.count(b'"', start, end) % 2):
            nl = data.find(b"\n", end)
            end = end_of_data if nl < 0 else nl + 1
            n += 1
        bounds.append((start, end))
        start = end
    return bounds


def _read_chunks(request, tz, read_decoded, head_end, prefix, rows, staging) -> ReadFile:
    data, name = request.data, request.file_name
    bounds = _chunks(data, head_end, rows)
    if len(bounds) < 2:
        raise NotStreamable("one chunk: read whole")
    prefix_lines = prefix.count(b"\n")  # data rows of later chunks start after them
    writer = Writer(staging)
    try:
        report, notes, keep, rejects = None, [], {}, []
        counts = {"rows_read": 0, "first_join": None, "usable": 0}
        lines_before, previous = 0, 0
        for k, (start, end) in enumerate(bounds):
            lines_before += data.count(b"\n", previous, start)
            previous = start
            chunk = data[:end] if k == 0 else prefix + data[start:end]
            part = _read_one(chunk, name, request.max_bytes, tz, read_decoded, k, report)
            offset = 0 if k == 0 else lines_before - prefix_lines
            chunk_report, tz, regs, segs, bad = part
            report = report or chunk_report
            notes.append(chunk_report.notes)
            for frame in (regs, segs, bad):
                frame["line"] = frame["line"] + offset
            _tally(counts, chunk_report, regs, segs, bad)
            regs, segs = with_keys(regs), with_keys(segs)
            rejects.append(bad)
            for table, frame in (("regs", regs), ("segs", segs)):
                writer.append(table, frame)
                if len(keep.get(table, ())) < PREVIEW_ROWS:
                    keep[table] = pd.concat([keep.get(table), frame.head(PREVIEW_ROWS)])
    finally:
        writer.close()
    rejects = pd.concat(rejects, ignore_index=True)
    report.notes = merged_notes(notes)
    if not counts["usable"]:
        from .pipeline import _nothing_usable  # noqa: PLC0415 - pipeline imports this module

        raise BadFileError(_nothing_usable(name, report.format, rejects))
    regs, segs = (keep[t].head(PREVIEW_ROWS).reset_index(drop=True) for t in ("regs", "segs"))
    rows_read, first = counts["rows_read"], counts["first_join"]
    return ReadFile(report, tz, regs, segs, rejects, rows_read, first, staging)


def _read_one(chunk: bytes, name: str, max_bytes: int, tz, read_decoded, k: int, first):
    """One chunk read as a whole file would be; a chunk needing a repair note (or holding a
    section title, which would need the lines after it) is not streamed."""
    decoded = decode_file(chunk, name, max(max_bytes, len(chunk)))
    if decoded.notes or (first is not None and decoded.encoding != first.encoding):
        raise NotStreamable("a repair note, or not UTF-8 throughout")
    if k and len(zoom_webinar.find_sections(decoded.text.split("\n"))) != 1:
        raise NotStreamable("a further section")
    report, tz, regs, segs, rejects = read_decoded(decoded, None, {}, tz)
    if any(_repair(note) for note in report.notes):
        raise NotStreamable("a repair note")
    return report, tz, regs, segs, rejects


def _repair(note: str) -> bool:
    """A warning the table reader raised (formats.tables.warn): its line numbers and counts
    would be the chunk's, so such a file is read whole."""
    return note.startswith(("Two columns are named", "Line ")) or "were cut to that" in note


def _tally(counts: dict, report, regs, segs, rejects) -> None:
    lines = set(regs["line"]) | set(segs["line"]) | set(rejects["line"])
    counts["rows_read"] += len(lines)
    counts["usable"] += len(regs) + len(segs)
    first = sessions.first_join(report)  # as the whole file's: every segment the parser read
    if first is not None and not pd.isna(first):
        if counts["first_join"] is None or first < counts["first_join"]:
            counts["first_join"] = first


def merged_notes(per_chunk: list[list[str]]) -> list[str]:
    """The notes of the whole file from its chunks' notes: notes differing only in their
    leading count are one note with the counts added ("3 row(s) ..." + "2 row(s) ..." ->
    "5 row(s) ..."), in the order first seen; the rejected-rows note stays last."""
    order: list[str] = []
    totals: dict[str, int | None] = {}
    for notes in per_chunk:
        for note in notes:
            found = _COUNT.match(note)
            key = _COUNT.sub("{n}", note, count=1) if found else note
            if key not in totals:
                order.append(key)
                totals[key] = 0 if found else None
            if found:
                totals[key] += int(found.group().replace(",", ""))
    rejected = [k for k in order if k.endswith("could not be read; see the rejected rows.")]
    order = [k for k in order if k not in rejected] + rejected
    out = []
    for key in order:
        n = totals[key]
        out.append(key if n is None else key.replace("{n}", str(n), 1))
    return out
