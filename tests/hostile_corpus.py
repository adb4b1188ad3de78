"""The hostile-file corpus (issue 11): every file, how it is built, and what the organizer must
be told. `python scripts/make_hostile_corpus.py` writes the small files to tests/data/hostile/
(committed); the big ones (a zip bomb, 100,000 columns, 61 MB, ...) are built by the same code
when a test needs them, deterministically, and never committed.

Outcomes: "refused" (status failed, the sentence has the phrases, the database is unchanged)
or "repaired" (imported, the note has the phrases, and `stored` SQL checks say the bad part
did not reach the database).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from engagement import limits

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
FIXTURES = HERE / "fixtures"
CORPUS_DIR = HERE / "data" / "hostile"


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[], bytes]
    says: tuple[str, ...]
    outcome: str = "refused"  # "refused" | "repaired"
    big: bool = False  # built when needed, not committed
    max_bytes: int = limits.MAX_FILE_BYTES
    stored: tuple[tuple[str, object], ...] = field(default=())  # (SQL, expected) after import


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def meeting() -> list[str]:
    """The Zoom meeting participants sample as lines (header first)."""
    return _text(SAMPLES / "zoom_meeting_participants_detail_1.csv").rstrip("\n").split("\n")


def _rename(line: str, name: str) -> str:
    return name + "," + line.split(",", 1)[1]


def mixed_encodings() -> bytes:
    """UTF-8 lines (one with Polish letters) and two lines pasted from a cp1252 file."""
    lines = meeting()[:12]
    out = [line.encode() for line in lines]
    out[2] = _rename(lines[2], "Łukasz Żółć").encode()
    out[5] = _rename(lines[5], "José Müller").encode("cp1252")
    out[8] = _rename(lines[8], "Zoë Ångström").encode("cp1252")
    return b"\n".join(out) + b"\n"


def unterminated_quote() -> bytes:
    lines = meeting()[:12]
    lines[4] = '"' + lines[4]  # opened, closed only by the quote placed on line 7
    lines[6] = _rename(lines[6], 'Vera Quist"')
    return ("\n".join(lines) + "\n").encode()


def quote_never_closed() -> bytes:
    lines = meeting()[:12]
    lines[4] = '"' + lines[4]
    return ("\n".join(lines) + "\n").encode()


def generic_duplicate_email() -> bytes:
    return b"Email;Name;Email\nana@example.org;Ana;bo@example.org\n"


def wide_delimited(delimiter: str, columns: int) -> bytes:
    return (delimiter.join(f"q{i}" for i in range(columns)) + "\n" + "a" + "\n").encode()


def long_email(chars: int) -> bytes:
    lines = meeting()[:12]
    cells = lines[7].split(",")
    cells[1] = "e" * chars + "@example.org"
    lines[7] = ",".join(cells)
    return ("\n".join(lines) + "\n").encode()


def duplicate_columns() -> bytes:
    lines = meeting()[:12]
    out = [lines[0] + ",User Email"]
    out += [line + f",other.{i}@example.org" for i, line in enumerate(lines[1:])]
    return ("\n".join(out) + "\n").encode()


def nuls_in_names() -> bytes:
    lines = meeting()[:12]
    for i in (2, 5, 9):
        lines[i] = lines[i][:3] + "\x00" + lines[i][3:]
    return ("\n".join(lines) + "\n").encode()


def long_name(chars: int) -> bytes:
    lines = meeting()[:12]
    lines[3] = _rename(lines[3], "N" * chars)
    return ("\n".join(lines) + "\n").encode()


def field_5mb() -> bytes:
    text = _text(FIXTURES / "testconf_a_registration.csv")
    return text.replace("Ministry of Health", "M" * (5 * 2**20), 1).encode()


def wide_csv(columns: int, rows: int = 10) -> bytes:
    header = ",".join(f"q{i}" for i in range(columns))
    body = "\n".join(",".join("x" for _ in range(columns)) for _ in range(rows))
    return (header + "\n" + body + "\n").encode()


def long_line_in_the_middle() -> bytes:
    lines = meeting()[:12]
    lines[3] = lines[3] + "," * 1500
    return ("\n".join(lines) + "\n").encode()


def many_rows(rows: int) -> bytes:
    return b"Name,Email\n" + b"a,b\n" * rows


def many_cells(columns: int, rows: int) -> bytes:
    line = b"," * (columns - 1) + b"\n"
    return line * rows


def padded_upload(size: int) -> bytes:
    """A real Zoom meeting export repeated up to `size` bytes (a big but ordinary file)."""
    lines = meeting()
    body = ("\n".join(lines[1:]) + "\n").encode()
    out = bytearray((lines[0] + "\n").encode())
    while len(out) < size:
        out += body
    return bytes(out[:size])


def nul_heavy() -> bytes:
    text = ("\n".join(meeting()[:12]) + "\n").encode()
    return b"".join(text[i : i + 9] + b"\x00" for i in range(0, len(text), 9))


def control_noise() -> bytes:
    text = ("\n".join(meeting()[:12]) + "\n").encode()
    return text[:200] + b"\x00" + bytes(range(1, 9)) * 20 + text[200:]


def _xlsx(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _meeting_rows() -> list[list[str]]:
    return [line.split(",") for line in meeting()[:12]]


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))  # fixed date: the same bytes every time
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _replace_sheet(data: bytes, rewrite: Callable[[bytes], bytes | None], stream=None) -> bytes:
    """The workbook with xl/worksheets/sheet1.xml rewritten (or streamed from `stream`)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                if stream is not None:
                    with out.open(_member(info.filename), "w") as fh:
                        for chunk in stream():
                            fh.write(chunk)
                    continue
                body = rewrite(body)
            out.writestr(_member(info.filename), body)
    return buf.getvalue()


