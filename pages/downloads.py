"""Downloads: every summary table for the current filters, as CSV, one Excel workbook or a PDF
briefing."""

import re

import streamlit as st

from engagement import pdf, reports, safe_export, settings, suppress, ui

st.title("Downloads")
ui.demo_caption()
selection = ui.no_event_stop()
basis = ui.basis()
st.write(
    "Summary tables for the current filters. They are aggregate: no names or e-mail "
    "addresses. Shares are fractions (0.25 = 25 %)."
)
summary = reports.summary(ui.query, selection, basis)
tables = summary.tables
meta = ui.event_meta()
note = ui.demo_note() if meta.get("is_demo") else None
# Read from the session here: the download callables run in another thread.
title = meta.get("name") or selection.event_id
subtitle = pdf.selection_words(
    selection, ui.query("sessions_list", event_id=selection.event_id), basis
)
time_zone = ui.tz_label()
# Downloads leave the app: counts of fewer than k people are suppressed there (on screen they
# stay exact for organizers), and the files say so.
k = settings.suppression_k(ui.cursor())
safe = suppress.summary(summary, k)
defined = f"{ui.attended_rule().sentence()}."  # on the About sheet too, not only Key figures
notes = [suppress.note(k), defined, *([note] if note else [])]
st.caption(suppress.note(k))
ui.attended_caption()
audit_args = {"selection": selection, "basis": basis, "suppressed": True}
with st.container(horizontal=True):
    ui.download(
        "All tables (Excel workbook)",
        lambda: safe_export.to_excel_bytes(safe.tables, notes),
        f"{selection.event_id}_summary.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        what="summary workbook",
        **audit_args,
        icon=":material/table_view:",
        type="primary",
    )
    ui.download(
        "Briefing (PDF)",
        lambda: pdf.briefing_pdf(safe, title, subtitle, "\n".join(notes), time_zone=time_zone),
        f"{selection.event_id}_briefing.pdf",
        "application/pdf",
        what="briefing PDF",
        **audit_args,
        icon=":material/picture_as_pdf:",
        help="A printable summary of the current filters: headline, key figures, charts and "
        "tables. Aggregate figures only, no names or e-mail addresses.",
    )
for name, table in tables.items():
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    with st.container(border=True):
        left, right = st.columns([4, 1])
        left.markdown(f"**{name}** · {len(table):,} rows")
        ui.download(
            "CSV",
            lambda name=name: reports.to_csv(suppress.with_note(safe.tables[name], k)),
            f"{selection.event_id}_{slug}.csv",
            "text/csv",
            what=f"table {name}",
            **audit_args,
            where=right,
            key=f"dl_{slug}",
            icon=":material/download:",
        )
        # The preview is of the file (suppressed): its toolbar export must not undo that.
        ui.table(safe.tables[name].head(10), hide_index=True, width="stretch")
