"""Tests for engagement.timeparse: every documented vendor format, one format per column."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from engagement.timeparse import parse_datetimes, parse_durations

T = pd.Timestamp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Zoom webinar row times: "Mon DD, YYYY HH:MM:SS", 24-hour
        ("Apr 01, 2026 14:38:06", T("2026-04-01 14:38:06")),
        # Zoom summary Actual Start Time: unpadded day, 12-hour, no seconds
        ("Apr 1, 2026 2:38 PM", T("2026-04-01 14:38")),
        # Zoom "Report generated time"
        ("Apr 04, 2026 12:18 PM", T("2026-04-04 12:18")),
        # Zoom meeting participants, US numeric with AM/PM
        ("05/24/2021 09:22:45 AM", T("2021-05-24 09:22:45")),
        # Zoom meeting-data row; every part <= 12 and AM/PM -> month first (tie rule)
        ("09/01/2020 09:03:16 AM", T("2020-09-01 09:03:16")),
        # Teams en-US "M/D/YYYY, h:mm:ss AM"
        ("4/25/2022, 8:22:11 AM", T("2022-04-25 08:22:11")),
        # Teams de "dd/mm/yyyy, HH:MM:SS" (24-hour -> day first on a tie)
        ("11/12/2020, 12:27:24", T("2020-12-11 12:27:24")),
        # Teams 2025: 2-digit year, lower-case pm (AM/PM -> month first)
        ("2/1/25, 9:04:01 pm", T("2025-02-01 21:04:01")),
        # Teams v2 Belgian "dd/mm/yy, HH:MM:SS" (14 cannot be a month)
        ("14/11/22, 09:29:07", T("2022-11-14 09:29:07")),
        # NARROW NO-BREAK SPACE before PM
        ("7/22/26, 7:00:11\u202fPM", T("2026-07-22 19:00:11")),
        # Teams French "dd/mm/yyyy à HH:MM:SS"
        ("13/04/2021 à 09:01:31", T("2021-04-13 09:01:31")),
        # Teams pt-BR in-meeting list, 24-hour tie -> day first
        ("09/03/2021 07:59:50", T("2021-03-09 07:59:50")),
        ("2024-05-02 09:15:30", T("2024-05-02 09:15:30")),
        # Japanese Zoom meeting export (Excel-touched)
        ("2020/12/8 8:35", T("2020-12-08 08:35")),
        # Korean "YYYY. M. D. 오후 h:mm:ss"
        ("2024. 4. 23. 오후 3:15:00", T("2024-04-23 15:15")),
        # Korean Zoom summary "4월 23, 2024"
        ("4월 23, 2024 3:15 PM", T("2024-04-23 15:15")),
        # pt-BR Zoom summary dates
        ("jul. 13, 2021 1:41 da tarde", T("2021-07-13 13:41")),
        ("jan. 12, 2021 8:53 da manhã", T("2021-01-12 08:53")),
        ("dez. 1, 2021 9:05 da noite", T("2021-12-01 21:05")),
        # Spanish and French month names
        ("13 de abril de 2021 09:01", T("2021-04-13 09:01")),
        ("1 avr. 2021 09:01", T("2021-04-01 09:01")),
        ("ene. 5, 2022 10:00 p. m.", T("2022-01-05 22:00")),
        # Webex Excel formula wrapping
        ('="2024-03-01 10:00:00"', T("2024-03-01 10:00")),
        # Polish Teams "dd.mm.yyyy, HH:MM:SS"
        ("25.04.2022, 08:22:11", T("2022-04-25 08:22:11")),
        # Eventbrite "M/D/YY H:MM"
        ("11/29/24 22:28", T("2024-11-29 22:28")),
    ],
)
def test_each_documented_format(text, expected):
    out = parse_datetimes(pd.Series([text]))
    assert out.iloc[0] == expected
    assert str(out.dtype) == "datetime64[ns]"


def test_missing_tokens_are_nat_and_index_is_kept():
    s = pd.Series(
        ["", "--", "-", "NA", "N/A", "null", None, "Apr 01, 2026 14:38:06"], index=list("abcdefgh")
    )
    out = parse_datetimes(s)
    assert list(out.index) == list("abcdefgh")
    assert out.isna().sum() == 7  # every token above except the last value
    assert out["h"] == T("2026-04-01 14:38:06")


def test_indico_utc_offsets_give_tz_aware_utc():
    out = parse_datetimes(
        pd.Series(["2024-05-02 09:15:30.123456+00:00", "2024-05-03 10:00:00+02:00", ""])
    )
    assert str(out.dtype) == "datetime64[ns, UTC]"
    assert out.iloc[0] == T("2024-05-02 09:15:30.123456", tz="UTC")
    assert out.iloc[1] == T("2024-05-03 08:00:00", tz="UTC")  # +02:00 converted to UTC
    assert pd.isna(out.iloc[2])


def test_day_month_order_is_decided_by_the_whole_column():
    # "24/05/2021" can only be day-first, so "01/05/2021" in the same column is 1 May too,
    # even though the column uses AM/PM (whose tie rule alone would say month first).
    out = parse_datetimes(pd.Series(["01/05/2021 09:00:00 AM", "24/05/2021 10:00:00 AM"]))
    assert list(out) == [T("2021-05-01 09:00"), T("2021-05-24 10:00")]
    # And the other way round for a 24-hour column: 05/24 settles month-first.
    out = parse_datetimes(pd.Series(["01/05/2021 09:00", "05/24/2021 10:00"]))
    assert list(out) == [T("2021-01-05 09:00"), T("2021-05-24 10:00")]


def test_tie_rule_month_first_with_ampm_day_first_for_24_hour():
    ampm = parse_datetimes(pd.Series(["01/02/2021 10:00 AM", "03/04/2021 11:00 PM"]))
    assert list(ampm) == [T("2021-01-02 10:00"), T("2021-03-04 23:00")]  # US month first
    h24 = parse_datetimes(pd.Series(["01/02/2021 10:00", "03/04/2021 11:00"]))
    assert list(h24) == [T("2021-02-01 10:00"), T("2021-04-03 11:00")]  # day first


def test_unparseable_value_becomes_nat_without_changing_the_column_format():
    out = parse_datetimes(pd.Series(["13/04/2021 09:01:31", "garbage", "12/04/2021 09:00:00"]))
    assert out.iloc[0] == T("2021-04-13 09:01:31")
    assert pd.isna(out.iloc[1])
    assert out.iloc[2] == T("2021-04-12 09:00")  # day-first, as the column decided


def test_time_layout_may_vary_inside_one_date_order():
    # Zoom's "Other Attended" mixes 12-hour minute times with 24-hour seconds elsewhere.
    out = parse_datetimes(pd.Series(["Mar 28, 2020 2:20 PM", "Mar 28, 2020 14:21:05"]))
    assert list(out) == [T("2020-03-28 14:20"), T("2020-03-28 14:21:05")]


def test_repeated_values_and_large_columns():
    values = pd.Series(["Apr 01, 2026 14:38:06"] * 5000 + ["--"] * 10)
    out = parse_datetimes(values)
    assert out.notna().sum() == 5000


def test_already_datetime_passes_through():
    s = pd.Series(pd.to_datetime(["2024-01-01 10:00"]))
    assert parse_datetimes(s).iloc[0] == T("2024-01-01 10:00")


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1h 54m", 114),  # Teams v1b
        ("6m 15s", 6.25),
        ("22s", 22 / 60),
        ("2\u00a0h 44\u00a0m", 164),  # Teams French with NBSP
        ("1h 30m 51s", 90 + 51 / 60),
        ("3h", 180),
        ("45m", 45),
        ("1 godz. 5 min 3 sek.", 65 + 3 / 60),  # Polish Teams
        ("209", 209),  # Zoom integer minutes
        (" 548", 548),  # Zoom summary with a leading space
        ("01:54:03", 114 + 3 / 60),  # clock form h:mm:ss
    ],
)
def test_durations(text, minutes):
    out = parse_durations(pd.Series([text]))
    assert out.iloc[0] == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "--", "NA", "abc", "5 parsecs"])
def test_durations_missing_or_unreadable_are_nan(text):
    assert math.isnan(parse_durations(pd.Series([text])).iloc[0])
