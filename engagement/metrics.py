"""Figures in words: the headline sentence and the help texts that name each definition."""

from __future__ import annotations

import pandas as pd

from .vocabulary import REGION_LABELS, REGION_ORDER

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

HELP = {
    "registrants": "People with at least one active (not cancelled, not denied) registration "
    "for the selection. One person = one normalized e-mail. Registrations for the whole event "
    "(Eventbrite, Indico) count only while no day or session is selected.",
    "attendees": "People who attended at least one session of the selection, by the event's "
    "definition of attended (stated beside the figures; by default any presence), any role "
    "(host, co-host, presenter, panelist, attendee) unless the role filter narrows it; a "
    "person's role in a session is the most senior role the platform gave them there. "
    "Note-taker bots are never counted.",
    "show_rate": "Registrants who attended ÷ registrants, for the selection.",
    "member_states": "Distinct WHO Member States among the people counted, out of the Member "
    "States of the selected WHO regions (all of them without a region filter). A person's "
    "country is the one declared at registration, else the one the platform reports.",
    "other_territories": "Other countries and territories: Associate Members and the other "
    "places that are not WHO Member States, counted apart from the Member States.",
    "who_regions": "Distinct WHO regions among the Member States reached, out of the WHO "
    "regions selected (all six without a region filter).",
    "avg_minutes": "Per person and session attended, the length of the union of their "
    "segments (two devices are not double-counted), averaged over those person-sessions "
    "(the sessions each person attended by the event's definition).",
    "peak": "The largest number of distinct people present at the same moment (checked at "
    "every minute mark), and that minute. Everyone present counts, whether or not they meet "
    "the event's definition of attended, so that the peak and the presence curve compare with "
    "the platform's own concurrent figure.",
}
# The figure each help text defines, as the pages and the briefing name it.
TERMS = {
    "registrants": "Registrants",
    "attendees": "Attendees",
    "show_rate": "Show rate",
    "member_states": "Member States reached",
    "other_territories": "Other countries and territories",
    "who_regions": "WHO regions reached",
    "avg_minutes": "Average minutes attended",
    "peak": "Peak concurrent",
}


def regions_phrase(k: int) -> str:
    if k == 6:
        return "all six WHO regions"
    if k == 1:
        return "one WHO region"
    return f"{NUMBER_WORDS.get(k, k)} WHO regions"


def headline(kpis: pd.Series | dict, basis: str = "attendees", regions=()) -> str:
    """ "N participants from M Member States across K WHO regions"; with a region filter
    (`regions`: the selection's codes) "N participants from M of the 47 Member States of the
    African Region", so the sentence never counts out of 194 what is out of 47."""
    n = int(kpis["attendees"] if basis == "attendees" else kpis["registrants"])
    noun = "participants" if basis == "attendees" else "registrants"
    if n == 1:
        noun = noun[:-1]
    m = int(kpis["member_states"])
    k = int(kpis["who_regions"])
    chosen = selected_regions(regions)
    if chosen:
        states = member_states_phrase(m, int(kpis["member_states_total"]), chosen)
        # "across two WHO regions" only says something when not every selected one is reached
        across = f", reaching {regions_phrase(k)}" if 1 < len(chosen) and k < len(chosen) else ""
        return f"{n:,} {noun} from {states}{across}"
    states = "Member State" if m == 1 else "Member States"
    return f"{n:,} {noun} from {m:,} {states} across {regions_phrase(k)}"


# --- Figures out of the filtered denominators (issue 10 item 1) ------------------------------
# Pages, the Excel workbook and the PDF say "N of M Member States" with the same words: M is the
# number of Member States of the selected WHO regions (kpis.member_states_total).


def selected_regions(regions) -> list[str]:
    """The real WHO regions among a selection's region codes, in WHO order ("unknown", the
    people with no region, holds no Member State)."""
    return [r for r in REGION_ORDER if r in set(regions or ())]


