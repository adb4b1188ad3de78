"""Downloads: every summary table for the current filters, as CSV or one Excel workbook."""

import re

import streamlit as st

from engagement import reports, ui

st.title("Downloads")
ui.demo_caption()
selection = ui.no_event_stop()
basis = ui.basis()
st.write(
    "Summary tables for the current filters. They are aggregate: no names or e-mail "
    "addresses. Shares are fractions (0.25 = 25 %)."
)
tables = reports.summary_tables(ui.query, selection, basis)
note = ui.DEMO_BADGE if ui.event_meta().get("is_demo") else None
st.download_button(
    "All tables (Excel workbook)",
    data=lambda: reports.to_excel(tables, note),
    file_name=f"{selection.event_id}_summary.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table_view:",
    type="primary",
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
