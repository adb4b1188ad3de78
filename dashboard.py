"""WLPF Engagement Dashboard: the frame (navigation, page config, shared filters)."""

import streamlit as st

from engagement import ui

st.set_page_config(
    page_title="WLPF Engagement Dashboard",
    page_icon=":material/public:",
    layout="wide",
)

pages = {
    "Dashboard": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/map.py", title="Map", icon=":material/public:"),
        st.Page("pages/stakeholders.py", title="Stakeholders", icon=":material/groups:"),
        st.Page("pages/sessions.py", title="Sessions", icon=":material/schedule:"),
        st.Page("pages/downloads.py", title="Downloads", icon=":material/download:"),
    ],
    "Organizers": [
        st.Page("pages/attendance_list.py", title="Attendance list", icon=":material/badge:"),
        st.Page("pages/data.py", title="Data", icon=":material/upload_file:"),
        st.Page("pages/review.py", title="Review", icon=":material/rule:"),
        st.Page("pages/admin.py", title="Admin", icon=":material/admin_panel_settings:"),
    ],
}
page = st.navigation(pages)
ui.sidebar_filters()
page.run()
