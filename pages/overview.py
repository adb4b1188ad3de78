"""Overview: the headline, KPI tiles, data quality and the registration curve."""

import streamlit as st

from engagement import charts, metrics, ui

st.title("Overview")
ui.demo_caption()
selection = ui.no_event_stop()
basis = ui.basis()
k = ui.query("kpis", selection, basis=basis).iloc[0]

st.subheader(metrics.headline(k, basis))
st.caption(
    f"{ui.BASIS_LABELS[basis]} counted; countries as declared at registration, else as "
    "reported by the platform."
)

cols = st.columns(4)
cols[0].metric("Registrants", ui.fmt_int(k.registrants), help=metrics.HELP["registrants"])
cols[1].metric("Unique attendees", ui.fmt_int(k.attendees), help=metrics.HELP["attendees"])
cols[2].metric("Show rate", ui.fmt_pct(k.show_rate), help=metrics.HELP["show_rate"])
cols[3].metric(
    "Average time per session", ui.fmt_minutes(k.avg_minutes), help=metrics.HELP["avg_minutes"]
)
cols = st.columns(4)
cols[0].metric(
    "Member States reached",
    f"{ui.fmt_int(k.member_states)} of 194",
    help=metrics.HELP["member_states"],
)
cols[1].metric(
    "Other countries and territories",
    ui.fmt_int(k.other_territories),
    help=metrics.HELP["other_territories"],
)
cols[2].metric("Countries and territories", ui.fmt_int(k.countries))
cols[3].metric(
    "WHO regions reached", f"{ui.fmt_int(k.who_regions)} of 6", help=metrics.HELP["who_regions"]
)

st.markdown("#### Data quality")
people = k.people or 0
cols = st.columns(3)
cols[0].metric(
    "With a resolved country",
    ui.fmt_pct(k.with_country / people if people else None),
    help="Share of the people counted whose country could be resolved to one country.",
)
cols[1].metric(
    "Country from the platform",
    ui.fmt_int(k.platform_country),
    help="People who declared no country: their country is the one the platform (Zoom's "
    "IP-based Country/Region) reports.",
)
cols[2].metric(
    "With a known stakeholder type",
    ui.fmt_pct(k.with_stakeholder / people if people else None),
    help="Share of the people counted whose stakeholder type is not 'unknown'.",
)

regs = ui.query("registrations_by_day", selection)
ui.plot(charts.registrations_over_time(regs, ui.tz_label()), key="regs_over_time")
