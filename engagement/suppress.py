"""Small-count suppression for aggregate downloads (CSV, Excel, PDF): a count of fewer than k
people (settings.suppression_k, default 5) is shown as "<k", so that nobody in a small group
can be singled out from a table that leaves the app. On-screen figures stay exact.

Secondary suppression: the counts of the key figures, the country, region and stakeholder-type
tables and the type-by-region table are protected together, as one list of cells tied by the
sums anyone can check (a region is the sum of its countries, a type the sum of its row, the
people counted the sum of every column, ...). No such sum may hold exactly one hidden cell, or
subtraction would give it back: the next smallest count of that sum is hidden too (shown as
HIDDEN, since it is not below k). A share of a hidden count is hidden, and so are the show rate
of a hidden count and averages and medians of fewer than k people (the median of one person
is their time). Sessions are apart (attendees of two sessions do not add up).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import pandas as pd

from . import breakdowns
from .reports import Summary
from .vocabulary import BASIS_LABELS, UNKNOWN_REGION_LABEL

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


class _Cells:
    """Every count of people of the linked tables as one list, with the sums that tie them
    (a group: cells whose sum is published or is itself a cell), so that a count hidden in one
    table cannot be got back from another. A cell without a place (`where` None) is a figure
    nobody prints but anyone can compute (the no-shows: registrants - registrants attended)."""

    def __init__(self) -> None:
        self.values: list[int] = []
        self.where: list[tuple[str, int, str] | None] = []
        self.groups: list[list[int]] = []

    def add(self, value: object, where: tuple[str, int, str] | None) -> int:
        self.values.append(int(value))
        self.where.append(where)
        return len(self.values) - 1

    def column(self, tables: dict, name: str, column: str) -> list[int]:
        return [self.add(v, (name, i, column)) for i, v in enumerate(tables[name][column])]

    def tie(self, *parts: int | list[int]) -> None:
        group: list[int] = []
        for part in parts:
            group.extend(part if isinstance(part, list) else [part])
        if len(group) > 1:
            self.groups.append(group)


def _by_label(labels: pd.Series, cells: list[int]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for label, cell in zip(labels, cells, strict=True):
        found.setdefault(str(label), []).append(cell)
    return found


def _link(full: Summary) -> tuple[_Cells, dict[str, int]]:
    """The cells and groups of key figures, countries, regions, types and type-by-region."""
    t, noun, c = full.tables, BASIS_LABELS[full.basis], _Cells()
    keys = t["Key figures"]
    row = {f: i for i, f in enumerate(keys["Figure"])}
    kf = {
        f: c.add(keys["Value"].iloc[i], ("Key figures", i, "Value"))
        for f, i in row.items()
        if f in (*PEOPLE_FIGURES, *COMPLEMENTS, _people_label(full.basis))
    }
    people = kf[_people_label(full.basis)]
    # the people counted are the registrants or the unique attendees, under another name
    c.tie(people, kf["Unique attendees" if full.basis == "attendees" else "Registrants"])
    no_shows = c.add(c.values[kf["Registrants"]] - c.values[kf["Registrants who attended"]], None)
    c.tie(kf["Registrants"], kf["Registrants who attended"], no_shows)
    country = c.column(t, "By country", noun)
    known = [x for x, iso in zip(country, t["By country"]["ISO3"], strict=True) if iso != ""]
    unknown = [x for x in country if x not in known]
    c.tie(people, country)
    c.tie(kf["People with a resolved country"], known)
    c.tie(people, kf["People with a resolved country"], unknown or [c.add(0, None)])
    region = c.column(t, "By WHO region", noun)
    region_known = [
        x for x, code in zip(region, full.region_codes, strict=True) if code != "unknown"
    ]
    c.tie(people, region)
    c.tie(region_known)  # their total follows from any shown share
    countries_of = _by_label(
        t["By country"]["WHO region"].replace("", UNKNOWN_REGION_LABEL), country
    )
    regions = dict(zip(t["By WHO region"]["WHO region"], region, strict=True))
    for label, cell in regions.items():
        c.tie(cell, countries_of.get(label, []))
    types = c.column(t, "By stakeholder type", noun)
    type_known = [
        x for x, code in zip(types, full.stakeholder_codes, strict=True) if code != "unknown"
    ]
    type_unknown = [x for x in types if x not in type_known]
    c.tie(people, types)
    c.tie(kf["People with a known stakeholder type"], type_known)
    c.tie(people, kf["People with a known stakeholder type"], type_unknown or [c.add(0, None)])
    cross = t["Stakeholder type by region"]
    by_type = dict(zip(t["By stakeholder type"]["Stakeholder type"], types, strict=True))
    columns = {name: c.column(t, "Stakeholder type by region", name) for name in cross.columns[1:]}
    for r, label in enumerate(cross["Stakeholder type"]):
        c.tie(
            [by_type[label]] if label in by_type else [], [cells[r] for cells in columns.values()]
        )
    for name, cells in columns.items():
        c.tie([regions[name]] if name in regions else [], cells)
    by_iso3 = dict(zip(t["By country"]["ISO3"], country, strict=True))
    groups = {"regions": regions, "types": by_type, "countries": by_iso3}
    breakdowns.link(c, t, noun, kf, people, groups)  # gender, income group, speakers
    return c, kf


def _mark_cells(tables: dict, cells: _Cells, primary: set, secondary: set, k: int) -> dict:
    out = {name: table.copy() for name, table in tables.items()}
    touched: dict[tuple[str, str], pd.Series] = {}
    for i, where in enumerate(cells.where):
        if where is None or (i not in primary and i not in secondary):
            continue
        name, row, column = where
        series = touched.setdefault((name, column), out[name][column].astype(object).copy())
        series.iloc[row] = mark(k) if i in primary else HIDDEN
    for (name, column), series in touched.items():
        out[name][column] = series
    return out


def _hide_shares(tables: dict, noun: str) -> None:
    """A share of a hidden count is hidden (the count would follow from it)."""
    for name in ("By country", "By WHO region", "By stakeholder type"):
        table = tables[name]
        withheld = table[noun].map(lambda v: isinstance(v, str))
        share = table["Share of known"].astype(object).copy()
        share[withheld] = HIDDEN
        tables[name] = table.assign(**{"Share of known": share})


def _registrations(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """New registrants per day; the running total would give back any hidden day (by the
    difference of two days), so it is hidden whole once a day is."""
    counts = [int(v) for v in table["New registrants"]]
    primary, secondary = protect(counts, [range(len(counts))], k)
    out = table.copy()
    column = out["New registrants"].astype(object).copy()
    for i in primary | secondary:
        column.iloc[i] = mark(k) if i in primary else HIDDEN
    out["New registrants"] = column
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
        column = table[name].astype(object).copy()
        for i in small[name]:
            column.iloc[i] = mark(k)
        out[name] = column
    hide = {"Show rate": small["Registrants"] | small["Attendees"]}
    hide["Average minutes"] = hide["Median minutes"] = small["Attendees"]
    for name, rows in hide.items():
        column = table[name].astype(object).copy()
        for i in rows:
            column.iloc[i] = HIDDEN
        out[name] = column
    return out


PEOPLE_FIGURES = (
    "Registrants",
    "Unique attendees",
    "Registrants who attended",
    "People whose country comes from the platform",
)
COMPLEMENTS = ("People with a resolved country", "People with a known stakeholder type")


def _people_label(basis: str) -> str:
    return f"People counted ({basis})"


def _key_words(table: pd.DataFrame, basis: str, k: int) -> pd.DataFrame:
    """The show rate of a hidden count, and the headline and average of < k people."""
    values = dict(zip(table["Figure"], table["Value"], strict=True))
    if any(isinstance(values[f], str) for f in ("Registrants", "Registrants who attended")):
        values["Show rate"] = HIDDEN
    people = values[_people_label(basis)]
    if isinstance(people, str):
        # The headline starts with the people counted; averages of < k people are personal.
        rest = str(values["Headline"]).split(" ", 1)[1]
        values["Headline"] = f"{people} {rest}"
        values["Average minutes attended per person and session"] = HIDDEN
    column = pd.Series([values[f] for f in table["Figure"]], index=table.index, dtype=object)
    return table.assign(Value=column)


def summary(full: Summary, k: int) -> Summary:
    """The same Summary with every count of people below k suppressed (see the module)."""
    cells, _ = _link(full)
    primary, secondary = protect(cells.values, cells.groups, k)
    tables = _mark_cells(full.tables, cells, primary, secondary, k)
    _hide_shares(tables, BASIS_LABELS[full.basis])
    breakdowns.hide_shares(tables, BASIS_LABELS[full.basis], HIDDEN)
    tables["Key figures"] = _key_words(tables["Key figures"], full.basis, k)
    tables["Registrations by day"] = _registrations(full.tables["Registrations by day"], k)
    tables["Sessions"] = _sessions(full.tables["Sessions"], k)
    return replace(full, tables=tables)


def with_note(table: pd.DataFrame, k: int) -> pd.DataFrame:
    """The table and, as its last row, the suppression note (first column; the rest empty),
    for a CSV that must say so itself. Numbers keep printing as numbers (object column)."""
    row = {c: "" for c in table.columns}
    if len(table.columns):
        row[table.columns[0]] = note(k)
    return pd.concat([table.astype(object), pd.DataFrame([row], dtype=object)], ignore_index=True)
