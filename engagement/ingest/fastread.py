"""The attendee rows of a large Zoom webinar attendee report read by DuckDB, not pandas.

ingest.stream's chunks read every row through the per-file Python path: about 30 µs a row,
14 times DuckDB's own read_csv. Here the report's head (title, summary, Host and Panelist
Details, the Attendee Details title and header) is still read by that path, and the rows
under the Attendee Details header are read by DuckDB's CSV reader into an in-memory database
(MEMORY_LIMIT, spilling to the private staging folder). Everything a row becomes is then
decided the way zoom_webinar.parse and pipeline._normalize decide it, in two parts:

* per distinct cell value, by the very Python functions of the per-file path (strip, the
  missing markers, yes/no words, approval status, durations, times and their UTC, e-mail
  normalization and domain, names, bot rules, stakeholder rules, gender, answers as JSON),
  each distinct value once, joined back in SQL (fastmaps);
* per row, in SQL: which rows are registrations and which segments, and every reason a row is
  rejected, in the order and words of the per-file path.

Only what surely reads the same is read here: comma-separated UTF-8 where DuckDB's strict
CSV reader reads every line as one record (no value spans lines, no blank or malformed line,
no row wider than the header plus fastmaps.EXTRA_COLUMNS), no value over the field limit, every time
in Zoom's English format, no later section, no duplicated known column. Anything else raises
NotStreamable and the file is read in chunks as before. tests/test_fastread.py imports
generated files both ways and compares every table row for row.
"""

from __future__ import annotations

import os
import threading

import duckdb
import pandas as pd

from .. import limits
from ..formats import zoom_webinar as zw
from ..formats.tables import header_cells, sniff_delimiter
from ..model import BadFileError
from . import fastmaps
from .identity import with_keys
from .records import ReadFile
from .staging import NotStreamable, Staging, Writer

# The reader's DuckDB buffers; past them its tables spill to the staging folder.
MEMORY_LIMIT = os.environ.get("ENGAGEMENT_READ_MEMORY", "256MB")


def read(request, tz, read_one, head_end: int, staging: Staging) -> ReadFile:
    """The file's head read by the per-file path (read_one: stream._read_one for the head's
    bytes) and its attendee rows by DuckDB, all staged; raises NotStreamable."""
    data = request.data
    report, tz, head_regs, head_segs, head_rejects = read_one(data[:head_end])
    if report.format != zw.ATTENDEE_FORMAT:
        raise NotStreamable("a registration report")
    head_lines = data[:head_end].decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    if sniff_delimiter(head_lines[-2]) != ",":
        raise NotStreamable("not comma-separated")
    header = header_cells(head_lines[-2], ",")
    known, questions = zw.classify_header(header)
    labels = [zw.LABEL_TO_COLUMN.get(zw.label_key(h)) for h in header]
    named = [k for k in labels if k]
    if "attended" not in known or len(named) != len(set(named)):
        raise NotStreamable("no Attended column, or a known column twice")
    # The section's title line, as zoom_webinar._parse_section writes it in notes: the last
    # non-blank line before the header (stream._layout found the header as the first after it).
    title = next(line for line in reversed(head_lines[:-2]) if line.strip())
    title = title.strip().rstrip(", ").strip('"')
    if _quote_after_space(data, head_end):
        raise NotStreamable("a quote after spaces at the start of a field")
    first_line = data.count(b"\n", 0, head_end) + 1
    # In memory (no file to compress and write), spilling to the staging folder past the limit.
    con = duckdb.connect()
    try:
        con.execute("set memory_limit = $m", {"m": MEMORY_LIMIT})
        con.execute("set temp_directory = $d", {"d": str(staging.folder / "spill")})
        _load(con, staging.folder, len(header), data, head_end)
        con.execute("set preserve_insertion_order = false")  # rows carry their line from here
        rows = fastmaps.Rows(con, header, known, questions, tz, first_line)
        raw = lambda lines: _raw_lines(data, head_end, first_line, lines)  # noqa: E731
        rows.check(len(header) + fastmaps.EXTRA_COLUMNS, raw)
        part = rows.stage(staging, raw)
        writer = Writer(staging)  # after the DuckDB part: an empty head adds no empty file
        try:
            writer.append("regs", with_keys(head_regs))
            writer.append("segs", with_keys(head_segs))
        finally:
            writer.close()
    except duckdb.OutOfMemoryException as exc:  # what cannot spill: the chunks need less
        raise NotStreamable(f"out of memory: {exc}") from exc
    finally:
        con.close()
    head = (head_regs, head_segs, head_rejects)
    return _combined(request.file_name, report, tz, head, part, title, staging)


def _raw_lines(data: bytes, start: int, first_line: int, lines: list[int]) -> list[str]:
    """The text of each (sorted) line number at or after first_line, which starts at byte
    `start`, as tables.raw_lines gives it (CR of CRLF dropped, cut to the field limit)."""
    out, pos, at = [], start, first_line
    for line in lines:
        while at < line:
            pos = data.find(b"\n", pos) + 1
            at += 1
        end = data.find(b"\n", pos)
        text = data[pos : len(data) if end < 0 else end].decode("utf-8").removesuffix("\r")
        out.append(text[: limits.MAX_FIELD_CHARS])
    return out


