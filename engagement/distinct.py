"""Per distinct value, not per row: large files repeat the same names, answers and domains."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def map_distinct(values: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """`values.map(func)` (same index, missing values passed to `func` too), with `func` called
    once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    decided = np.empty(len(uniques), dtype=object)
    # tolist(): iterating an Arrow-backed Index value by value is several times slower
    for i, value in enumerate(uniques.tolist()):  # a loop, not np.array(): results may be tuples
        decided[i] = func(value)
    return pd.Series(decided[codes], index=values.index).infer_objects()


def codes_of(values: pd.Series) -> tuple[np.ndarray, list]:
    """(code of each row, the distinct values as Python objects) of `values`."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, uniques.tolist()
