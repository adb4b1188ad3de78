"""Event-level registration lists (Eventbrite, Indico): registration questions read by their
text, and the report of a list from its standard columns."""

from __future__ import annotations

import re

import pandas as pd

from engagement.formats.tables import (
    Table,
    answers_json,
    parse_times_together,
    person_problems,
    registrations_frame,
    rejects_frame,
    segments_frame,
    time_problems,
)
from engagement.formats.vocabulary import statuses_from
from engagement.model import MeetingInfo, ParsedReport
from engagement.text import label

# Questions whose text says what they ask (folded, word-bounded).
_ORG_TYPE_RE = re.compile(
    r"\b(organi[sz]ation(al)? type|type of (your )?(organi[sz]ation|institution|entity)|"
    r"institution type|entity type|sector|secteur|settore|sektor|stakeholder( group| type)?|"
    r"type d'(organisation|organisme|institution|entite)|tipo de (organi[sz]acion|"
    r"organi[sz]acao|institucion|instituicao|entidad|entidade)|tipo di organizzazione|"
    r"organisationstyp|art der organisation)\b"
)
_GENDER_RE = re.compile(r"\b(gender|sex|genre|sexe|sexo|genero|geschlecht|sesso|plec)\b")


def question_kind(title: str) -> str | None:
    """'org_type' or 'gender' when a registration question's text asks that, else None."""
    folded = label(title)
    if _ORG_TYPE_RE.search(folded):
        return "org_type"
    if _GENDER_RE.search(folded):
        return "gender"
    return None


def split_questions(table, skip, org_type: pd.Series, gender: pd.Series):
    """Registration questions by their text: the first organization-type and gender answers
    (unless a standard column already gave them), and (position, title) of every other one."""
    questions = []
    for i, h in enumerate(table.folded):
        if not h or skip(i, h):
            continue
        kind = question_kind(table.header[i])
        if kind == "org_type" and (org_type == "").all():
            org_type = table.col(i).reset_index(drop=True)
        elif kind == "gender" and (gender == "").all():
            gender = table.col(i).reset_index(drop=True)
        else:
            questions.append((i, table.header[i]))
    return org_type, gender, questions


def registration_list(fmt: str, encoding: str, table: Table, fields: dict, **how) -> ParsedReport:
    """The report of an event-level registration list.

    `fields`: contract column -> cells, with the registration time as written under
    "registered_at" and the status word under "status_raw". `how`: `when` (the time's name in
    reject reasons), `statuses` (folded word -> status), `unknown_note` (the note's start when
    status words are unknown), `skip(position, folded header)` (columns that are no question)
    and `notes` (to add to). Questions asking the organization type or gender fill those
    fields when no standard column did; every other question goes to answers.
    """
    blank = pd.Series("", index=range(len(table.cells)), dtype="str")
    when_text = fields["registered_at"]
    (registered_at,) = parse_times_together(when_text)
    status, unknown = statuses_from(fields["status_raw"], how["statuses"])
    org_type, gender, questions = split_questions(
        table, how["skip"], fields.get("org_type_raw", blank), fields.get("gender_raw", blank)
    )
    columns = {
        **fields,
        "registered_at": registered_at,
        "status": status,
        "org_type_raw": org_type,
        "gender_raw": gender,
        "answers": answers_json(table.cells, questions).reset_index(drop=True),
    }
    reasons = time_problems(when_text, registered_at, how["when"], required=False)
    reasons = person_problems(reasons, fields["email"], fields["name"])
    notes = how["notes"]
    if unknown:
        notes.append(how["unknown_note"] + ", ".join(unknown[:10]))
    ok = (reasons == "").to_numpy()
    return ParsedReport(
        format=fmt,
        encoding=encoding,
        meeting=MeetingInfo(),
        registrations=registrations_frame(table.line[ok], **{c: v[ok] for c, v in columns.items()}),
        segments=segments_frame([]),
        rejects=rejects_frame([(table.line[~ok], table.raw[~ok], reasons[~ok])]),
        notes=notes,
        event_level_registrations=True,
    )
