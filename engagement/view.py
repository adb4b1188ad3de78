"""The view a page shows, in words, and the filter changes of the shortcuts beside it: a click
on a chart, "Reset filters", "Undo last click" (issue 10 items 2, 3).

Pure functions over the session's state (a mapping: st.session_state in the app, a dict in
tests), so that engagement/ui.py stays the one Streamlit module and the logic is tested alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping

import pandas as pd

from .queries import Selection
from .vocabulary import BASIS_LABELS, ROLE_LABELS, STAKEHOLDER_LABELS, region_label

# The list-valued filter widgets (their keys are the URL parameters). The event and the
# counting basis are what is looked at, not filters: a reset keeps them.
FILTER_KEYS = ("day", "session", "region", "type", "role")
UNDO_KEY = "_filter_undo"  # a stack of {key: value before the change}
EVENT_MARK = "_event"  # in an undo entry: the event its filters belong to
CLICK_GENERATION = "_click_generation"  # part of a clickable chart's key: see ui.plot


def _listed(names: list[str], everything: str, noun: str, most: int = 3) -> str:
    if not names:
        return everything
    if len(names) > most:
        return f"{len(names)} {noun}"
    return ", ".join(names)


def describe(
    selection: Selection,
    event_name: str,
    session_labels: Mapping[int, str],
    basis: str,
    day_label: Callable,
) -> str:
    """ "WLPF 2021 · all days · all sessions · African Region · all stakeholder types ·
    attendees counted" (a role filter, when on, before the basis)."""
    parts = [
        event_name,
        _listed([day_label(d) for d in selection.days], "all days", "days"),
        _listed(
            [session_labels.get(int(s), str(s)) for s in selection.session_ids],
            "all sessions",
            "sessions",
            most=1,
        ),
        _listed([region_label(r) for r in selection.regions], "all WHO regions", "regions"),
        _listed(
            [STAKEHOLDER_LABELS.get(t, str(t)) for t in selection.stakeholders],
            "all stakeholder types",
            "stakeholder types",
        ),
    ]
    if selection.roles:
        roles = [ROLE_LABELS.get(r, str(r)) for r in selection.roles]
        parts.append("role: " + _listed(roles, "", "roles"))
    parts.append(f"{BASIS_LABELS.get(basis, basis).lower()} counted")
    return " · ".join(parts)


def as_of(row: Mapping) -> str:
    """ "Data as of 28 Jun 2021 09:21 (latest export), 10 imports" from the data_as_of query."""
    n = int(row["imports"] or 0)
    if not n or pd.isna(row["data_as_of"]):
        return "No data imported for this event yet"
    when = pd.Timestamp(row["data_as_of"])
    source = "latest export" if bool(row["from_export"]) else "latest import"
    imports = "1 import" if n == 1 else f"{n:,} imports"
    return f"Data as of {when:%d %b %Y %H:%M} ({source}), {imports}"


def active(state: Mapping) -> bool:
    """Is any filter on (something for Reset to clear)?"""
    return any(state.get(k) for k in FILTER_KEYS)


def drop_stale(state: MutableMapping, key: str, allowed: Mapping) -> None:
    """Keep only the chosen values still offered (a session of a day no longer chosen)."""
    if key in state:
        state[key] = [v for v in state[key] if v in allowed]


def _push(state: MutableMapping, before: dict) -> None:
    # Filters of another event (its sessions, days) are no choice in this one: an entry is
    # only undone while the same event is shown (see undo).
    before = {EVENT_MARK: state.get("event"), **before}
    state[UNDO_KEY] = [*state.get(UNDO_KEY, []), before]
    state[CLICK_GENERATION] = state.get(CLICK_GENERATION, 0) + 1  # fresh charts, no old pick


def click(state: MutableMapping, key: str, value) -> bool:
    """A click on a chart's bar or country: the filter `key` becomes that one value (a drill
    down: with two regions selected, clicking one keeps that one). False if nothing changed."""
    current = list(state.get(key) or [])
    if value is None or current == [value]:
        return False
    _push(state, {key: current})
    state[key] = [value]
    return True


def reset(state: MutableMapping) -> None:
    """Every filter cleared at once; undoable like a click."""
    before = {k: list(state.get(k) or []) for k in FILTER_KEYS if state.get(k)}
    if before:
        _push(state, before)
    for k in FILTER_KEYS:
        state[k] = []


def undo(state: MutableMapping) -> bool:
    """Back to the filters before the last click or reset. False with nothing to undo."""
    stack = [e for e in state.get(UNDO_KEY, []) if e.get(EVENT_MARK) == state.get("event")]
    if not stack:
        state[UNDO_KEY] = []
        return False
    before = dict(stack.pop())
    before.pop(EVENT_MARK)
    state[UNDO_KEY] = stack
    state[CLICK_GENERATION] = state.get(CLICK_GENERATION, 0) + 1
    for key, value in before.items():
        state[key] = value
    return True


def point_value(event: Mapping | None, regions_of: Mapping[str, str] | None = None):
    """The code a chart click names: the first selected point's customdata (a bar's region,
    stakeholder type or session id), else its location (a country on the map, ISO3) mapped
    through `regions_of` (ISO3 -> WHO region) when given. None when nothing is selected."""
    points = ((event or {}).get("selection") or {}).get("points") or []
    if not points:
        return None
    point = points[0]
    data = point.get("customdata")
    if isinstance(data, list | tuple):
        data = data[0] if data else None
    if data is not None:
        # The map's small-state dots carry their ISO3 as customdata: a country stands for its
        # region there too.
        return regions_of.get(data, data) if regions_of is not None else data
    location = point.get("location")
    if location is not None and regions_of is not None:
        return regions_of.get(location)
    return location


# --- Shareable links (moved from ui.py: the words of ui.link_note) ---------------------------


def stale_link_note(
    asked: list[str], options: list[str], noun: str, instead: str, elsewhere=()
) -> str | None:
    """The note for a link's values of one URL parameter that are not among `options` ("The
    link asked for session `x`, which no longer exists; showing all sessions"); None when all
    are. Values in `elsewhere` exist but are filtered out by another choice (another day)."""
    asked = list(dict.fromkeys(v for v in asked if v))
    stale = [v for v in asked if v not in options]
    if not stale:
        return None
    shown = ", ".join(f"`{_code_span_text(v)}`" for v in stale)
    gone = [v for v in stale if v not in elsewhere]
    why = "no longer exist" if len(stale) > 1 else "no longer exists"
    if not gone:
        why = "are not on the chosen days" if len(stale) > 1 else "is not on the chosen days"
    rest = "showing the others" if len(stale) < len(asked) else f"showing {instead}"
    nouns = f"{noun}s" if len(stale) > 1 else noun
    return f"The link asked for {nouns} {shown}, which {why}; {rest}."


def _code_span_text(value: str) -> str:
    """URL text is anyone's text: shown only inside a code span (no links, images or markup), so
    without backticks and line breaks (a blank line would end the span), and not too long."""
    return " ".join(value.replace("`", "").split())[:80]


def day_label(d) -> str:
    """A day as pickers, links and the view line show it: "Mon 21 Jun 2021"."""
    return f"{d:%a %d %b %Y}"
