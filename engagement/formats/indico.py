"""Indico registration exports (registrations.csv and registrations.xlsx) -> event-level
registrations.

Decisions (FORMATS.md section 5, written from Indico's source, no real file seen):
* Columns: "ID", "Name", then form fields by their editable titles, then optional static columns
  (Registration date, Modification date, Registration state, Created by, Price, Checked in,
  Check-in date, Payment date, Tags). Fields are found by the default English titles (and a few
  common renamings); duplicate titles are allowed and the first one wins for a standard field.
* Affiliation -> organization, Position -> job_title, Country -> country_raw. Questions asking
  the organisation type or gender fill org_type_raw / gender_raw. Other form fields go into
  answers (non-empty only); Phone Number and Address are never copied, nor the static columns.
* Registration state: Completed -> approved, Pending and Awaiting payment -> pending,
  Rejected -> denied, Withdrawn -> cancelled. No state column -> every row approved (noted).
* Registration date: the CSV writes aware UTC ("2024-05-02 09:15:30.123456+00:00") and
  registered_at is then tz-aware UTC; the XLSX writes naive event-local times.
"""

from __future__ import annotations

import pandas as pd

from engagement.formats.generic import (
    answers_json,
    first_nonblank,
    fold,
    parse_times_together,
    read_table,
    registrations_frame,
    rejects_frame,
    sniff_delimiter,
    split_cells,
    split_lines,
    split_questions,
    time_problems,
)
from engagement.model import SEGMENT_COLUMNS, BadFileError, MeetingInfo, ParsedReport, empty_frame

FORMAT = "indico_registrations"

STATIC = (
    "registration date",
    "modification date",
    "registration state",
    "created by",
    "price",
    "checked in",
    "check-in date",
    "payment date",
    "tags",
)
PERSONAL = (
    "first name",
    "last name",
    "email address",
    "affiliation",
    "title",
    "address",
    "phone number",
    "country",
    "position",
)
EMAIL_HEADERS = ("email address", "email", "e-mail", "e-mail address")
FIRST_HEADERS = ("first name", "given name", "prenom")
LAST_HEADERS = ("last name", "family name", "surname", "nom de famille")
ORG_HEADERS = ("affiliation", "organization", "organisation", "institution", "company")
COUNTRY_HEADERS = ("country", "country of residence", "pays", "pais")
JOB_HEADERS = ("position", "job title")
PRIVATE = {"phone number", "phone", "address", "telephone"}

STATE_OF = {
    "completed": "approved",
    "complete": "approved",
    "pending": "pending",
    "awaiting payment": "pending",
    "unpaid": "pending",
    "rejected": "denied",
    "withdrawn": "cancelled",
}


def _header(text: str):
    lines = split_lines(text)
    first = first_nonblank(lines)
    if first is None:
        return None
    delimiter = sniff_delimiter(lines[first])
    return split_cells(lines[first], delimiter), first, delimiter


def detect(text: str) -> bool:
    found = _header(text[:20000])
    if not found:
        return False
    folded = [fold(c) for c in found[0]]
    if folded[:2] != ["id", "name"]:
        return False
    return bool({"registration date", "registration state"} & set(folded)) or (
        len(set(folded) & set(PERSONAL)) >= 2
    )


def parse(text: str, encoding: str) -> ParsedReport:
    found = _header(text)
    if not found:
        raise BadFileError("The Indico export is empty: it has no header row.")
    lines = split_lines(text)
    table = read_table(lines, found[1], None, found[2])
    n = len(table.cells)
    blank = pd.Series("", index=range(n), dtype="str")
    used: set[int] = set()

    def col(names) -> pd.Series:
        p = table.find(names)
        if p is None:
            return blank
        used.add(p)
        return table.col(p).reset_index(drop=True)

    email, first, last = col(EMAIL_HEADERS), col(FIRST_HEADERS), col(LAST_HEADERS)
    name = col(("name",))
    name = name.where(name != "", (first + " " + last).str.strip())
    organization, country, job = col(ORG_HEADERS), col(COUNTRY_HEADERS), col(JOB_HEADERS)
    col(("id",))
    date_text = col(("registration date",))
    (registered_at,) = parse_times_together(date_text)
    state_col = table.find(("registration state",))
    state_text = col(("registration state",))
    status = state_text.map(fold).map(STATE_OF)
    unknown = sorted(set(state_text[status.isna() & (state_text != "")]))
    status = status.fillna("approved").astype("str")

    org_type, gender, questions = split_questions(
        table, lambda i, h: i in used or h in STATIC or h in PRIVATE, blank, blank
    )
    answers = answers_json(table, questions).reset_index(drop=True)

    reasons = time_problems(date_text, registered_at, "registration date", required=False)
    reasons = reasons.where((reasons != "") | (email != "") | (name != ""), "no e-mail and no name")
    ok = (reasons == "").to_numpy()
    notes = []
    if state_col is None:
        notes.append("No 'Registration state' column: every registration is counted as approved.")
    if unknown:
        notes.append(
            "Registration states not recognised, counted as approved: " + ", ".join(unknown[:10])
        )
    if encoding == "xlsx":
        notes.append("Indico Excel exports write times in the event's time zone.")
    regs = registrations_frame(
        table.line[ok],
        email=email[ok],
        first_name=first[ok],
        last_name=last[ok],
        name=name[ok],
        registered_at=registered_at[ok],
        status=status[ok],
        status_raw=state_text[ok],
        country_raw=country[ok],
        organization=organization[ok],
        org_type_raw=org_type[ok],
        job_title=job[ok],
        gender_raw=gender[ok],
        answers=answers[ok],
    )
    return ParsedReport(
        format=FORMAT,
        encoding=encoding,
        meeting=MeetingInfo(),
        registrations=regs,
        segments=empty_frame(SEGMENT_COLUMNS),
        rejects=rejects_frame([(table.line[~ok], table.raw[~ok], reasons[~ok])]),
        notes=notes,
        event_level_registrations=True,
    )
