"""Downloadable summaries: aggregate tables with human column names, as CSV and Excel, and the
summary of a selection that the PDF briefing is drawn from.

Aggregate by default: no table here carries a name or an e-mail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import attended, breakdowns, metrics, safe_export
from .queries import Selection
from .vocabulary import BASIS_LABELS, MEMBER_TYPES, REGION_ORDER, STAKEHOLDER_LABELS, region_label

Runner = Callable[..., pd.DataFrame]


@dataclass(frozen=True)
class Summary:
    """Every summary table of one selection, and the codes behind their words."""

    basis: str  # "attendees" or "registrants": whom the tables count
    member_states_total: int  # Member States of the selected regions (194 without a filter)
    tables: dict[str, pd.DataFrame]  # name -> table, the same in CSV, Excel and PDF
    region_codes: tuple[str, ...]  # region of each row of "By WHO region" ("unknown" too)
    stakeholder_codes: tuple[str, ...]  # type of each row of "By stakeholder type"
    cross_region_codes: tuple[str, ...]  # region of each column of "Stakeholder type by region"


def _region(codes: pd.Series) -> pd.Series:
    return codes.map(region_label)


def region_rank(code: object) -> int:
    """A region code's place in WHO's order (AFR, AMR, SEAR, EUR, EMR, WPR), "unknown" last."""
    return REGION_ORDER.index(code) if code in REGION_ORDER else len(REGION_ORDER)


def _in_region_order(df: pd.DataFrame, *then: str) -> pd.DataFrame:
    """Rows in WHO region order (the `who_region` column), then by the `then` columns."""
    ranked = df.assign(_rank=df["who_region"].map(region_rank))
    ranked = ranked.sort_values(["_rank", *then], kind="stable")
    return ranked.drop(columns="_rank").reset_index(drop=True)


ATTENDED_ROW = "Attended means"  # the event's definition, a sentence among the key figures


def attended_rule(k: pd.Series) -> attended.Rule:
    """The event's attended rule, as the `kpis` row carries it."""
    return attended.Rule(str(k.attended_rule), float(k.attended_value))


NOT_MEASURED = "Not measured (check-in lists record arrivals only)"


def _avg_minutes(k: pd.Series) -> object:
    """The average, or why there is none: attendees known only from check-in lists (kpis
    leaves their sessions out of the average: a badge scan has no minutes)."""
    if not pd.isna(k.avg_minutes):
        return round(float(k.avg_minutes), 1)
    return NOT_MEASURED if int(k.attendees) else None


def key_figures(k: pd.Series, basis: str, regions: tuple[str, ...] = ()) -> pd.DataFrame:
    """The headline and the KPI tiles as (Figure, Value) rows; `k` is a `kpis` row; `regions`:
    the selected region codes (regions reached are counted out of them, else out of six)."""
    of_regions = len([r for r in REGION_ORDER if r in regions]) or len(REGION_ORDER)
    rows = [
        ("Headline", metrics.headline(k, basis, regions)),
        (ATTENDED_ROW, attended_rule(k).sentence()),
        ("Registrants", int(k.registrants)),
        ("Unique attendees", int(k.attendees)),
        ("Registrants who attended", int(k.registrants_attended)),
        ("Show rate", None if pd.isna(k.show_rate) else round(float(k.show_rate), 4)),
        ("People counted (" + basis + ")", int(k.people)),
        (f"Member States reached (of {int(k.member_states_total)})", int(k.member_states)),
        ("Other countries and territories", int(k.other_territories)),
        (f"WHO regions reached (of {of_regions})", int(k.who_regions)),
        ("Average minutes attended per person and session", _avg_minutes(k)),
        ("People with a resolved country", int(k.with_country)),
        ("People whose country comes from the platform", int(k.platform_country)),
        ("People with a known stakeholder type", int(k.with_stakeholder)),
    ]
    return pd.DataFrame(rows, columns=["Figure", "Value"]).astype({"Value": "object"})


def _by_country(country: pd.DataFrame, k: pd.Series, noun: str) -> pd.DataFrame:
    """People per country, and the people with no resolved country as their own last row."""
    table = pd.DataFrame(
        {
            "Country or territory": country["country"],
            "ISO3": country["iso3"],
            "WHO region": _region(country["who_region"]),
            "Status": country["member_type"].map(MEMBER_TYPES),
            noun: country["people"],
            "Share of known": country["share"].round(4),
        }
    )
    unknown = int(k.people - k.with_country)
    if unknown:
        row = {
            "Country or territory": "Country unknown",
            "ISO3": "",
            "WHO region": "",
            "Status": "",
            noun: unknown,
            "Share of known": None,
        }
        table = pd.concat([table, pd.DataFrame([row])], ignore_index=True)
    return table