def regions_scope(regions) -> str:
    """ "of the African Region", "of the African Region and the European Region", "of the 3
    selected WHO regions"; "" without a region filter (all 194 Member States)."""
    chosen = selected_regions(regions)
    if not chosen:
        return ""
    if len(chosen) == 1:
        return f"of the {REGION_LABELS[chosen[0]]}"
    if len(chosen) == 2:
        return f"of the {REGION_LABELS[chosen[0]]} and the {REGION_LABELS[chosen[1]]}"
    return f"of the {NUMBER_WORDS.get(len(chosen), len(chosen))} selected WHO regions"


def member_states_phrase(n: int, total: int, regions=()) -> str:
    """ "43 of the 47 Member States of the African Region" (region filter) or "120 of the 194
    WHO Member States" (none): the one wording of "N of M" for pages, Excel and PDF. `total`
    is kpis.member_states_total, `regions` the selection's region codes."""
    scope = regions_scope(regions)
    if scope:
        return f"{int(n):,} of the {int(total):,} Member States {scope}"
    return f"{int(n):,} of the {int(total):,} WHO Member States"


def not_reached_heading(missing: int, total: int, regions=()) -> str:
    """ "4 Member States of the African Region not reached"; "74 of the 194 WHO Member States
    not reached" without a region filter."""
    scope = regions_scope(regions)
    states = "Member State" if int(missing) == 1 else "Member States"
    if scope:
        return f"{int(missing):,} {states} {scope} not reached"
    return f"{int(missing):,} of the {int(total):,} WHO Member States not reached"


# --- Schedule and repeat attendance (issue 9 items 8, 9) -------------------------------------
HELP.update(
    {
        "present_after_15": "Share of the session's attendees present at the scheduled start "
        "+ 15 minutes (their merged presence covers that minute mark).",
        "present_at_end": "Share of the session's attendees still present in the last minute "
        "before the scheduled end (the minute mark one minute before it).",
        "join_delay": "Per attendee, their first join minus the scheduled start, in minutes; "
        "joining early counts as 0 (on time), so hosts arriving early do not pull it down. The "
        "median of those delays. Joined late: more than 5 minutes after the scheduled start.",
        "left_early": "Attendees whose last leave fell more than 5 minutes before the "
        "scheduled end (by the clock minute); everyone else left at the end. The minute when "
        "most people left is the clock minute with the most last leaves (the earliest on a tie).",
        "sessions_per_person": "Per attendee, how many of the selected sessions they attended.",
        "overlap": "For each pair of selected sessions, the attendees who came to both; a "
        "session with itself gives its attendees.",
        "cohorts": "Attendees grouped by the first day they attended (their cohort), and how "
        "many of each cohort attended on each later day.",
        "returning": "Attendees of this selection who attended an earlier event, recognized by "
        "the same e-mail address (people known by name only are never matched across events).",
    }
)
TERMS.update(
    {
        "present_after_15": "Present at start + 15 min",
        "present_at_end": "Present at the end",
        "join_delay": "Median join delay",
        "left_early": "Left early",
        "sessions_per_person": "Sessions per person",
        "overlap": "Session overlap",
        "cohorts": "Day cohorts",
        "returning": "Came back from an earlier event",
    }
)


def most_left_sentence(leave_times: pd.DataFrame, top: int = 3) -> str:
    """ "Most people left at 15:37 (681, 7 min after the end), ..." from the leave_times query:
    the clock minutes with the most last leaves, the earliest first on a tie."""
    if leave_times.empty:
        return "Nobody left: no attendee in the selection."
    best = leave_times.sort_values(["left_count", "minute"], ascending=[False, True]).head(top)
    parts = []
    for row in best.itertuples(index=False):
        offset = int(row.minutes_from_end)
        when = (
            "at the end"
            if offset == 0
            else f"{abs(offset):,} min {'before' if offset < 0 else 'after'} the end"
        )
        parts.append(f"{pd.Timestamp(row.minute):%H:%M} ({int(row.left_count):,}, {when})")
    return "Most people left at " + ", ".join(parts) + "."
