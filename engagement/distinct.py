"""Per distinct value, not per row: large files repeat the same names, answers and domains."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def map_distinct(values: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """`values.map(func)` (same index, missing values passed to `func` too), with `func` called
    once per distinct value."""
    codes, uniques = pd.factorize(values)
    decided = np.empty(len(uniques) + 1, dtype=object)
    # tolist(): iterating an Arrow-backed Index value by value is several times slower
    for i, value in enumerate(uniques.tolist()):  # a loop, not np.array(): results may be tuples
        decided[i] = func(value)
    out = decided[codes]  # code -1 (missing) reads the spare last slot, filled below
    gaps = np.flatnonzero(codes == -1)
    if len(gaps):
        # Missing values as they are (None, NaN, NA may each mean something to func).
        by_kind: dict[type, object] = {}
        for pos, value in zip(gaps, values.iloc[gaps].tolist(), strict=True):
            if type(value) not in by_kind:
                by_kind[type(value)] = func(value)
            out[pos] = by_kind[type(value)]
    return pd.Series(out, index=values.index).infer_objects()


def codes_of(values: pd.Series) -> tuple[np.ndarray, list]:
    """(code of each row, the distinct values as Python objects) of `values` (no missing
    values: they would all be one NaN)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, uniques.tolist()


def map_ascii(
    values: pd.Series,
    vectorized: Callable[[pd.Series], pd.Series],
    func: Callable[[object], object],
    python_if: str | None = None,
) -> pd.Series:
    """`map_distinct(values, func)`, with printable-ASCII values (most e-mail addresses) done
    by `vectorized` (Arrow string kernels), which must give what `func` gives for them.

    Values holding `python_if` (any case) always go through `func`.
    """
    text = values.astype("str")
    simple = text.str.fullmatch(r"[ -~]*").fillna(False).to_numpy(dtype=bool)
    if python_if is not None:
        held = text.str.lower().str.contains(python_if, regex=False).fillna(True)
        simple = simple & ~held.to_numpy(dtype=bool)
    out = np.empty(len(values), dtype=object)
    if simple.any():
        out[simple] = vectorized(text[simple]).to_numpy(dtype=object)
    if not simple.all():
        out[~simple] = map_distinct(values[~simple], func).to_numpy(dtype=object)
    return pd.Series(out, index=values.index).infer_objects()
