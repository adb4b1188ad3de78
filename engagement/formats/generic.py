"""Any CSV/XLSX with one header row, read through a column mapping; plus the table helpers every
vendor parser here shares (line splitting, delimiter sniffing, header folding, sections)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from engagement.model import (
    REGISTRATION_COLUMNS,
    REJECT_COLUMNS,
    SEGMENT_COLUMNS,
    BadFileError,
    MeetingInfo,
    ParsedReport,
    empty_frame,
)
from engagement.timeparse import MISSING_TOKENS, parse_datetimes, parse_durations

FORMAT = "generic"

# --------------------------------------------------------------------------------------------
# Shared table helpers (used by teams, eventbrite, indico and webex too)
# --------------------------------------------------------------------------------------------

DELIMITERS = ("\t", ";", ",")
_QUOTED_RE = re.compile(r'"[^"]*"')
_SPACES_RE = re.compile(r"\s+")


def split_lines(text: str) -> list[str]:
    """Physical lines of the decoded text (any line ending; a final line end adds no line)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# Letters NFKD does not decompose (Polish ł, Nordic ø, ...) and typographic apostrophes.
_FOLD_EXTRA = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "\u2019": "'", "\u2018": "'", "\ufeff": ""}
)


def fold(value: str) -> str:
    """Header/label text for matching: accents dropped, case-folded, one space, no colon."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(_FOLD_EXTRA)
    text = _SPACES_RE.sub(" ", text).strip()
    return text.rstrip(":").strip()


def sniff_delimiter(line: str) -> str:
    """TAB, ';' or ',' for one header line: TAB whenever present (Teams), else the more frequent
    of ';' and ',' outside quoted cells (Excel writes the local list separator)."""
    bare = _QUOTED_RE.sub("", line)
    if "\t" in bare:
        return "\t"
    return ";" if bare.count(";") > bare.count(",") else ","


def split_cells(line: str, delimiter: str) -> list[str]:
    """One line as trimmed cells (CSV quoting honoured)."""
    try:
        row = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        row = line.split(delimiter)
    return [c.strip() for c in row]


def first_nonblank(lines: list[str], start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip(" \t,;\ufeff"):
            return i
    return None


@dataclass
class Table:
    """One header row and the data rows under it; cells addressed by header position."""

    header: list[str]  # as written, trimmed; trailing empty header cells dropped
    folded: list[str]
    cells: pd.DataFrame  # int columns 0..len(header)-1, str, "" where a row is short
    line: np.ndarray  # 1-based line number (first physical line) of each row
    raw: pd.Series  # that line's text, for reject messages

    def col(self, index: int | None) -> pd.Series:
        if index is None or index >= self.cells.shape[1]:
            return pd.Series("", index=self.cells.index, dtype="str")
        return self.cells[index]

    def find(self, names, contains=()) -> int | None:
        """Position of the first header equal (folded) to one of names, else containing one of
        `contains`; None when absent."""
        wanted = set(names)
        for i, h in enumerate(self.folded):
            if h in wanted:
                return i
        for i, h in enumerate(self.folded):
            if any(k in h for k in contains):
                return i
        return None

    def subset(self, mask) -> Table:
        mask = np.asarray(mask, dtype=bool)
        return Table(self.header, self.folded, self.cells[mask], self.line[mask], self.raw[mask])


def read_table(
    lines: list[str], header_index: int, end_index: int | None = None, delimiter: str = ","
) -> Table:
    """Read lines[header_index:end_index] as one table with pandas (all cells str).

    Rows may have fewer cells than the header (padded with "") or more (extra cells dropped);
    blank rows are dropped; each row keeps its line number in the decoded file.
    """
    end = len(lines) if end_index is None else end_index
    section = lines[header_index:end]
    width = max(line.count(delimiter) for line in section) + 1
    body = "\n".join(section)
    read = dict(
        sep=delimiter,
        header=None,
        names=list(range(width)),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
    )
    try:
        frame = pd.read_csv(io.StringIO(body), **read)
        quoting = csv.QUOTE_MINIMAL
    except pd.errors.ParserError:
        # An unbalanced quote somewhere: read quotes as ordinary characters instead.
        frame = pd.read_csv(io.StringIO(body), quoting=csv.QUOTE_NONE, **read)
        quoting = csv.QUOTE_NONE
    frame = frame.fillna("")
    if len(frame) == len(section):
        starts = header_index + 1 + np.arange(len(frame))
    else:  # quoted cells span lines: number the records the way the csv module does
        starts = _record_starts(section, delimiter, quoting) + header_index
        starts = starts[: len(frame)]
    for c in frame.columns:
        frame[c] = frame[c].str.strip()
    header = list(frame.iloc[0])
    while header and header[-1] == "":
        header.pop()
    data = frame.iloc[1:, : max(len(header), 1)]
    line = starts[1:]
    keep = (data != "").any(axis=1).to_numpy()
    data = data[keep].reset_index(drop=True)
    line = line[keep]
    raw = pd.Series([lines[i - 1] for i in line], dtype="str")
    return Table(header, [fold(h) for h in header], data, line, raw)


def _record_starts(section: list[str], delimiter: str, quoting: int) -> np.ndarray:
    reader = csv.reader(io.StringIO("\n".join(section)), delimiter=delimiter, quoting=quoting)
    starts, previous = [], 0
    for _ in reader:
        starts.append(previous + 1)
        previous = reader.line_num
    return np.asarray(starts, dtype=int)


def header_of(text: str) -> list[str]:
    """The header row of a one-header-row file: first non-blank line, sniffed delimiter."""
    lines = split_lines(text)
    first = first_nonblank(lines)
    if first is None:
        raise BadFileError("The file has no header row: it holds no text at all.")
    cells = split_cells(lines[first], sniff_delimiter(lines[first]))
    while cells and cells[-1] == "":
        cells.pop()
    return cells


# Registration questions whose text says what they ask (folded, word-bounded).
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
    folded = fold(title)
    if _ORG_TYPE_RE.search(folded):
        return "org_type"
    if _GENDER_RE.search(folded):
        return "gender"
    return None


def split_questions(table, skip, org_type: pd.Series, gender: pd.Series):
    """Registration questions by their text: the first organization-type and gender answers
    (unless a standard column already gave them), and the indexes of every other question."""
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
            questions.append(i)
    return org_type, gender, questions


def answers_json(table: Table, positions: list[int]) -> pd.Series:
    """JSON object text {question: answer} of the non-empty answers in those columns.

    Repeated question titles get " (2)", " (3)" so no answer is lost.
    """
    keys, seen = [], {}
    for p in positions:
        title = table.header[p] or f"column {p + 1}"
        seen[title] = seen.get(title, 0) + 1
        keys.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    if not positions:
        return pd.Series("{}", index=table.cells.index, dtype="str")
    block = table.cells[positions].to_numpy()
    out = [
        json.dumps({k: v for k, v in zip(keys, row, strict=True) if v}, ensure_ascii=False)
        for row in block
    ]
    return pd.Series(out, index=table.cells.index, dtype="str")


def registrations_frame(line, **columns) -> pd.DataFrame:
    """A registrations frame in contract column order; absent text columns become ""."""
    n = len(line)
    data = {"line": np.asarray(line, dtype="int64")}
    for c in REGISTRATION_COLUMNS[1:]:
        value = columns.get(c)
        if c == "registered_at":
            data[c] = (
                pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
                if value is None
                else pd.Series(value).reset_index(drop=True)
            )
        elif value is None:
            data[c] = pd.Series("{}" if c == "answers" else "", index=range(n), dtype="str")
        else:
            data[c] = pd.Series(value).reset_index(drop=True).astype("str")
    if n == 0:
        return empty_frame(REGISTRATION_COLUMNS)
    return pd.DataFrame(data, columns=list(REGISTRATION_COLUMNS))


def segments_frame(line, **columns) -> pd.DataFrame:
    """A segments frame in contract column order (is_guest: nullable boolean)."""
    n = len(line)
    if n == 0:
        return empty_frame(SEGMENT_COLUMNS)
    data = {"line": np.asarray(line, dtype="int64")}
    for c in SEGMENT_COLUMNS[1:]:
        value = columns.get(c)
        if c in ("join_at", "leave_at"):
            data[c] = pd.Series(value).reset_index(drop=True)
        elif c == "is_guest":
            data[c] = (
                pd.Series(pd.NA, index=range(n), dtype="boolean")
                if value is None
                else pd.Series(value).reset_index(drop=True).astype("boolean")
            )
        elif c == "minutes_reported":
            data[c] = (
                pd.Series(np.nan, index=range(n), dtype="float64")
                if value is None
                else pd.Series(value).reset_index(drop=True).astype("float64")
            )
        elif value is None:
            data[c] = pd.Series("attendee" if c == "role" else "", index=range(n), dtype="str")
        else:
            data[c] = pd.Series(value).reset_index(drop=True).astype("str")
    return pd.DataFrame(data, columns=list(SEGMENT_COLUMNS))


def rejects_frame(parts: list[tuple[np.ndarray, pd.Series, object]]) -> pd.DataFrame:
    """Rejects from (line numbers, raw texts, reason or reasons) parts, ordered by line."""
    frames = []
    for line, raw, reason in parts:
        if len(line) == 0:
            continue
        frames.append(
            pd.DataFrame(
                {
                    "line": np.asarray(line, dtype="int64"),
                    "reason": pd.Series(reason, index=range(len(line)), dtype="str")
                    if isinstance(reason, str)
                    else pd.Series(reason).reset_index(drop=True).astype("str"),
                    "raw": pd.Series(raw).reset_index(drop=True).astype("str"),
                }
            )
        )
    if not frames:
        return empty_frame(REJECT_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values("line", kind="stable").reset_index(drop=True)


def time_problems(text: pd.Series, parsed: pd.Series, what: str, required: bool) -> pd.Series:
    """Per row: "" when fine, else why the time cannot be used (for the reject reason)."""
    text = pd.Series(text).reset_index(drop=True)
    parsed = pd.Series(parsed).reset_index(drop=True)
    missing = text.str.strip().str.lower().isin(MISSING_TOKENS)
    out = pd.Series("", index=text.index, dtype="str")
    if required:
        out[missing] = f"no {what}"
    bad = ~missing & parsed.isna()
    out[bad] = f"{what} '" + text[bad] + "' is not a date/time in this file's format"
    return out


def minutes_from(text: pd.Series) -> pd.Series:
    """Duration cells -> float minutes (plain numbers are minutes; '1h 2m', 'h:mm:ss' too)."""
    return pd.Series(parse_durations(pd.Series(text).reset_index(drop=True)), dtype="float64")


def parse_times_together(*columns: pd.Series) -> list[pd.Series]:
    """Parse several time columns as ONE column, so day/month order is decided from all of them
    (a Teams file's summary start and every join/leave share one client locale)."""
    columns = [pd.Series(c, dtype="str").reset_index(drop=True) for c in columns]
    joined = pd.concat(columns, ignore_index=True)
    parsed = parse_datetimes(joined).reset_index(drop=True)
    out, start = [], 0
    for c in columns:
        out.append(parsed.iloc[start : start + len(c)].reset_index(drop=True))
        start += len(c)
    return out


# --------------------------------------------------------------------------------------------
# The generic format: a header row + a mapping chosen by a person (or suggested below)
# --------------------------------------------------------------------------------------------

FIELDS = (
    "email",
    "name",
    "first_name",
    "last_name",
    "country",
    "organization",
    "org_type",
    "gender",
    "job_title",
    "registered_at",
    "status",
    "join_at",
    "leave_at",
    "duration_minutes",
    "role",
)

# field -> header texts (folded). Exact equality scores 3, a word-bounded occurrence scores 2.
# Order of FIELDS breaks ties, so specific fields ("organization type") win over general ones.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "email": (
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "user email",
        "attendee email",
        "mail",
        "correo",
        "correo electronico",
        "courriel",
        "adresse e-mail",
        "adresse electronique",
        "endereco de e-mail",
        "indirizzo e-mail",
        "e-mail-adresse",
        "adres e-mail",
    ),
    "first_name": (
        "first name",
        "firstname",
        "given name",
        "forename",
        "prenom",
        "primeiro nome",
        "vorname",
        "imie",
        "nombre de pila",
    ),
    "last_name": (
        "last name",
        "lastname",
        "surname",
        "family name",
        "nom de famille",
        "apellido",
        "apellidos",
        "sobrenome",
        "cognome",
        "nachname",
        "familienname",
        "nazwisko",
    ),
    "name": (
        "name",
        "full name",
        "display name",
        "participant name",
        "attendee name",
        "user name",
        "name (original name)",
        "user name (original name)",
        "nom complet",
        "nom et prenom",
        "nome completo",
        "nombre completo",
        "nombre y apellido",
        "nombre y apellidos",
        "vollstandiger name",
        "nome e cognome",
        "imie i nazwisko",
    ),
    "org_type": (
        "organization type",
        "organisation type",
        "type of organization",
        "type of organisation",
        "institution type",
        "sector",
        "stakeholder",
        "stakeholder group",
        "stakeholder type",
        "type d'organisation",
        "tipo de organizacion",
        "tipo de organizacao",
        "tipo di organizzazione",
    ),
    "organization": (
        "organization",
        "organisation",
        "company",
        "affiliation",
        "institution",
        "employer",
        "organization name",
        "organisation name",
        "company name",
        "entreprise",
        "organisme",
        "empresa",
        "organizacion",
        "organizacao",
        "institucion",
        "instituicao",
        "azienda",
        "unternehmen",
        "firma",
        "organizacja",
    ),
    "gender": ("gender", "sex", "genre", "sexe", "sexo", "genero", "geschlecht", "sesso", "plec"),
    "job_title": (
        "job title",
        "position",
        "job",
        "occupation",
        "profession",
        "designation",
        "poste",
        "fonction",
        "cargo",
        "puesto",
        "profissao",
        "posizione",
        "berufsbezeichnung",
        "stanowisko",
    ),
    "registered_at": (
        "registration time",
        "registration date",
        "registered",
        "registered at",
        "registration date/time",
        "order date",
        "date registered",
        "created",
        "created at",
        "submitted",
        "date d'inscription",
        "fecha de registro",
        "fecha de inscripcion",
        "data de inscricao",
        "data de registro",
        "data di registrazione",
        "anmeldedatum",
        "data rejestracji",
    ),
    "status": (
        "status",
        "approval status",
        "registration status",
        "registration state",
        "attendee status",
        "statut",
        "estado",
        "stato",
        "situacao",
    ),
    "join_at": (
        "join time",
        "joined",
        "first join",
        "time joined",
        "join date/time",
        "join",
        "arrival",
        "check-in time",
        "heure d'arrivee",
        "hora de entrada",
        "hora de ingreso",
        "hora de union",
        "horario de entrada",
        "beitrittszeit",
        "ora di ingresso",
        "godzina dolaczenia",
    ),
    "leave_at": (
        "leave time",
        "left",
        "last leave",
        "time left",
        "time exited",
        "leave date/time",
        "leave",
        "exit",
        "departure",
        "heure de depart",
        "hora de salida",
        "hora de saida",
        "horario de saida",
        "verlassenszeit",
        "ora di uscita",
        "godzina opuszczenia",
    ),
    "duration_minutes": (
        "duration",
        "duration (minutes)",
        "time in session (minutes)",
        "time in session",
        "total duration",
        "total duration (minutes)",
        "attendance duration",
        "in-meeting duration",
        "minutes",
        "minutes attended",
        "duree",
        "duracion",
        "duracao",
        "dauer",
        "durata",
        "czas trwania",
    ),
    "role": (
        "role",
        "participant role",
        "user role",
        "attendee type",
        "participant type",
        "rol",
        "rolle",
        "ruolo",
        "funcao",
        "papel",
        "rola",
    ),
    "country": (
        "country",
        "country/region",
        "country/region name",
        "country of residence",
        "home country",
        "work country",
        "pays",
        "pays de residence",
        "pais",
        "pais de residencia",
        "pais de residence",
        "paese",
        "nazione",
        "land",
        "kraj",
        "nationality",
        "nationalite",
        "nacionalidad",
    ),
}
# Words too common to be trusted inside a longer header ("Home State", "Time left"): only a
# header that IS the word counts.
_EXACT_ONLY = {
    "mail",
    "join",
    "joined",
    "left",
    "leave",
    "exit",
    "job",
    "sex",
    "genre",
    "land",
    "created",
    "registered",
    "status",
    "estado",
    "stato",
    "rol",
    "firma",
    "minutes",
    "poste",
    "position",
    "participant",
}
_PATTERN_RES = {
    f: [
        (p, None if p in _EXACT_ONLY else re.compile(r"(?<![\w])" + re.escape(p) + r"(?![\w])"))
        for p in pats
    ]
    for f, pats in _PATTERNS.items()
}
# Single words that are a first or last name only next to their partner column:
# French "Nom" beside "Prénom" is the surname; Spanish "Nombre" beside "Apellido" and
# Portuguese/Italian "Nome" beside "Sobrenome"/"Cognome" are the given name.
_PARTNERED = {
    "nom": ("last_name", ("prenom",)),
    "nombre": ("first_name", ("apellido", "apellidos", "primer apellido")),
    "nome": ("first_name", ("sobrenome", "cognome", "apelido")),
}


