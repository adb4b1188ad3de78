"""The report files of one selection (Excel workbook, PDF briefing, CSV tables), built by one
function for both doors: the Downloads page and `python -m engagement report`. The same
selection gives the same tables through either.

Every file says what it is: the filters, when it was generated, how recent the data are (the
latest export time of the files behind it), the sources (platforms and file names: aggregate,
no personal data) and the definition of every figure it prints. Counts below k people are
suppressed (suppress.py) and text cells neutralized (safe_export.py) in every file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from numbers import Number

import pandas as pd

from . import attended, breakdowns, mapview, metrics, reports, safe_export, suppress
from .charts.geo import MapData
from .demo.event import demo_note_of
from .formatting import fmt_dec, fmt_int, fmt_pct, fmt_text, is_missing
from .ingest.pipeline import FORMAT_LABELS
from .labels import zone_label
from .queries import Selection
from .reports import Summary
from .vocabulary import BASIS_LABELS, REGION_LABELS, ROLE_LABELS, STAKEHOLDER_LABELS, region_label

Runner = Callable[..., pd.DataFrame]
FORMATS = ("xlsx", "pdf", "csv")
MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv",
}
SESSIONS_IN_NAME = 3  # more chosen sessions than this are named "Nsessions" in file names

# The figures each file prints and what they mean. The dashboard's own help texts first (one
# wording for screen and paper), then the figures only the downloads print.
_METRIC_KEYS = (
    "registrants",
    "attendees",
    "show_rate",
    "member_states",
    "other_territories",
    "who_regions",
    "avg_minutes",
    "peak",
)
REPORT_TERMS = (
    (
        "Registrants who attended",
        "Registrants of the selection who also attended it (by the event's definition of "
        "attended).",
    ),
    (
        "People counted",
        "The people every table counts: the attendees, or the registrants when the report "
        "counts registrants (see the filters).",
    ),
    (
        "Share of known",
        "A group's people ÷ the people whose country, WHO region or stakeholder type is known; "
        "people with an unknown value are listed apart and not counted in shares.",
    ),
    (
        "People with a resolved country",
        "People whose country (declared at registration, else reported by the platform) was "
        "matched to a country or territory. Country unknown: the others.",
    ),
    (
        "People whose country comes from the platform",
        "People who declared no country at registration; their country is the one the "
        "platform reported for them.",
    ),
    (
        "Stakeholder type",
        "Classified from the organization a person gave at registration by the dashboard's "
        "rules (e.g. a ministry of health: Member State government); unknown when no rule "
        "applies.",
    ),
    (
        "People with a known stakeholder type",
        "People whose organization was classified into a stakeholder type.",
    ),
    (
        "Member States not reached",
        "Member States of the selected WHO regions (every Member State without a region "
        "filter) from which nobody in the selection came.",
    ),
    (
        "Median minutes",
        "The median, over a session's attendees, of the minutes each attended (union of their "
        "segments).",
    ),
    ("Peak at", "The minute of the peak, in the event's time zone."),
    (
        "New registrants",
        "People whose first active registration for the selection was on that day (in the "
        "event's time zone); cumulative: the running total.",
    ),
)


def definitions(tables: dict | None = None) -> tuple[tuple[str, str], ...]:
    """(term, definition) of every figure the report files print; `tables`: the report's
    tables, whose optional ones bring their own terms."""
    found = tuple((metrics.TERMS[k], metrics.HELP[k]) for k in _METRIC_KEYS) + REPORT_TERMS
    # the breakdown tables (gender, income group, speakers) define themselves
    extra = tuple((n, w) for n, w in breakdowns.DEFINITIONS.items() if n in (tables or {}))
    return found + extra


@dataclass(frozen=True)
class About:
    """What a report file says about itself (the PDF's last page, the workbook's Notes sheet)."""

    event_id: str
    event_name: str
    is_demo: bool
    filters: tuple[tuple[str, str], ...]  # (filter, its value in words), every filter
    filter_words: str  # the filters in one line (the PDF's subtitle)
    generated_at: datetime  # UTC
    data_as_of: pd.Timestamp | None  # the latest export time of the sources (UTC)
    sources: pd.DataFrame  # Platform, File, Session, Exported (UTC)
    notes: tuple[str, ...]  # suppression, the definition of attended
    demo_note: str | None  # the demo badge, when the event is a synthetic demo
    time_zone: str  # e.g. "CEST, Europe/Zurich": the zone of the sessions' times
    suppression_k: int

    @property
    def all_notes(self) -> tuple[str, ...]:
        return (*self.notes, *([self.demo_note] if self.demo_note else []))


@dataclass(frozen=True)
class Report:
    """One selection's report: the suppressed summary tables and what the files say of them."""

    selection: Selection
    summary: Summary
    about: About
    map_data: MapData | None = None  # the PDF's first page: the map of the selection


