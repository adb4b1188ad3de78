"""The product's words for codes: WHO regions, stakeholder types, membership, counting basis."""

from __future__ import annotations

from .classify import STAKEHOLDER_TYPES

REGION_ORDER = ("AFR", "AMR", "SEAR", "EUR", "EMR", "WPR")
REGION_LABELS = {
    "AFR": "African Region",
    "AMR": "Region of the Americas",
    "SEAR": "South-East Asia Region",
    "EUR": "European Region",
    "EMR": "Eastern Mediterranean Region",
    "WPR": "Western Pacific Region",
}
UNKNOWN_REGION_LABEL = "No WHO region or unknown"

# The classifier owns the stakeholder codes and their labels: one vocabulary for the product.
STAKEHOLDER_LABELS = dict(STAKEHOLDER_TYPES)

MEMBER_TYPES = {
    "member": "Member State",
    "associate": "Associate Member",
    "other": "Other territory",
}

BASIS_LABELS = {"attendees": "Attendees", "registrants": "Registrants"}
# The platform's roles (model.ROLES), most senior first, as the role filter shows them.
ROLE_LABELS = {
    "host": "Host",
    "co-host": "Co-host",
    "presenter": "Presenter",
    "panelist": "Panelist",
    "attendee": "Attendee",
}
# What a chart calls the people it counts, per basis ("Participants by country").
MEASURES = {"attendees": "participants", "registrants": "registrants"}

EMPTY_MESSAGE = "No data for this selection"


def region_label(code: object) -> str:
    """A region code's name; anything else (None, "unknown") is UNKNOWN_REGION_LABEL."""
    if isinstance(code, str) and code in REGION_LABELS:
        return REGION_LABELS[code]
    return UNKNOWN_REGION_LABEL