def suggest_mapping(header: list[str]) -> dict[str, str]:
    """Guess field -> column from header words (en, fr, es, pt, it, de, pl); each column is
    used for at most one field, each field at most once. A person confirms before import."""
    folded = [fold(h) for h in header]
    present = set(folded)
    candidates = []  # (score, field order, column position, field)
    for pos, h in enumerate(folded):
        if not h:
            continue
        if h in _PARTNERED and any(p in present for p in _PARTNERED[h][1]):
            candidates.append((4, 0, pos, _PARTNERED[h][0]))
            continue
        for order, f in enumerate(FIELDS):
            if f not in _PATTERN_RES:
                continue
            best = 0
            for p, rx in _PATTERN_RES[f]:
                if h == p:
                    best = 3
                    break
                if rx is not None and rx.search(h):
                    best = max(best, 2)
            if best:
                candidates.append((best, order, pos, f))
    # Best score first; among equal scores compound concepts ("organization type", "first
    # name") claim their column before plain words ("organization", "name").
    candidates.sort(key=lambda c: (-c[0], _SPECIFICITY.get(c[3], 9), c[2]))
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for _, _, pos, f in candidates:
        if f in mapping or pos in used:
            continue
        mapping[f] = header[pos]
        used.add(pos)
    return mapping