def _xml_rows(n: int, with_dimension: bool):
    """A sheet of n rows of three numbers, written in chunks (the zip bomb's body)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    if with_dimension:
        head += f'<dimension ref="A1:C{n}"/>'.encode()
    yield head + b"<sheetData>"
    # Rows without their optional r= attributes: one block repeated (quick to build).
    block = b"<row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>" * 10_000
    for _ in range(n // 10_000):
        yield block
    yield b"</sheetData></worksheet>"


def zip_bomb(rows: int, with_dimension: bool) -> bytes:
    return _replace_sheet(
        _xlsx([["a", "b", "c"]]), None, stream=lambda: _xml_rows(rows, with_dimension)
    )


def sheet_declaring(ref: str) -> bytes:
    return _replace_sheet(
        _xlsx(_meeting_rows()),
        lambda body: re.sub(
            rb'<dimension ref="[^"]*" ?/>', f'<dimension ref="{ref}"/>'.encode(), body
        ),
    )


def sheet_wide_without_dimension() -> bytes:
    rows = _meeting_rows()
    rows[2] = rows[2] + ["x"] * 1200
    return _replace_sheet(_xlsx(rows), lambda body: re.sub(rb"<dimension [^>]*/>", b"", body))


PII = "select string_agg(display_name, '|' order by display_name) from person_pii"
NAMES_OK = (
    "select count(*) from person_pii where display_name in ('José Müller', 'Zoë Ångström', "
    "'Łukasz Żółć')",
    3,
)

CASES = [
    # --- repaired: imported, with a note the organizer sees -----------------------------------
    Hostile(
        "mixed_utf8_cp1252.csv",
        mixed_encodings,
        ("mixes UTF-8", "cp1252", "6, 9"),
        "repaired",
        stored=(NAMES_OK, ("select count(*) from person_pii where display_name like '%Ă%'", 0)),
    ),
    Hostile("unterminated_quote.csv", unterminated_quote, ("Line 5", "quote opened"), "repaired"),
    Hostile(
        "duplicate_email_columns.csv",
        duplicate_columns,
        ('Two columns are named "User Email"', "column 2 is read"),
        "repaired",
        stored=(("select count(*) from person_pii where email like 'other.%'", 0),),
    ),
    Hostile(
        "nul_in_names.csv",
        nuls_in_names,
        ("3 NUL byte(s)", "line 3", "removed"),
        "repaired",
        stored=(("select count(*) from person_pii where contains(display_name, chr(0))", 0),),
    ),
    Hostile(
        "name_20000_chars.csv",
        lambda: long_name(20_000),
        ("1 value(s) longer than 10,000 characters", "line 4"),
        "repaired",
        stored=(("select max(length(display_name)) from person_pii", limits.MAX_FIELD_CHARS),),
    ),
    Hostile(
        "organization_5mb.csv",
        field_5mb,
        ("longer than 10,000 characters", "cut to that length"),
        "repaired",
        big=True,
        stored=(("select max(length(organization)) from registrations", limits.MAX_FIELD_CHARS),),
    ),
    Hostile(
        "email_20000_chars.csv",
        lambda: long_email(20_000),
        ("1 value(s) longer than 10,000 characters", "line 8"),
        "repaired",
        stored=(("select count(*) from person_pii where length(email) > 10000", 0),),
    ),
    # --- refused: a sentence, nothing stored -----------------------------------------------------
    Hostile(
        "zip_bomb_2m_rows.xlsx",
        lambda: zip_bomb(2_000_000, True),
        ("declares 2,000,000 rows", "limit"),
        big=True,
    ),
    Hostile(
        "zip_bomb_no_dimension.xlsx",
        lambda: zip_bomb(2_000_000, False),
        ("expands to", "over the limit"),
        big=True,
    ),
    Hostile(
        "columns_100000.csv", lambda: wide_csv(100_000), ("100,000 values", "columns"), big=True
    ),
    Hostile(
        "upload_61mb.csv",
        lambda: padded_upload(61 * limits.MB),
        ("61.0 MB", "upload limit", "split"),
        big=True,
        max_bytes=limits.MAX_UPLOAD_BYTES,
    ),
    Hostile(
        "rows_2000001.csv", lambda: many_rows(2_000_000), ("2,000,002 lines", "rows"), big=True
    ),
    Hostile(
        "cells_31m.csv",
        lambda: many_cells(1_000, 31_000),
        ("values, over the limit of 30,000,000",),
        big=True,
    ),
    Hostile("columns_1001.csv", lambda: wide_csv(1_001, 3), ("Line 1 ", "1,001 values")),
    Hostile("long_line_in_the_middle.csv", long_line_in_the_middle, ("Line 4 ", "1,506 values")),
    Hostile("quote_never_closed.csv", quote_never_closed, ("never closed", "line 2")),
    Hostile("generic_duplicate_email.csv", generic_duplicate_email, ("not a layout",)),
    Hostile("columns_1001_tab.tsv", lambda: wide_delimited("\t", 1_001), ("1,001 values",)),
    Hostile("columns_1001_semicolon.csv", lambda: wide_delimited(";", 1_001), ("1,001 values",)),
    Hostile("nul_every_tenth_byte.csv", nul_heavy, ("NUL",)),
    Hostile("control_noise.csv", control_noise, ("NUL",)),
    Hostile(
        "sheet_declares_1048577_rows.xlsx",
        lambda: sheet_declaring("A1:F1048577"),
        ("declares 1,048,577 rows",),
    ),
    Hostile(
        "sheet_declares_1001_columns.xlsx",
        lambda: sheet_declaring("A1:ALM12"),
        ("declares", "1,001 columns"),
    ),
    Hostile(
        "sheet_400000_cells.xlsx",
        lambda: sheet_declaring("A1:CV400000"),
        ("declares 400,000 rows x 100 columns",),
    ),
    Hostile(
        "sheet_wide_no_dimension.xlsx",
        sheet_wide_without_dimension,
        ("holds at least", "1,206 columns"),
    ),
]


def old_cases() -> list[Hostile]:
    """tests/test_bad_input.py's corpus, written to the same folder."""
    from test_bad_input import CORPUS

    return [Hostile(b.name, lambda b=b: b.data, b.says, big=len(b.data) > 2**18) for b in CORPUS]


def all_cases() -> list[Hostile]:
    return CASES + old_cases()
