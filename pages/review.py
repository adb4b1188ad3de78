"""Review (organizers): unresolved countries and unclassified organizations, fixed once."""

import streamlit as st

from engagement import overrides, ui
from engagement.model import BadFileError
from engagement.text import md_escape
from engagement.vocabulary import STAKEHOLDER_LABELS

ui.require("organizer")

st.title("Review")
selection = ui.no_event_stop()
st.caption(
    "Answers chosen here are stored as overrides: they apply to every current row with the "
    "same text and to every later import."
)
countries = ui.query("countries_list")
country_names = dict(zip(countries["iso3"], countries["country"], strict=True))
country_options = ["-", *countries["iso3"]]

st.markdown("#### Country answers that name no single country")
unresolved = ui.query("unresolved_countries", event_id=selection.event_id)
if unresolved.empty:
    st.success("Every country answer resolved to one country.")
else:
    ui.table(
        # No suggestion is a dash, not the word None.
        unresolved.assign(suggestion=unresolved["suggestion"].map(country_names).fillna("–")),
        hide_index=True,
        width="stretch",
        column_config={
            "raw": "Answer as typed",
            "reason": "Why unresolved",
            "suggestion": "Suggestion",
            "people": "People affected",
        },
    )
    c1, c2, c3 = st.columns([2, 2, 1])
    raw = c1.selectbox("Answer", unresolved["raw"].tolist(), key="rev_country_raw")
    hint = unresolved.set_index("raw").at[raw, "suggestion"]
    choice = c2.selectbox(
        "Means",
        country_options,
        key="rev_country_value",
        index=country_options.index(hint) if hint in country_options else 0,
        format_func=lambda c: "No country (confirm unresolved)" if c == "-" else country_names[c],
    )
    if c3.button("Save", key="rev_country_save", type="primary"):
        overrides.set_override(ui.cursor(), "country", raw, choice, actor=ui.actor())
        ui.data_changed()
        st.rerun()

# countries helper: answers read by the typo rule, shown so an organizer can check them.
typos = ui.query("typo_countries", event_id=selection.event_id)
if not typos.empty:
    st.markdown("#### Country answers read as typos")
    st.caption(
        "Each was one or two letters away from one country's name and far from every other "
        "name. To correct one, store an override for it (organizer answers CSV below)."
    )
    ui.table(
        typos.assign(country=typos["iso3"].map(country_names))[["raw", "country", "people"]],
        hide_index=True,
        width="stretch",
        column_config={"raw": "Answer as typed", "country": "Read as", "people": "People"},
    )

st.markdown("#### Organizations with no stakeholder type")
orgs = ui.query("unclassified_organizations", event_id=selection.event_id)
types = list(STAKEHOLDER_LABELS)
if orgs.empty:
    st.success("Every organization has a stakeholder type.")
else:
    ui.table(
        orgs.assign(org_type_raw=orgs["org_type_raw"].fillna("–")),
        hide_index=True,
        width="stretch",
        column_config={
            "organization": "Organization",
            "org_type_raw": "Organization type answered",
            "people": "People affected",
        },
    )
    c1, c2, c3 = st.columns([2, 2, 1])
    org = c1.selectbox("Organization", orgs["organization"].tolist(), key="rev_org")
    kind = c2.selectbox(
        "Stakeholder type", types, format_func=STAKEHOLDER_LABELS.get, key="rev_org_type"
    )
    if c3.button("Save", key="rev_org_save", type="primary"):
        overrides.set_override(ui.cursor(), "organization", org, kind, actor=ui.actor())
        ui.data_changed()
        st.rerun()

st.markdown("#### Stored overrides")
stored = ui.query("overrides_list")
ui.table(
    stored,
    hide_index=True,
    width="stretch",
    column_config={
        "kind": "Kind",
        "raw_key": "Answer as typed",
        "value": "Read as",
        "created_at": st.column_config.DatetimeColumn("Saved (UTC)", format="YYYY-MM-DD HH:mm"),
    },
)
c1, c2 = st.columns(2)
ui.download(
    "Export overrides (CSV)",
    lambda: overrides.export_csv(ui.cursor()),
    "overrides.csv",
    "text/csv",
    what="overrides",
    where=c1,
    icon=":material/download:",
)
upload = c2.file_uploader("Import overrides (CSV)", type=["csv"], key="ovr_upload")
if upload is not None and c2.button("Load overrides", key="ovr_load"):
    valid = {"country": set(country_options), "organization": set(types), "org_type": set(types)}
    try:
        n = overrides.import_csv(ui.cursor(), upload.getvalue(), valid, actor=ui.actor())
    except BadFileError as exc:
        st.error(md_escape(exc))
    else:
        ui.data_changed()
        st.success(f"{n} overrides loaded.")
