"""Compare: two editions side by side (KPIs, Member States new / returning / lost, WHO regions,
stakeholder mix, gender), with a download of the comparison. The tables come from
engagement/compare.py, which `python -m engagement compare` also writes."""

import streamlit as st

from engagement import chart_cache, compare, metrics, report_files, settings, suppress, ui
from engagement.formatting import fmt_int
from engagement.vocabulary import BASIS_LABELS, MEASURES

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
# Bound to the URL (?cmp_a=...&cmp_b=..., the editions' names), so a shared link opens the same
# comparison; a name the database does not hold is dropped with a note (the default instead).
for key, noun in (("cmp_a", "earlier edition"), ("cmp_b", "later edition")):
    ui.link_note(key, [names[e] for e in by_date], noun, "the default edition")
event_a = left.selectbox(
    "Earlier edition",
    by_date,
    index=by_date.index(default_a),
    format_func=names.get,
    key="cmp_a",
    bind="query-params",
)
event_b = right.selectbox(
    "Later edition",
    by_date,
    index=by_date.index(default_b),
    format_func=names.get,
    key="cmp_b",
    bind="query-params",
)
if event_a == event_b:
    st.warning("Choose two different editions.")
    st.stop()
cmp = compare.build(ui.query, selection, basis, event_a, event_b)
for note in cmp.demo_notes:
    st.caption(f":material/science: {note}")
short = cmp.names
st.caption(
    f"Whole editions compared ({BASIS_LABELS[basis].lower()} counted); the sidebar's region and "
    "stakeholder filters apply, its day and session filters do not (they belong to one event). "
    "A person is the same person across editions when the e-mail address is the same."
)
scanned = []
for event_id, name in zip((event_a, event_b), short, strict=True):
    scans = ui.query("checkin_sessions", event_id=event_id)["checkin_only"]
    if len(scans) and scans.all():
        scanned.append(name)
if scanned:
    whose = " and ".join(f"{n}'s" for n in scanned)
    st.caption(
        f":material/badge: {whose} attendance is on-site check-in lists: an attendee is a "
        "person whose badge was scanned; minutes and peak are not measured."
    )

k = cmp.kpis
# Three tiles (the rest is in the table below): five would cut their labels at 1280 px.
tiles = [f for f in compare.KEY_FIGURES if f[1] in ("registrants", "attendees", "member_states")]
cols = st.columns(len(tiles))
for c, (label, col, what) in zip(cols, tiles, strict=True):
    value = fmt_int(k.loc["b", col])
    total = compare.out_of(k, what, cmp.selection)
    if total is not None:
        value = f"{value} of {fmt_int(total)}"
    c.metric(
        label.replace(" (participants)", ""),
        value,
        delta=f"{int(k.loc['b', col]) - int(k.loc['a', col]):+,} vs {short[0]}",
        delta_color="off",
        help=metrics.HELP.get(col),
    )
st.caption(f"Figures of {short[1]}, and the change since {short[0]}.")
number = st.column_config.NumberColumn(format="localized")
share = st.column_config.NumberColumn(format="%.1f %%")
ui.table(
    cmp.tables["Key figures"],
    hide_index=True,
    width="stretch",
    column_config={
        "Figure": st.column_config.TextColumn("Figure", width="large"),
        short[0]: number,
        short[1]: number,
        "Change": number,
    },
)

st.markdown(f"#### Member States: {short[1]} against {short[0]}")
states = cmp.tables["Member States"]
cols = st.columns(3)
kinds = (
    ("New", f"New in {short[1]}"),
    ("Returning", "Returning (reached by both)"),
    ("Lost", f"Lost (reached in {short[0]} only)"),
)
for c, (status, label) in zip(cols, kinds, strict=True):
    c.metric(label, fmt_int((states["Status"] == status).sum()))
if not states.empty:
    ui.table(
        states,
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * len(states)),
        column_config={
            "Member State": st.column_config.TextColumn(width="medium"),
            "ISO3": st.column_config.TextColumn(width="small"),
            **{compare.people_heading(n, basis): number for n in short},
        },
    )
    st.caption(f"{measure.capitalize()} of each edition from each Member State.")

st.markdown("#### Participants by WHO region, stakeholder mix and gender")
st.caption(
    "Shares are of each edition's people whose group is known; unknown is listed in the tables."
)


def chart(query: str, group: str, labels, title: str, key: str) -> None:
    df = ui.query(query, compare.whole(selection), event_a=event_a, event_b=event_b, basis=basis)
    ui.plot(chart_cache.edition_share_bars(df, group, labels, short, title), key=key)


# Full width each: side by side at 1280 px, the long stakeholder labels left the bars' own
# labels ("600 (28.2 %)") no room and they were cut.
titles = (f"{measure.capitalize()} by WHO region", "Stakeholder mix", None)
for title, (_, query, group, heading, labels) in zip(titles, compare.MIXES, strict=True):
    chart(query, group, labels, title or heading, f"cmp_{group}")
for tab, (name, *_) in zip(st.tabs([m[0] for m in compare.MIXES]), compare.MIXES, strict=True):
    table = cmp.tables[name]
    shown = table.assign(
        **{compare.share_heading(n): table[compare.share_heading(n)] * 100 for n in short}
    )
    ui.table(
        shown,
        where=tab,
        hide_index=True,
        width="stretch",
        column_config={
            shown.columns[0]: st.column_config.TextColumn(width="medium"),
            **{compare.people_heading(n, basis): number for n in short},
            **{compare.share_heading(n): share for n in short},
        },
    )

# --- Download: aggregate only, counts below k suppressed, as every download ---
st.markdown("#### Download the comparison")
k_min = settings.suppression_k(ui.cursor())
stem = compare.file_stem(cmp)
st.caption(
    "Every table above and a notes sheet (editions, filters, date, definitions); aggregate "
    f"figures only. {suppress.note(k_min)}"
)
audit_args = {"selection": compare.whole(selection), "basis": basis, "suppressed": True}
detail = f"comparison {event_a} vs {event_b}"
with st.container(horizontal=True):
    ui.download(
        "Comparison (Excel workbook)",
        lambda: next(iter(compare.files(cmp, "xlsx", k_min).values())),
        f"{stem}.xlsx",
        report_files.MIME["xlsx"],
        what=detail,
        **audit_args,
        icon=":material/table_view:",
        type="primary",
        key="dl_compare_xlsx",
    )
    ui.download(
        "Comparison (CSV tables, ZIP)",
        lambda: compare.zipped(compare.files(cmp, "csv", k_min)),
        f"{stem}_csv.zip",
        "application/zip",
        what=detail,
        **audit_args,
        icon=":material/download:",
        key="dl_compare_csv",
    )
