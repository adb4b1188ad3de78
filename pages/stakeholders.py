"""Stakeholders: participants by stakeholder type, and type by WHO region."""

import streamlit as st

from engagement import chart_cache, ui
from engagement.formatting import MISSING, fmt_int, fmt_pct
from engagement.vocabulary import (
    BASIS_LABELS,
    GENDER_WORDS,
    MEASURES,
    SIDE_WORDS,
    STAKEHOLDER_LABELS,
)

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
# The unknown group has no share: a dash, said under the table (a number column showed "None").
DASH_NOTE = f"{MISSING} unknown: not counted in the shares."
left, right = st.columns([5, 4])  # the table's three columns fit at 1280 px
with left:
    ui.plot(chart_cache.stakeholder_bars(types, measure=measure), key="types", click="type")
with right:
    ui.table(
        types.assign(
            label=types["stakeholder"].map(STAKEHOLDER_LABELS),
            share=types["share"].map(fmt_pct),
        )[["label", "people", "share"]],
        hide_index=True,
        width="stretch",
        column_config={
            # a narrow share column ("of known": the caption above says it): at 1280 px a
            # "Share of known" heading pushed the column out of view
            "label": st.column_config.TextColumn("Stakeholder type", width=190),
            "people": st.column_config.NumberColumn(
                BASIS_LABELS[basis], format="localized", width=90
            ),
            "share": st.column_config.TextColumn("Share", alignment="right", width=70),
        },
    )
    st.caption(DASH_NOTE)
# One region (a region filter, or data from one region only): a bar per region would be one
# bar repeating the chart above, so the by-region charts are left out and the page says why.
one_region = by_region["who_region"].nunique(dropna=False) <= 1
if one_region:
    st.caption(
        "The by-region views (types stacked by WHO region, the heatmap, gender by region) need "
        "two or more regions: with one, they repeat the charts of the whole selection."
    )
else:
    ui.plot(chart_cache.stakeholder_by_region(by_region, measure=measure), key="types_regions")

# --- Breakdowns (issue 10 item 7): heatmap, gender, income group, speakers and audience ------
if not one_region:
    ui.plot(chart_cache.stakeholder_region_heatmap(by_region, measure=measure), key="types_heatmap")

st.subheader("Gender")
gender = ui.query("gender", selection, basis=basis)
no_answer = int(gender.loc[gender["gender"] == "unknown", "people"].sum())
answered = int(gender["people"].sum()) - no_answer
st.caption(
    f"Gender as given at registration. Shares are of the {fmt_int(answered)} {measure} who "
    f"answered ('Prefer not to say' is an answer); {fmt_int(no_answer)} "
    "are unknown: no answer, an answer not recognised, or never asked (no registration, or a "
    "form without the question)."
)
left, right = st.columns([5, 4])  # the table's three columns fit at 1280 px
with left:
    ui.plot(chart_cache.gender_bars(gender, measure=measure), key="gender")
with right:
    ui.table(
        gender.assign(label=gender["gender"].map(GENDER_WORDS), share=gender["share"].map(fmt_pct))[
            ["label", "people", "share"]
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn("Gender", width=190),
            "people": st.column_config.NumberColumn(
                BASIS_LABELS[basis], format="localized", width=90
            ),
            "share": st.column_config.TextColumn("Share", alignment="right", width=70),
        },
    )
    st.caption(DASH_NOTE)
by_type = ui.query("gender_by_stakeholder", selection, basis=basis)
ui.plot(chart_cache.gender_within(by_type, "stakeholder", measure=measure), key="gender_types")
if not one_region:
    by_region_g = ui.query("gender_by_region", selection, basis=basis)
    ui.plot(
        chart_cache.gender_within(by_region_g, "who_region", measure=measure), key="gender_regions"
    )

st.subheader("World Bank income group")
income = ui.query("income_groups", selection, basis=basis)
lmic = income[income["income_group"].isin(["low", "lower_middle", "upper_middle"])]
known = income.loc[income["income_group"] != "unknown", "people"].sum()
st.caption(
    "The income group of each person's country (World Bank classification, from the reference "
    f"table). {fmt_int(lmic['people'].sum())} of the {fmt_int(known)} {measure} with a known "
    f"country ({fmt_pct(lmic['people'].sum() / known if known else None)}) come from low- and "
    f"middle-income countries, {fmt_int(lmic['member_states'].sum())} Member States."
)
ui.plot(chart_cache.income_bars(income, measure=measure), key="income")

st.subheader("Speakers and audience")
sides = ui.query("speakers_audience", selection)
st.caption(
    "Attendees whose platform role in any selected session they attended was host, co-host, "
    "presenter or panelist are speakers; everyone else is audience. Counted on attendees "
    "whatever the basis (registrations carry no role). The programme lists no speakers, so "
    "the platform's roles are the only source."
)
ui.plot(chart_cache.speakers_bars(sides), key="speakers")
ui.table(
    sides.assign(label=sides["side"].map(SIDE_WORDS))[
        ["label", "people", "member_states", "who_regions", "member_state_names"]
    ],
    hide_index=True,
    width="stretch",
    column_config={
        "label": "Side",
        "people": st.column_config.NumberColumn("Attendees", format="localized"),
        "member_states": st.column_config.NumberColumn("Member States", format="localized"),
        "who_regions": "WHO regions",
        "member_state_names": st.column_config.TextColumn("Member States reached", width="large"),
    },
)
