"""The product's look: fonts and colours shared by the dashboard's charts and the PDF briefing."""

from __future__ import annotations

FONT_FAMILY = 'Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif'
TEXT_COLOR = "#1F2933"
MUTED_TEXT = "#5F6B7A"
GRID_COLOR = "#E6E9ED"
WHO_BLUE = "#008DC9"
WHO_NAVY = "#1A3A5C"
NO_DATA_GREY = "#E1E1E1"
UNKNOWN_GREY = "#BBBBBB"

# Okabe-Ito (colour-blind safe) without its yellow and black, which are unreadable on white.
REGION_COLORS = {
    "AFR": "#E69F00",
    "AMR": "#CC79A7",
    "SEAR": "#009E73",
    "EUR": "#0072B2",
    "EMR": "#D55E00",
    "WPR": "#56B4E9",
}
# Paul Tol's "muted" scheme (colour-blind safe, 9 hues); unknown is always grey.
STAKEHOLDER_COLORS = {
    "government": "#332288",
    "intergovernmental": "#88CCEE",
    "private_sector": "#CC6677",
    "academia": "#117733",
    "ngo": "#DDCC77",
    "philanthropic": "#AA4499",
    "finance": "#44AA99",
    "media": "#882255",
    "other": "#999933",
    "unknown": UNKNOWN_GREY,
}


def region_color(code: object) -> str:
    return REGION_COLORS.get(code, UNKNOWN_GREY) if isinstance(code, str) else UNKNOWN_GREY


def stakeholder_color(code: object) -> str:
    if isinstance(code, str) and code in STAKEHOLDER_COLORS:
        return STAKEHOLDER_COLORS[code]
    return STAKEHOLDER_COLORS["other"]
