"""The country REGRESSION set (tests/data/country_regression.tsv). An evaluator who had not seen
the resolver's data wrote it, but fixes were then made after reading its failures: it no longer
measures accuracy on unseen answers, it guards that no later change breaks what it holds."""

from __future__ import annotations

import csv
from collections import Counter

from engagement.countries import resolve
from engagement.db import ROOT

REGRESSION_SET = ROOT / "tests/data/country_regression.tsv"


def judge(row: dict, got: str | None) -> str:
    expected = row["expected"].strip()
    if got == (expected or None):
        return "correct"
    if got is None and (row["family"] == "typo" or "ok_unresolved" in row["note"]):
        return "tolerated"
    return "missed" if got is None else "wrong"


def test_regression_set_keeps_its_outcomes():
    with REGRESSION_SET.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    outcome = {r["text"]: judge(r, resolve(r["text"]).iso3) for r in rows}
    wrong = [text for text, judged in outcome.items() if judged == "wrong"]
    assert wrong == []
    assert [t for t, judged in outcome.items() if judged == "missed"] == ["nga"]
    # Update these counts when a change resolves more of the set; never when it resolves less.
    assert len(rows) == 1692
    assert Counter(outcome.values()) == {"correct": 1646, "tolerated": 45, "missed": 1}
    not_countries = [r for r in rows if not r["expected"].strip()]
    assert len(not_countries) == 255
    assert all(resolve(r["text"]).iso3 is None for r in not_countries)
