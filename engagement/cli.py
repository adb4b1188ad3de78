"""Command line: ingest files, resolve countries, regenerate and build the demo database; erase a
person, apply the retention setting, set an event's definition of attended, read the audit log."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import attended, audit, db, ingest, limits, privacy, settings
from .demo import EVENT_ID as DEMO_EVENT_ID
from .model import BadFileError

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
        # a first command on a fresh database just works: the event comes from the files
        create = event is None and ingest.default_event(con) is None
        for name in files:
            file = Path(name)
            if not file.is_file():
                result = ingest.ImportResult(
                    file=name, status="failed", error=f"No such file: {name}"
                )
            elif too_big := _too_big(file):  # refused from its size, before reading it
                result = ingest.ImportResult(file=file.name, status="failed", error=too_big)
            else:
                request = ingest.ImportRequest.from_path(
                    file, event, tz, actor=audit.CLI, create_event=create
                )
                result = ingest.import_file(con, request)
            ok &= result.status in ("imported", "already_imported", "replaced")
            _print_result(result, as_json)
            if create and (created := ingest.default_event(con)):
                create, event = False, created  # the next files go into it
                _say_event_created(con, created, as_json)
    finally:
        con.close()
    return 0 if ok else 1


def _too_big(file: Path) -> str | None:
    try:
        limits.check_size(file.stat().st_size, file.name)
    except BadFileError as exc:
        return str(exc)
    return None


def _say_event_created(con, event_id: str, as_json: bool) -> None:
    """One sentence (on stderr with --json, which keeps stdout one object per line)."""
    name, zone = db.first_row(
        con, "select name, timezone from events where event_id = $ev", {"ev": event_id}
    )
    print(
        f'Created the event "{name}" (ID {event_id}, time zone {zone}) from the first file; '
        f"import more files into it with --event {event_id}.",
        file=sys.stderr if as_json else sys.stdout,
        flush=True,
    )


def _not_a_database(path: Path) -> bool:
    """An existing, non-empty file without DuckDB's "DUCK" magic at byte 8."""
    if not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as fh:
        return fh.read(12)[8:12] != b"DUCK"


def demo_files() -> list[Path]:
    """Registration files before attendance, event by event (WLPF 2021, 2023, 2025)."""
    registrations = sorted(DEMO_DIR.glob("*_registration.csv"))
    registrations += sorted(DEMO_DIR.glob("*_registrations.csv"))
    attendance = sorted(DEMO_DIR.glob("*_attendee.csv")) + sorted(DEMO_DIR.glob("*_checkin.csv"))
    return registrations + attendance


def demo_event(file: Path) -> str:
    """The demo event a file belongs to: its name's prefix (wlpf2021_day1_attendee.csv)."""
    return file.name.split("_", 1)[0] if file.name.startswith("wlpf20") else DEMO_EVENT_ID


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
                file, demo_event(file), allow_demo=True, actor=audit.CLI
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


def _open(path: str | None):
    """The database for a privacy command, or (None, exit code) with the reason printed."""
    target = Path(path or db.db_path())
    if not target.is_file() or _not_a_database(target):
        print(f"{target} is not a DuckDB database file; pass it with --db.", file=sys.stderr)
        return None, 2
    try:
        return db.connect(target), 0
    except db.DatabaseLocked as exc:
        print(
            f"{exc} Erasure, retention and the audit log are also on the dashboard's Admin page.",
            file=sys.stderr,
        )
        return None, 3


def _print_counts(counts: dict) -> None:
    for name, n in counts.items():
        print(f"  {name}: {n:,}")


def erase(email: str, path: str | None, yes: bool, stdin=None) -> int:
    """Show what erasing the address removes, ask (unless --yes), erase, rewrite the file."""
    con, code = _open(path)
    if con is None:
        return code
    try:
        preview = privacy.erasure_preview(con, email)
    except privacy.NotAnEmail as exc:
        print(f"{exc} Give the person's e-mail address.", file=sys.stderr)
        return 2
    finally:
        con.close()
    target = Path(path or db.db_path())
    if not preview["found"]:
        print(f"No one with the address {email.strip()} is in {target}; nothing changed.")
        return 1
    print(f"Erasing {email.strip()} from {target} removes these rows:")
    _print_counts(preview["rows"])
    if preview["mentions"]:
        print("and replaces the address with [erased] where it was typed elsewhere:")
        _print_counts(preview["mentions"])
    if not yes:
        print("Erase? This cannot be undone. [y/N] ", end="", flush=True)
        answer = (stdin or sys.stdin).readline().strip().lower()
        if answer not in ("y", "yes"):
            print("Nothing changed.")
            return 1
    try:
        privacy.erase_person_file(target, audit.CLI, email)
    except db.DatabaseLocked as exc:
        print(str(exc), file=sys.stderr)
        return 3
    print(f"Erased; {target} was rewritten so the deleted rows leave the file.")
    return 0