# Lower = claims a column first among equal scores (compound concepts before plain words).
_SPECIFICITY = {
    "org_type": 0,
    "first_name": 1,
    "last_name": 1,
    "registered_at": 2,
    "duration_minutes": 2,
    "join_at": 3,
    "leave_at": 3,
    "email": 4,
    "status": 5,
    "role": 5,
    "country": 5,
    "organization": 6,
    "gender": 6,
    "job_title": 7,
    "name": 8,
}


def signature(header: list[str]) -> str:
    """Stable 16-hex-digit hash of the normalized header (saved column profiles key on it)."""
    cells = [fold(h) for h in header]
    while cells and cells[-1] == "":
        cells.pop()
    return hashlib.sha256("\x1f".join(cells).encode("utf-8")).hexdigest()[:16]


_STATUS_WORDS = {
    "approved": (
        "approved",
        "approve",
        "registered",
        "confirmed",
        "attending",
        "checked in",
        "completed",
        "complete",
        "accepted",
        "active",
        "yes",
        "paid",
        "approuve",
        "inscrit",
        "confirme",
        "aprobado",
        "confirmado",
        "registrado",
        "aprovado",
        "inscrito",
        "approvato",
        "confermato",
        "bestatigt",
        "angemeldet",
        "genehmigt",
    ),
    "pending": (
        "pending",
        "waitlist",
        "waitlisted",
        "wait list",
        "waiting",
        "waiting list",
        "awaiting payment",
        "awaiting approval",
        "en attente",
        "pendiente",
        "pendente",
        "in attesa",
        "ausstehend",
    ),
    "cancelled": (
        "cancelled",
        "canceled",
        "cancelled by self",
        "cancelled by host",
        "withdrawn",
        "refunded",
        "not attending",
        "deleted",
        "transferred",
        "no",
        "annule",
        "cancelado",
        "cancelada",
        "anulado",
        "annullato",
        "storniert",
        "abgesagt",
    ),
    "denied": (
        "denied",
        "rejected",
        "declined",
        "refused",
        "refuse",
        "rechazado",
        "recusado",
        "rejeitado",
        "rifiutato",
        "abgelehnt",
    ),
}
STATUS_OF_WORD = {fold(w): s for s, words in _STATUS_WORDS.items() for w in words}

