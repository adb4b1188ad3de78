"""The breakdowns of issue 10 item 7 as download tables: gender (overall, by stakeholder type,
by WHO region), World Bank income group, speakers and audience; and how their counts join the
small-count suppression of the downloads (suppress.py calls `link` and `hide_shares`).

Every table is aggregate: counts of people and of Member States, never a name or an e-mail.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pandas as pd

from .db import DATA
from .queries import Selection
from .vocabulary import (
    BASIS_LABELS,
    GENDER_ORDER,
    GENDER_WORDS,
    INCOME_WB_NAMES,
    INCOME_WORDS,
    REGION_ORDER,
    SIDE_WORDS,
    STAKEHOLDER_LABELS,
    region_label,
)

Runner = Callable[..., pd.DataFrame]

GENDER = "By gender"
GENDER_BY_TYPE = "Gender by stakeholder type"
GENDER_BY_REGION = "Gender by WHO region"
INCOME = "By income group"
SIDES = "Speakers and audience"
SIDE_PEOPLE = "Attendees"  # speakers and audience are always attendees (platform roles)
SHARE_OF_ANSWERS = "Share of answers"
SHARE_OF_KNOWN = "Share of known"

# What each table counts, in words, for a download's notes or definitions.
DEFINITIONS = {
    GENDER: "Gender as given at registration (the form's gender question; answers in any "
    "language mapped to woman, man, non-binary or another gender, prefer not to say). Shares "
    "are of the people who answered, 'prefer not to say' included; 'Unknown or not asked' "
    "counts no answer, an answer not recognised, and people never asked (no registration, or "
    "a form without the question).",
    GENDER_BY_TYPE: "People per stakeholder type and gender (as given at registration).",
    GENDER_BY_REGION: "People per WHO region and gender (as given at registration).",
    INCOME: "People and Member States reached per World Bank income group of the person's "
    "country (reference table, World Bank FY26 classification); 'Not classified' holds "
    "countries the World Bank gives no group; 'Member States in the group' counts the Member "
    "States of the selected regions in each group.",
    SIDES: "Attendees split by their platform role: speakers had a host, co-host, presenter or "
    "panelist role in any selected session they attended, the audience only the attendee "
    "role. Always attendees, whatever the basis (registrations carry no role).",
}


@cache
def income_of_country() -> dict[str, str]:
    """ISO3 -> income group code, from the reference table the database is loaded from."""
    ref = pd.read_csv(
        DATA / "who_member_states.csv", dtype=str, keep_default_na=False, na_values=[]
    )
    return {
        iso3: INCOME_WB_NAMES.get(group, "not_classified")
        for iso3, group in zip(ref["iso3"], ref["wb_income_group"], strict=True)
    }


def _gender_pivot(df: pd.DataFrame, key: str, order: list[str], label) -> pd.DataFrame:
    """Groups (rows, in `order`, only those with people) x every gender category (columns)."""
    pivot = df.pivot_table(index=key, columns="gender", values="people", aggfunc="sum")
    pivot = pivot.reindex(columns=list(GENDER_ORDER)).fillna(0).astype(int)
    rows = [g for g in order if g in pivot.index]
    table = pivot.loc[rows].rename(columns=GENDER_WORDS).reset_index(drop=True)
    table.columns.name = None
    table.insert(0, "_group", [label(g) for g in rows])
    return table


def gender_by_type_table(df: pd.DataFrame) -> pd.DataFrame:
    table = _gender_pivot(df, "stakeholder", list(STAKEHOLDER_LABELS), STAKEHOLDER_LABELS.get)
    return table.rename(columns={"_group": "Stakeholder type"})


def gender_by_region_table(df: pd.DataFrame) -> pd.DataFrame:
    table = _gender_pivot(df, "who_region", [*REGION_ORDER, "unknown"], region_label)
    return table.rename(columns={"_group": "WHO region"})


def tables(run: Runner, selection: Selection, basis: str) -> dict[str, pd.DataFrame]:
    """The breakdown tables of the selection, named as the downloads show them."""
    noun = BASIS_LABELS[basis]
    gender = run("gender", selection, basis=basis)
    income = run("income_groups", selection, basis=basis)
    sides = run("speakers_audience", selection)
    return {
        GENDER: pd.DataFrame(
            {
                "Gender": gender["gender"].map(GENDER_WORDS),
                noun: gender["people"],
                SHARE_OF_ANSWERS: gender["share"].round(4),
            }
        ),
        GENDER_BY_TYPE: gender_by_type_table(run("gender_by_stakeholder", selection, basis=basis)),
        GENDER_BY_REGION: gender_by_region_table(run("gender_by_region", selection, basis=basis)),
        INCOME: pd.DataFrame(
            {
                "World Bank income group": income["income_group"].map(INCOME_WORDS),
                noun: income["people"],
                SHARE_OF_KNOWN: income["share"].round(4),
                "Member States reached": income["member_states"],
                "Member States in the group": income["member_states_total"].astype("Int64"),
            }
        ),
        SIDES: pd.DataFrame(
            {
                "Side": sides["side"].map(SIDE_WORDS),
                SIDE_PEOPLE: sides["people"],
                "Member States reached": sides["member_states"],
                "WHO regions reached": sides["who_regions"],
            }
        ),
    }


def _tie_pivot(c, tables: dict, name: str, rows: dict, columns: dict) -> None:
    """A pivot's cells tied along each row (to the group's total, e.g. a stakeholder type's
    people) and each column (to the gender's total)."""
    if name not in tables:
        return
    table = tables[name]
    cells = {g: c.column(tables, name, g) for g in table.columns[1:]}
    for r, label in enumerate(table.iloc[:, 0]):
        c.tie([rows[label]] if label in rows else [], [col[r] for col in cells.values()])
    for label, col in cells.items():
        c.tie([columns[label]] if label in columns else [], col)


def link(c, tables: dict, noun: str, kf: dict, people: int, groups: dict) -> None:
    """Add the breakdown tables' counts to suppress.py's cells (`c`), tied by the sums anyone
    can check: each table adds up to the people counted (speakers and audience: to the unique
    attendees), a pivot's rows and columns to the type, region and gender totals, an income
    group to its countries. `groups`: "regions" and "types" (label -> cell of the By WHO
    region / By stakeholder type tables), "countries" (ISO3 -> cell, "" for unknown)."""
    gender: dict = {}
    if GENDER in tables:
        cells = c.column(tables, GENDER, noun)
        c.tie(people, cells)
        words = list(tables[GENDER]["Gender"])
        gender = dict(zip(words, cells, strict=True))
        # the total of the answers follows from any shown share
        c.tie([x for w, x in gender.items() if w != GENDER_WORDS["unknown"]])
    _tie_pivot(c, tables, GENDER_BY_TYPE, groups["types"], gender)
    _tie_pivot(c, tables, GENDER_BY_REGION, groups["regions"], gender)
    if INCOME in tables:
        cells = c.column(tables, INCOME, noun)
        code_of = {w: k for k, w in INCOME_WORDS.items()}
        codes = [code_of[w] for w in tables[INCOME].iloc[:, 0]]
        c.tie(people, cells)
        c.tie([x for code, x in zip(codes, cells, strict=True) if code != "unknown"])
        income = income_of_country()
        for code, cell in zip(codes, cells, strict=True):
            members = [
                x
                for iso3, x in groups["countries"].items()
                if (income.get(iso3, "not_classified") if iso3 else "unknown") == code
            ]
            c.tie(cell, members)
    if SIDES in tables and "Unique attendees" in kf:
        c.tie(kf["Unique attendees"], c.column(tables, SIDES, SIDE_PEOPLE))


def hide_shares(tables: dict, noun: str, hidden: str) -> None:
    """A share of a hidden count is hidden (the count would follow from it)."""
    for name, share in ((GENDER, SHARE_OF_ANSWERS), (INCOME, SHARE_OF_KNOWN)):
        if name not in tables:
            continue
        table = tables[name]
        withheld = table[noun].map(lambda v: isinstance(v, str))
        column = table[share].astype(object).copy()
        column[withheld] = hidden
        tables[name] = table.assign(**{share: column})
