"""Command line: ingest files, resolve countries, regenerate and build the demo database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import audit, db, ingest
from .demo import EVENT_ID as DEMO_EVENT_ID

DEMO_DIR = db.DATA / "demo"


def _print_result(result: ingest.ImportResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, default=str), flush=True)
        return
    if result.status == "failed":
        print(f"{result.file}: FAILED: {result.error}", flush=True)
        return
    if result.status == "already_imported":
        print(f"{result.file}: already imported (import #{result.import_id}); nothing changed")
        return
    where = ", ".join(f"{s['title']} ({s['match']})" for s in result.sessions)
    print(
        f"{result.file}: {result.status} as {result.format} ({result.encoding}): "
        f"{result.registrants:,} registrants, {result.attendees:,} attendees, "
        f"{result.segments:,} segments, {result.rows_rejected:,} rows rejected; "
        f"session: {where}",
        flush=True,
    )


def ingest_files(
    files: list[str], event: str | None, tz: str | None, path: str | None, as_json: bool
) -> int:
    target = Path(path or db.db_path())
    if _not_a_database(target):
        # DuckDB opens e.g. an existing .csv given as --db as an empty in-memory database:
        # every import would report success and be lost.
        print(
            f"{target} is not a DuckDB database file (is it one of the exports?). Pass the "
            "database with --db, e.g. --db data/engagement.duckdb, and the exports as FILE.",
            file=sys.stderr,
        )
        return 2
    try:
        con = db.connect(target)
    except db.DatabaseLocked as exc:
        print(str(exc), file=sys.stderr)
        return 3
    ok = True
    try:
        for name in files:
            file = Path(name)
            if not file.is_file():
                result = ingest.ImportResult(
                    file=name, status="failed", error=f"No such file: {name}"
                )
            else:
                request = ingest.ImportRequest.from_path(file, event, tz, actor=audit.CLI)
                result = ingest.import_file(con, request)
            ok &= result.status in ("imported", "already_imported", "replaced")
            _print_result(result, as_json)
    finally:
        con.close()
    return 0 if ok else 1


def _not_a_database(path: Path) -> bool:
    """An existing, non-empty file without DuckDB's "DUCK" magic at byte 8."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as fh:
        return fh.read(12)[8:12] != b"DUCK"


def demo_files() -> list[Path]:
    return sorted(DEMO_DIR.glob("*_registration.csv")) + sorted(DEMO_DIR.glob("*_attendee.csv"))


def build_demo(path: str | None, force: bool = False) -> int:
    """Build the demo database from data/demo/ through the same import code as user files."""
    target = Path(path or db.db_path())
    if target.exists() and not force:
        print(f"{target} exists; nothing to do (use --force to rebuild).")
        return 0
    if target.exists():
        target.unlink()
    tmp = target.with_suffix(".duckdb.tmp")
    if tmp.exists():
        tmp.unlink()
    con = db.connect(tmp)
    try:
        for file in demo_files():
            request = ingest.ImportRequest.from_path(
                file, DEMO_EVENT_ID, allow_demo=True, actor=audit.CLI
            )
            result = ingest.import_file(con, request)
            if result.status not in ("imported", "replaced"):
                print(f"{file.name}: {result.status}: {result.error}", file=sys.stderr)
                return 1
            _print_result(result, False)
        con.execute("checkpoint")
    finally:
        con.close()
    tmp.rename(target)
    print(f"Demo database written to {target}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engagement", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="import vendor export files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--event", help="event ID (default: the most recent non-demo event)")
    p.add_argument(
        "--tz",
        help="time zone the file's times were exported in "
        "(default: the event's), e.g. Europe/Zurich",
    )
    p.add_argument("--db", help="database file (default: $ENGAGEMENT_DB or data/engagement.duckdb)")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    sub.add_parser("countries", help="resolve country names: one per line on stdin")
    p = sub.add_parser("demo", help="regenerate the synthetic WLPF 2021 export files")
    p.add_argument("--out", default=str(DEMO_DIR))
    p = sub.add_parser("build-demo", help="build the demo database from data/demo/")
    p.add_argument("--db")
    p.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)

    if args.command == "ingest":
        return ingest_files(args.files, args.event, args.tz, args.db, args.json)
    if args.command == "countries":
        from .countries import countries_cli

        return countries_cli(sys.stdin, sys.stdout)
    if args.command == "demo":
        from .demo import generate

        for file in generate(Path(args.out)):
            print(file)
        return 0
    return build_demo(args.db, args.force)
