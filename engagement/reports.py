"""Downloadable summaries: aggregate tables with human column names, as CSV and Excel.

Aggregate by default: no table here carries a name or an e-mail.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd

from . import charts, metrics
from .queries import Selection

Runner = Callable[..., pd.DataFrame]
MEMBER_TYPES = {
    "member": "Member State",
    "associate": "Associate Member",
    "other": "Other territory",
}


def _region(codes: pd.Series) -> pd.Series:
    return codes.map(charts.REGION_LABELS).fillna(charts.UNKNOWN_REGION_LABEL)


def key_figures(run: Runner, selection: Selection, basis: str) -> pd.DataFrame:
    k = run("kpis", selection, basis=basis).iloc[0]
    rows = [
        ("Headline", metrics.headline(k, basis)),
        ("Registrants", int(k.registrants)),
        ("Unique attendees", int(k.attendees)),
        ("Registrants who attended", int(k.registrants_attended)),
        ("Show rate", None if pd.isna(k.show_rate) else round(float(k.show_rate), 4)),
        ("People counted (" + basis + ")", int(k.people)),
        ("Member States reached (of 194)", int(k.member_states)),
        ("Other countries and territories", int(k.other_territories)),
        ("WHO regions reached (of 6)", int(k.who_regions)),
        (
            "Average minutes attended per person and session",
            None if pd.isna(k.avg_minutes) else round(float(k.avg_minutes), 1),
        ),
        ("People with a resolved country", int(k.with_country)),
        ("People whose country comes from the platform", int(k.platform_country)),
        ("People with a known stakeholder type", int(k.with_stakeholder)),
    ]
    return pd.DataFrame(rows, columns=["Figure", "Value"]).astype({"Value": "object"})


def _by_country(run, selection, basis, country: pd.DataFrame, noun: str) -> pd.DataFrame:
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
    k = run("kpis", selection, basis=basis).iloc[0]
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


def summary_tables(run: Runner, selection: Selection, basis: str) -> dict[str, pd.DataFrame]:
    """Every summary table of the dashboard, for the selection (name -> table)."""
    noun = "Attendees" if basis == "attendees" else "Registrants"
    country = run("participants_by_country", selection, basis=basis)
    region = run("participants_by_region", selection, basis=basis)
    missing = run("member_states_not_reached", selection, basis=basis)
    types = run("stakeholders", selection, basis=basis)
    cross = run("stakeholder_by_region", selection, basis=basis)
    regs = run("registrations_by_day", selection)
    sessions = run("sessions_overview", selection)

    pivot = (
        cross.assign(
            Region=_region(cross["who_region"]),
            Type=cross["stakeholder"].map(charts.STAKEHOLDER_LABELS),
        )
        .pivot_table(index="Type", columns="Region", values="people", aggfunc="sum", fill_value=0)
        .reset_index()
        .rename(columns={"Type": "Stakeholder type"})
    )
    pivot.columns.name = None
    return {
        "Key figures": key_figures(run, selection, basis),
        "By country": _by_country(run, selection, basis, country, noun),
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
                "Stakeholder type": types["stakeholder"].map(charts.STAKEHOLDER_LABELS),
                noun: types["people"],
                "Share of known": types["share"].round(4),
            }
        ),
        "Stakeholder type by region": pivot,
        "Registrations by day": regs.rename(
            columns={
                "day": "Day",
                "new_registrants": "New registrants",
                "cumulative": "Cumulative",
            }
        ),
        "Sessions": pd.DataFrame(
            {
                "Day": sessions["day"],
                "Session": sessions["title"],
                "Kind": sessions["kind"],
                "Registrants": sessions["registrants"],
                "Attendees": sessions["attendees"],
                "Show rate": sessions["show_rate"].round(4),
                "Average minutes": sessions["avg_minutes"].round(1),
                "Median minutes": sessions["median_minutes"].round(1),
                "Peak concurrent": sessions["peak_concurrent"],
                "Peak at": sessions["peak_minute"].dt.strftime("%Y-%m-%d %H:%M"),
            }
        ),
    }


def to_csv(table: pd.DataFrame) -> bytes:
    # UTF-8 with BOM so that Excel opens accented country names correctly.
    return table.to_csv(index=False).encode("utf-8-sig")


def to_excel(tables: dict[str, pd.DataFrame], note: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            table.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            for i, column in enumerate(table.columns, start=1):
                width = max([len(str(column))] + [len(str(v)) for v in table[column].head(200)])
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, width + 2)
        if note:
            pd.DataFrame({"Note": [note]}).to_excel(writer, sheet_name="About", index=False)
    return buffer.getvalue()
