"""The WLPF 2021 demo: deterministic bytes, the real Zoom layout, and the figures it promises."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from engagement import demo

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(__file__).resolve().parent / "samples"
COMMITTED = ROOT / "data" / "demo"
ROW_TIME = re.compile(r"^[A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2}:\d{2}$")
BOTS = ("Notetaker (Otter.ai)", "Fireflies.ai Notetaker")

# What the files of seed 2021 hold, read back from them (deterministic).
DISTINCT_EMAILS = 3002  # every address in the five registration reports, trimmed + lower-cased
REGISTRANTS = 2996  # people with at least one registration neither cancelled nor denied
PER_DAY = {  # day: (registration rows, active registrants, attendees without bots)
    1: (2402, 2393, 1490),
    2: (1140, 1138, 603),
    3: (1143, 1141, 592),
    4: (1101, 1100, 543),
    5: (1056, 1052, 567),
}
ATTENDEES = 2132  # distinct people in the attendee sections (bots excluded)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    return demo.generate(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def figures() -> dict:
    return demo.figures()


def read_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM"
    assert b"\r" not in raw, f"{path.name}: not LF-only"
    assert raw.endswith(b"\n")
    return list(csv.reader(raw.decode("utf-8-sig").split("\n")[:-1]))


def report(files: list[Path], day: int, kind: str) -> list[list[str]]:
    (path,) = [p for p in files if p.name == f"wlpf2021_day{day}_{kind}.csv"]
    return read_rows(path)


def attendee_sections(rows: list[list[str]]) -> dict[str, list[list[str]]]:
    """Section title -> [header, *data rows]."""
    titles = ("Host Details", "Panelist Details", "Attendee Details")
    starts = [rows.index([t, ""]) for t in titles]
    ends = starts[1:] + [len(rows)]
    return {t: rows[a + 1 : b] for t, a, b in zip(titles, starts, ends, strict=True)}


def test_same_seed_same_bytes_and_other_seed_differs(generated, tmp_path):
    again = demo.generate(tmp_path / "again")
    assert [p.name for p in again] == [p.name for p in generated]
    for a, b in zip(generated, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    other = demo.generate(tmp_path / "other", seed=7)
    assert other[0].read_bytes() != generated[0].read_bytes()


def test_committed_demo_equals_a_fresh_generation(generated):
    for path in generated:
        committed = COMMITTED / path.name
        assert committed.exists(), f"{committed} missing: run demo.generate(data/demo)"
        assert committed.read_bytes() == path.read_bytes(), f"{path.name} drifted: regenerate"


def test_ten_files_well_under_five_megabytes(generated):
    assert len(generated) == 10
    assert sum(p.stat().st_size for p in generated) < 3_000_000


def test_registration_layout_matches_the_real_export(generated):
    sample = read_rows(SAMPLES / "zoom_webinar_registration_1.csv")
    for day in range(1, 6):
        rows = report(generated, day, "registration")
        assert rows[0] == ["Registration Report", ""]
        assert rows[1][0] == "Report generated time" and len(rows[1]) == 2
        assert rows[2] == sample[2]
        summary = rows[3]
        assert summary[1] == re.sub(r"(\d{3})(\d{4})(\d{4})", r"\1 \2 \3", programme()[day - 1])
        assert summary[2] == f"Jun {20 + day}, 2021 1:00 PM"
        assert all(v.startswith(" ") and v[1:].isdigit() for v in summary[3:])  # " 150"
        assert rows[4] == ["Attendee Details", ""]
        header = rows[5]
        assert header[:5] == sample[5]
        assert header[5:] == list(demo.STANDARD_FIELDS + demo.CUSTOM_QUESTIONS)
        for row in rows[6:]:  # every data row carries a trailing empty field
            assert len(row) == len(header) + 1 and row[-1] == "", row
            assert ROW_TIME.match(row[3]) and row[4] in ("approved", "cancelled by self", "denied")
        times = [row[3] for row in rows[6:]]
        assert times == sorted(times, key=lambda t: (t[:3] != "May", t))  # by Registration Time


def test_attendee_layout_matches_the_real_export(generated):
    sample = attendee_sections(read_rows(SAMPLES / "zoom_webinar_attendee_2.csv"))
    sample_header = sample["Attendee Details"][0]
    for day in range(1, 6):
        rows = report(generated, day, "attendee")
        assert rows[0] == ["Attendee Report", ""]
        assert rows[1][0] == "Report generated time"
        assert rows[2] == read_rows(SAMPLES / "zoom_webinar_attendee_2.csv")[2]
        assert rows[3][2] == f"Jun {20 + day}, 2021 1:00 PM"
        sections = attendee_sections(rows)
        assert list(sections) == ["Host Details", "Panelist Details", "Attendee Details"]
        for title in ("Host Details", "Panelist Details"):
            header, *data = sections[title]
            assert header == sample[title][0]
            assert 1 <= len({r[2] for r in data}) <= (2 if title == "Host Details" else 6)
            assert all(len(r) == 8 and ROW_TIME.match(r[3]) for r in data)
        header, *data = sections["Attendee Details"]
        # The real header's columns, in the real order, with the questions slotted in.
        assert [c for c in header if c in sample_header] == sample_header
        assert header.index("Country/Region") == header.index("Email") + 1
        assert header.index("Type of organization") == header.index("Is Guest") + 1
        assert header[-1] == "Country/Region Name"
        width = len(header)
        reg_time = header.index("Registration Time")
        counts = Counter(len(r) for r in data)
        assert set(counts) == {width, width + 1} and counts[width] > 50
        previous = None
        for row in data:
            if len(row) == width + 1:  # a registrant's first row
                assert row[-1] == "" and ROW_TIME.match(row[reg_time])
                if row[0] == "No":
                    assert row[reg_time + 2 : reg_time + 6] == ["--"] * 4
                    assert row[1] == row[2]  # a non-attendee's user name is the first name
                previous = row[4]
            else:  # a further join segment: no registration data, no trailing comma
                assert row[0] == "Yes" and row[4] == previous
                assert row[reg_time] == row[reg_time + 1] == ""
        assert any(any(b in r[1] for b in BOTS) for r in data)


def programme() -> list[str]:
    with (ROOT / "data" / "programme" / "wlpf2021.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["session_code"] for r in rows] == ["D1", "D2", "D3", "D4", "D5"]
    kinds = {"plenary", "panel", "presentation", "participatory discussion", "other"}
    for n, r in enumerate(rows, start=1):
        assert r["event_id"] == "wlpf2021" and r["kind"] in kinds
        assert (r["day"], r["start_local"], r["end_local"]) == (f"2021-06-2{n}", "13:00", "15:30")
        assert re.fullmatch(r"\d{11}", r["external_id"])
    return [r["external_id"] for r in rows]


def test_programme_has_five_webinars():
    assert len(set(programme())) == 5


def test_the_figures_the_demo_promises(generated, figures):
    countries = {}
    with (ROOT / "data" / "who_member_states.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            countries[row["who_name"]] = row
    emails, active, attended, answers = set(), set(), set(), Counter()
    for day in range(1, 6):
        reg = report(generated, day, "registration")[6:]
        day_active = {r[2].strip().lower() for r in reg if r[4] == "approved"}
        sections = attendee_sections(report(generated, day, "attendee"))
        att = sections["Attendee Details"][1:]
        # Attended: at least one segment that is not a note-taker bot (metrics.md).
        came = {
            r[4].strip().lower() for r in att if r[0] == "Yes" and not any(b in r[1] for b in BOTS)
        }
        staff = {
            r[2] for title in ("Host Details", "Panelist Details") for r in sections[title][1:]
        }
        assert (len(reg), len(day_active), len(came)) == PER_DAY[day]
        assert 0.45 <= len(came) / len(day_active) <= 0.65
        emails |= {r[2].strip().lower() for r in reg}
        active |= day_active
        attended |= came
        answers.update(r[5] for r in reg)
        assert len(reg) == figures["registration_reports"][day]["rows"]
        expected = figures["sessions_overview"][day]
        assert (expected["registrants"], expected["attendees"]) == (
            len(day_active),
            len(came | staff),
        )
    assert max(PER_DAY, key=lambda d: PER_DAY[d][2]) == 1  # day 1 is the busiest
    assert (len(emails), len(active), len(attended)) == (DISTINCT_EMAILS, REGISTRANTS, ATTENDEES)
    assert figures["distinct_registration_emails"] == DISTINCT_EMAILS
    assert figures["kpis"]["registrants"]["registrants"] == REGISTRANTS
    assert figures["kpis"]["registrants"]["registrants_attended"] == ATTENDEES
    assert len(answers) >= 120
    regions = Counter(
        countries[a]["who_region"] for a in answers.elements() if a in countries
    ).most_common()
    assert {r for r, _ in regions} >= {"AFR", "AMR", "EMR", "EUR", "SEAR", "WPR"}
    assert regions[0][0] == "AFR"
    for variant in ("USA", "Turkey", "Côte d’Ivoire", "Tanzania", "DRC", "Korea, Republic of"):
        assert variant in answers
    unresolved = sum(answers[a] for a in demo.UNRESOLVABLE)
    assert 0.003 < unresolved / sum(answers.values()) < 0.02
    assert figures["kpis"]["registrants"]["who_regions"] == 6
    assert figures["kpis"]["registrants"]["member_states"] >= 120


def test_no_real_mail_domain(generated):
    allowed = re.compile(r"@([a-z0-9-]+\.)*(example|test)(\.[a-z]+)?$|@example\.[a-z]+$")
    for path in generated:
        text = path.read_text(encoding="utf-8-sig")
        for address in re.findall(r"[\w.+-]+@[\w.-]+", text):
            assert allowed.search(address.lower()), address
