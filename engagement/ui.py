"""Streamlit glue, the one module of the package that imports streamlit: the shared database
connection, cached named queries, the sidebar filters and small display helpers."""

from __future__ import annotations

import inspect
import ipaddress
import json
import os
from collections.abc import Collection
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from . import access, attended, audit, charts, db, queries, safe_export, view
from .demo.event import demo_note_of
from .labels import session_labels as _session_labels
from .labels import zone_label
from .text import md_escape
from .vocabulary import (
    BASIS_LABELS,
    REGION_ORDER,
    ROLE_LABELS,
    STAKEHOLDER_LABELS,
    region_label,
)


def demo_note(event_id: str | None = None) -> str:
    """The synthetic-data note of a demo event (the current one by default)."""
    return demo_note_of(event_id or event_meta().get("event_id"))


@st.cache_resource(on_release=lambda con: con.close())
def _connection(path: str):
    # One connection per file for the whole server; each query takes its own cursor because
    # a DuckDB connection is not safe to share between threads (sessions).
    return db.connect(path)


def connection():
    return _connection(str(db.db_path()))


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached(sql: str, params_json: str, version: str) -> pd.DataFrame:
    # The SQL text is an argument so that editing a .sql file invalidates the cache; the
    # version (db.version: the file and its commits) so that every write does.
    return queries.run_sql(connection(), sql, json.loads(params_json, object_hook=_dates))


def _dates(obj: dict) -> dict:
    if "days" in obj:
        obj["days"] = [date.fromisoformat(d) for d in obj["days"]]
    return obj


def query(name: str, selection: queries.Selection | None = None, **params) -> pd.DataFrame:
    merged = selection.params() if selection else {}
    merged.update(params)
    return _cached(queries.sql_text(name), json.dumps(merged, default=str), db.version())


def actor() -> audit.Actor:
    """Who is acting in this browser session, for the audit log (see "Sign-in and roles")."""
    _, identity, role = _who()
    return audit.Actor(identity or "anonymous", role or "none")


def data_changed() -> None:
    """After a write: free the cached answers (their key, db.version, already moved on)."""
    _cached.clear()


def cursor():
    """A cursor for writes from the Data and Review pages (own transaction scope)."""
    return connection().cursor()


def session_labels(sessions: pd.DataFrame) -> dict[int, str]:
    """session_id -> "Wed 1 Apr 14:38 · title" (· ID or code where titles repeat), unique, for
    every picker of sessions: see labels.session_labels."""
    return _session_labels(sessions)


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
        sb.info(demo_note(event_id), icon=":material/science:")
    sessions = query("sessions_list", event_id=event_id)
    # Plain dates, not Timestamps: a chosen day reaches the named queries as an ISO date (see
    # _dates); a Timestamp's text ("2021-06-22 00:00:00") is not one.
    session_days = sessions["day"].dt.date
    days = sorted(set(session_days.dropna()))
    link_note("day", [view.day_label(d) for d in days], "day", "all days")
    chosen_days = sb.multiselect(
        "Day",
        days,
        format_func=view.day_label,
        key="day",
        bind="query-params",
        placeholder="All days",
    )
    in_days = sessions[session_days.isin(chosen_days)] if chosen_days else sessions
    # Labelled among all the event's sessions, so a session's label (its URL value) does not
    # change with the day filter.
    everywhere = session_labels(sessions)
    st.session_state["_session_labels"] = everywhere  # for view_box
    labels = {s: everywhere[s] for s in in_days["session_id"].astype(int)}
    view.drop_stale(st.session_state, "session", labels)
    everywhere = everywhere.values()
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
    meta["session_days"] = sorted(set(session_days.dropna()))  # tz_label() of a whole event
    st.session_state["event_meta"] = meta
    return selection


def current_selection() -> queries.Selection | None:
    return st.session_state.get("selection")


def basis() -> str:
    return st.session_state.get("basis", "attendees")


def event_meta() -> dict:
    return st.session_state.get("event_meta", {})


def tz_label(days=None) -> str:
    """E.g. "CEST, Europe/Zurich": the zone's abbreviation on the days the times belong to (a
    session's own day), both ("CET/CEST") when they straddle a clock change. Without days:
    every day of the event's sessions (else its first day)."""
    meta = event_meta()
    tz = meta.get("timezone", "UTC")
    if days is None:
        days = meta.get("session_days") or [meta.get("start_date")]
    return zone_label(tz, days)


def demo_caption() -> None:
    if event_meta().get("is_demo"):
        st.caption(f":material/science: {demo_note()}")


