"""Import and query timings (figures to read, not a test): `make bench`.

1. A large synthetic Zoom webinar attendee report (default 200,000 attendee rows, the demo's day-1
   attendee rows repeated with new e-mail addresses) imported into a fresh database: wall time,
   rows per second, and the process's peak memory (resource.getrusage high-water mark, which
   includes pandas/Arrow and DuckDB buffers that tracemalloc cannot see).
2. Building the demo database from data/demo/ (the same path as `make demo-db`).
3. Every named query on the demo database, for the whole event (Selection("wlpf2021"),
   basis="attendees", import_id=1): best of three runs.

Usage: .venv/bin/python scripts/benchmark.py [--rows N] [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engagement import cli, db, ingest, queries  # noqa: E402

DEMO_ATTENDEE = ROOT / "data" / "demo" / "wlpf2021_day1_attendee.csv"
EMAIL = re.compile(r"([A-Za-z0-9._%'-]+)@")


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (2**20 if sys.platform == "darwin" else 2**10)


def synthetic_attendee_report(rows: int) -> tuple[bytes, int]:
    """The demo's day-1 attendee report with its attendee section repeated to `rows` rows.

    Copy k of the section gets "+r<k>" in every e-mail's local part, so each copy is a new set of
    people and a registrant's continuation rows stay with their registrant.
    """
    text = DEMO_ATTENDEE.read_text(encoding="utf-8-sig")
    lines = text.rstrip("\n").split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("Attendee Details"))
    head, body = lines[: title + 2], lines[title + 2 :]
    out, count, copy = [], 0, 0
    while count < rows:
        take = body[: rows - count]
        block = "\n".join(take)
        out.append(EMAIL.sub(lambda m, k=copy: f"{m.group(1)}+r{k}@", block) if copy else block)
        count += len(take)
        copy += 1
    data = "\n".join(head + out) + "\n"
    return data.encode("utf-8-sig"), count


def bench_import(rows: int) -> None:
    data, count = synthetic_attendee_report(rows)
    print(f"Synthetic Zoom attendee report: {count:,} attendee rows, {len(data) / 2**20:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "bench.duckdb")
        try:
            rss_before = peak_rss_mb()
            start = time.perf_counter()
            request = ingest.ImportRequest(data, "bench_attendee.csv", "bench", "UTC")
            prep = ingest.prepare(con, request)
            prepared = time.perf_counter()
            result = ingest.commit(con, prep)
            done = time.perf_counter()
        finally:
            con.close()
    total = done - start
    print(
        f"  {result.status}: {result.registrants:,} registrants, {result.attendees:,} attendees, "
        f"{result.segments:,} segments stored"
    )
    print(f"  prepare (decode, parse, classify) {prepared - start:8.2f} s")
    print(f"  commit (one transaction)          {done - prepared:8.2f} s")
    print(f"  total                             {total:8.2f} s  ({count / total:,.0f} rows/s)")
    print(f"  peak RSS {peak_rss_mb():,.0f} MB (was {rss_before:,.0f} MB before the import)")


def bench_demo(path: Path) -> None:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli.build_demo(str(path), force=True)
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"build-demo failed with exit code {code}")
    size = path.stat().st_size / 2**20
    print(f"Demo database (data/demo/, 10 files): built in {elapsed:.2f} s, {size:.1f} MB")


def bench_queries(path: Path, repeat: int) -> None:
    con = db.connect(path, read_only=True)
    selection = queries.Selection("wlpf2021")
    print(f"Named queries on the demo database (best of {repeat}, whole event, attendees):")
    try:
        for name in queries.names():
            best, rows = float("inf"), 0
            for _ in range(repeat):
                start = time.perf_counter()
                frame = queries.run(con, name, selection, basis="attendees", import_id=1)
                best = min(best, time.perf_counter() - start)
                rows = len(frame)
            print(f"  {name:<30} {best * 1000:8.1f} ms  {rows:>6,} rows")
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=200_000, help="attendee rows to import")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (best is shown)")
    args = parser.parse_args()
    bench_import(args.rows)
    print()
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.duckdb"
        bench_demo(demo)
        print()
        bench_queries(demo, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
