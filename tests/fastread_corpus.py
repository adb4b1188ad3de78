"""Generated Zoom attendee reports with every kind of row the attendee section can hold, for
comparing the DuckDB read (ingest.fastread) with the per-file read, table by table.

Deterministic (seeded). Written without looking at how fastread decides: each row kind comes
from zoom_webinar's module docstring and FORMATS.md (rejected rows, continuation rows, bots,
markers for "nothing", whitespace Python strips, custom questions, times around DST changes).
"""

from __future__ import annotations

import csv
import io
import random

SEG_HEADER = (
    "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),"
    "Is Guest,Country/Region Name"
)
HEAD = """\ufeffAttendee Report,
Report generated time,"Mar 30, 2021 09:14 AM"
Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registrants,Unique Viewers
WLPF test webinar,841 6920 7315,"{start}",157,2394,1493
Host Details,
{seg_header}
Yes,WHO LPA Webinars,lpa.webinars@who.example,"{start}","{end}",157,No,Switzerland
Panelist Details,
{seg_header}
Yes,Ana Souza,souzaa@who.example,"{start}","{end}",153,No,Switzerland
Attendee Details,
"""
HEADER = [
    "Attended", "User Name (Original Name)", "First Name", "Last Name", "Email",
    "Country/Region", "Organization", "Job Title", "Registration Time", "Approval Status",
    "Join Time", "Leave Time", "Time in Session (minutes)", "Is Guest", "Type of organization",
    "Gender", "Country/Region Name", "Phone", "What is your main interest?",
    "What is your main interest?",
]  # fmt: skip
ODD_EMAILS = [
    "", "--", "not an address", "NA", "null", "<P1@X.ORG>", "'a@b.org'", "a@b@c.org",
    "mail`x@y.org", "a@.b.org.", "jane.doe_who.int#EXT#@tenant.onmicrosoft.com", "Nobody@",
    "x@ y.org", "x@y.org\u00a0", "ZOË@MÜLLER.EXAMPLE", '"q@r.org"', "a@otter.ai",
]  # fmt: skip
FIRST = ["Laura", "Marco", "José", "Zoë", "Олег", "李", "Nguyễn", "O'Brien", "", "NA", "Ana María"]
LAST = ["Martin", "Dubois", "Müller", "Smith, Jr.", "", "--", "Kariuki", "Çelik", 'Le "Grand"']
DOMAINS = ["who.example", "health.gov.ke.example", "uni.edu.example", "otter.ai", "gmail.com"]
COUNTRIES = ["Germany", "Côte d'Ivoire", "NA", "--", "Korea, Republic of", "Brasil", "", "UK"]
ORGS = ["Ministry of Health", "Lotus Vaccines Ltd", "UNICEF", "", "University of Nairobi", "null"]
TYPES = ["Government", "Private sector / Manufacturer", "Academia", "NGO", "", "Other", "n/a"]
GENDERS = ["Female", "Male", "Non-binary", "", "Prefer not to say", "F", "homme"]
STATUS = ["approved", "approved", "approved", "pending", "denied", "Approved", "--"]
SPACES = [" ", "\u00a0", "\t", "\u2003", "\u3000"]
BOTS = ["Otter.ai", "Fireflies.ai Notetaker", "Read.ai meeting notes", "Zoom Recorder"]


def _time(day: str, minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    return f"{day} {hours:02d}:{minutes:02d}:{(minute * 7) % 60:02d}"


def _padded(rng: random.Random, text: str) -> str:
    if text and rng.random() < 0.08:
        return rng.choice(SPACES) + text + rng.choice(SPACES)
    return text


def attendee_rows(rng: random.Random, count: int, day: str) -> list[list[str]]:
    """`count` rows of every kind (about one in twelve is rejected by the per-file read)."""
    rows = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        user = f"{first} {last}".strip() if rng.random() < 0.9 else rng.choice(BOTS)
        email = f"p{i % 9_000}.{rng.randrange(99)}@{rng.choice(DOMAINS)}"
        if rng.random() < 0.06:
            email = rng.choice(ODD_EMAILS)
        join = rng.randrange(0, 20 * 60)
        leave = join + rng.randrange(0, 180)
        row = [
            "Yes",
            _padded(rng, user),
            _padded(rng, first),
            _padded(rng, last),
            _padded(rng, email),
            rng.choice(COUNTRIES),
            rng.choice(ORGS),
            rng.choice(["Director", "", "Pharmacist, senior", "NA"]),
            f"Mar {rng.randrange(1, 28)}, 2021 {rng.randrange(24):02d}:{rng.randrange(60):02d}:05",
            rng.choice(STATUS),
            _time(day, join),
            _time(day, leave),
            str(leave - join),
            rng.choice(["Yes", "No", "", "yes"]),
            _padded(rng, rng.choice(TYPES)),
            rng.choice(GENDERS),
            rng.choice(COUNTRIES),
            rng.choice(["", "+41 22 791 21 11", "--"]),
            rng.choice(["", "vaccines", "API production", 'say "hello"', "a\\b"]),
            rng.choice(["", "same question, other answer"]),
            "",
        ]
        kind = rng.random()
        if kind < 0.25:  # a further join segment of the registrant above
            row[2:4] = ["", ""]
            row[5:10] = ["", "", "", "", ""]
            row[14:16] = ["", ""]
        elif kind < 0.40:  # registered, did not attend
            row[0], row[10], row[11], row[12] = "No", "", "", ""
        elif kind < 0.44:  # attended without a join time: a registration only
            row[10], row[11] = "", ""
        elif kind < 0.46:  # the same, with no registration either: rejected
            row[8], row[9], row[10], row[11] = "", "", "", ""
        elif kind < 0.48:
            row[0] = rng.choice(["Maybe", "1", "Sim", "Oui", "no"])
        elif kind < 0.50:
            row[9] = rng.choice(["weird", "waitlisted", "cancelled"])
        elif kind < 0.52:  # leaves before joining
            row[10], row[11] = row[11], row[10]
            row[10] = _time(day, join + 200)
        elif kind < 0.54:
            row[11] = rng.choice(["", "--"])
        elif kind < 0.56:  # neither a registration nor attendance
            row[0], row[8], row[9] = "No", "", ""
        elif kind < 0.58:  # a value past the header
            row[-1] = "stray"
        elif kind < 0.60:  # nobody: no name, no e-mail
            row[1:5] = ["", "", "", rng.choice(["", "--"])]
        rows.append(row)
    return rows


def report(rows: int, seed: int = 7, day: str = "Jun 21, 2021") -> bytes:
    """A whole attendee report of `rows` attendee rows (one line each)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(attendee_rows(rng, rows, day))
    start, end = _time(day, 0), _time(day, 157)
    head = HEAD.format(start=start, end=end, seg_header=SEG_HEADER)
    return (head + out.getvalue()).encode("utf-8")