def _filters(selection: Selection, sessions: pd.DataFrame, basis: str, name: str) -> tuple:
    titles = dict(zip(sessions["session_id"], sessions["title"], strict=True))
    days = ", ".join(f"{pd.Timestamp(d):%a %d %b %Y}" for d in sorted(selection.days))
    chosen = "; ".join(str(titles.get(s, f"session {s}")) for s in selection.session_ids)
    regions = ", ".join(
        f"{region_label(r)} ({r})" if r in REGION_LABELS else region_label(r)
        for r in selection.regions
    )
    types = ", ".join(STAKEHOLDER_LABELS.get(s, s) for s in selection.stakeholders)
    rows = [
        ("Event", name),
        ("Days", days or "All days"),
        ("Sessions", chosen or "All sessions"),
        ("WHO regions", regions or "All regions"),
        ("Stakeholder types", types or "All stakeholder types"),
    ]
    if selection.roles:
        rows.append(("Roles", ", ".join(ROLE_LABELS.get(r, r) for r in selection.roles)))
    rows.append(("People counted", BASIS_LABELS[basis]))
    return tuple(rows)


def _sources(run: Runner, selection: Selection) -> pd.DataFrame:
    found = run("report_sources", selection)
    return pd.DataFrame(
        {
            "Platform": found["format"].map(FORMAT_LABELS).fillna(found["format"]),
            "File": found["file_name"],
            "Session": found["session"].fillna("Whole event"),
            "Exported (UTC)": pd.to_datetime(found["exported_at"]),
        }
    )


def build(
    run: Runner,
    selection: Selection,
    basis: str,
    k: int,
    *,
    now: datetime | None = None,
) -> Report:
    """The report of `selection` (run: `ui.query` or `queries.run` bound to a connection;
    k: the suppression threshold, settings.suppression_k)."""
    from .pdf import selection_words  # the PDF package imports this module's neighbours

    events = run("events")
    meta = events[events["event_id"] == selection.event_id].iloc[0]
    name = str(meta["name"] or selection.event_id)
    sessions = run("sessions_list", event_id=selection.event_id)
    rule = run("attended_rule", event_id=selection.event_id).iloc[0]
    defined = attended.Rule(str(rule["rule"]), float(rule["value"])).sentence()
    is_demo = bool(meta["is_demo"])
    sources = _sources(run, selection)
    as_of = sources["Exported (UTC)"].max() if len(sources) else None
    days = sorted(set(sessions["day"].dropna())) or [meta["start_date"]]
    about = About(
        event_id=selection.event_id,
        event_name=name,
        is_demo=is_demo,
        filters=_filters(selection, sessions, basis, name),
        filter_words=selection_words(selection, sessions, basis),
        generated_at=(now or datetime.now(UTC)).replace(microsecond=0),
        data_as_of=None if as_of is None or pd.isna(as_of) else pd.Timestamp(as_of),
        sources=sources,
        notes=(suppress.note(k), f"{defined}."),
        demo_note=demo_note_of(selection.event_id) if is_demo else None,
        time_zone=zone_label(str(meta["timezone"]), days),
        suppression_k=k,
    )
    safe = suppress.summary(reports.summary(run, selection, basis), k)
    return Report(selection, safe, about, _map_data(run, selection, basis, about))


def _map_data(run: Runner, selection: Selection, basis: str, about: About) -> MapData:
    """The PDF's map page: the Map page's inputs for the same selection."""
    return mapview.map_data(
        run,
        selection,
        basis,
        event_name=about.event_name,
        filters=about.filter_words,
        is_demo=about.is_demo,
        k=about.suppression_k,
    )


def when(value: object) -> str:
    """ "28 June 2021, 09:21 UTC", or "unknown"."""
    if value is None or pd.isna(value):
        return "unknown"
    return f"{pd.Timestamp(value):%-d %B %Y, %H:%M} UTC"