def retention(path: str | None, days: int | None, apply: bool) -> int:
    """Show (and with --apply, do) what the retention setting blanks; --days sets it."""
    con, code = _open(path)
    if con is None:
        return code
    try:
        if days is not None:
            settings.put(con, audit.CLI, "retention_days", days)
        current = settings.retention_days(con)
        preview = privacy.retention_preview(con)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
    if current == 0:
        print("Retention is off (0 days); set it with --days N.")
        return 0
    events = ", ".join(preview["events"]) or "none"
    print(f"Retention: names and e-mails go {current} days after an event ends.")
    print(f"Events past that: {events}. To blank:")
    _print_counts({k: v for k, v in preview.items() if k != "events"})
    if not apply:
        print("Nothing changed (add --apply to blank them).")
        return 0
    try:
        privacy.apply_retention_file(Path(path or db.db_path()), audit.CLI)
    except db.DatabaseLocked as exc:
        print(str(exc), file=sys.stderr)
        return 3
    print("Applied; the database file was rewritten so the blanked values leave it.")
    return 0


_REAL_EVENTS = "select event_id from events where not is_demo order by event_id"


def attended_rule(path: str | None, event_id: str | None, rule: str | None, value) -> int:
    """Show the event's definition of attended; with RULE (any, minutes N, percent X) set it."""
    con, code = _open(path)
    if con is None:
        return code
    try:
        # Without --event: the one real (non-demo) event, as a newcomer's database holds.
        real = [r[0] for r in con.execute(_REAL_EVENTS).fetchall()]
        if event_id is None and len(real) != 1:
            every = [r[0] for r in con.execute("select event_id from events order by 1").fetchall()]
            print(f"Name the event with --event (one of: {', '.join(every)}).", file=sys.stderr)
            return 2
        event_id = event_id or real[0]
        if rule is not None:
            attended.put(con, audit.CLI, event_id, rule, value)
        print(f"{event_id}: {attended.get(con, event_id).sentence()}.")
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


def show_audit(path: str | None, csv_out: str | None) -> int:
    con, code = _open(path)
    if con is None:
        return code
    try:
        table = privacy.audit_table(con)
    finally:
        con.close()
    if csv_out:
        Path(csv_out).write_bytes(privacy.audit_csv(table))
        print(f"{len(table):,} audit entries written to {csv_out}")
    else:
        print(table.to_string(index=False) if len(table) else "The audit log is empty.")
    return 0


def _privacy_commands(sub) -> None:
    p = sub.add_parser("erase", help="erase a person (by e-mail) from the database")
    p.add_argument("email")
    p.add_argument("--db")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = sub.add_parser("retention", help="show or apply the retention setting")
    p.add_argument("--db")
    p.add_argument("--days", type=int, help="set the retention period (0 = off)")
    p.add_argument("--apply", action="store_true", help="blank what the setting says")
    p = sub.add_parser("attended", help="show or set an event's definition of attended")
    p.add_argument("rule", nargs="?", choices=attended.RULES, help="any, minutes or percent")
    p.add_argument("value", nargs="?", type=float, help="N minutes, or X %% of the session")
    p.add_argument("--event", help="event ID (needed when the database holds several)")
    p.add_argument("--db")
    p = sub.add_parser("audit", help="print the audit log, or write it as CSV")
    p.add_argument("--db")
    p.add_argument("--csv", metavar="OUT")


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
    p = sub.add_parser(
        "demo", help="regenerate the synthetic WLPF 2021, 2023 and 2025 export files"
    )
    p.add_argument("--out", default=str(DEMO_DIR))
    p = sub.add_parser("build-demo", help="build the demo database from data/demo/")
    p.add_argument("--db")
    p.add_argument("--force", action="store_true")
    _privacy_commands(sub)
    from .report_cli import add_parser as add_report_parser

    add_report_parser(sub)
    from .compare_cli import add_parser as add_compare_parser

    add_compare_parser(sub)
    args = parser.parse_args(argv)

    if args.command == "ingest":
        return ingest_files(args.files, args.event, args.tz, args.db, args.json)
    if args.command == "erase":
        return erase(args.email, args.db, args.yes)
    if args.command == "retention":
        return retention(args.db, args.days, args.apply)
    if args.command == "attended":
        return attended_rule(args.db, args.event, args.rule, args.value)
    if args.command == "audit":
        return show_audit(args.db, args.csv)
    if args.command == "report":
        from .report_cli import report

        return report(args)
    if args.command == "compare":
        from .compare_cli import main as compare_main

        return compare_main(args)
    if args.command == "countries":
        from .countries import countries_cli

        return countries_cli(sys.stdin, sys.stdout)
    if args.command == "demo":
        from .demo import generate, generate_editions

        for file in generate(Path(args.out)) + generate_editions(Path(args.out)):
            print(file)
        return 0
    return build_demo(args.db, args.force)
