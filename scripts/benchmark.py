"""Import and query timings (figures to read, not a test): `make bench`.

One run on one generated file (the demo's day-1 Zoom attendee report, its attendee section
repeated under new e-mail addresses to --rows rows, written under /tmp/wlpf_bench/):

1. Our import (prepare + commit into a fresh database) beside DuckDB's own `read_csv` of the
   same attendee section into a table, and beside a plain pandas script (reads, parses dates,
   maps countries per distinct value, groups by e-mail). Each runs in its own process, so each
   peak RSS (resource.getrusage high-water mark: pandas, Arrow and DuckDB buffers included) is
   its own. Wall time is what the goal is stated in; CPU time is printed too because on a
   shared machine it moves less than wall time.
2. Every named query (whole event, attendees basis) on the demo database and on the demo
   scaled xN (default 333: about a million registrants; every registration, segment and person
   copied under new keys and e-mail addresses), p50 and p95 of --repeat runs. The scaled
   database is built once under /tmp/wlpf_bench/ and reused (--rebuild to build it again).

A query stops repeating once its runs have taken --budget seconds, so the table is printed in
minutes even when a query is slow (the runs column says how many there were). WLPF_BENCH_DIR
puts the files in another folder than /tmp/wlpf_bench/.

Usage: .venv/bin/python scripts/benchmark.py [--rows N] [--scale N] [--repeat N] [--budget S]
       [--queries-only] [--rebuild] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engagement import cli, db, queries  # noqa: E402

DEMO_ATTENDEE = ROOT / "data" / "demo" / "wlpf2021_day1_attendee.csv"
EMAIL = re.compile(r"([A-Za-z0-9._%'-]+)@")
# WLPF_BENCH_DIR: another folder, so two runs at once do not rebuild each other's files.
WORK = Path(os.environ.get("WLPF_BENCH_DIR", "/tmp/wlpf_bench"))


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


def section_header(path: Path) -> tuple[int, list[str]]:
    """0-based index of the Attendee Details header row (the line after its title), and its
    column names plus "extra": rows carry one more (empty) field than the header."""
    with path.open(encoding="utf-8-sig") as fh:
        for i, line in enumerate(fh):
            if line.startswith("Attendee Details"):
                return i + 1, [*next(csv.reader([next(fh)])), "extra"]
    raise SystemExit(f"{path}: no Attendee Details section")


# --- the three loaders, each run in a child process ---------------------------------------------
def child_ours(path: Path) -> dict:
    from engagement import ingest

    data = path.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "bench.duckdb")
        try:
            start = time.perf_counter()
            # The demo's rows are wide: 1,000,000 of them pass the 200 MB upload limit.
            request = ingest.ImportRequest(
                data, path.name, "bench", "UTC", max_bytes=max(len(data), 1)
            )
            prep = ingest.prepare(con, request)
            prepared = time.perf_counter()
            result = ingest.commit(con, prep)
            done = time.perf_counter()
        finally:
            con.close()
    return {
        "prepare": prepared - start,
        "commit": done - prepared,
        "seconds": done - start,
        "figures": f"{result.registrants:,} registrants, {result.attendees:,} attendees, "
        f"{result.segments:,} segments",
    }


def child_duckdb(path: Path) -> dict:
    import duckdb

    skip, header = section_header(path)
    columns = {name: "varchar" for name in header}  # all text, no sniffing
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "plain.duckdb"))
        start = time.perf_counter()
        con.execute(
            "create table attendees as select * from read_csv($p, skip = $s, header = false, "
            "auto_detect = false, columns = $c, delim = ',', quote = '\"', null_padding = true)",
            {"p": str(path), "s": skip + 1, "c": columns},
        )
        rows = con.execute("select count(*) from attendees").fetchall()[0][0]
        done = time.perf_counter()
        con.close()
    return {"seconds": done - start, "figures": f"{rows:,} rows in a table"}


def child_pandas(path: Path) -> dict:
    import pandas as pd

    from engagement import countries

    start = time.perf_counter()
    frame = pd.read_csv(
        path,
        skiprows=section_header(path)[0] + 1,
        header=None,
        names=section_header(path)[1],
        encoding="utf-8-sig",
        keep_default_na=False,
        dtype=str,
    )
    for column in ("Registration Time", "Join Time", "Leave Time"):
        frame[column] = pd.to_datetime(frame[column], format="%b %d, %Y %H:%M:%S", errors="coerce")
    values = frame["Country/Region"].unique().tolist()
    iso3 = {raw: found.iso3 for raw, found in countries.resolve_many(values).items()}
    frame["iso3"] = frame["Country/Region"].map(iso3)
    people = frame.groupby(frame["Email"].str.lower()).agg(
        first=("Join Time", "min"), iso3=("iso3", "first")
    )
    done = time.perf_counter()
    return {"seconds": done - start, "figures": f"{len(people):,} e-mails"}


CHILDREN = {"ours": child_ours, "duckdb": child_duckdb, "pandas": child_pandas}


def run_child(kind: str, path: Path) -> dict:
    """One loader in a fresh process: its figures, wall seconds, CPU seconds and peak RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, str(path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def child_main(kind: str, path: Path) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF)
    result = CHILDREN[kind](path)
    after = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    result["rss_mb"] = after.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
    print(json.dumps(result))
    return 0


