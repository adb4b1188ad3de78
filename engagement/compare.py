"""Two editions side by side as tables: what the Compare page shows and what its download and
`python -m engagement compare` write (one builder for screen, page download and command line).

The tables are whole editions: days and sessions belong to one event, so only the region,
stakeholder and role filters (and the counting basis) apply. On screen the counts are exact;
the files suppress counts below k people (suppress.protect: per edition and table, the cells
tied by the edition's published number of people, so that subtraction gives nothing back).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pandas as pd

from . import metrics, safe_export, suppress
from .demo.event import demo_note_of
from .queries import Selection
from .vocabulary import (
    BASIS_LABELS,
    GENDER_ORDER,
    GENDER_WORDS,
    REGION_LABELS,
    REGION_ORDER,
    STAKEHOLDER_LABELS,
    region_label,
)

Runner = Callable[..., pd.DataFrame]
FORMATS = ("xlsx", "csv")
STATUS_WORDS = {"new": "New", "returning": "Returning", "lost": "Lost"}
STATUS_ORDER = ("new", "returning", "lost")
# (table name, query, group column, group heading, [(code, label)] in display order)
MIXES = (
    (
        "By WHO region",
        "compare_regions",
        "region",
        "WHO region",
        [(c, region_label(c)) for c in (*REGION_ORDER, "unknown")],
    ),
    (
        "By stakeholder type",
        "compare_stakeholders",
        "stakeholder",
        "Stakeholder type",
        list(STAKEHOLDER_LABELS.items()),
    ),
    (
        "By gender",
        "compare_genders",
        "gender",
        "Gender (declared at registration)",
        [(c, GENDER_WORDS[c]) for c in GENDER_ORDER],
    ),
)
# The key figures: (label, kpis column, what it is counted out of: a column, a number or None)
KEY_FIGURES = (
    ("Registrants", "registrants", None),
    ("Attendees (participants)", "attendees", None),
    ("Member States reached", "member_states", "member_states_total"),
    ("WHO regions reached", "who_regions", 6),
    ("Other countries and territories", "other_territories", None),
)


@dataclass(frozen=True)
class Comparison:
    """Two editions' tables (wide: one row per group, a column per edition)."""

    event_a: str
    event_b: str
    names: tuple[str, str]  # short names, e.g. ("WLPF 2021", "WLPF 2025"): column headings
    full_names: tuple[str, str]
    selection: Selection  # the filters (its event is ignored)
    basis: str
    kpis: pd.DataFrame  # the compare_kpis rows, indexed by edition ('a', 'b')
    tables: dict[str, pd.DataFrame]
    demo_notes: tuple[str, ...]
    generated_at: datetime


def short_name(name: str) -> str:
    """ "WLPF 2025 · World Local Production Forum, ..." -> "WLPF 2025"."""
    return name.split(" · ")[0].strip() or name


def whole(selection: Selection) -> Selection:
    """The selection with its days and sessions dropped (they belong to one event)."""
    return replace(selection, days=(), session_ids=())


def people_heading(name: str, basis: str) -> str:
    return f"{name} {BASIS_LABELS[basis].lower()}"


def share_heading(name: str) -> str:
    return f"{name} share of known"


def regions_total(selection: Selection) -> int:
    """What WHO regions reached is counted out of: the regions selected, else all six."""
    return len([r for r in REGION_ORDER if r in selection.regions]) or len(REGION_ORDER)


def out_of(k: pd.DataFrame, what, selection: Selection) -> int | None:
    """A key figure's denominator (KEY_FIGURES' third item) for the selection."""
    if isinstance(what, str):
        return int(k.loc["b", what])
    return None if what is None else regions_total(selection)


def _key_figures(k: pd.DataFrame, names: tuple[str, str], selection: Selection) -> pd.DataFrame:
    rows = []
    for label, col, what in KEY_FIGURES:
        a, b = int(k.loc["a", col]), int(k.loc["b", col])
        total = out_of(k, what, selection)
        if total is not None:
            label = f"{label} (of {total:,})"
        rows.append({"Figure": label, names[0]: a, names[1]: b, "Change": b - a})
    return pd.DataFrame(rows)


def _member_states(states: pd.DataFrame, names: tuple[str, str], basis: str) -> pd.DataFrame:
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    region_rank = {r: i for i, r in enumerate(REGION_ORDER)}
    ordered = states.assign(
        _s=states["status"].map(rank), _r=states["who_region"].map(region_rank)
    ).sort_values(["_s", "_r", "who_name"], kind="stable")
    return pd.DataFrame(
        {
            "Member State": ordered["who_name"],
            "ISO3": ordered["iso3"],
            "WHO region": ordered["who_region"].map(region_label),
            "Status": ordered["status"].map(STATUS_WORDS),
            people_heading(names[0], basis): ordered["people_a"].astype(int),
            people_heading(names[1], basis): ordered["people_b"].astype(int),
        }
    ).reset_index(drop=True)


