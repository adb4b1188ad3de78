"""Figures in words: the headline sentence and the help texts that name each definition."""

from __future__ import annotations

import pandas as pd

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

HELP = {
    "registrants": "People with at least one active (not cancelled, not denied) registration "
    "for the selection. One person = one normalized e-mail. Registrations for the whole event "
    "(Eventbrite, Indico) count only while no day or session is selected.",
    "attendees": "People with at least one attendance segment in the selection, any role "
    "(attendee, panelist, host). Note-taker bots are never counted.",
    "show_rate": "Registrants who attended ÷ registrants, for the selection.",
    "member_states": "Distinct WHO Member States (of 194) among the people counted. A person's "
    "country is the one declared at registration, else the one the platform reports.",
    "other_territories": "Associate Members and other countries and territories, counted apart "
    "from the 194 Member States.",
    "who_regions": "Distinct WHO regions among the Member States reached.",
    "avg_minutes": "Per person and session attended, the length of the union of their "
    "segments (two devices are not double-counted), averaged over those person-sessions.",
    "peak": "The largest number of distinct people present at the same moment (checked at "
    "every minute mark), and that minute.",
}


def regions_phrase(k: int) -> str:
    if k == 6:
        return "all six WHO regions"
    if k == 1:
        return "one WHO region"
    return f"{NUMBER_WORDS.get(k, k)} WHO regions"


def headline(kpis: pd.Series | dict, basis: str = "attendees") -> str:
    """ "N participants from M Member States across K WHO regions" (notes/metrics.md)."""
    n = int(kpis["attendees"] if basis == "attendees" else kpis["registrants"])
    noun = "participants" if basis == "attendees" else "registrants"
    if n == 1:
        noun = noun[:-1]
    m = int(kpis["member_states"])
    states = "Member State" if m == 1 else "Member States"
    return f"{n:,} {noun} from {m:,} {states} across {regions_phrase(int(kpis['who_regions']))}"
