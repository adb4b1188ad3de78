"""Small-count suppression for aggregate downloads (CSV, Excel, PDF): a count of fewer than k
people (settings.suppression_k, default 5) is shown as "<k", so that nobody in a small group
can be singled out from a table that leaves the app. On-screen figures stay exact.

Secondary suppression: where a published total would give a hidden count back by subtraction
(a column of a table whose sum is a key figure, a row or column of the type-by-region table),
a group never has exactly one hidden cell: the next smallest count of the group is hidden too
(shown as HIDDEN, since it is not below k). A share computed from a hidden count is hidden, and
so are averages and medians of fewer than k people (the median of one person is their time).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import pandas as pd

from .reports import Summary
from .vocabulary import BASIS_LABELS

HIDDEN = "hidden"


def mark(k: int) -> str:
    return f"<{k}"


def note(k: int) -> str:
    """The sentence every suppressed download carries."""
    return (
        f"Counts below {k} are shown as {mark(k)}; where a total or a share would reveal such a "
        f'count, the next smallest count or the share is shown as "{HIDDEN}". Figures on the '
        "dashboard itself are exact for organizers."
    )


def protect(values: Sequence[int], groups: Iterable[Sequence[int]], k: int) -> tuple[set, set]:
    """(primary, secondary) positions of `values` to hide: primary the counts 1..k-1 (a zero
    names nobody); secondary, until no group with a published total has exactly one hidden
    cell, that group's smallest shown count (non-zero ones first)."""
    groups = [list(g) for g in groups]
    primary = {i for i, v in enumerate(values) if 0 < int(v) < k}
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for group in groups:
            inside = [i for i in group if i in hidden]
            rest = [i for i in group if i not in hidden]
            if len(inside) == 1 and rest:
                hidden.add(min(rest, key=lambda i: (values[i] == 0, values[i], i)))
                changed = True
    return primary, hidden - primary


def _apply(column: pd.Series, primary: set, secondary: set, k: int) -> pd.Series:
    out = column.astype(object).copy()
    for i in primary:
        out.iloc[i] = mark(k)
    for i in secondary:
        out.iloc[i] = HIDDEN
    return out


def _hide_where(column: pd.Series, positions: Iterable[int]) -> pd.Series:
    out = column.astype(object).copy()
    for i in positions:
        out.iloc[i] = HIDDEN
    return out


def _groups_table(table: pd.DataFrame, noun: str, known: pd.Series, k: int) -> pd.DataFrame:
    """A table of groups (country, region, type) with its count and "Share of known" columns;
    `known` flags the rows counted in the shares. Both the whole column (total: the people
    counted) and the known rows (total: a key figure) are groups with a published total."""
    counts = [int(v) for v in table[noun]]
    every = range(len(counts))
    known_rows = [i for i in every if bool(known.iloc[i])]
    primary, secondary = protect(counts, [known_rows, list(every)], k)
    return table.assign(
        **{
            noun: _apply(table[noun], primary, secondary, k),
            "Share of known": _hide_where(table["Share of known"], primary | secondary),
        }
    )


