"""Sessions: one session's registrants, attendees, minutes, peak and attendance curve, by role
and by the event's definition of attended."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from engagement import charts, metrics, ui
from engagement.formatting import fmt_int, fmt_minutes, fmt_pct

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

labels = ui.session_labels(overview)
ui.link_note("view_session", list(labels.values()), "session", "the first session")
session_id = st.selectbox(
    "Session", list(labels), format_func=labels.get, key="view_session", bind="query-params"
)
one = replace(selection, session_ids=(session_id,))
row = overview[overview["session_id"] == session_id].iloc[0]

cols = st.columns(3)
cols[0].metric("Registrants", fmt_int(row.registrants), help=metrics.HELP["registrants"])
cols[1].metric("Attendees", fmt_int(row.attendees), help=metrics.HELP["attendees"])
cols[2].metric("Show rate", fmt_pct(row.show_rate), help=metrics.HELP["show_rate"])
cols = st.columns(3)
cols[0].metric(
    "Average time attended", fmt_minutes(row.avg_minutes), help=metrics.HELP["avg_minutes"]
)
cols[1].metric("Median time attended", fmt_minutes(row.median_minutes))
peak_at = f"at {row.peak_minute:%H:%M}" if pd.notna(row.peak_minute) else None
cols[2].metric(
    "Peak concurrent",
    fmt_int(row.peak_concurrent),
    delta=peak_at,
    delta_color="off",
    delta_arrow="off",
    help=metrics.HELP["peak"],
)

curve = ui.query("attendance_curve", one)
ui.plot(
    charts.attendance_curve(
        curve,
        ui.tz_label(),
        peak_minute=row.peak_minute if pd.notna(row.peak_minute) else None,
        peak=int(row.peak_concurrent) if row.peak_concurrent else None,
    ),
    key="curve",
)
left, right = st.columns(2)
with left:
    ui.plot(charts.minutes_histogram(ui.query("minutes_per_person", one)), key="minutes")
with right:
    ui.plot(charts.leave_curve(ui.query("leave_times", one), ui.tz_label()), key="leaves")

st.markdown("#### All sessions in the selection")
table = overview.assign(
    kind=overview["kind"].str.capitalize(), show_rate=overview["show_rate"] * 100
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
    },
)
