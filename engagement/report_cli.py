"""`python -m engagement report`: the Downloads page's files from the command line, built by
the same function (report_files.build and report_files.files) for the same filters."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import db, queries, report_files, settings
from .classify import STAKEHOLDER_TYPES
from .vocabulary import REGION_ORDER

REGION_CODES = (*REGION_ORDER, "unknown")


def add_common_arguments(p, formats) -> None:
    """--db, --region, --stakeholder, --basis and --format: the arguments `report` and
    `compare` share."""
    p.add_argument("--db", help="database file (default: $ENGAGEMENT_DB or data/engagement.duckdb)")
    p.add_argument("--region", action="append", default=[], metavar="CODE", help="AFR, AMR, ...")
    p.add_argument("--stakeholder", action="append", default=[], metavar="TYPE")
    p.add_argument("--basis", choices=("attendees", "registrants"), default="attendees")
    p.add_argument("--format", required=True, choices=formats)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write the Downloads page's Excel workbook, PDF briefing or CSV tables",
        description="Write the report of an event for the given filters, as the dashboard's "
        "Downloads page gives it (aggregate figures; counts below the suppression setting "
        "suppressed). Repeat --region, --stakeholder, --day or --session for several.",
    )
    p.add_argument("--event", required=True, help="event ID, e.g. wlpf2021")
    p.add_argument("--day", action="append", default=[], metavar="YYYY-MM-DD")
    p.add_argument("--session", action="append", default=[], type=int, metavar="SESSION_ID")
    add_common_arguments(p, report_files.FORMATS)
    p.add_argument(
        "--out",
        required=True,
        help="the file to write (xlsx, pdf), or the folder (csv: one file per table); a "
        "folder for xlsx/pdf gets the file under its usual name",
    )


class BadFilter(ValueError):
    """A filter value the database does not know, said in a sentence with the valid ones."""


def selection_of(con, args: argparse.Namespace) -> queries.Selection:
    """The Selection of the command's filters, each value checked against what exists."""
    events = queries.run(con, "events")
    if args.event not in set(events["event_id"]):
        known = ", ".join(events["event_id"]) or "none"
        raise BadFilter(f"No event {args.event!r} in the database. Events: {known}.")
    regions = [
        r.strip().upper() if r.strip().lower() != "unknown" else "unknown" for r in args.region
    ]
    wrong = [r for r in regions if r not in REGION_CODES]
    if wrong:
        raise BadFilter(
            f"Unknown WHO region code {', '.join(wrong)}. Valid codes: {', '.join(REGION_CODES)} "
            "(unknown: people with no WHO region)."
        )
    types = dict(STAKEHOLDER_TYPES)
    wrong = [s for s in args.stakeholder if s not in types]
    if wrong:
        raise BadFilter(
            f"Unknown stakeholder type {', '.join(wrong)}. Valid types: {', '.join(types)}."
        )
    sessions = queries.run(con, "sessions_list", event_id=args.event)
    days = set(sessions["day"].dropna().dt.date)
    try:
        chosen_days = tuple(date.fromisoformat(d) for d in args.day)
    except ValueError as exc:
        raise BadFilter(f"A day is written YYYY-MM-DD ({exc}).") from None
    wrong_days = [str(d) for d in chosen_days if d not in days]
    if wrong_days:
        valid = ", ".join(str(d) for d in sorted(days)) or "none"
        raise BadFilter(f"The event has no session on {', '.join(wrong_days)}. Days: {valid}.")
    ids = set(sessions["session_id"].astype(int))
    wrong_ids = [str(s) for s in args.session if s not in ids]
    if wrong_ids:
        listed = "; ".join(f"{int(r.session_id)} {r.title}" for r in sessions.itertuples())
        raise BadFilter(f"No session {', '.join(wrong_ids)} in {args.event}. Sessions: {listed}.")
    return queries.Selection(
        event_id=args.event,
        days=chosen_days,
        session_ids=tuple(args.session),
        regions=tuple(dict.fromkeys(regions)),
        stakeholders=tuple(dict.fromkeys(args.stakeholder)),
    )


def build_files(con, selection: queries.Selection, basis: str, fmt: str) -> dict[str, bytes]:
    """The files the Downloads page gives for `selection` (same builder, same settings)."""

    def run(name, sel=None, **params):
        return queries.run(con, name, sel, **params)

    k = settings.suppression_k(con)
    report = report_files.build(run, selection, basis, k)
    return report_files.files(report, fmt)


def _write(files: dict[str, bytes], fmt: str, where: str) -> list[Path]:
    out = Path(where)
    if fmt == "csv" or out.is_dir() or where.endswith(("/", "\\")):
        out.mkdir(parents=True, exist_ok=True)
        targets = [out / name for name in files]
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        targets = [out]
    for target, data in zip(targets, files.values(), strict=True):
        target.write_bytes(data)
    return targets


def open_read_only(db_arg: str | None):
    """The database opened read-only, or the exit code after saying why not (on stderr)."""
    target = Path(db_arg or db.db_path())
    if not target.is_file():
        print(f"{target} is not a DuckDB database file; pass it with --db.", file=sys.stderr)
        return 2
    try:
        return db.connect(target, read_only=True)  # a report never writes
    except db.DatabaseLocked:
        print(
            f"The database {target} is in use by another program (most likely the running "
            "dashboard: DuckDB then lets no other process open it). Take the same files from "
            "the dashboard's Downloads page, or stop it and run the command again.",
            file=sys.stderr,
        )
        return 3
    except Exception as exc:  # noqa: BLE001 - e.g. a CSV given as --db: say so, no traceback
        print(f"{target} could not be opened as a DuckDB database ({exc}).", file=sys.stderr)
        return 2


def report(args: argparse.Namespace) -> int:
    con = open_read_only(args.db)
    if isinstance(con, int):
        return con
    try:
        selection = selection_of(con, args)
        files = build_files(con, selection, args.basis, args.format)
    except BadFilter as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
    for path in _write(files, args.format, args.out):
        print(path)
    return 0
