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

from engagement.formats.registration_lists import registration_list
from engagement.formats.tables import header_labels, read_one_table
from engagement.model import BadFileError, ParsedReport

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


def detect(text: str) -> bool:
    folded = header_labels(text[:20000])
    if folded[:2] != ["id", "name"]:
        return False
    return bool({"registration date", "registration state"} & set(folded)) or (
        len(set(folded) & set(PERSONAL)) >= 2
    )


def parse(text: str, encoding: str) -> ParsedReport:
    table = read_one_table(text)
    if table is None:
        raise BadFileError("The Indico export is empty: it has no header row.")
    used: set[int] = set()  # positions of standard columns: not questions
    blank = pd.Series("", index=range(len(table.cells)), dtype="str")

    def col(names) -> pd.Series:
        p = table.find(names)
        if p is None:
            return blank
        used.add(p)
        return table.col(p).reset_index(drop=True)

    first, last, name = col(FIRST_HEADERS), col(LAST_HEADERS), col(("name",))
    fields = {
        "email": col(EMAIL_HEADERS),
        "first_name": first,
        "last_name": last,
        "name": name.where(name != "", (first + " " + last).str.strip()),
        "organization": col(ORG_HEADERS),
        "country_raw": col(COUNTRY_HEADERS),
        "job_title": col(JOB_HEADERS),
        "registered_at": col(("registration date",)),
        "status_raw": col(("registration state",)),
    }
    col(("id",))
    notes = []
    if table.find(("registration state",)) is None:
        notes.append("No 'Registration state' column: every registration is counted as approved.")
    report = registration_list(
        FORMAT,
        encoding,
        table,
        fields,
        when="registration date",
        statuses=STATE_OF,
        unknown_note="Registration states not recognised, counted as approved: ",
        skip=lambda i, h: i in used or h in STATIC or h in PRIVATE,
        notes=notes,
    )
    if encoding == "xlsx":
        report.notes.append("Indico Excel exports write times in the event's time zone.")
    return report
