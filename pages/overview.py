"""Overview: the headline, KPI tiles, data quality and the registration curve."""

import pandas as pd
import streamlit as st

from engagement import chart_cache, metrics, ui
from engagement.formatting import fmt_int, fmt_minutes, fmt_pct
from engagement.vocabulary import BASIS_LABELS

st.title("Overview")
ui.demo_caption()
selection = ui.no_event_stop()
basis = ui.basis()
k = ui.query("kpis", selection, basis=basis).iloc[0]

st.subheader(metrics.headline(k, basis, selection.regions))
st.caption(
    f"{BASIS_LABELS[basis]} counted; countries as declared at registration, else as "
    "reported by the platform."
)
ui.attended_caption()

cols = st.columns(4)
cols[0].metric("Registrants", fmt_int(k.registrants), help=metrics.HELP["registrants"])
cols[1].metric("Unique attendees", fmt_int(k.attendees), help=metrics.HELP["attendees"])
cols[2].metric("Show rate", fmt_pct(k.show_rate), help=metrics.HELP["show_rate"])
if pd.isna(k.avg_minutes) and k.attendees:  # check-in lists only: arrivals, no minutes
    ui.metric_with_note(
        cols[3],
        "Average time per session",
        "Not measured",
        "check-in lists record arrivals only",
        help=metrics.HELP["avg_minutes"],
    )
else:
    cols[3].metric(
        "Average time per session", fmt_minutes(k.avg_minutes), help=metrics.HELP["avg_minutes"]
    )
cols = st.columns(4)
cols[0].metric(
    "Member States reached",
    f"{fmt_int(k.member_states)} of {fmt_int(k.member_states_total)}",
    help=metrics.HELP["member_states"],
)
cols[1].metric(
    "Other territories",  # the whole name is cut at 1280 px; the help says it
    fmt_int(k.other_territories),
    help=metrics.HELP["other_territories"],
)
cols[2].metric("Countries and territories", fmt_int(k.countries))
cols[3].metric(
    "WHO regions reached",
    f"{fmt_int(k.who_regions)} of {fmt_int(k.who_regions_total)}",
    help=metrics.HELP["who_regions"],
)

st.markdown("#### Data quality")
people = k.people or 0
cols = st.columns(3)
cols[0].metric(
    "With a resolved country",
    fmt_pct(k.with_country / people if people else None),
    help="Share of the people counted whose country could be resolved to one country.",
)
cols[1].metric(
    "Country from the platform",
    fmt_int(k.platform_country),
    help="People who declared no country: their country is the one the platform (Zoom's "
    "IP-based Country/Region) reports.",
)
cols[2].metric(
    "With a known stakeholder type",
    fmt_pct(k.with_stakeholder / people if people else None),
    help="Share of the people counted whose stakeholder type is not 'unknown'.",
)

regs = ui.query("registrations_by_day", selection)
ui.plot(chart_cache.registrations_over_time(regs, ui.tz_label()), key="regs_over_time")
