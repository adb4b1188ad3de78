"""Uploaded bytes -> text: encoding sniffing, XLSX to CSV, refusing files that are not tables."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from engagement import faults, limits
from engagement.model import BadFileError

DEFAULT_MAX_BYTES = limits.MAX_FILE_BYTES

# Legacy single/multi-byte encodings we let charset-normalizer choose between when a file is not
# UTF-8. Restricting the candidates matters: unrestricted, it calls a short Western-European CSV
# "cp775" (Baltic DOS). cp1252 first: Excel re-saves in Western locales are the common case.
LEGACY_CANDIDATES = (
    "cp1252",
    "latin_1",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "mac_roman",
    "cp932",
    "cp949",
    "gb18030",
    "big5",
)
# Candidates whose "chaos" (mess ratio) is this close to the best count as equally good, and
# then the order above decides; on short files many code pages decode equally cleanly.
CHAOS_TOLERANCE = 0.05

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
BINARY_MAGICS = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"RIFF": "a RIFF (image/audio) file",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
}


@dataclass
class Decoded:
    """Text of one uploaded file, BOM-free with \\n line ends, and how it was read."""

    text: str
    encoding: str  # Python codec name ("utf-8", "utf-8-sig", "utf-16-le", "cp1252", ...) or "xlsx"
    kind: str  # "csv" | "xlsx"
    notes: list[str] = field(default_factory=list)  # what was repaired, for the organizer


def decode_file(data: bytes, file_name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Turn an uploaded file into text, or raise BadFileError with a sentence for the uploader.

    Order of checks: size limit, empty, known binary signatures (PDF, old .xls, zip/xlsx, images),
    byte-order marks, BOM-less UTF-16 (NUL pattern), NUL bytes (binary), UTF-8, then a legacy
    code page chosen by charset-normalizer among LEGACY_CANDIDATES.
    """
    name = file_name or "the file"
    limits.check_size(len(data), name, max_bytes)
    if not data.strip(b" \t\r\n\x00\x0b\x0c") or data.strip() in (
        codecs.BOM_UTF8,
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
    ):
        raise BadFileError(
            f"{name} is empty (it holds no text at all). Download the report again from the "
            "platform and upload the new file."
        )
    if data.startswith(b"%PDF"):
        raise BadFileError(
            f"{name} is a PDF document, not a data export. Download the report as CSV "
            "(or Excel .xlsx) from the platform instead of printing it to PDF."
        )
    if data.startswith(OLE2_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise BadFileError(
                f"{name} is a password-protected Excel workbook, which cannot be read. "
                "Open it in Excel, remove the password (File > Info > Protect Workbook), "
                "and save it as .xlsx or CSV."
            )
        raise BadFileError(
            f"{name} is an old-style Excel .xls workbook (Excel 97-2003), which is not "
            "supported. Open it in Excel and save it as .xlsx or CSV."
        )
    if data.startswith(ZIP_MAGICS):
        return Decoded(text=_xlsx_to_csv(data, name), encoding="xlsx", kind="xlsx")
    binary_kind = _binary_kind(data)
    if binary_kind:
        raise BadFileError(
            f"{name} is {binary_kind}, not a data export. Upload the CSV or Excel (.xlsx) "
            "report downloaded from the platform."
        )

    notes: list[str] = []
    data = _strip_nuls(data, name, notes)
    text, encoding = _decode_text(data, name, notes)
    text = _normalize_text(text)
    if not text.strip():
        raise BadFileError(
            f"{name} contains only blank space, no data. Download the report again from the "
            "platform and upload the new file."
        )
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<table", "<?xml")):
        raise BadFileError(
            f"{name} is a web page or XML document saved with a spreadsheet name, not a CSV. "
            "Open it in Excel and save it as .xlsx or CSV (comma-separated), then upload that."
        )
    if head.startswith("{\\rtf"):
        raise BadFileError(
            f"{name} is a Rich Text (RTF) document, not a CSV. Upload the CSV or .xlsx report "
            "downloaded from the platform."
        )
    limits.check_text(text, name)
    text = _cut_long_lines(text, notes)
    faults.moment("decoded")
    return Decoded(text=text, encoding=encoding, kind="csv", notes=notes)


def _cut_long_lines(text: str, notes: list[str]) -> str:
    """Values over MAX_FIELD_CHARS cut on the text itself, before any parser folds or splits
    the line (a 5 MB value would cost every later step). Only lines that long are looked at;
    quoted values spanning lines are cut later, when the table is read (formats.tables)."""
    limit = limits.MAX_FIELD_CHARS
    long_value = re.compile(rf"[^,;\t\n]{{{limit + 1},}}")
    cut, first = 0, None

    def shorten(match: re.Match) -> str:
        nonlocal cut
        cut += 1
        value = match.group()
        keep = value[:limit]
        # a quoted value keeps its closing quote, so the row stays well-formed
        return keep + '"' if value.startswith('"') and value.endswith('"') else keep

    def line(match: re.Match) -> str:
        nonlocal first
        before = cut
        shortened = long_value.sub(shorten, match.group())
        if cut > before and first is None:
            first = text.count("\n", 0, match.start()) + 1
        return shortened

    text = re.sub(rf"(?m)^[^\n]{{{limit + 1},}}", line, text)
    if cut:
        notes.append(
            f"{cut:,} value(s) longer than {limit:,} characters (first on line {first:,}) were "
            "cut to that length; check that row in the file."
        )
    return text


def _strip_nuls(data: bytes, name: str, notes: list[str]) -> bytes:
    """A text file with a few stray NUL bytes (a bad copy, a tool's padding) loses them, with a
    note; a file with many NULs or other control bytes stays binary (refused later). UTF-16
    text is left alone: its NULs are half of every character."""
    nuls = data.count(0)
    if not nuls or _utf16_without_bom(data) or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    if nuls > max(len(data) // 100, 8):
        return data
    controls = sum(data.count(b) for b in range(1, 32) if b not in (9, 10, 12, 13))
    if controls > len(data) // 1000:
        return data
    first = data[: data.index(0)].count(b"\n") + 1
    notes.append(
        f"{name} held {nuls:,} NUL byte(s) (invisible characters, first on line {first:,}); "
        "they were removed. Check the names on that line."
    )
    return data.replace(b"\x00", b"")


def _binary_kind(data: bytes) -> str | None:
    for magic, what in BINARY_MAGICS.items():
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern of the first bytes says so, else None.

    Mostly-ASCII UTF-16 text has a NUL in every other byte: odd positions for LE, even for BE.
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, codec: str, name: str, bom_len: int) -> str:
    body = data[bom_len:]
    if len(body) % 2:
        raise BadFileError(
            f"{name} looks like a UTF-16 text file (as Microsoft Teams exports) but has an odd "
            "number of bytes, so it was cut off or damaged in transfer. Download the report "
            "again and upload the complete file."
        )
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        raise BadFileError(
            f"{name} looks like a UTF-16 text file (as Microsoft Teams exports) but byte "
            f"{exc.start + bom_len} cannot be decoded, so the file is damaged. Download the "
            "report again, or open it in Excel and save it as CSV UTF-8."
        ) from exc


def _decode_text(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    # UTF-32 BOMs first: FF FE 00 00 would otherwise read as a UTF-16 LE BOM.
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            pass  # not UTF-32 after all; fall through to UTF-16 handling
    if data.startswith(codecs.BOM_UTF16_LE):
        return _decode_utf16(data, "utf-16-le", name, 2), "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return _decode_utf16(data, "utf-16-be", name, 2), "utf-16-be"
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            # A BOM followed by non-UTF-8 bytes: a cp1252 re-save that kept the BOM.
            text, enc = _decode_legacy(data[3:], name)
            return text, enc
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_utf16(data, utf16, name, 0), utf16
    if b"\x00" in data:
        raise BadFileError(
            f"{name} is a binary file (it contains NUL bytes), not a text export. Upload the "
            "CSV or Excel (.xlsx) report downloaded from the platform."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and _has_utf8_multibyte(data[: exc.start]):
            # Valid UTF-8 (with real multi-byte characters) up to a sequence cut at the end.
            raise BadFileError(
                f"{name} is UTF-8 text that ends in the middle of a character, so the file "
                "was cut off (incomplete download?). Download the report again and upload "
                "the complete file."
            ) from exc
        if _has_utf8_multibyte(data):
            return _decode_mixed(data, name, notes)
    return _decode_legacy(data, name)


def _decode_mixed(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    """UTF-8 text with some lines in a legacy code page (rows pasted from an older export):
    each line is read in its own encoding, so neither half turns into mojibake, and the
    organizer is told which lines were not UTF-8."""
    lines = data.split(b"\n")
    other = [i for i, line in enumerate(lines) if not _is_utf8(line)]
    legacy_text, legacy = _decode_legacy(b"\n".join(lines[i] for i in other), name)
    legacy_lines, others = iter(legacy_text.split("\n")), set(other)
    out = [
        next(legacy_lines) if i in others else line.decode("utf-8") for i, line in enumerate(lines)
    ]
    shown = ", ".join(f"{i + 1:,}" for i in other[:5]) + (" and more" if len(other) > 5 else "")
    notes.append(
        f"{name} mixes UTF-8 with another encoding: {len(other):,} line(s) ({shown}) were not "
        f"UTF-8 and were read as {legacy}. Check the names on those lines; save the file as "
        "'CSV UTF-8' to avoid this."
    )
    return "\n".join(out), f"utf-8+{legacy}"


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _has_utf8_multibyte(data: bytes) -> bool:
    return re.search(rb"[\xc2-\xf4][\x80-\xbf]", data) is not None


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Pick a legacy code page with charset-normalizer (never by hand-written heuristics)."""
    # charset-normalizer folds code pages that decode the bytes identically into one match
    # (could_be_from_charset); expand them so the preference order can see cp1252.
    chaos: dict[str, float] = {}
    for match in from_bytes(data, cp_isolation=list(LEGACY_CANDIDATES)):
        for enc in match.could_be_from_charset or [match.encoding]:
            chaos[enc] = min(chaos.get(enc, 1.0), match.chaos)
    if chaos:
        best = min(chaos.values())
        rank = {enc: i for i, enc in enumerate(LEGACY_CANDIDATES)}
        close = [enc for enc, c in chaos.items() if c <= best + CHAOS_TOLERANCE]
        close.sort(key=lambda enc: (rank.get(enc, len(rank)), chaos[enc]))
        for enc in close:
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    raise BadFileError(
        f"{name} is not readable text in any known encoding. Open it in Excel and save it as "
        "'CSV UTF-8 (Comma delimited)', then upload that file."
    )


def _normalize_text(text: str) -> str:
    # Strip every leading BOM: the Zoom Dashboard webinar export carries a double UTF-8 BOM.
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d") + " 00:00:00"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        # Duration-formatted cells: whole minutes as a plain number, like Zoom writes them.
        minutes = value.total_seconds() / 60
        return str(int(minutes)) if minutes == int(minutes) else f"{minutes:g}"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _xlsx_to_csv(data: bytes, name: str) -> str:
    """First worksheet of an .xlsx as comma CSV text (\\n line ends, trailing blanks cut)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = set(zf.namelist())
            if "xl/workbook.xml" in members:
                _check_workbook_size(zf, name)
    except zipfile.BadZipFile as exc:
        raise BadFileError(
            f"{name} is a damaged zip/Excel file (it could not be opened). Download it again, "
            "or open it in Excel and save it as .xlsx or CSV."
        ) from exc
    if "xl/workbook.xml" not in members:
        what = "a zip archive"
        if "word/document.xml" in members:
            what = "a Word document"
        elif "ppt/presentation.xml" in members:
            what = "a PowerPoint presentation"
        elif "content.xml" in members:
            what = "an OpenDocument (LibreOffice) file"
        raise BadFileError(
            f"{name} is {what}, not an Excel workbook or CSV. If the report is inside, extract "
            "it and upload the CSV; LibreOffice files must be saved as .xlsx or CSV first."
        )
    import openpyxl  # local: only XLSX uploads pay for the import

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for corrupt workbooks
        raise BadFileError(
            f"{name} is an Excel workbook that could not be read ({type(exc).__name__}). "
            "Open it in Excel and save it again as .xlsx or as CSV."
        ) from exc
    try:
        if not wb.worksheets:
            raise BadFileError(f"{name} has no worksheets. Upload the exported report itself.")
        rows = _sheet_rows(wb.worksheets[0], name)
    finally:
        wb.close()
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if not rows:
        raise BadFileError(
            f"The first worksheet of {name} is empty. Put the exported report on the first "
            "sheet (or save that sheet as CSV) and upload it again."
        )
    width = max(max((i + 1 for i, c in enumerate(r) if c != ""), default=0) for r in rows)
    limits.check_sheet(len(rows), width, name, "holds")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow((row + [""] * width)[:width])
    return out.getvalue()


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


def _check_workbook_size(zf: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb before openpyxl parses it: the uncompressed sizes the zip declares
    (reading stops there: a member longer than declared fails its CRC) and each sheet's
    declared dimension. Bounded work, whatever the sheet holds."""
    sheets = [
        i
        for i in zf.infolist()
        if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
    ]
    shared = [i for i in zf.infolist() if i.filename == "xl/sharedStrings.xml"]
    for info in sheets:
        with zf.open(info) as fh:
            head = fh.read(4096)
        found = _DIMENSION.search(head)
        if found:
            columns = _column_number(found.group(1).decode())
            limits.check_sheet(int(found.group(2)), columns, name, "declares")
    limits.check_expanded(sum(i.file_size for i in sheets + shared), name)


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _sheet_rows(ws, name: str) -> list[list[str]]:
    """The sheet's rows as text, counted while streaming (a sheet may declare no dimension)."""
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append([_cell_text(v) for v in row])
        if len(rows) > limits.XLSX_MAX_ROWS or len(row) > limits.MAX_COLUMNS:
            limits.check_sheet(len(rows), len(row), name, "holds at least")
        if len(rows) % 10_000 == 0:
            limits.check_sheet(
                len(rows), max(len(r) for r in rows[-10_000:]), name, "holds at least"
            )
    return rows