def _mix(df: pd.DataFrame, group: str, heading: str, labels, names, basis) -> pd.DataFrame:
    """One row per group that has people in either edition; shares of known (None: unknown)."""
    rows = []
    for code, label in labels:
        part = df[df[group] == code].set_index("edition")
        if part.empty:
            continue
        row: dict[str, object] = {heading: label}
        for edition, name in zip(("a", "b"), names, strict=True):
            has = edition in part.index
            row[people_heading(name, basis)] = int(part.loc[edition, "people"]) if has else 0
            share = part.loc[edition, "share"] if has else (None if code == "unknown" else 0.0)
            known = share is not None and not pd.isna(share)
            row[share_heading(name)] = round(float(share), 4) if known else None
        rows.append(row)
    columns = [heading] + [c for n in names for c in (people_heading(n, basis), share_heading(n))]
    return pd.DataFrame(rows, columns=columns)


def build(
    run: Runner,
    selection: Selection,
    basis: str,
    event_a: str,
    event_b: str,
    *,
    now: datetime | None = None,
) -> Comparison:
    """The comparison of editions `event_a` (earlier) and `event_b` for the selection's region,
    stakeholder and role filters (run: `ui.query` or `queries.run` bound to a connection)."""
    events = run("events").set_index("event_id")
    full = (str(events.loc[event_a, "name"]), str(events.loc[event_b, "name"]))
    names = (short_name(full[0]), short_name(full[1]))
    if names[0] == names[1]:
        names = (event_a, event_b)  # two editions must never share a column heading
    sel = whole(selection)
    pair = {"event_a": event_a, "event_b": event_b, "basis": basis}
    k = run("compare_kpis", sel, **pair).set_index("edition")
    tables = {
        "Key figures": _key_figures(k, names, sel),
        "Member States": _member_states(run("compare_member_states", sel, **pair), names, basis),
    }
    for table, query, group, heading, labels in MIXES:
        tables[table] = _mix(run(query, sel, **pair), group, heading, labels, names, basis)
    notes = tuple(demo_note_of(e) for e in (event_a, event_b) if bool(events.loc[e, "is_demo"]))
    return Comparison(
        event_a=event_a,
        event_b=event_b,
        names=names,
        full_names=full,
        selection=sel,
        basis=basis,
        kpis=k,
        tables=tables,
        demo_notes=notes,
        generated_at=(now or datetime.now(UTC)).replace(microsecond=0),
    )


# --- The files: suppressed, with their notes ----------------------------------------------
def _suppress_columns(table: pd.DataFrame, cols: list[str], k: int, total=None) -> pd.DataFrame:
    """Counts below k in each of `cols` as "<k"; with `total` (the column sums to a published
    figure) the next smallest count of the column too, as "hidden"."""
    out = table.astype(object)
    for col in cols:
        values = [int(v) for v in table[col]]
        groups = [range(len(values))] if total else []
        primary, secondary = suppress.protect(values, groups, k)
        for i in primary:
            out.loc[out.index[i], col] = suppress.mark(k)
        for i in secondary:
            out.loc[out.index[i], col] = suppress.HIDDEN
    return out


def suppressed(comparison: Comparison, k: int) -> dict[str, pd.DataFrame]:
    """The tables as the files give them: counts of fewer than k people suppressed, and the
    share of a suppressed count hidden. The key figures' counts of people are suppressed
    alone (countries and regions reached name no one)."""
    names, basis = comparison.names, comparison.basis
    tables = dict(comparison.tables)
    key = tables["Key figures"].astype(object)
    for i, (_, col, _) in enumerate(KEY_FIGURES):
        if col in ("registrants", "attendees"):
            for name in names:
                if 0 < int(key.loc[i, name]) < k:
                    key.loc[i, name] = suppress.mark(k)
                    key.loc[i, "Change"] = suppress.HIDDEN
    tables["Key figures"] = key
    people = [people_heading(n, basis) for n in names]
    # Countries: not tied to a published sum (other territories and unknowns are not listed).
    tables["Member States"] = _suppress_columns(tables["Member States"], people, k)
    for table, *_ in MIXES:
        # Every group of the edition (unknown included) adds up to its people: a total.
        out = _suppress_columns(tables[table], people, k, total=True)
        for name, col in zip(names, people, strict=True):
            hidden = out[col].isin([suppress.mark(k), suppress.HIDDEN])
            out.loc[hidden, share_heading(name)] = suppress.HIDDEN
        tables[table] = out
    return tables


