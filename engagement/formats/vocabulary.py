"""Status, role and yes/no words of every vendor and UI language, and their readers."""

from __future__ import annotations

import pandas as pd

from engagement.text import label

STATUS_WORDS = {
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
STATUS_OF_WORD = {label(w): s for s, words in STATUS_WORDS.items() for w in words}

# The platform's own roles (model.ROLES). Teams' localized "Presenter" is Moderador (es),
# Referent (de), Relatore (it), Prezenter (pl): those are presenters, not panelists.
ROLE_WORDS = {
    "host": (
        "host",
        "organizer",
        "organiser",
        "owner",
        "organisateur",
        "organizador",
        "organisator",
        "organizzatore",
        "organizator",
        "anfitriao",
        "anfitrion",
        "hote",
    ),
    "co-host": (
        "co-host",
        "cohost",
        "alternative host",
        "co-organizer",
        "coorganisateur",
        "co-organisateur",
        "coorganizador",
        "co-organizador",
        "mitorganisator",
        "co-organisator",
        "współorganizator",
    ),
    "presenter": (
        "presenter",
        "speaker",
        "moderator",
        "presentateur",
        "apresentador",
        "presentador",
        "moderador",
        "palestrante",
        "ponente",
        "referent",
        "relatore",
        "prezenter",
        "intervenant",
    ),
    "panelist": ("panelist", "panellist", "panelista"),
}
ROLE_OF_WORD = {label(w): r for r, words in ROLE_WORDS.items() for w in words}

YES_WORDS = frozenset({"yes", "sim", "sí", "si", "oui", "ja", "예", "はい", "y", "true"})
NO_WORDS = frozenset({"no", "não", "nao", "non", "nein", "아니요", "いいえ", "n", "false"})


def roles_from(text: pd.Series) -> pd.Series:
    """Vendor role words -> host/co-host/presenter/panelist/attendee (anything else, or empty,
    is an attendee)."""
    folded = pd.Series(text).reset_index(drop=True).map(label)
    return folded.map(ROLE_OF_WORD).fillna("attendee").astype("str")


def statuses_from(
    text: pd.Series, words: dict[str, str] | None = None
) -> tuple[pd.Series, list[str]]:
    """Status words -> contract statuses through `words` (folded word -> status; by default
    every vendor's words); empty is approved. Returns (statuses, unknown words): unknown words
    count as approved and are reported in a note."""
    raw = pd.Series(text).reset_index(drop=True)
    folded = raw.map(label)
    status = folded.map(STATUS_OF_WORD if words is None else words)
    unknown = sorted(set(raw[status.isna() & (folded != "")]))
    return status.fillna("approved").astype("str"), unknown


def yes_no(values: pd.Series) -> pd.Series:
    """Yes/No words in any supported language -> nullable boolean (missing/unknown -> <NA>)."""
    low = values.str.strip().str.lower()
    out = pd.Series(pd.NA, index=values.index, dtype="boolean")
    out[low.isin(YES_WORDS)] = True
    out[low.isin(NO_WORDS)] = False
    return out
