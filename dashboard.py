"""WLPF Engagement Dashboard: the frame (sign-in, navigation, page config, shared filters)."""

import streamlit as st

from engagement import ui

st.set_page_config(
    page_title="WLPF Engagement Dashboard",
    page_icon=":material/public:",
    layout="wide",
)
# Anonymous visitors get the sign-in page only; the menu lists the pages the role may open, and
# each restricted page refuses its URL itself (ui.require), since a URL can bypass the menu.
ui.sign_in_gate()


def entry(stem: str, title: str, icon: str, **kwargs) -> st.Page:
    return st.Page(
        f"pages/{stem}.py", title=title, icon=icon, visibility=ui.page_visibility(stem), **kwargs
    )


pages = {
    "Dashboard": [
        entry("overview", "Overview", ":material/dashboard:", default=True),
        entry("map", "Map", ":material/public:"),
        entry("stakeholders", "Stakeholders", ":material/groups:"),
        entry("sessions", "Sessions", ":material/schedule:"),
        entry("compare", "Compare", ":material/compare_arrows:"),
        entry("downloads", "Downloads", ":material/download:"),
    ],
    "Organizers": [
        entry("attendance_list", "Attendance list", ":material/badge:"),
        entry("data", "Data", ":material/upload_file:"),
        entry("review", "Review", ":material/rule:"),
        entry("admin", "Admin", ":material/admin_panel_settings:"),
    ],
}
page = st.navigation(pages)
ui.sidebar_filters()
ui.view_box()  # every page states its view: filters, data as of, reset
page.run()