def definitions(comparison: Comparison) -> list[tuple[str, str]]:
    names = comparison.names
    return [
        (metrics.TERMS[c], metrics.HELP[c])
        for c in ("registrants", "attendees", "member_states", "who_regions", "other_territories")
    ] + [
        ("New", f"A Member State reached by {names[1]} and not by {names[0]}."),
        ("Returning", "A Member State reached by both editions."),
        ("Lost", f"A Member State reached by {names[0]} and not by {names[1]}."),
        (
            "Share of known",
            "A group's people ÷ the edition's people whose group (WHO region, stakeholder "
            "type, gender) is known; unknown is listed without a share.",
        ),
        (
            "Same person",
            "A person is the same person across editions when the e-mail address is the same.",
        ),
    ]


def filter_rows(comparison: Comparison) -> list[tuple[str, str]]:
    sel = comparison.selection
    regions = ", ".join(
        f"{region_label(r)} ({r})" if r in REGION_LABELS else region_label(r) for r in sel.regions
    )
    types = ", ".join(STAKEHOLDER_LABELS.get(s, s) for s in sel.stakeholders)
    rows = [
        ("Earlier edition", comparison.full_names[0]),
        ("Later edition", comparison.full_names[1]),
        ("WHO regions", regions or "All regions"),
        ("Stakeholder types", types or "All stakeholder types"),
        ("People counted", BASIS_LABELS[comparison.basis]),
        ("Days and sessions", "Whole editions (days and sessions belong to one event)"),
    ]
    if sel.roles:
        rows.append(("Roles", ", ".join(sel.roles)))
    return rows


def notes_table(comparison: Comparison, k: int) -> pd.DataFrame:
    when = f"{comparison.generated_at:%-d %B %Y, %H:%M} UTC"
    rows = [*filter_rows(comparison), ("Generated", when), ("Note", suppress.note(k))]
    rows += [("Note", n) for n in comparison.demo_notes]
    rows += [(f"Definition: {term}", words) for term, words in definitions(comparison)]
    return pd.DataFrame(rows, columns=["Item", "Value"])


def file_stem(comparison: Comparison) -> str:
    """ "compare_wlpf2021_wlpf2025_AFR_2026-12-03": the editions, the filters, the date."""
    from .report_files import selection_stem

    # The stem of the earlier edition's selection, its event part replaced by both editions.
    sel = replace(comparison.selection, event_id="x")
    stem = selection_stem(sel, comparison.basis, comparison.generated_at)
    both = "_".join(re.sub(r"[^A-Za-z0-9]+", "-", e).strip("-") for e in comparison_ids(comparison))
    return f"compare_{both}{stem[1:]}"


def comparison_ids(comparison: Comparison) -> tuple[str, str]:
    return comparison.event_a, comparison.event_b


def _styled(data: bytes) -> bytes:
    """The workbook with bold, frozen header rows, an autofilter and shares as percentages."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            if str(cell.value).endswith("share of known"):
                for (value,) in sheet.iter_rows(
                    min_row=2, min_col=cell.column, max_col=cell.column
                ):
                    value.number_format = "0.0%"
        sheet.freeze_panes = "A2"
        if sheet.title != "Notes":
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _slug(name: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def files(comparison: Comparison, fmt: str, k: int) -> dict[str, bytes]:
    """The comparison as files by name: one workbook (a sheet per table and a Notes sheet), or
    one CSV per table (each ending with the suppression note) and a notes CSV."""
    stem, tables = file_stem(comparison), suppressed(comparison, k)
    notes = notes_table(comparison, k)
    if fmt == "xlsx":
        sheets = {**tables, "Notes": notes}
        return {f"{stem}.xlsx": _styled(safe_export.to_excel_bytes(sheets))}
    if fmt == "csv":
        out = {
            f"{stem}_{_slug(name)}.csv": safe_export.to_csv_bytes(suppress.with_note(t, k))
            for name, t in tables.items()
        }
        out[f"{stem}_notes.csv"] = safe_export.to_csv_bytes(notes)
        return out
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def zipped(named: dict[str, bytes]) -> bytes:
    """Several files as one ZIP (the page's CSV download: one file per table)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in named.items():
            archive.writestr(name, data)
    return buffer.getvalue()