def _quote_after_space(data: bytes, start: int) -> bool:
    """Whether a field of the rows from byte `start` on opens with spaces then a quote: pandas
    (the per-file read) reads that quote as text, DuckDB as the start of a quoted value."""
    for pattern in (b' "', b'\t"'):
        pos = data.find(pattern, start)
        while pos >= 0:
            line = max(data.rfind(b"\n", start, pos) + 1, start)
            if _opens_after_space(data[line : pos + 1]):
                return True
            pos = data.find(pattern, pos + 1)
    return False


def _opens_after_space(prefix: bytes) -> bool:
    """Whether `prefix` (a line up to a space before a quote) ends in a field holding only
    spaces and tabs so far, outside any quoted value."""
    quoted, field = False, b""
    i = 0
    while i < len(prefix):
        ch = prefix[i : i + 1]
        if quoted:
            if ch == b'"' and prefix[i + 1 : i + 2] == b'"':
                i += 1  # an escaped quote
            elif ch == b'"':
                quoted = False
        elif ch == b'"' and field == b"":
            quoted = True
        elif ch == b",":
            field = b""
            i += 1
            continue
        else:
            field += ch
        i += 1
    return not quoted and field.strip(b" \t") == b""


def _load(con, folder, width: int, data: bytes, head_end: int) -> None:
    """The attendee rows as view `cells` (rid, the row's index in file order; c0, c1, ... as
    text, NULL for an empty cell); NotStreamable unless every line is one record.

    DuckDB reads a CSV with short rows (null_padding) on one thread, so the rows are cut in
    two at a line end and each half is read by a thread of its own."""
    body = memoryview(data)[head_end:]
    cut = data.find(b"\n", head_end + len(body) // 2) + 1 - head_end
    parts = [body[:cut], body[cut:]] if 0 < cut < len(body) else [body]
    columns = {f"c{i}": "varchar" for i in range(width + fastmaps.EXTRA_COLUMNS)}
    # LF files say so; CRLF ones (every CR is in a CRLF: stream._layout) are left to DuckDB's
    # detection, which reads them where new_line = '\r\n' does not.
    newline = "" if data.find(b"\r", head_end) >= 0 else ", new_line = '\\n'"
    paths = []
    for k, part in enumerate(parts):
        paths.append(folder / f"rows_{k}.csv")
        paths[-1].write_bytes(part)
    errors: list[Exception] = []

    def read(k: int) -> None:
        cursor = con.cursor()
        try:
            cursor.execute(
                f"create table cells_{k} as select * from read_csv($p, header = false, "  # noqa: S608
                "auto_detect = false, columns = $c, delim = ',', quote = '\"', escape = '\"', "
                "strict_mode = true, null_padding = true, skip = 0" + newline + ")",
                {"p": str(paths[k]), "c": columns},
            )
        except duckdb.Error as exc:
            errors.append(exc)
        finally:
            cursor.close()
            paths[k].unlink()

    threads = [threading.Thread(target=read, args=(k,)) for k in range(len(parts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise NotStreamable(f"DuckDB does not read it strictly: {errors[0]}")
    counted = "select count(*) from cells_{k}"  # our names: cells_0, cells_1
    sizes = [con.execute(counted.format(k=k)).fetchone()[0] for k in range(len(parts))]
    half = "select rowid + {before} as rid, * from cells_{k}"  # noqa: S608 - numbers of ours
    halves = [half.format(before=sum(sizes[:k]), k=k) for k in range(len(parts))]
    con.execute("create view cells as " + " union all ".join(halves))
    lines = data.count(b"\n", head_end) + (0 if data.endswith(b"\n") else 1)
    if sum(sizes) != lines or not lines:
        raise NotStreamable("a value spans lines, or blank lines")


def _combined(name, report, tz, head, part, title, staging) -> ReadFile:
    """The head's rows and the DuckDB-read rows as one ReadFile, notes in the per-file order
    (the head's, then the attendee section's counted notes, the rejected-rows note last)."""
    head_regs, head_segs, head_rejects = head
    counts = dict(part.counts)
    notes = []
    for note in report.notes:
        if note.endswith(zw.rejected_note(0)[1:]):  # "{n} row(s) could not be read; ..."
            counts["rejected"] += int(note.split(" ", 1)[0])
        else:
            notes.append(note)
    report.notes = notes + fastmaps.count_notes(counts, title)
    rejects = pd.concat([head_rejects, part.rejects], ignore_index=True)
    rejects["line"] = rejects["line"].astype("int64")
    if not (len(head_regs) + len(head_segs) + counts["regs"] + counts["segs"]):
        from .pipeline import _nothing_usable  # noqa: PLC0415 - pipeline imports this module

        raise BadFileError(_nothing_usable(name, report.format, rejects))
    lines = set(head_regs["line"]) | set(head_segs["line"]) | set(head_rejects["line"])
    first = part.first_join
    head_first = report.segments["join_at"].min() if len(report.segments) else None
    if head_first is not None and not pd.isna(head_first):
        first = head_first if first is None else min(first, head_first)
    regs = pd.concat([with_keys(head_regs), part.regs], ignore_index=True)
    segs = pd.concat([with_keys(head_segs), part.segs], ignore_index=True)
    preview = fastmaps.PREVIEW_ROWS
    return ReadFile(
        report,
        tz,
        regs.head(preview),
        segs.head(preview),
        rejects,
        len(lines) + counts["lines"],
        first,
        staging,
    )
