"""Measure tests/data/layouts/: does each renamed copy import as its original sample does?

For every variant of expected.json, the variant and its original go through the real import's
prepare step (a scratch database, a new event). Outcomes:
  right    expect "same": the same attendance rows (name, e-mail, join, leave, role) as the
           original, and a note naming each renamed column with the field it was read as
  refused  the import said no (the sentence is printed)
  wrong    rows were read, but not the original's (the worst outcome: never silently)
For expect "refuse", "refused" is the right answer and anything read is wrong.

Run: .venv/bin/python scripts/eval_layouts.py   (prints one line per variant and a total)
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engagement import db, ingest  # noqa: E402
from engagement.model import BadFileError  # noqa: E402

LAYOUTS = ROOT / "tests" / "data" / "layouts"
SAMPLES = ROOT / "tests" / "samples"
COLUMNS = ["name", "email", "join_at", "leave_at", "role"]


def rows(con, path: Path):
    prep = ingest.prepare(con, ingest.ImportRequest.from_path(path, "eval", "UTC"))
    segs = prep.segments.reindex(columns=COLUMNS).astype(str)
    return sorted(map(tuple, segs.to_numpy().tolist())), prep.report.notes


def judge(con, name: str, spec: dict) -> tuple[str, str]:
    """(outcome, detail) of one variant."""
    try:
        got, notes = rows(con, LAYOUTS / name)
    except (BadFileError, ValueError) as exc:
        outcome = "right" if spec["expect"] == "refuse" else "refused"
        return outcome, str(exc)
    if spec["expect"] == "refuse":
        return "wrong", f"read {len(got)} rows instead of refusing"
    want, _ = rows(con, SAMPLES / spec["source"])
    if got != want:
        return "wrong", f"{len(got)} rows differ from the original's {len(want)}"
    said = " ".join(notes)
    unsaid = [col for col in spec["reads"] if f"'{col}'" not in said]
    if unsaid:
        return "wrong", f"rows right, but no note says how {unsaid} were read"
    return "right", f"{len(got)} rows; " + " | ".join(n for n in notes if "read as" in n)


def main() -> int:
    spec = json.loads((LAYOUTS / "expected.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "eval.duckdb")
        con.execute("insert into events (event_id, name, timezone) values ('eval', 'e', 'UTC')")
        tally: dict[str, int] = {}
        for name, item in spec.items():
            outcome, detail = judge(con, name, item)
            tally[outcome] = tally.get(outcome, 0) + 1
            print(f"{outcome:8} {name:30} {detail[:160]}")
        con.close()
    print(" · ".join(f"{k} {v}" for k, v in sorted(tally.items())), f"of {len(spec)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
