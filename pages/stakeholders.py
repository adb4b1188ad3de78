"""Stakeholders: participants by stakeholder type, and type by WHO region."""

import streamlit as st

from engagement import charts, ui
from engagement.vocabulary import BASIS_LABELS, MEASURES, STAKEHOLDER_LABELS

st.title("Stakeholder groups")
ui.demo_caption()
selection = ui.no_event_stop()
basis = ui.basis()
measure = MEASURES[basis]

types = ui.query("stakeholders", selection, basis=basis)
by_region = ui.query("stakeholder_by_region", selection, basis=basis)

st.caption(
    "Shares are of the people whose stakeholder type is known; 'Unknown' is shown as its own "
    "bar. Types come from the registration's organization-type answer, else the organization "
    "name, else the e-mail domain (each assignment records the rule that made it)."
)
left, right = st.columns([3, 2])
with left:
    ui.plot(charts.stakeholder_bars(types, measure=measure), key="types", click="type")
with right:
    ui.table(
        types.assign(
            label=types["stakeholder"].map(STAKEHOLDER_LABELS),
            share=types["share"] * 100,
        )[["label", "people", "share"]],
        hide_index=True,
        width="stretch",
        column_config={
            "label": "Stakeholder type",
            "people": st.column_config.NumberColumn(BASIS_LABELS[basis], format="localized"),
            "share": st.column_config.NumberColumn("Share of known", format="%.1f %%"),
        },
    )
ui.plot(charts.stakeholder_by_region(by_region, measure=measure), key="types_regions")
