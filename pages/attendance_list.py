"""Attendance list (organizers): who came to the selected sessions, for how long, when."""

import streamlit as st

from engagement import safe_export, ui
from engagement.vocabulary import STAKEHOLDER_LABELS

ui.require("organizer")

HEADERS = {
    "name": "Name",
    "email": "E-mail",
    "country": "Country or territory",
    "stakeholder": "Stakeholder type",
    "roles": "Role",
    "sessions": "Sessions",
    "minutes": "Minutes attended",
    "first_join": "First joined",
    "last_leave": "Last left",
    "segments": "Presences",
}

st.title("Attendance list")
ui.demo_caption()
selection = ui.no_event_stop()
st.warning(
    "Personal data: names and e-mail addresses are shown to organizers only. Do not paste this "
    "table into reports; use the aggregate tables on the Downloads page.",
    icon=":material/lock:",
)
people = ui.query("session_people", selection)
people = people.assign(stakeholder=people["stakeholder"].map(STAKEHOLDER_LABELS))
st.caption(f"{len(people):,} people attended the selected sessions (bots excluded).")
# The zone on the selected sessions' own days (CET/CEST when they straddle a clock change).
listed = ui.query("sessions_list", event_id=selection.event_id)
if selection.session_ids:
    listed = listed[listed["session_id"].isin(selection.session_ids)]
if selection.days:
    listed = listed[listed["day"].dt.date.isin(selection.days)]
zone = ui.tz_label(list(listed["day"]))
headers = {**HEADERS, "first_join": f"First joined ({zone})", "last_leave": f"Last left ({zone})"}
ui.download(
    "Attendance list (CSV, personal data)",
    lambda: safe_export.to_csv_bytes(people.rename(columns=headers)),
    f"{selection.event_id}_attendance_list.csv",
    "text/csv",
    what="attendance list (personal data)",
    selection=selection,
    icon=":material/download:",
    help="Names and e-mail addresses: keep the file with the event's records, not in reports. "
    "The download is recorded in the audit log.",
)
ui.table(
    people,
    hide_index=True,
    width="stretch",
    height=640,
    column_config={
        "name": "Name",
        "email": "E-mail",
        "country": "Country or territory",
        "stakeholder": "Stakeholder type",
        "roles": "Role",
        "sessions": st.column_config.NumberColumn("Sessions", format="localized"),
        "minutes": st.column_config.NumberColumn("Minutes attended", format="%.0f"),
        "first_join": st.column_config.DatetimeColumn(
            f"First joined ({zone})", format="ddd D MMM HH:mm"
        ),
        "last_leave": st.column_config.DatetimeColumn(
            f"Last left ({zone})", format="ddd D MMM HH:mm"
        ),
        "segments": st.column_config.NumberColumn(
            "Presences", format="localized", help="Continuous presences after merging overlaps"
        ),
    },
)
