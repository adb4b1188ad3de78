"""Compare: two editions side by side (KPIs, Member States new / returning / lost, WHO regions,
stakeholder mix, gender)."""

import pandas as pd
import streamlit as st

from engagement import charts, metrics, queries, ui
from engagement.formatting import fmt_int, fmt_pct
from engagement.vocabulary import (
    BASIS_LABELS,
    GENDER_ORDER,
    GENDER_WORDS,
    MEASURES,
    REGION_ORDER,
    STAKEHOLDER_LABELS,
    region_label,
)

st.title("Compare editions")
selection = ui.no_event_stop()
basis = ui.basis()
measure = MEASURES[basis]

events = ui.query("events")
names = dict(zip(events["event_id"], events["name"], strict=True))
# Oldest first, so "earlier" and "later" read left to right.
by_date = events.sort_values(["start_date", "event_id"], na_position="last")["event_id"].tolist()
if len(by_date) < 2:
    st.info("Comparing needs two events in the database: import another edition on the Data page.")
    st.stop()
here = by_date.index(selection.event_id)
later = by_date[here + 1] if here + 1 < len(by_date) else by_date[here - 1]
default_a, default_b = sorted((selection.event_id, later), key=by_date.index)
left, right = st.columns(2)
event_a = left.selectbox(
    "Earlier edition", by_date, index=by_date.index(default_a), format_func=names.get, key="cmp_a"
)
event_b = right.selectbox(
    "Later edition", by_date, index=by_date.index(default_b), format_func=names.get, key="cmp_b"
)
for ev in dict.fromkeys((event_a, event_b)):
    if bool(events.set_index("event_id")["is_demo"].get(ev)):
        st.caption(f":material/science: {ui.demo_note(ev)}")
if event_a == event_b:
    st.warning("Choose two different editions.")
    st.stop()
name_a, name_b = names[event_a], names[event_b]
short = (name_a.split(" · ")[0], name_b.split(" · ")[0])

# Whole editions: days and sessions belong to one event, so only the region, stakeholder and
# role filters (and the counting basis) carry over from the sidebar.
whole = queries.Selection(
    event_id=selection.event_id,
    regions=selection.regions,
    stakeholders=selection.stakeholders,
    roles=selection.roles,
)
pair = {"event_a": event_a, "event_b": event_b, "basis": basis}
st.caption(
    f"Whole editions compared ({BASIS_LABELS[basis].lower()} counted); the sidebar's region and "
    "stakeholder filters apply, its day and session filters do not (they belong to one event). "
    "A person is the same person across editions when the e-mail address is the same."
)

k = ui.query("compare_kpis", whole, **pair).set_index("edition")
kpi_rows = [
    ("Registrants", "registrants", None),
    ("Attendees (participants)", "attendees", None),
    ("Member States reached", "member_states", "member_states_total"),
    ("WHO regions reached", "who_regions", 6),
    ("Other countries and territories", "other_territories", None),
]


def kpi_text(edition: str, col: str, out_of) -> str:
    value = fmt_int(k.loc[edition, col])
    if out_of is None:
        return value
    total = out_of if isinstance(out_of, int) else k.loc[edition, out_of]
    return f"{value} of {fmt_int(total)}"


cols = st.columns(len(kpi_rows))
for c, (label, col, out_of) in zip(cols, kpi_rows, strict=True):
    delta = int(k.loc["b", col]) - int(k.loc["a", col])
    c.metric(
        label,
        kpi_text("b", col, out_of),
        delta=f"{delta:+,} vs {short[0]}",
        delta_color="off",
        help=metrics.HELP.get(col),
    )
ui.table(
    pd.DataFrame(
        {
            "Figure": [r[0] for r in kpi_rows],
            short[0]: [kpi_text("a", c, o) for _, c, o in kpi_rows],
            short[1]: [kpi_text("b", c, o) for _, c, o in kpi_rows],
        }
    ),
    hide_index=True,
    width="stretch",
)

st.markdown(f"#### Member States: {short[1]} against {short[0]}")
states = ui.query("compare_member_states", whole, **pair)
counts = states["status"].value_counts()
cols = st.columns(3)
kinds = (
    ("new", f"New in {short[1]}", "people_b"),
    ("returning", "Returning (reached by both)", "people_b"),
    ("lost", f"Lost (reached in {short[0]} only)", "people_a"),
)
for c, (status, label, people_col) in zip(cols, kinds, strict=True):
    part = states[states["status"] == status]
    counted_in = short[1] if people_col == "people_b" else short[0]
    with c:
        st.metric(label, fmt_int(counts.get(status, 0)))
        st.caption(f"{measure.capitalize()} counted in {counted_in}")
        if part.empty:
            continue
        ui.table(
            part.assign(region=part["who_region"].map(region_label))[
                ["who_name", "region", people_col]
            ],
            hide_index=True,
            width="stretch",
            height=320,
            column_config={
                "who_name": "Member State",
                "region": "WHO region",
                people_col: st.column_config.NumberColumn(measure.capitalize(), format="localized"),
            },
        )


def mix(query: str, group: str, labels: list[tuple[str, str]], title: str) -> None:
    """Paired share bars and the counts behind them (unknown included) for one breakdown."""
    df = ui.query(query, whole, **pair)
    ui.plot(charts.edition_share_bars(df, group, labels, short, title), key=f"cmp_{group}")
    rows = []
    for code, label in labels:
        part = df[df[group] == code].set_index("edition")
        if part.empty:
            continue
        row = {"Group": label}
        for edition, name in zip(("a", "b"), short, strict=True):
            if edition in part.index:
                people, share = part.loc[edition, "people"], part.loc[edition, "share"]
                row[name] = f"{fmt_int(people)} ({fmt_pct(share)})"
            else:
                row[name] = "0"
        rows.append(row)
    with st.expander("Counts"):
        ui.table(pd.DataFrame(rows), hide_index=True, width="stretch")


st.markdown("#### Participants by WHO region, stakeholder mix and gender")
st.caption(
    "Shares are of each edition's people whose group is known; unknown is listed in the counts."
)
regions = [(c, region_label(c)) for c in (*REGION_ORDER, "unknown")]
mix("compare_regions", "region", regions, f"{measure.capitalize()} by WHO region")
left, right = st.columns(2)
with left:
    mix(
        "compare_stakeholders",
        "stakeholder",
        list(STAKEHOLDER_LABELS.items()),
        "Stakeholder mix",
    )
with right:
    mix(
        "compare_genders",
        "gender",
        [(code, GENDER_WORDS[code]) for code in GENDER_ORDER],  # the Stakeholders page's words
        "Gender (declared at registration)",
    )