def no_event_stop() -> queries.Selection:
    selection = current_selection()
    if selection is None:
        st.info("No data yet. Organizers can import exports on the **Data** page.")
        st.stop()
    return selection


def plot(fig, key: str | None = None, click: str | None = None, **kwargs):
    """st.plotly_chart; with `click` (a filter key: "region", "type", "session") a click on a
    bar or country sets that filter (view.click). The key carries a generation that every
    click, reset or undo bumps, so a redrawn chart starts with no stale point picked."""
    if click:
        key = f"{key}_{st.session_state.get(view.CLICK_GENERATION, 0)}"
        kwargs.update(on_select=lambda: _clicked(key, click), selection_mode="points")
    return st.plotly_chart(fig, config=charts.PLOTLY_CONFIG, key=key, **kwargs)


# --- Privacy (admin page): erasure and retention rewrite the database file ------------------


def reset_connection() -> None:
    """Close the shared connection (cache_resource's on_release) and drop every cached figure:
    the file is about to be rewritten, and a connection kept open would go on reading the old
    one. The next query opens the new file."""
    _cached.clear()
    _connection.clear()


def with_file_closed(action, *args):
    """action(path, *args) on the database file with the shared connection closed (erasure and
    retention rewrite the file); every cached figure is stale afterwards."""
    reset_connection()
    try:
        return action(db.db_path(), *args)
    finally:
        data_changed()


# --- Downloads safe to open, and audited ---------------------------------------
# Streamlit's dataframe toolbar exports exactly what is displayed, so every table shown goes
# through safe_export.neutralize; every download button records who took which file.


def table(df: pd.DataFrame, where=None, **kwargs):
    """st.dataframe of `df` with formula-leading text neutralized (the toolbar's CSV is safe)."""
    return (where or st).dataframe(safe_export.neutralize(df), **kwargs)


def editor(df: pd.DataFrame, where=None, **kwargs) -> pd.DataFrame:
    """st.data_editor showing a neutralized `df` (its toolbar export is safe); returns the
    edited rows with the neutralizing quote taken off again, so saved values are as typed."""
    edited = (where or st).data_editor(safe_export.neutralize(df), **kwargs)
    return safe_export.restore(edited)


def download(
    label: str,
    data_fn,
    file_name: str,
    mime: str,
    *,
    what: str,
    selection: queries.Selection | None = None,
    basis: str | None = None,
    suppressed: bool | None = None,
    where=None,
    **kwargs,
):
    """st.download_button that builds the file on click (`data_fn`, no arguments) and records
    an audit "download" entry (target: file name; detail: filters, basis, suppression)."""
    detail = safe_export.download_detail(what, selection, basis, suppressed)
    # The callable runs in another thread: read the session's actor here, not there.
    build = safe_export.audited(data_fn, cursor, actor(), file_name, detail)
    return (where or st).download_button(
        label, data=build, file_name=file_name, mime=mime, **kwargs
    )


# --- Sign-in and roles: st.login / st.user, the allow-lists of
# engagement/access.py, the sidebar identity block, refusals. Every decision is in access.py.

LOCAL_BANNER = "Local mode: one user with organizer rights, no sign-in."
LOCAL_ONLY = (
    "This dashboard runs in local mode (no sign-in configured), which serves only the computer "
    'it runs on. To open it to others, configure sign-in: see "Sign-in and roles" in the '
    "README."
)


def _from_this_computer() -> bool:
    """Local mode gives organizer rights without sign-in, so only loopback visitors get it, even
    if the server was started listening on every interface. Streamlit gives no address (None)
    for a loopback connection; behind a reverse proxy every visitor looks local, which is why
    the README says never to deploy local mode."""
    ip = st.context.ip_address
    if not isinstance(ip, str):  # None on loopback; AppTest has no connection at all
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def _secret_table(name: str) -> dict:
    try:
        table = st.secrets.get(name)
    except FileNotFoundError as exc:
        # No secrets file at all is the laptop's local mode; a file that cannot be read must not
        # silently fall back to it (that would open the organizer pages), so that still raises.
        if getattr(exc, "error_id", None) == "no-secrets-found":
            return {}
        raise
    return dict(table) if table else {}


def access_policy() -> access.Policy:
    return access.policy_from(_secret_table("access"), _secret_table("auth"), os.environ)


def _who() -> tuple[access.Policy, str | None, str | None]:
    """(policy, identity, role) of this browser session; identity None = not signed in."""
    policy = access_policy()
    if policy.local_mode:
        if not _from_this_computer():
            return policy, None, None
        return policy, access.LOCAL_IDENTITY, access.LOCAL_ROLE
    if policy.misconfigured:
        return policy, None, None
    identity = access.identity_from(st.user.to_dict())
    return policy, identity, access.role_for(identity, policy)


