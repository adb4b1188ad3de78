"""Print every figure of the demo and of each vendor sample, to compare before and after a change.

    python scripts/figures.py > before.txt   # ... change the code ...
    python scripts/figures.py > after.txt && diff before.txt after.txt

Each sample is imported through the real import code into its own fresh database; the demo
database is built by `build-demo`. For every selection query the full result is printed as a
digest (so any changed row shows) and the headline figures in plain numbers.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engagement import cli, db, ingest, queries  # noqa: E402

SAMPLES = ROOT / "tests" / "samples"
SELECTION_QUERIES = (
    "attendance_curve",
    "leave_times",
    "minutes_per_person",
    "registrations_by_day",
    "session_people",
    "sessions_overview",
)
BASIS_QUERIES = (
    "member_states_not_reached",
    "participants_by_country",
    "participants_by_region",
    "stakeholder_by_region",
    "stakeholders",
)
HEADLINE = ("registrants", "attendees", "show_rate", "member_states", "countries", "who_regions")


def digest(frame) -> str:
    # Rows tied on a query's ORDER BY may come back in any order: sort so that only a changed
    # row changes the digest.
    text = frame.to_csv(index=False, float_format="%.9g")
    head, *rows = text.splitlines()
    text = "\n".join([head, *sorted(rows)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def event_figures(con, event_id: str) -> list[str]:
    selection = queries.Selection(event_id)
    lines = []
    for basis in ("attendees", "registrants"):
        kpis = queries.run(con, "kpis", selection, basis=basis).iloc[0]
        shown = ", ".join(f"{k}={float(kpis[k]):.6g}" for k in HEADLINE)
        lines.append(f"  kpis[{basis}]: {shown} ({digest(kpis.to_frame())})")
        for name in BASIS_QUERIES:
            lines.append(
                f"  {name}[{basis}]: {digest(queries.run(con, name, selection, basis=basis))}"
            )
    lines.append(f"  sessions_list: {digest(queries.run(con, 'sessions_list', event_id=event_id))}")
    for name in SELECTION_QUERIES:
        lines.append(f"  {name}: {digest(queries.run(con, name, selection))}")
    return lines


def sample_figures(path: Path, work: Path) -> list[str]:
    con = db.connect(work / f"{path.stem}.duckdb")
    try:
        con.execute(
            "insert into events values ('sample', 'Sample', 'UTC', '2000-01-01', '2030-12-31', "
            "'virtual', false)"
        )
        result = ingest.import_file(con, path.read_bytes(), path.name, "sample", "UTC")
        head = (
            f"{path.name}: {result.status} {result.format} rows_read={result.rows_read} "
            f"rejected={result.rows_rejected} registrants={result.registrants} "
            f"attendees={result.attendees} segments={result.segments}"
        )
        return [head, *event_figures(con, "sample")]
    finally:
        con.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for path in sorted(SAMPLES.glob("*.csv")):
            print("\n".join(sample_figures(path, work)))
        demo = work / "demo.duckdb"
        with open("/dev/null", "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                assert cli.build_demo(str(demo)) == 0
            finally:
                sys.stdout = stdout
        con = db.connect(demo, read_only=True)
        try:
            print("demo wlpf2021")
            print("\n".join(event_figures(con, "wlpf2021")))
        finally:
            con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
