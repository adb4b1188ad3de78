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


# --- Breakdowns (issue 10 item 7): gender, income group, speakers vs audience ---------------
# Gender as collected at registration (classify.normalize_gender's codes), in display order;
# words as a report on participation by gender says them.
GENDER_ORDER = ("female", "male", "non_binary_or_other", "prefer_not_to_say", "unknown")
GENDER_WORDS = {
    "female": "Woman",
    "male": "Man",
    "non_binary_or_other": "Non-binary or another gender",
    "prefer_not_to_say": "Prefer not to say",
    "unknown": "Unknown or not asked",
}
# World Bank income groups (the reference table's wb_income_group), lowest first.
INCOME_ORDER = ("low", "lower_middle", "upper_middle", "high", "not_classified", "unknown")
INCOME_WORDS = {
    "low": "Low income",
    "lower_middle": "Lower-middle income",
    "upper_middle": "Upper-middle income",
    "high": "High income",
    "not_classified": "Not classified by the World Bank",
    "unknown": "Country unknown",
}
# The reference table's spelling of each group (queries/income_groups.sql maps the same way).
INCOME_WB_NAMES = {
    "Low income": "low",
    "Lower middle income": "lower_middle",
    "Upper middle income": "upper_middle",
    "High income": "high",
}
SIDE_WORDS = {
    "speaker": "Speakers (host, co-host, presenter, panelist)",
    "audience": "Audience (attendee role only)",
}