def current_role() -> str | None:
    return _who()[2]


def page_visibility(stem: str) -> str:
    """Menu entries only for the pages the role may open (the page itself still refuses)."""
    return "visible" if access.allows(current_role(), access.page_role(stem)) else "hidden"


def _signed_in() -> bool:
    return bool(st.user.to_dict().get("is_logged_in"))


def _sign_in_page() -> None:
    st.title("WLPF Engagement Dashboard")
    st.write("Sign in with your organization account to see the dashboard.")
    if st.button("Sign in", type="primary", icon=":material/login:"):
        st.login()


def _sign_out_button(where) -> None:
    if where.button("Sign out", icon=":material/logout:"):
        st.logout()


def _refusal(identity: str | None, needed: str | None, sign_out: bool = True) -> None:
    if identity is None:
        st.error("Your account did not give an e-mail address, so no role can be found for it.")
    elif needed is None:
        st.error(
            f"{md_escape(identity)} is not on this dashboard's access list. Ask an "
            "administrator to add your address or your organization's domain."
        )
    else:
        st.error(
            f"This page needs the {needed} role; {md_escape(identity)} is not allowed to open it."
        )
    if sign_out:
        _sign_out_button(st)


def _record_once(key: str, action: str, target: str, detail: dict | None = None) -> None:
    """One audit entry per browser session and key, not one per rerun."""
    done = st.session_state.setdefault("_audited", set())
    if key in done:
        return
    policy, identity, role = _who()
    audit.record(
        cursor(), audit.Actor(identity or "unknown", role or "none"), action, target, detail
    )
    done.add(key)


def _only_page(draw) -> None:
    # One hidden-menu page: nothing of the dashboard (not even page names) before sign-in.
    st.navigation([st.Page(draw, title="Sign in", url_path="sign_in")], position="hidden").run()
    st.stop()


def sign_in_gate() -> audit.Actor:
    """In the frame, before the menu: the acting user, or a sign-in page / refusal and stop."""
    policy, identity, role = _who()
    if policy.misconfigured:
        _only_page(lambda: st.error(access.MISCONFIGURED))
    if policy.local_mode:
        if identity is None:
            _only_page(lambda: st.error(LOCAL_ONLY))
        st.sidebar.info(LOCAL_BANNER, icon=":material/laptop:")
        return audit.LOCAL
    if not _signed_in():
        _only_page(_sign_in_page)
    if role is None:
        if identity is not None:
            _record_once("refused:app", "refused", "app", {"needs": "viewer"})
        _only_page(lambda: _refusal(identity, None))
    _record_once("sign_in", "sign_in", "")
    sb = st.sidebar
    sb.text(f"Signed in as {identity}\nRole: {role}")
    _sign_out_button(sb)
    return audit.Actor(identity, role)


def require(role: str) -> None:
    """At the top of a restricted page: refuse (and stop) unless the user has `role`."""
    page = Path(inspect.currentframe().f_back.f_code.co_filename).stem
    policy, identity, have = _who()
    if access.allows(have, role):
        return
    if policy.misconfigured:
        st.error(access.MISCONFIGURED)
    elif policy.local_mode and identity is None:
        st.error(LOCAL_ONLY)
    elif policy.local_mode:
        st.info(
            f"This page needs the {role} role; local mode gives organizer rights. Use the "
            "command line (`python -m engagement erase`, `retention`, `audit`) or configure "
            'sign-in (README, "Sign-in and roles").',
            icon=":material/lock:",
        )
    elif not _signed_in():
        _sign_in_page()
    else:
        if identity is not None:
            _record_once(f"refused:{page}", "refused", page, {"needs": role, "has": have})
        _refusal(identity, role if have else None, sign_out=False)  # the sidebar has one
    st.stop()


# --- Shareable links: filters in the URL, stale values named ---------------
# Widgets bound with bind="query-params" carry their shown label in the URL (?region=African+
# Region&day=Mon+21+Jun+2021); Streamlit silently drops a value that is not an option. A link
# can outlive its data (a session removed or renamed), so the reader is told what was dropped.


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
    note = view.stale_link_note(st.query_params.get_all(key), options, noun, instead, elsewhere)
    if note:
        st.warning(note, icon=":material/link_off:")


# --- Attended definition and role filter (issue 9, items 6 and 7) ----------
# The rule itself is applied in the semantic layer (views.sql); here it is read, stated beside
# the figures, and set by organizers. The role filter narrows the Sessions page's figures.


