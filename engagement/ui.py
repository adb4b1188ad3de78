"""Streamlit glue, the one module of the package that imports streamlit: the shared database
connection, cached named queries, the sidebar filters and small display helpers."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import date

import pandas as pd
import streamlit as st

from . import audit, charts, db, queries
from .formatting import fmt_day
from .vocabulary import BASIS_LABELS, REGION_ORDER, STAKEHOLDER_LABELS, region_label

DEMO_BADGE = "Synthetic demo data: no published participation data exists for WLPF 2021."


@st.cache_resource(on_release=lambda con: con.close())
def _connection(path: str):
    # One connection per file for the whole server; each query takes its own cursor because
    # a DuckDB connection is not safe to share between threads (sessions).
    return db.connect(path)


def connection():
    return _connection(str(db.db_path()))


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached(sql: str, params_json: str, db_file: str) -> pd.DataFrame:
    # The SQL text is an argument so that editing a .sql file invalidates the cache.
    return queries.run_sql(connection(), sql, json.loads(params_json, object_hook=_dates))


def _dates(obj: dict) -> dict:
    if "days" in obj:
        obj["days"] = [date.fromisoformat(d) for d in obj["days"]]
    return obj


def query(name: str, selection: queries.Selection | None = None, **params) -> pd.DataFrame:
    merged = selection.params() if selection else {}
    merged.update(params)
    return _cached(queries.sql_text(name), json.dumps(merged, default=str), str(db.db_path()))


def actor() -> audit.Actor:
    """Who is acting in this browser session, for the audit log."""
    return audit.LOCAL


def data_changed() -> None:
    """After a write (import, removal, override): every cached figure is stale."""
    _cached.clear()


def cursor():
    """A cursor for writes from the Data and Review pages (own transaction scope)."""
    return connection().cursor()


def session_labels(sessions: pd.DataFrame) -> dict[int, str]:
    """session_id -> "Mon 21 Jun · title", for every picker of sessions."""
    labels: dict[int, str] = {}
    for row in sessions.itertuples(index=False):
        label = f"{fmt_day(row.day)} · {row.title}"
        # Unique, because a picker (and its URL parameter) tells sessions apart by label.
        n = 1
        while label in labels.values():
            n += 1
            label = f"{fmt_day(row.day)} · {row.title} ({n})"
        labels[int(row.session_id)] = label
    return labels


def sidebar_filters() -> queries.Selection | None:
    """Draw the shared filters once (in the frame); every page reads current_selection()."""
    events = query("events")
    if events.empty:
        st.sidebar.warning("No event in the database yet: import files on the Data page.")
        return None
    event_names = dict(zip(events["event_id"], events["name"], strict=True))
    sb = st.sidebar
    sb.header("Filters")
    # Every filter is bound to the URL (the key is the parameter), so a copied URL opens the
    # same view; link_note() names what a link asks for that the data no longer has.
    link_note("event", [event_names[e] for e in event_names], "event", "the first event")
    event_id = sb.selectbox(
        "Event",
        list(event_names),
        format_func=event_names.get,
        key="event",
        bind="query-params",
    )
    is_demo = bool(events.loc[events["event_id"] == event_id, "is_demo"].iloc[0])
    if is_demo:
        sb.info(DEMO_BADGE, icon=":material/science:")
    sessions = query("sessions_list", event_id=event_id)
    # Plain dates, not Timestamps: a chosen day reaches the named queries as an ISO date (see
    # _dates); a Timestamp's text ("2021-06-22 00:00:00") is not one.
    session_days = sessions["day"].dt.date
    days = sorted(set(session_days.dropna()))
    link_note("day", [_day_label(d) for d in days], "day", "all days")
    chosen_days = sb.multiselect(
        "Day",
        days,
        format_func=_day_label,
        key="day",
        bind="query-params",
        placeholder="All days",
    )
    in_days = sessions[session_days.isin(chosen_days)] if chosen_days else sessions
    labels = session_labels(in_days)
    _drop_stale("session", labels)
    everywhere = session_labels(sessions).values()
    link_note("session", list(labels.values()), "session", "all sessions", elsewhere=everywhere)
    chosen_sessions = sb.multiselect(
        "Session",
        list(labels),
        format_func=labels.get,
        key="session",
        bind="query-params",
        placeholder="All sessions",
    )
    regions = [*REGION_ORDER, "unknown"]
    link_note("region", [region_label(r) for r in regions], "region", "all regions")
    chosen_regions = sb.multiselect(
        "WHO region",
        regions,
        key="region",
        bind="query-params",
        placeholder="All regions",
        format_func=region_label,
    )
    link_note("type", list(STAKEHOLDER_LABELS.values()), "stakeholder type", "all types")
    chosen_types = sb.multiselect(
        "Stakeholder type",
        list(STAKEHOLDER_LABELS),
        key="type",
        bind="query-params",
        format_func=STAKEHOLDER_LABELS.get,
        placeholder="All stakeholder types",
    )
    link_note("basis", list(BASIS_LABELS.values()), "counting basis", "attendees")
    sb.radio(
        "Count people as",
        list(BASIS_LABELS),
        format_func=BASIS_LABELS.get,
        key="basis",
        bind="query-params",
        horizontal=True,
        help="Attendees: at least one attendance segment in the selection. Registrants: at "
        "least one active (not cancelled or denied) registration.",
    )
    selection = queries.Selection(
        event_id=event_id,
        days=tuple(chosen_days),
        session_ids=tuple(chosen_sessions),
        regions=tuple(chosen_regions),
        stakeholders=tuple(chosen_types),
    )
    st.session_state["selection"] = selection
    meta = events[events["event_id"] == event_id].iloc[0].to_dict()
    if pd.isna(meta.get("start_date")) and not sessions["day"].dropna().empty:
        meta["start_date"] = sessions["day"].dropna().min()  # for the zone's abbreviation
    st.session_state["event_meta"] = meta
    return selection


def _drop_stale(key: str, allowed: dict) -> None:
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]


def current_selection() -> queries.Selection | None:
    return st.session_state.get("selection")


def basis() -> str:
    return st.session_state.get("basis", "attendees")


def event_meta() -> dict:
    return st.session_state.get("event_meta", {})


def tz_label() -> str:
    """E.g. "CEST, Europe/Zurich": the zone's abbreviation on the event's first day."""
    meta = event_meta()
    tz = meta.get("timezone", "UTC")
    start = meta.get("start_date")
    try:
        when = pd.Timestamp(start if start is not None and pd.notna(start) else "2000-01-01")
        abbr = when.tz_localize(tz).tzname()
    except (ValueError, TypeError):
        return tz
    return tz if abbr == tz else f"{abbr}, {tz}"


def demo_caption() -> None:
    if event_meta().get("is_demo"):
        st.caption(f":material/science: {DEMO_BADGE}")


def no_event_stop() -> queries.Selection:
    selection = current_selection()
    if selection is None:
        st.info("No data yet. Organizers can import exports on the **Data** page.")
        st.stop()
    return selection


def plot(fig, key: str | None = None, **kwargs):
    return st.plotly_chart(fig, config=charts.PLOTLY_CONFIG, key=key, **kwargs)


# --- Shareable links (helper "links"): filters in the URL, stale values named ---------------
# Widgets bound with bind="query-params" carry their shown label in the URL (?region=African+
# Region&day=Mon+21+Jun+2021); Streamlit silently drops a value that is not an option. A link
# can outlive its data (a session removed or renamed), so the reader is told what was dropped.


def _day_label(d) -> str:
    return f"{d:%a %d %b %Y}"


def link_note(
    key: str,
    options: list[str],
    noun: str,
    instead: str,
    elsewhere: Collection[str] = (),
) -> None:
    """Call just before drawing the widget bound to URL parameter `key`, with the labels of its
    options: on the session's first run, the URL's values that are not among them get a note
    ("The link asked for session `x`, which no longer exists; showing all sessions"). Values in
    `elsewhere` exist but are filtered out by another choice (a session on another day)."""
    if key in st.session_state:
        return  # after the first run the URL only mirrors the widget
    asked = list(dict.fromkeys(v for v in st.query_params.get_all(key) if v))
    stale = [v for v in asked if v not in options]
    if not stale:
        return
    shown = ", ".join(f"`{_code_span_text(v)}`" for v in stale)
    gone = [v for v in stale if v not in elsewhere]
    why = "no longer exist" if len(stale) > 1 else "no longer exists"
    if not gone:
        why = "are not on the chosen days" if len(stale) > 1 else "is not on the chosen days"
    rest = "showing the others" if len(stale) < len(asked) else f"showing {instead}"
    nouns = f"{noun}s" if len(stale) > 1 else noun
    st.warning(
        f"The link asked for {nouns} {shown}, which {why}; {rest}.", icon=":material/link_off:"
    )


def _code_span_text(value: str) -> str:
    """URL text is anyone's text: shown only inside a code span (no links, images or markup), so
    without backticks and line breaks (a blank line would end the span), and not too long."""
    return " ".join(value.replace("`", "").split())[:80]