def bench_import(rows: int) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"zoom_attendee_{rows}.csv"
    if not path.exists():
        data, _ = synthetic_attendee_report(rows)
        path.write_bytes(data)
    size = path.stat().st_size / 2**20
    print(f"Import of a generated Zoom attendee report: {rows:,} rows, {size:.0f} MB ({path})")
    results = {kind: run_child(kind, path) for kind in ("duckdb", "pandas", "ours")}
    ours = results["ours"]
    print(f"  {'':<28}{'wall s':>9}{'CPU s':>9}{'peak RSS MB':>13}  {'ours ÷ it (wall, CPU)'}")
    labels = {"duckdb": "DuckDB read_csv", "pandas": "plain pandas script", "ours": "our import"}
    for kind, res in results.items():
        ratio = (
            f"{ours['seconds'] / res['seconds']:6.1f}x {ours['cpu'] / res['cpu']:6.1f}x"
            if kind != "ours"
            else ""
        )
        print(
            f"  {labels[kind]:<28}{res['seconds']:9.2f}{res['cpu']:9.2f}{res['rss_mb']:13,.0f}"
            f"  {ratio}   ({res['figures']})"
        )
    print(f"  our import: prepare {ours['prepare']:.2f} s, commit {ours['commit']:.2f} s")


# --- named queries ------------------------------------------------------------------------------
def build_demo(path: Path) -> None:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli.build_demo(str(path), force=True)
    if code != 0:
        raise SystemExit(f"build-demo failed with exit code {code}")
    print(f"Demo database built in {time.perf_counter() - start:.1f} s ({path})")


# Copy k of a person gets key "<key>~k" and e-mail "local+xk@domain" (copies 1 .. $n - 1).
SCALE_SQL = (
    "insert into people select p.* replace (p.person_key || '~' || k::varchar as person_key) "
    "from people as p, range(1, $n) as t(k)",
    "insert into person_pii select p.* replace (p.person_key || '~' || k::varchar as "
    "person_key, replace(p.email, '@', '+x' || k::varchar || '@') as email) "
    "from person_pii as p, range(1, $n) as t(k)",
    "insert into registrations select p.* replace (p.person_key || '~' || k::varchar as "
    "person_key) from registrations as p, range(1, $n) as t(k)",
    "insert into segments select p.* replace (p.person_key || '~' || k::varchar as "
    "person_key) from segments as p, range(1, $n) as t(k)",
)