_ROLE_WORDS = {
    "host": (
        "host",
        "co-host",
        "cohost",
        "alternative host",
        "organizer",
        "organiser",
        "co-organizer",
        "coorganisateur",
        "co-organisateur",
        "coorganizador",
        "co-organizador",
        "mitorganisator",
        "co-organisator",
        "organizator",
        "współorganizator",
        "owner",
        "organisateur",
        "organizador",
        "organisator",
        "organizzatore",
        "anfitriao",
        "anfitrion",
        "hote",
    ),
    "panelist": (
        "panelist",
        "panellist",
        "presenter",
        "speaker",
        "moderator",
        "presentateur",
        "apresentador",
        "presentador",
        "moderador",
        "panelista",
        "palestrante",
        "ponente",
        "referent",
        "relatore",
        "prezenter",
        "intervenant",
    ),
}
ROLE_OF_WORD = {fold(w): r for r, words in _ROLE_WORDS.items() for w in words}


def roles_from(text: pd.Series) -> pd.Series:
    """Vendor role words -> host/panelist/attendee (anything else, or empty, is an attendee)."""
    folded = pd.Series(text).reset_index(drop=True).map(fold)
    return folded.map(ROLE_OF_WORD).fillna("attendee").astype("str")


def statuses_from(text: pd.Series) -> tuple[pd.Series, list[str]]:
    """Status words -> contract statuses; empty is approved. Returns (statuses, unknown words):
    unknown words count as approved and are reported in a note."""
    raw = pd.Series(text).reset_index(drop=True)
    folded = raw.map(fold)
    status = folded.map(STATUS_OF_WORD)
    unknown = sorted(set(raw[status.isna() & (folded != "")]))
    return status.fillna("approved").astype("str"), unknown