def attended_rule() -> attended.Rule:
    """The current event's definition of attended."""
    selection = current_selection()
    if selection is None:
        return attended.Rule()
    row = query("attended_rule", event_id=selection.event_id).iloc[0]
    return attended.Rule(str(row["rule"]), float(row["value"]))


def attended_caption() -> None:
    """ "Attended = present at least 10 minutes in the session", beside the figures."""
    # Our own words and a number: no file text, so nothing to escape.
    st.caption(f":material/rule: {attended_rule().sentence()}.")


def role_filter() -> tuple[str, ...]:
    """Platform roles to count (empty = all), a multiselect bound to the URL (?role=Host)."""
    link_note("role", list(ROLE_LABELS.values()), "role", "all roles")
    chosen = st.multiselect(
        "Role",
        list(ROLE_LABELS),
        format_func=ROLE_LABELS.get,
        key="role",
        bind="query-params",
        placeholder="All roles",
        help="A person's role in a session is the most senior role the platform gave them "
        "there (host, co-host, presenter, panelist, attendee). Registrants have no role: the "
        "filter narrows attendees, minutes and the presence curve.",
    )
    return tuple(chosen)


def attended_setter() -> None:
    """Organizers (not viewers) set the event's definition of attended; the change is audited."""
    selection = current_selection()
    if selection is None or not access.allows(current_role(), "organizer"):
        return
    rule = attended_rule()
    with st.expander("Definition of attended (organizers)", icon=":material/rule:"):
        with st.form("attended_rule_form", border=False):
            chosen = st.radio(
                "Count a person as attended when they were",
                attended.RULES,
                index=attended.RULES.index(rule.rule),
                format_func=attended.RULE_LABELS.get,
            )
            value = st.number_input(
                "N minutes, or X % of the session (ignored for any presence)",
                min_value=0.0,
                max_value=attended.LIMITS["minutes"],
                value=rule.value or 10.0,
                step=1.0,
                help="The session's length is its scheduled length; a session without a "
                "schedule uses its observed span (first join to last leave).",
            )
            if st.form_submit_button("Save the definition"):
                try:
                    saved = attended.put(cursor(), actor(), selection.event_id, chosen, value)
                except ValueError as exc:
                    st.error(str(exc))
                else:
                    data_changed()
                    st.success(f"Saved: {saved.sentence()}. Every figure now follows it.")


# --- Figures with a note -----------------------------------------------------------------------
def metric_with_note(where, label: str, value: str, note: str | None, help: str | None = None):
    """A figure with a grey line under it ("n of N", "at 14:05"): a note, not a change, so it
    gets neither an arrow nor a colour."""
    where.metric(label, value, delta=note, delta_color="off", delta_arrow="off", help=help)


# --- The view line and click to filter (issue 10 items 2, 3; the logic is in view.py) -------
def view_box() -> None:
    """Top of every page (the frame draws it): the filters in words, how recent the data are,
    and one click to reset every filter or undo the last click/reset."""
    selection = current_selection()
    if selection is None:
        return
    state = st.session_state
    selection = replace(selection, roles=tuple(state.get("role") or ()))
    name = str(event_meta().get("name", selection.event_id))
    labels = state.get("_session_labels", {})
    words = view.describe(selection, name, labels, basis(), view.day_label)
    as_of = view.as_of(query("data_as_of", event_id=selection.event_id).iloc[0])
    box = st.container(border=True, key="view_box")
    text, reset, undo = box.columns([5, 1.6, 1.9], vertical_alignment="center")
    text.caption(f":material/filter_alt: {md_escape(words)}  \n{as_of}")  # titles: escaped
    reset.button(
        "Reset filters",
        icon=":material/filter_alt_off:",
        on_click=view.reset,
        args=(state,),
        disabled=not view.active(state),
        width="stretch",
    )
    undo.button(
        "Undo last click",
        icon=":material/undo:",
        on_click=view.undo,
        args=(state,),
        disabled=not state.get(view.UNDO_KEY),
        width="stretch",
    )


def _clicked(widget_key: str, filter_key: str) -> None:
    regions_of = None
    if filter_key == "region":  # a country on the map stands for its WHO region
        countries = query("countries_list")
        regions_of = dict(zip(countries["iso3"], countries["who_region"], strict=True))
    value = view.point_value(st.session_state.get(widget_key), regions_of)
    if filter_key == "session" and value is not None:
        value = int(value)
    view.click(st.session_state, filter_key, value)
