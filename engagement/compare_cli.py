"""`python -m engagement compare`: the Compare page's download from the command line, built by
the same function (compare.build and compare.files) for the same editions and filters."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import compare, queries, report_cli, settings


def add_parser(sub) -> None:
    p = sub.add_parser(
        "compare",
        help="write the Compare page's comparison of two editions (Excel workbook or CSV tables)",
        description="Write two editions side by side as the dashboard's Compare page gives "
        "them for download: key figures, Member States new / returning / lost, WHO regions, "
        "stakeholder mix and gender (aggregate figures; counts below the suppression setting "
        "suppressed). Whole editions: repeat --region or --stakeholder for several.",
    )
    p.add_argument(
        "--events",
        required=True,
        metavar="EARLIER,LATER",
        help="the two event IDs, earlier first, e.g. wlpf2021,wlpf2025",
    )
    report_cli.add_common_arguments(p, compare.FORMATS)
    p.add_argument(
        "--out",
        required=True,
        help="the workbook to write (xlsx), or the folder (csv: one file per table and a notes "
        "file); a folder for xlsx gets the file under its usual name",
    )


def _pair(con, text: str) -> tuple[str, str]:
    ids = [e.strip() for e in text.split(",") if e.strip()]
    if len(ids) != 2 or ids[0] == ids[1]:
        raise report_cli.BadFilter(
            f"--events takes two different event IDs separated by a comma (got {text!r})."
        )
    return ids[0], ids[1]


def build_files(con, args: argparse.Namespace) -> dict[str, bytes]:
    """The files the Compare page gives for these editions and filters (same builder)."""
    event_a, event_b = _pair(con, args.events)
    for event in (event_a, event_b):  # each ID checked, and the filters with them
        ns = argparse.Namespace(
            event=event, day=[], session=[], region=args.region, stakeholder=args.stakeholder
        )
        selection = report_cli.selection_of(con, ns)

    def run(name, sel=None, **params):
        return queries.run(con, name, sel, **params)

    k = settings.suppression_k(con)
    comparison = compare.build(run, selection, args.basis, event_a, event_b)
    return compare.files(comparison, args.format, k)


def main(args: argparse.Namespace) -> int:
    con = report_cli.open_read_only(args.db)
    if isinstance(con, int):
        return con
    try:
        files = build_files(con, args)
    except report_cli.BadFilter as exc:
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        con.close()
    out = Path(args.out)
    if args.format == "xlsx" and not (out.is_dir() or args.out.endswith(("/", "\\"))):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(next(iter(files.values())))
        print(out)
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0