def parse(text: str, encoding: str, mapping: dict[str, str]) -> ParsedReport:
    """Read a one-header-row file through `mapping` (field -> column header as written)."""
    lines = split_lines(text)
    first = first_nonblank(lines)
    if first is None:
        raise BadFileError("The file has no header row: it holds no text at all.")
    table = read_table(lines, first, None, sniff_delimiter(lines[first]))
    pos = _mapped_positions(table, mapping or {})
    has_name = any(f in pos for f in ("name", "first_name", "last_name"))
    if "email" not in pos and not has_name:
        raise BadFileError(
            "The column mapping must name an e-mail column or a name column (full name, or "
            "first/last name): without one, no person in the file can be recognised."
        )
    has_join = "join_at" in pos
    if has_join and "leave_at" not in pos and "duration_minutes" not in pos:
        raise BadFileError(
            "The column mapping names a join time but neither a leave time nor a duration, so "
            "no attendance segment can be built. Map the leave-time or duration column too."
        )
    if not has_join and "leave_at" in pos:
        raise BadFileError(
            "The column mapping names a leave time but no join time. Map the join-time column."
        )
    n = len(table.cells)
    get = {f: table.col(p).reset_index(drop=True) for f, p in pos.items()}
    blank = pd.Series("", index=range(n), dtype="str")
    email = get.get("email", blank)
    first_name = get.get("first_name", blank)
    last_name = get.get("last_name", blank)
    built = (first_name + " " + last_name).str.strip()
    name = get["name"].where(get["name"] != "", built) if "name" in get else built

    reasons = pd.Series("", index=range(n), dtype="str")
    reasons[(email == "") & (name == "")] = "no e-mail and no name"
    notes: list[str] = []

    want_regs = not has_join or "registered_at" in pos or "status" in pos
    registered_at = None
    if "registered_at" in pos:
        registered_at = parse_datetimes(get["registered_at"]).reset_index(drop=True)
        reasons = _add(
            reasons,
            time_problems(get["registered_at"], registered_at, "registration time", required=False),
        )
    join_at = leave_at = minutes = None
    if has_join:
        if "leave_at" in pos:
            join_at, leave_at = parse_times_together(get["join_at"], get["leave_at"])
        else:
            (join_at,) = parse_times_together(get["join_at"])
        if "duration_minutes" in pos:
            minutes = minutes_from(get["duration_minutes"])
        no_time = get["join_at"].str.strip() == ""
        if "leave_at" in pos:
            no_time &= get["leave_at"].str.strip() == ""
        # A registration+attendance file lists people who never joined: no segment, no reject.
        join_required = ~no_time if want_regs else pd.Series(True, index=range(n))
        jr = time_problems(get["join_at"], join_at, "join time", required=True)
        reasons = _add(reasons, jr.where(join_required, ""))
        if "leave_at" in pos:
            derive = (
                (get["leave_at"].str.strip() == "") & minutes.notna()
                if minutes is not None
                else pd.Series(False, index=range(n))
            )
            lr = time_problems(get["leave_at"], leave_at, "leave time", required=True)
            reasons = _add(reasons, lr.where(join_required & ~derive, ""))
            if derive.any():
                leave_at = leave_at.where(~derive, join_at + pd.to_timedelta(minutes, unit="min"))
        else:
            leave_at = join_at + pd.to_timedelta(minutes, unit="min")
            reasons = _add(
                reasons,
                pd.Series("no duration", index=range(n)).where(join_required & minutes.isna(), ""),
            )
        backwards = join_at.notna() & leave_at.notna() & (leave_at < join_at)
        reasons = _add(
            reasons,
            pd.Series("leave time is before join time", index=range(n)).where(backwards, ""),
        )
    ok = (reasons == "").to_numpy()
    rejects = rejects_frame([(table.line[~ok], table.raw[~ok], reasons[~ok])])

    regs = empty_frame(REGISTRATION_COLUMNS)
    if want_regs:
        statuses, unknown = statuses_from(get.get("status", blank))
        if unknown:
            notes.append(
                "Status words not recognised, counted as approved: " + ", ".join(unknown[:10])
            )
        used = set(pos.values())
        others = [i for i in range(len(table.header)) if i not in used and table.header[i]]
        answers = answers_json(table, others).reset_index(drop=True)
        regs = registrations_frame(
            table.line[ok],
            email=email[ok],
            first_name=first_name[ok],
            last_name=last_name[ok],
            name=name[ok],
            registered_at=None if registered_at is None else registered_at[ok],
            status=statuses[ok],
            status_raw=get.get("status", blank)[ok],
            country_raw=get.get("country", blank)[ok],
            organization=get.get("organization", blank)[ok],
            org_type_raw=get.get("org_type", blank)[ok],
            job_title=get.get("job_title", blank)[ok],
            gender_raw=get.get("gender", blank)[ok],
            answers=answers[ok],
        )
    segs = empty_frame(SEGMENT_COLUMNS)
    if has_join:
        attended = ok & join_at.notna().to_numpy()
        segs = segments_frame(
            table.line[attended],
            email=email[attended],
            name=name[attended],
            join_at=join_at[attended],
            leave_at=leave_at[attended],
            role=roles_from(get.get("role", blank))[attended],
            is_guest=None,
            # The platform's country only when the file is not also a registration list.
            country_raw=None if want_regs else get.get("country", blank)[attended],
            minutes_reported=None if minutes is None else minutes[attended],
        )
    return ParsedReport(
        format=FORMAT,
        encoding=encoding,
        meeting=MeetingInfo(),
        registrations=regs,
        segments=segs,
        rejects=rejects,
        notes=notes,
        event_level_registrations=want_regs and not has_join,
    )


def _add(reasons: pd.Series, more: pd.Series) -> pd.Series:
    more = pd.Series(more).reset_index(drop=True).astype("str")
    both = (reasons != "") & (more != "")
    return reasons.where(~both, reasons + "; " + more).where(reasons != "", more)


def _mapped_positions(table: Table, mapping: dict[str, str]) -> dict[str, int]:
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise BadFileError(
            f"The column mapping uses unknown field(s) {', '.join(map(repr, unknown))}; "
            f"known fields are: {', '.join(FIELDS)}."
        )
    pos: dict[str, int] = {}
    for f, column in mapping.items():
        if column is None or str(column).strip() == "":
            continue
        column = str(column).strip()
        if column in table.header:
            pos[f] = table.header.index(column)
        elif fold(column) in table.folded:
            pos[f] = table.folded.index(fold(column))
        else:
            shown = ", ".join(repr(h) for h in table.header if h)
            raise BadFileError(
                f"The column mapping names column {column!r} for {f}, but the file's header "
                f"has no such column (it has: {shown})."
            )
    return pos