def sources_words(sources: pd.DataFrame) -> str:
    """ "10 exported files: 5 Zoom webinar attendee reports, 5 Zoom webinar registration
    reports"."""
    if sources.empty:
        return "no files imported"
    kinds = sources["Platform"].value_counts(sort=False)
    listed = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds.items())
    return f"{len(sources):,} exported file{'s' if len(sources) != 1 else ''}: {listed}"


def _slug(words: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", words).strip("-")


def file_stem(report: Report) -> str:
    """The event, the filters and the date, e.g. "wlpf2021_AFR_2026-12-03": a filtered and an
    unfiltered file never share a name."""
    return selection_stem(report.selection, report.summary.basis, report.about.generated_at)


def selection_stem(sel, basis: str, when) -> str:
    """`file_stem` for any file of a selection (the reports, the map's PNG and SVG)."""
    parts = [_slug(sel.event_id)]
    parts += ["-".join("noregion" if r == "unknown" else r for r in sel.regions)] * bool(
        sel.regions
    )
    parts += ["-".join(_slug(s) for s in sel.stakeholders)] * bool(sel.stakeholders)
    parts += ["-".join(f"{pd.Timestamp(d):%Y%m%d}" for d in sorted(sel.days))] * bool(sel.days)
    if sel.session_ids:
        many = len(sel.session_ids) > SESSIONS_IN_NAME
        ids = f"{len(sel.session_ids)}sessions" if many else "-".join(map(str, sel.session_ids))
        parts.append(ids if many else f"session{ids}")
    parts += ["-".join(sel.roles)] * bool(sel.roles)
    if basis != "attendees":
        parts.append(basis)
    return "_".join([*parts, f"{when:%Y-%m-%d}"])


def is_share(column: str) -> bool:
    """A column of fractions (0.066) that every surface shows as a percentage (6.6 %)."""
    words = column.lower()
    return words.startswith("share") or words.endswith("rate")


def _figure(figure: str, value: object) -> str:
    if is_share(figure):
        return fmt_pct(value)
    if isinstance(value, Number) and not isinstance(value, bool) and not is_missing(value):
        return fmt_int(value) if float(value).is_integer() else fmt_dec(value)
    return fmt_text(value)


def for_screen(table: pd.DataFrame) -> pd.DataFrame:
    """A table as the Downloads page previews it: shares as percentages ("6.6 %", as the files
    show them), days without a time; the files themselves keep numbers and dates."""
    out = table.copy()
    for column in out.columns:
        if is_share(str(column)):
            out[column] = out[column].map(fmt_pct)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    if list(out.columns[:2]) == ["Figure", "Value"]:  # key figures: one figure per row
        out["Value"] = [
            _figure(str(f), v) for f, v in zip(out["Figure"], out["Value"], strict=True)
        ]
    return out


def table_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def notes_table(report: Report) -> pd.DataFrame:
    """The report's notes as (Item, Value) rows: the CSV folder's notes file."""
    about = report.about
    rows = [*about.filters, ("Generated", when(about.generated_at))]
    rows += [("Data as of", when(about.data_as_of)), ("Sources", sources_words(about.sources))]
    rows += [(f"Source: {r.Platform}", r.File) for r in about.sources.itertuples(index=False)]
    rows += [("Note", n) for n in about.all_notes]
    terms = definitions(report.summary.tables)
    rows += [(f"Definition: {term}", words) for term, words in terms]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def csv_files(report: Report) -> dict[str, bytes]:
    """One CSV per table (each ending with the suppression note) and the notes, by file name."""
    stem, k = file_stem(report), report.about.suppression_k
    files = {
        f"{stem}_{table_slug(name)}.csv": reports.to_csv(suppress.with_note(table, k))
        for name, table in report.summary.tables.items()
    }
    files[f"{stem}_notes.csv"] = safe_export.to_csv_bytes(notes_table(report))
    return files


def pdf_bytes(report: Report) -> bytes:
    from . import pdf

    about = report.about
    return pdf.briefing_pdf(
        report.summary,
        about.event_name,
        about.filter_words,
        about.demo_note,  # in a box on the first page; the other notes on the About page
        time_zone=about.time_zone,
        about=about,
        map_data=report.map_data,
    )


def files(report: Report, fmt: str) -> dict[str, bytes]:
    """The report as files, by file name: one workbook, one PDF, or one CSV per table."""
    if fmt == "csv":
        return csv_files(report)
    if fmt == "pdf":
        return {f"{file_stem(report)}.pdf": pdf_bytes(report)}
    if fmt == "xlsx":
        from . import workbook

        return {f"{file_stem(report)}.xlsx": workbook.build(report)}
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