def build_scaled(demo: Path, path: Path, scale: int) -> None:
    """The demo with every person, registration and segment copied `scale` - 1 more times
    under new person keys and e-mail addresses (the figures grow; the queries' work too)."""
    start = time.perf_counter()
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    shutil.copy(demo, tmp)
    con = db.connect(tmp)
    try:
        for sql in SCALE_SQL:
            con.execute(sql, {"n": scale})
        con.execute("checkpoint")
    finally:
        con.close()
    tmp.rename(path)
    print(f"Demo x{scale} built in {time.perf_counter() - start:.1f} s ({path})")


def query_times(path: Path, repeat: int, budget: float) -> dict[str, list[float]]:
    """Each named query `repeat` times, or fewer once its runs have taken `budget` seconds
    (at least one run): a slow query is still timed without holding the whole table up."""
    con = db.connect(path, read_only=True)
    selection = queries.Selection("wlpf2021")
    session = int(queries.run(con, "sessions_list", selection)["session_id"].iloc[0])
    extra = {"basis": "attendees", "import_id": 1, "session_id": session}
    extra |= {"event_a": "wlpf2021", "event_b": "wlpf2023"}  # the Compare page's two editions
    times: dict[str, list[float]] = {}
    try:
        for name in queries.names():
            params = {
                k: v for k, v in extra.items() if k in queries.parameters(queries.sql_text(name))
            }
            runs: list[float] = []
            while len(runs) < repeat and sum(runs) < budget:
                start = time.perf_counter()
                queries.run(con, name, selection, **params)
                runs.append(time.perf_counter() - start)
            times[name] = runs
    finally:
        con.close()
    return times


def bench_queries(scale: int, repeat: int, budget: float, rebuild: bool, quick: bool) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    demo = WORK / "demo.duckdb"
    scaled = WORK / f"demo_x{scale}.duckdb"
    if rebuild or not demo.exists():
        build_demo(demo)
    if rebuild or not scaled.exists():
        if quick:
            print(f"(--quick: no {scaled.name} yet, so only the demo is timed)")
        else:
            build_scaled(demo, scaled, scale)
    columns = [("demo", demo)] + ([(f"demo x{scale}", scaled)] if scaled.exists() else [])
    for _, path in columns:  # a database kept from an older version gets today's views first
        db.connect(path).close()
    load = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M")
    timed = {label: query_times(path, repeat, budget) for label, path in columns}
    head = "".join(f"{label + ' p50':>16}{label + ' p95':>16}{'runs':>6}" for label, _ in columns)
    print(
        f"Named queries, whole event, {repeat} runs each, fewer past {budget:g} s of runs (ms); "
        f"{started}, load average {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end:"
    )
    print(f"  {'query':<28}{head}")
    for name in queries.names():
        cells = ""
        for label, _ in columns:
            runs = np.array(timed[label][name]) * 1000
            cells += f"{np.percentile(runs, 50):16.1f}{np.percentile(runs, 95):16.1f}{len(runs):6}"
        print(f"  {name:<28}{cells}")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        return child_main(sys.argv[2], Path(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=None, help="attendee rows (1,000,000)")
    parser.add_argument("--scale", type=int, default=333, help="copies of the demo (333)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per query (20)")
    parser.add_argument(
        "--budget", type=float, default=20.0, help="seconds of runs per query before it stops (20)"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the databases in /tmp")
    parser.add_argument(
        "--quick", action="store_true", help="200,000 rows, 5 runs, no scaled build"
    )
    parser.add_argument("--queries-only", action="store_true", help="skip the import timing")
    args = parser.parse_args()
    rows = args.rows or (200_000 if args.quick else 1_000_000)
    repeat = args.repeat or (5 if args.quick else 20)
    if not args.queries_only:
        bench_import(rows)
        print()
    bench_queries(args.scale, repeat, args.budget, args.rebuild, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