def _type_by_region(
    cross: pd.DataFrame, types: pd.DataFrame
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """People per stakeholder type (rows, in the order of the `stakeholders` query: the type
    table's) and WHO region (columns), and the columns' codes."""
    pivot = (
        cross.assign(
            region=cross["who_region"].fillna("unknown"),
            Type=cross["stakeholder"].map(STAKEHOLDER_LABELS),
        )
        .pivot_table(index="Type", columns="region", values="people", aggfunc="sum", fill_value=0)
        .reset_index()
    )
    # Region columns in WHO's order, as every table and chart of the product has them.
    codes = tuple(sorted((c for c in pivot.columns if c != "Type"), key=region_rank))
    table = pivot[["Type", *codes]].rename(columns={c: region_label(c) for c in codes})
    table = table.rename(columns={"Type": "Stakeholder type"})
    rank = {STAKEHOLDER_LABELS.get(t, t): i for i, t in enumerate(types["stakeholder"])}
    table = table.sort_values(
        "Stakeholder type", key=lambda labels: labels.map(rank).fillna(len(rank)), kind="stable"
    ).reset_index(drop=True)
    table.columns.name = None
    return table, codes


MEASURED_BY = {
    False: "Platform report (joins and leaves)",
    True: "Check-in list: minutes and peak are not measured",
}


def _sessions(sessions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Day": sessions["day"],
            "Session": sessions["title"],
            "Kind": sessions["kind"].str.capitalize(),  # "Plenary", as the PDF prints it
            "Registrants": sessions["registrants"],
            "Attendees": sessions["attendees"],
            "Show rate": sessions["show_rate"].round(4),
            "Average minutes": sessions["avg_minutes"].round(1),
            "Median minutes": sessions["median_minutes"].round(1),
            "Peak concurrent": sessions["peak_concurrent"],
            "Peak at": sessions["peak_minute"].dt.strftime("%Y-%m-%d %H:%M"),
            # Said in words: a check-in session's empty minutes and peak are not zeros.
            "Attendance measured by": sessions["checkin_only"].map(MEASURED_BY),
        }
    )


def summary(run: Runner, selection: Selection, basis: str) -> Summary:
    """Every summary table of the dashboard, for the selection."""
    noun = BASIS_LABELS[basis]
    k = run("kpis", selection, basis=basis).iloc[0]
    region = _in_region_order(run("participants_by_region", selection, basis=basis))
    missing = _in_region_order(run("member_states_not_reached", selection, basis=basis), "country")
    types = run("stakeholders", selection, basis=basis)
    cross, cross_codes = _type_by_region(
        run("stakeholder_by_region", selection, basis=basis), types
    )
    regs = run("registrations_by_day", selection)
    tables = {
        "Key figures": key_figures(k, basis, selection.regions),
        "By country": _by_country(run("participants_by_country", selection, basis=basis), k, noun),
        "By WHO region": pd.DataFrame(
            {
                "WHO region": _region(region["who_region"]),
                noun: region["people"],
                "Share of known": region["share"].round(4),
            }
        ),
        "Member States not reached": pd.DataFrame(
            {
                "Member State": missing["country"],
                "ISO3": missing["iso3"],
                "WHO region": _region(missing["who_region"]),
            }
        ),
        "By stakeholder type": pd.DataFrame(
            {
                "Stakeholder type": types["stakeholder"].map(STAKEHOLDER_LABELS),
                noun: types["people"],
                "Share of known": types["share"].round(4),
            }
        ),
        "Stakeholder type by region": cross,
        "Registrations by day": regs.rename(
            columns={"day": "Day", "new_registrants": "New registrants", "cumulative": "Cumulative"}
        ),
        "Sessions": _sessions(run("sessions_overview", selection)),
    }
    tables.update(breakdowns.tables(run, selection, basis))  # gender, income, speakers (item 7)
    return Summary(
        basis=basis,
        member_states_total=int(k.member_states_total),
        tables=tables,
        region_codes=tuple(region["who_region"]),
        stakeholder_codes=tuple(types["stakeholder"]),
        cross_region_codes=cross_codes,
    )


def to_csv(table: pd.DataFrame) -> bytes:
    """A table as CSV that is safe to open in a spreadsheet (see safe_export)."""
    return safe_export.to_csv_bytes(table)


def to_excel(tables: dict[str, pd.DataFrame], note: str | None = None) -> bytes:
    """Every table as one workbook, safe to open (see safe_export); `note` on an About sheet."""
    return safe_export.to_excel_bytes(tables, [note] if note else [])
