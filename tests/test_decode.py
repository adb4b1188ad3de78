"""Tests for engagement.decode: encodings of the real samples, XLSX, and every bad-file kind."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from engagement.decode import decode_file
from engagement.model import BadFileError

SAMPLES = Path(__file__).parent / "samples"


@pytest.mark.parametrize(
    ("name", "encoding", "first_line"),
    [
        # UTF-8 with BOM (2026 webinar report)
        ("zoom_webinar_attendee_2.csv", "utf-8-sig", "Attendee Report,"),
        ("zoom_webinar_registration_1.csv", "utf-8-sig", "Registration Report,"),
        # UTF-8 BOM + CRLF (2021 meeting export)
        (
            "zoom_meeting_participants_detail_1.csv",
            "utf-8-sig",
            "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
        ),
        # plain ASCII, no BOM (2020)
        (
            "zoom_meeting_participants_unique_1.csv",
            "utf-8",
            "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,",
        ),
        # Teams: UTF-16 LE with BOM, and the BE re-save
        ("teams_meeting_attendance_v1b_utf16le_1.csv", "utf-16-le", "Meeting Summary"),
        ("teams_meeting_attendance_v2_utf16_14.csv", "utf-16-be", "1. Summary"),
        ("eventbrite_attendee_1.csv", "utf-8", None),
    ],
)
def test_real_samples(name, encoding, first_line):
    decoded = decode_file((SAMPLES / name).read_bytes(), name)
    assert decoded.encoding == encoding
    assert decoded.kind == "csv"
    assert "\r" not in decoded.text  # line endings normalized
    assert not decoded.text.startswith("\ufeff")  # BOM stripped
    if first_line is not None:
        assert decoded.text.split("\n", 1)[0] == first_line


def test_crlf_sample_keeps_every_row():
    data = (SAMPLES / "zoom_meeting_participants_detail_1.csv").read_bytes()
    text = decode_file(data, "x.csv").text
    assert text.count("\n") == data.count(b"\r\n")  # 2221 CRLF lines -> 2221 LF lines


def test_double_utf8_bom_is_stripped():
    decoded = decode_file(b"\xef\xbb\xbf\xef\xbb\xbfa,b\r\n1,2\r\n", "dash.csv")
    assert decoded.text == "a,b\n1,2\n"


def test_bomless_utf16_detected_by_nul_pattern():
    text = "Full Name\tUser Action\tTimestamp\nAna\tJoined\t9/4/2020, 11:57:51 AM\n"
    assert decode_file(text.encode("utf-16-le"), "t.csv").text == text
    assert decode_file(text.encode("utf-16-le"), "t.csv").encoding == "utf-16-le"
    assert decode_file(text.encode("utf-16-be"), "t.csv").encoding == "utf-16-be"


def test_utf8_preferred_when_valid():
    decoded = decode_file("Nome,País\nJosé,São Tomé\n".encode(), "x.csv")
    assert decoded.encoding == "utf-8"


def test_cp1252_resave_is_read_by_charset_normalizer():
    text = "Participou,Nome,País\nSim,José Conceição,Côte d'Ivoire\nNão,Zoë,Türkiye\n"
    decoded = decode_file(text.encode("cp1252"), "excel.csv")
    assert decoded.encoding == "cp1252"
    assert decoded.text == text


def test_whole_zoom_report_resaved_in_cp1252():
    original = (SAMPLES / "zoom_webinar_attendee_2.csv").read_text(encoding="utf-8-sig")
    data = original.encode("cp1252", errors="replace")
    decoded = decode_file(data, "resave.csv")
    assert decoded.encoding == "cp1252"
    assert decoded.text.count("\n") == original.count("\n")


def _xlsx_bytes(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.create_sheet("second").append(["ignored"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_first_sheet_becomes_comma_csv():
    data = _xlsx_bytes(
        [
            ["Name", "Join Time", "Minutes", "Note"],
            ["Ana", dt.datetime(2026, 4, 1, 14, 38, 6), 209, None],
            ["Smith, Bo", dt.datetime(2026, 4, 1, 15, 0), 1.5, "x"],
        ]
    )
    decoded = decode_file(data, "report.xlsx")
    assert decoded.kind == "xlsx" and decoded.encoding == "xlsx"
    assert decoded.text == (
        "Name,Join Time,Minutes,Note\n"
        "Ana,2026-04-01 14:38:06,209,\n"
        '"Smith, Bo",2026-04-01 15:00:00,1.5,x\n'
    )


def _assert_bad(data: bytes, *phrases: str, name: str = "upload.csv", **kw) -> None:
    with pytest.raises(BadFileError) as err:
        decode_file(data, name, **kw)
    message = str(err.value)
    assert name in message  # says which file
    for phrase in phrases:
        assert phrase in message, message


def test_empty_and_whitespace_only():
    _assert_bad(b"", "empty")
    _assert_bad(b" \r\n\t\n", "empty")
    _assert_bad(b"\xef\xbb\xbf", "empty")  # only a BOM
    _assert_bad("  \n ".encode("utf-16"), "blank")


def test_pdf():
    _assert_bad(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF", "CSV")


def test_old_xls():
    _assert_bad(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "save it as .xlsx or CSV")


def test_encrypted_xlsx():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    _assert_bad(data, "password", name="secret.xlsx")


def test_images_and_other_binary():
    _assert_bad(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image")
    _assert_bad(b"\xff\xd8\xff\xe0" + b"\x00" * 20, "JPEG image")
    _assert_bad(b"abc\x00\x01\x02\xffdef\x00\x00\x10", "binary")


def test_zip_that_is_not_xlsx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("report.csv", "a,b\n")
    _assert_bad(buf.getvalue(), "zip archive", "extract", name="reports.zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    _assert_bad(buf.getvalue(), "Word document", name="notes.docx")
    _assert_bad(b"PK\x03\x04 broken", "damaged", name="broken.xlsx")


def test_empty_xlsx_sheet():
    wb = openpyxl.Workbook()
    buf = io.BytesIO()
    wb.save(buf)
    _assert_bad(buf.getvalue(), "empty", name="blank.xlsx")


def test_truncated_utf16():
    data = "Meeting Summary\n".encode("utf-16")[:-1]  # BOM + odd byte count
    _assert_bad(data, "odd number of bytes", "Download the report again")


def test_truncated_utf8_multibyte_at_end():
    data = "Nome,País\nJosé,Açaí".encode()[:-1]
    _assert_bad(data, "cut off")


def test_html_saved_as_xls():
    _assert_bad(b"<html><body><table><tr><td>x</td></tr></table></body></html>", "web page")


def test_over_the_size_limit():
    _assert_bad(b"a,b\n" * 100, "upload limit", "split", max_bytes=100)
    assert decode_file(b"a,b\n" * 25, "ok.csv", max_bytes=100).text.count("\n") == 25