def _cross(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """Type (rows) by region (columns): every row and every column is a group (their totals are
    the type and region tables)."""
    columns = list(table.columns[1:])
    n_rows, n_cols = table.shape[0], len(columns)
    values = [int(table[c].iloc[r]) for r in range(n_rows) for c in columns]
    rows = [[r * n_cols + c for c in range(n_cols)] for r in range(n_rows)]
    cols = [[r * n_cols + c for r in range(n_rows)] for c in range(n_cols)]
    primary, secondary = protect(values, rows + cols, k)
    out = table.copy()
    for c, name in enumerate(columns):
        cells = {r for r in range(n_rows) if r * n_cols + c in primary}
        more = {r for r in range(n_rows) if r * n_cols + c in secondary}
        out[name] = _apply(table[name], cells, more, k)
    return out


def _registrations(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """New registrants per day; the running total would give back any hidden day (by the
    difference of two days), so it is hidden whole once a day is."""
    counts = [int(v) for v in table["New registrants"]]
    primary, secondary = protect(counts, [range(len(counts))], k)
    out = table.assign(
        **{"New registrants": _apply(table["New registrants"], primary, secondary, k)}
    )
    if primary or secondary:
        out["Cumulative"] = pd.Series([HIDDEN] * len(out), index=out.index, dtype=object)
    return out


def _sessions(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """Each session apart (attendees of two sessions are not additive: no secondary)."""
    out = table.copy()
    small = {}
    for name in ("Registrants", "Attendees", "Peak concurrent"):
        values = pd.to_numeric(table[name], errors="coerce").fillna(0).astype(int)
        small[name] = {i for i, v in enumerate(values) if 0 < v < k}
        out[name] = _apply(table[name], small[name], set(), k)
    rate = small["Registrants"] | small["Attendees"]
    out["Show rate"] = _hide_where(table["Show rate"], rate)
    for name in ("Average minutes", "Median minutes"):
        out[name] = _hide_where(table[name], small["Attendees"])
    return out


PEOPLE_FIGURES = (
    "Registrants",
    "Unique attendees",
    "Registrants who attended",
    "People whose country comes from the platform",
)


def _key_figures(table: pd.DataFrame, basis: str, k: int) -> pd.DataFrame:
    """Counts of people below k; a figure whose difference with the people counted (people
    without a country or type) or with the registrants (no-shows) is below k is hidden too."""
    figures = dict(zip(table["Figure"], table["Value"], strict=True))
    people_label = f"People counted ({basis})"
    people = int(figures[people_label])
    shown: dict[str, object] = {}
    for label in (*PEOPLE_FIGURES, people_label):
        if 0 < int(figures[label]) < k:
            shown[label] = mark(k)
    for label in ("People with a resolved country", "People with a known stakeholder type"):
        value = int(figures[label])
        if 0 < value < k:
            shown[label] = mark(k)
        elif 0 < people - value < k:
            shown[label] = HIDDEN
    no_shows = int(figures["Registrants"]) - int(figures["Registrants who attended"])
    if 0 < no_shows < k and "Registrants who attended" not in shown:
        shown["Registrants who attended"] = HIDDEN
    if {"Registrants", "Registrants who attended"} & shown.keys():
        shown["Show rate"] = HIDDEN
    if people_label in shown:
        # The headline starts with the people counted; averages of < k people are personal.
        first, rest = str(figures["Headline"]).split(" ", 1)
        shown["Headline"] = f"{mark(k)} {rest}"
        shown["Average minutes attended per person and session"] = HIDDEN
    values = [shown.get(f, v) for f, v in zip(table["Figure"], table["Value"], strict=True)]
    return table.assign(Value=pd.Series(values, index=table.index, dtype=object))


def summary(full: Summary, k: int) -> Summary:
    """The same Summary with every count of people below k suppressed (see the module)."""
    noun = BASIS_LABELS[full.basis]
    t = full.tables
    country = t["By country"]
    tables = dict(t)
    tables["Key figures"] = _key_figures(t["Key figures"], full.basis, k)
    tables["By country"] = _groups_table(country, noun, country["ISO3"] != "", k)
    region_known = pd.Series([c != "unknown" for c in full.region_codes], dtype=bool)
    tables["By WHO region"] = _groups_table(t["By WHO region"], noun, region_known, k)
    type_known = pd.Series([c != "unknown" for c in full.stakeholder_codes], dtype=bool)
    tables["By stakeholder type"] = _groups_table(t["By stakeholder type"], noun, type_known, k)
    tables["Stakeholder type by region"] = _cross(t["Stakeholder type by region"], k)
    tables["Registrations by day"] = _registrations(t["Registrations by day"], k)
    tables["Sessions"] = _sessions(t["Sessions"], k)
    return replace(full, tables=tables)


def with_note(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """The table and, as its last row, the suppression note (first column; the rest empty),
    for a CSV that must say so itself. Numbers keep printing as numbers (object column)."""
    row = {c: "" for c in table.columns}
    if len(table.columns):
        row[table.columns[0]] = note(k)
    return pd.concat([table.astype(object), pd.DataFrame([row], dtype=object)], ignore_index=True)
