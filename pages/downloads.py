"""Downloads: every summary table for the current filters, as CSV, one Excel workbook or a PDF
briefing. The files are built by report_files, the same function `python -m engagement report`
calls, so the command line writes exactly what this page gives."""

import streamlit as st

from engagement import report_files, settings, suppress, ui

st.title("Downloads")
ui.demo_caption()
selection = ui.no_event_stop()
basis = ui.basis()
st.write(
    "Summary tables for the current filters. They are aggregate: no names or e-mail "
    "addresses. Each file states its filters, the date of the data, its sources and the "
    "definition of every figure."
)
# Downloads leave the app: counts of fewer than k people are suppressed there (on screen they
# stay exact for organizers), and the files say so. Built here, in the session: the download
# callables run in another thread.
k = settings.suppression_k(ui.cursor())
report = report_files.build(ui.query, selection, basis, k)
stem = report_files.file_stem(report)
about = report.about
st.caption(
    f"Data as of {report_files.when(about.data_as_of)} · "
    f"sources: {report_files.sources_words(about.sources)}. {suppress.note(k)}"
)
ui.attended_caption()
audit_args = {"selection": selection, "basis": basis, "suppressed": True}


def _one(fmt: str):
    """The one file of a format (the workbook, the PDF), built on click."""
    return lambda: next(iter(report_files.files(report, fmt).values()))


with st.container(horizontal=True):
    ui.download(
        "All tables (Excel workbook)",
        _one("xlsx"),
        f"{stem}.xlsx",
        report_files.MIME["xlsx"],
        what="summary workbook",
        **audit_args,
        icon=":material/table_view:",
        type="primary",
    )
    ui.download(
        "Briefing (PDF)",
        _one("pdf"),
        f"{stem}.pdf",
        report_files.MIME["pdf"],
        what="briefing PDF",
        **audit_args,
        icon=":material/picture_as_pdf:",
        help="A printable summary of the current filters: headline, key figures, charts and "
        "tables, with the data's date, sources and definitions. Aggregate figures only, no "
        "names or e-mail addresses.",
    )
csv_files = report_files.csv_files(report)
for name, table in report.summary.tables.items():
    slug = report_files.table_slug(name)
    file_name = f"{stem}_{slug}.csv"
    with st.container(border=True):
        left, right = st.columns([4, 1])
        left.markdown(f"**{name}** · {len(table):,} rows")
        ui.download(
            "CSV",
            lambda data=csv_files[file_name]: data,
            file_name,
            report_files.MIME["csv"],
            what=f"table {name}",
            **audit_args,
            where=right,
            key=f"dl_{slug}",
            icon=":material/download:",
        )
        # The preview is of the file (suppressed): its toolbar export must not undo that.
        shown = report_files.for_screen(table.head(10))
        # Shares are text here ("6.6 %", "hidden"): aligned as numbers; a headline is long.
        columns = {
            c: st.column_config.TextColumn(alignment="right")
            for c in shown.columns
            if report_files.is_share(str(c))
        }
        if list(shown.columns[:2]) == ["Figure", "Value"]:
            columns["Value"] = st.column_config.TextColumn(width="large")
        ui.table(shown, hide_index=True, width="stretch", column_config=columns)
ui.download(
    "Notes (CSV): filters, date, sources, definitions",
    lambda: csv_files[f"{stem}_notes.csv"],
    f"{stem}_notes.csv",
    report_files.MIME["csv"],
    what="report notes",
    **audit_args,
    key="dl_notes",
    icon=":material/description:",
)
