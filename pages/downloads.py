"""Downloads: every summary table for the current filters, as CSV, one Excel workbook or a PDF
briefing."""

import re

import streamlit as st

from engagement import pdf, reports, ui

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
note = ui.DEMO_BADGE if meta.get("is_demo") else None
# Read from the session here: the download callables run in another thread.
title = meta.get("name") or selection.event_id
subtitle = pdf.selection_words(
    selection, ui.query("sessions_list", event_id=selection.event_id), basis
)
time_zone = ui.tz_label()
with st.container(horizontal=True):
    st.download_button(
        "All tables (Excel workbook)",
        data=lambda: reports.to_excel(tables, note),
        file_name=f"{selection.event_id}_summary.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        type="primary",
    )
    st.download_button(
        "Briefing (PDF)",
        data=lambda: pdf.briefing_pdf(summary, title, subtitle, note, time_zone=time_zone),
        file_name=f"{selection.event_id}_briefing.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help="A printable summary of the current filters: headline, key figures, charts and "
        "tables. Aggregate figures only, no names or e-mail addresses.",
    )
for name, table in tables.items():
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    with st.container(border=True):
        left, right = st.columns([4, 1])
        left.markdown(f"**{name}** · {len(table):,} rows")
        right.download_button(
            "CSV",
            data=reports.to_csv(table),
            file_name=f"{selection.event_id}_{slug}.csv",
            mime="text/csv",
            key=f"dl_{slug}",
            icon=":material/download:",
        )
        st.dataframe(table.head(10), hide_index=True, width="stretch")
