"""Sessions: one session's registrants, attendees, minutes, peak and attendance curve, by role
and by the event's definition of attended."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from engagement import chart_cache, metrics, platform_figures, ui
from engagement.formatting import fmt_int, fmt_minutes, fmt_pct
from engagement.text import md_escape

CHECKIN_NOTE = (
    "Check-in list: minutes and peak are not measured. Each badge scan at the entrance is an "
    "arrival, so this session counts who came (attendees), not how long they stayed or how "
    "many were in the room at once."
)

st.title("Sessions")
ui.demo_caption()
selection = ui.no_event_stop()
selection = replace(selection, roles=ui.role_filter())
ui.attended_caption()
ui.attended_setter()

overview = ui.query("sessions_overview", selection)
if overview.empty:
    st.info("No session matches the filters.")
    st.stop()

# Labels from the event's session list: start time, meeting ID and code tell repeats apart.
listed = ui.query("sessions_list", event_id=selection.event_id)
labels = ui.session_labels(listed)  # among all sessions: a label (URL value) never changes
labels = {s: labels[s] for s in overview["session_id"].astype(int)}
# A click on a session's bar filters every page on that session (the sidebar shows it).
ui.plot(chart_cache.session_bars(overview, labels), key="session_bars", click="session")
ui.link_note("view_session", list(labels.values()), "session", "the first session")
session_id = st.selectbox(
    "Session", list(labels), format_func=labels.get, key="view_session", bind="query-params"
)
one = replace(selection, session_ids=(session_id,))
row = overview[overview["session_id"] == session_id].iloc[0]

cols = st.columns(3)
if row.registrants == 0 and row.attendees > 0:
    # In-person events take one registration for the whole event (Indico, Eventbrite): "0
    # registrants" and no show rate would read as nobody registered.
    whole_event = "registration is for the whole event"
    ui.metric_with_note(cols[0], "Registrants", "Not per session", whole_event)
else:
    cols[0].metric("Registrants", fmt_int(row.registrants), help=metrics.HELP["registrants"])
cols[1].metric("Attendees", fmt_int(row.attendees), help=metrics.HELP["attendees"])
cols[2].metric("Show rate", fmt_pct(row.show_rate), help=metrics.HELP["show_rate"])
# A check-in list (badge scans at the entrance) records arrivals, not stays: its minutes would
# read 0 and its peak everyone who came, so the page says what is not measured instead.
checkin = bool(row.checkin_only)
if checkin:
    st.info(CHECKIN_NOTE, icon=":material/badge:")
else:
    cols = st.columns(3)
    cols[0].metric(
        "Average time attended", fmt_minutes(row.avg_minutes), help=metrics.HELP["avg_minutes"]
    )
    cols[1].metric("Median time attended", fmt_minutes(row.median_minutes))
    peak_at = f"at {row.peak_minute:%H:%M}" if pd.notna(row.peak_minute) else None
    ui.metric_with_note(
        cols[2],
        "Peak concurrent",
        fmt_int(row.peak_concurrent),
        peak_at,
        help=metrics.HELP["peak"],
    )

# The platform's own figures beside ours, with why they differ (counted on the stored rows,
# every role, bots included, no filter: the platform counts the whole meeting).
stated = ui.query("platform_figures", event_id=selection.event_id, session_id=session_id)
# A check-in list states nothing of its own (its "start" and "end" are the first and last scan).
if not stated.empty and not checkin:
    counts = ui.query("platform_differences", event_id=selection.event_id, session_id=session_id)
    counts = counts.iloc[0].to_dict()
    platform = stated["platform"].iloc[0]
    st.markdown(f"#### {md_escape(platform)} says / we count")
    ui.table(
        platform_figures.comparison(stated, counts),
        hide_index=True,
        width="content",
        column_config={
            f"{platform} says": st.column_config.TextColumn(width="medium"),
            "We count": st.column_config.TextColumn(width="medium"),
        },
    )
    for line in platform_figures.explanations(stated, counts):
        st.caption(md_escape(line))

zone = ui.tz_label([row.day])  # the session's own date: summer or winter time


def timing() -> None:
    """Retention against the schedule, the presence curve, minutes and leave times: what joins
    and leaves measure (a check-in list has neither)."""
    # --- Retention against the schedule (issue 9 item 8) ---
    st.markdown("#### Retention against the schedule")
    retention = ui.query("session_retention", one).iloc[0]
    start, end = retention.start_local, retention.end_local
    if retention.has_schedule:
        markers = {"Start": start, "+15 min": start + pd.Timedelta(minutes=15), "End": end}
        if retention.schedule_source == "platform":
            st.caption(
                "No programme session: start and end here are the platform's schedule (the "
                f"registration report's scheduled time and duration): {start:%H:%M} to {end:%H:%M}."
            )
    else:
        st.caption(
            "This session has no programme schedule: its start and end here are the export's own "
            "start (else the first join) and the last leave, i.e. what was observed."
        )
        markers = {"Start (observed)": start, "+15 min": start + pd.Timedelta(minutes=15)}
        markers["End (observed)"] = end
    cols = st.columns(4)
    ui.metric_with_note(
        cols[0],
        "Present at start + 15 min",
        fmt_pct(retention.share_after_15),
        f"{fmt_int(retention.present_after_15)} of {fmt_int(retention.attendees)}",
        help=metrics.HELP["present_after_15"],
    )
    ui.metric_with_note(
        cols[1],
        "Present at the end",
        fmt_pct(retention.share_at_end),
        f"{fmt_int(retention.present_at_end)} of {fmt_int(retention.attendees)}",
        help=metrics.HELP["present_at_end"],
    )
    ui.metric_with_note(
        cols[2],
        "Median join delay",
        fmt_minutes(retention.median_join_delay),
        f"{fmt_int(retention.joined_late)} joined over 5 min late",
        help=metrics.HELP["join_delay"],
    )
    # The busiest leave minute is often the end itself; the early leavers' note must not name it.
    stayed = f"{fmt_int(retention.left_at_end)} left at the end"
    ui.metric_with_note(
        cols[3],
        "Left early",
        fmt_int(retention.left_early),
        stayed,
        help=metrics.HELP["left_early"],
    )

    curve = ui.query("attendance_curve", one)
    ui.plot(
        chart_cache.attendance_curve(
            curve,
            zone,
            peak_minute=row.peak_minute if pd.notna(row.peak_minute) else None,
            peak=int(row.peak_concurrent) if row.peak_concurrent else None,
            markers=markers,
        ),
        key="curve",
    )
    left, right = st.columns(2)
    with left:
        ui.plot(chart_cache.minutes_histogram(ui.query("minutes_per_person", one)), key="minutes")
    with right:
        leave_times = ui.query("leave_times", one)
        leaves = chart_cache.leave_curve(
            leave_times,
            zone,
            start=start,
            end=end,
            end_label="End" if retention.has_schedule else "End (observed)",
        )
        ui.plot(leaves, key="leaves")
        st.caption(metrics.most_left_sentence(leave_times))


if checkin:
    st.caption(
        ":material/badge: No retention, presence curve, minutes or leave times for this "
        "session: its attendance is a check-in list (arrivals only)."
    )
else:
    timing()

st.markdown("#### All sessions in the selection")
table = overview.assign(
    kind=overview["kind"].str.capitalize(),
    show_rate=overview["show_rate"] * 100,
    measured=overview["checkin_only"].map({True: "Check-in list", False: "Platform report"}),
)
ui.table(
    table[
        [
            "day",
            "title",
            "kind",
            "registrants",
            "attendees",
            "show_rate",
            "avg_minutes",
            "median_minutes",
            "peak_concurrent",
            "peak_minute",
            "measured",
        ]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "day": st.column_config.DateColumn("Day", format="ddd D MMM YYYY"),
        "title": st.column_config.TextColumn("Session", width="medium"),
        "kind": "Kind",
        "registrants": st.column_config.NumberColumn("Registrants", format="localized"),
        "attendees": st.column_config.NumberColumn("Attendees", format="localized"),
        "show_rate": st.column_config.NumberColumn("Show rate", format="%.1f %%"),
        "avg_minutes": st.column_config.NumberColumn("Avg. minutes", format="%.0f"),
        "median_minutes": st.column_config.NumberColumn("Median minutes", format="%.0f"),
        "peak_concurrent": st.column_config.NumberColumn("Peak", format="localized"),
        "peak_minute": st.column_config.TimeColumn("Peak at", format="HH:mm"),
        "measured": st.column_config.TextColumn(
            "Attendance from",
            help="Check-in list: badge scans at the entrance, arrivals only (minutes and peak "
            "are not measured, so they are empty). Platform report: joins and leaves.",
        ),
    },
)
if overview["checkin_only"].any():
    st.caption(
        "Check-in list sessions have no minutes or peak: a badge scan is an arrival, not a stay."
    )

# --- Repeat attendance (issue 9 item 9): over every session of the selection ---
st.markdown("#### Repeat attendance")
st.caption(
    "Over all sessions in the selection. "
    + " ".join(metrics.HELP[k] for k in ("sessions_per_person", "overlap", "cohorts"))
)
left, right = st.columns(2)
with left:
    ui.plot(
        chart_cache.sessions_per_person_bars(ui.query("sessions_per_person", selection)),
        key="repeat",
    )
with right:
    ui.plot(chart_cache.cohort_heatmap(ui.query("day_cohorts", selection)), key="cohorts")
ui.plot(chart_cache.overlap_heatmap(ui.query("session_overlap", selection), labels), key="overlap")
returning = ui.query("returning_people", selection)
total = returning[returning["earlier_event_id"].isna()].iloc[0]
earlier = returning[returning["earlier_event_id"].notna()]
ui.metric_with_note(
    st,
    "Came back from an earlier event",
    fmt_int(total.people),
    f"of {fmt_int(total.attendees)} attendees",
    help=metrics.HELP["returning"],
)
if len(earlier):
    ui.table(
        earlier[["earlier_event", "earlier_start", "people"]],
        hide_index=True,
        column_config={
            "earlier_event": st.column_config.TextColumn("Earlier event"),
            "earlier_start": st.column_config.DateColumn("Began", format="D MMM YYYY"),
            "people": st.column_config.NumberColumn("Attendees who came back", format="localized"),
        },
    )
