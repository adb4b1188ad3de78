"""Eventbrite attendee reports (classic "Order #/Attendee #" header, UK and Italian wording, the
2013 fully quoted layout) -> event-level registrations, one per ticket.

Decisions (FORMATS.md section 4):
* Attendee Status "Attending"/"Checked In" -> approved; "Not Attending", "Refunded",
  "Transferred", "Deleted", "Cancelled" -> cancelled; empty -> approved; the word itself is kept
  in status_raw. Unknown words count as approved and are listed in a note.
* No attendance segments: the report has no join/leave times. "Checked In" (an on-site scan) is
  visible only through status_raw.
* Order Date -> registered_at (Eventbrite writes the organiser's local time, no zone).
* Company -> organization, Job Title -> job_title, Home Country (else Work Country, else a
  plain "Country" column) -> country_raw. Questions whose text asks the organisation type or
  gender fill org_type_raw / gender_raw. Every other custom question goes into answers (only
  non-empty answers). Payment, address, phone and ticket bookkeeping columns are not copied.
"""

from __future__ import annotations

import pandas as pd

from engagement.formats.registration_lists import registration_list
from engagement.formats.tables import header_labels, read_one_table
from engagement.model import BadFileError, ParsedReport

FORMAT = "eventbrite_attendees"

ORDER_HEADERS = {
    "order #",
    "order no.",
    "order no",
    "order number",
    "ordine n.",
    "n. ordine",
    "id ordine",
    "numero ordine",
}
ATTENDEE_HEADERS = {
    "attendee #",
    "attendee no.",
    "attendee no",
    "attendee number",
    "n. partecipante",
    "partecipante n.",
}
STATUS_HEADERS = {"attendee status", "stato partecipante", "stato del partecipante"}
TICKET_HEADERS = {"ticket type", "tipologia biglietto", "tipo di biglietto"}
EMAIL_HEADERS = ("email", "e-mail", "email address", "indirizzo e-mail", "e-mail address")
FIRST_HEADERS = ("first name", "nome")
LAST_HEADERS = ("last name", "surname", "cognome")
DATE_HEADERS = ("order date", "date", "data ordine", "data dell'ordine", "order date (utc)")
COMPANY_HEADERS = ("company", "azienda", "company name", "organisation", "organization")
JOB_HEADERS = ("job title", "titolo professionale", "qualifica")
COUNTRY_HEADERS = ("home country", "work country", "country", "paese", "country of residence")
GENDER_HEADERS = ("gender", "genere", "sesso")

# Eventbrite's own bookkeeping and contact columns (folded): never copied into answers.
STANDARD = (
    {
        "quantity",
        "qty",
        "price tier",
        "ticket type",
        "group",
        "order type",
        "currency",
        "total paid",
        "fees paid",
        "eventbrite fees",
        "eventbrite payment processing",
        "prefix",
        "suffix",
        "barcode #",
        "barcode no.",
        "date attending",
        "mobile phone",
        "cell phone",
        "home phone",
        "work phone",
        "birth date",
        "age",
        "website",
        "blog",
        "device name",
        "check-in date",
        "data check-in",
        "data partecipazione",
        "n. codice a barre",
        "tipologia biglietto",
        "prefisso (sig., sig.ra, ecc.)",
        "county of residence",
        "attendee status",
        "buyer first name",
        "buyer last name",
        "buyer email",
    }
    | ORDER_HEADERS
    | ATTENDEE_HEADERS
    | STATUS_HEADERS
)
STANDARD_PREFIXES = (
    "home ",
    "work ",
    "billing ",
    "shipping ",
    "amount",
    "total paid",
    "fees paid",
    "eventbrite fees",
    "cc processing",
    "eventbrite payment",
)

STATUS_OF = {
    "attending": "approved",
    "checked in": "approved",
    "check-in effettuato": "approved",
    "partecipa": "approved",
    "not attending": "cancelled",
    "refunded": "cancelled",
    "transferred": "cancelled",
    "deleted": "cancelled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "rimborsato": "cancelled",
    "annullato": "cancelled",
    "non partecipa": "cancelled",
    "trasferito": "cancelled",
}


def detect(text: str) -> bool:
    folded = set(header_labels(text[:20000]))
    return bool(folded & ORDER_HEADERS) and bool(
        folded & (ATTENDEE_HEADERS | STATUS_HEADERS | TICKET_HEADERS)
    )


def parse(text: str, encoding: str) -> ParsedReport:
    table = read_one_table(text)
    if table is None:
        raise BadFileError("The Eventbrite report is empty: it has no header row.")
    blank = pd.Series("", index=range(len(table.cells)), dtype="str")

    def col(names) -> pd.Series:
        p = table.find(names)
        return blank if p is None else table.col(p).reset_index(drop=True)

    standard = (EMAIL_HEADERS, FIRST_HEADERS, LAST_HEADERS, DATE_HEADERS, COMPANY_HEADERS)
    used = {table.find(g) for g in (*standard, JOB_HEADERS, GENDER_HEADERS)} - {None}
    # Country: Home, then Work, then a plain "Country" column, first non-empty per row.
    country = blank
    for h in COUNTRY_HEADERS:
        if h in table.folded:
            p = table.folded.index(h)
            used.add(p)
            country = country.where(country != "", table.col(p).reset_index(drop=True))
    first, last = col(FIRST_HEADERS), col(LAST_HEADERS)
    fields = {
        "email": col(EMAIL_HEADERS),
        "first_name": first,
        "last_name": last,
        "name": (first + " " + last).str.strip(),
        "registered_at": col(DATE_HEADERS),
        "status_raw": col(STATUS_HEADERS),
        "country_raw": country,
        "organization": col(COMPANY_HEADERS),
        "job_title": col(JOB_HEADERS),
        "gender_raw": col(GENDER_HEADERS),
    }
    return registration_list(
        FORMAT,
        encoding,
        table,
        fields,
        when="order date",
        statuses=STATUS_OF,
        unknown_note="Attendee Status words not recognised, counted as approved: ",
        skip=lambda i, h: i in used or h in STANDARD or h.startswith(STANDARD_PREFIXES),
        notes=[
            "Eventbrite attendee reports have no join/leave times: registrations only "
            "('Checked In' is kept as the status word)."
        ],
    )
