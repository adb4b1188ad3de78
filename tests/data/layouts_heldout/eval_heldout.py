"""Judge the import engine on the held-out layout set (files/, expected.tsv, expected_people.json).

Each file goes through the real engine (ingest.prepare, then ingest.commit: the Data page's door,
the same steps as `python -m engagement ingest`) into its own fresh DuckDB file, with no column
mapping given and no saved profile, time zone UTC. Run from the repository root:

    .venv/bin/python tests/data/layouts_heldout/eval_heldout.py [FILE_SUBSTRING ...]

Judgement per file:
  right            read: imported with the expected rows, attendees, seconds of presence, roles,
                   and every e-mail / name taken from the right column;
                   refuse: refused;  no-attendance: refused, or imported without one segment
  wrong            read with other figures or a column taken as the wrong thing, or a negative
                   read (as attendance)
  refused-wrongly  a `read` file refused
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from engagement import db, ingest  # noqa: E402
from engagement.model import COARSE_ROLE, BadFileError  # noqa: E402

EVENT = "heldout"


def _fold(text: str) -> str:
    return " ".join(str(text).replace("(Unverified)", "").split()).casefold()


def _one(con, sql: str):
    return con.execute(sql).fetchall()[0][0]


def run_one(path: Path, workdir: Path) -> dict:
    """Import one file into a fresh database; what was read, or the refusal's sentence."""
    con = db.connect(workdir / (path.stem + ".duckdb"))
    try:
        req = ingest.ImportRequest(path.read_bytes(), path.name, EVENT, "UTC")
        try:
            prep = ingest.prepare(con, req)
        except BadFileError as exc:
            return {"status": "refused", "error": str(exc)}
        result = ingest.commit(con, prep, None)
        if result.status != "imported":
            return {"status": "refused", "error": result.error or result.status}
        segs = prep.segments
        return {
            "status": "read",
            "format": result.format,
            "rows": result.segments,
            "registrants": result.registrants,
            "attendees": result.attendees,
            "seconds": _one(
                con,
                "select coalesce(sum(epoch(leave_utc - join_utc)), 0)::bigint from v_presence",
            ),
            # Coarse roles (host / panelist / attendee), as the set was written before the
            # import kept the platform's finer role (co-host, presenter).
            "roles": dict(Counter(segs["role"].astype(str).replace(COARSE_ROLE)))
            if len(segs)
            else {},
            "emails": {str(e).strip().lower() for e in segs["email"].fillna("")} - {""},
            "names": [_fold(n) for n in segs["name"].fillna("")],
        }
    finally:
        con.close()


def _roles(text: str) -> dict:
    return {k: int(n) for k, n in (p.split(":") for p in text.split(","))} if text else {}


def judge(exp: dict, people: dict | None, got: dict) -> tuple[str, str]:
    """(right | wrong | refused-wrongly, why) for one file."""
    outcome = exp["outcome"]
    if got["status"] == "refused":
        return ("refused-wrongly", "") if outcome == "read" else ("right", "")
    if outcome == "refuse":
        return "wrong", "a negative was read"
    if outcome == "no-attendance":
        return ("right", "") if got["rows"] == 0 else ("wrong", "read as attendance")
    why = []
    for key in ("rows", "attendees", "seconds"):
        if got[key] != int(exp[key]):
            why.append(f"{key} {got[key]} != {exp[key]}")
    if got["roles"] != _roles(exp["roles"]):
        why.append(f"roles {got['roles']}")
    if people["emails"] and got["emails"] != set(people["emails"]):
        why.append(f"e-mails: {len(got['emails'] ^ set(people['emails']))} differ")
    allowed = set(people["names"])
    bad_names = sum(1 for n in got["names"] if n not in allowed)
    if bad_names:
        why.append(f"{bad_names} name(s) not from the name column")
    return ("wrong" if why else "right"), "; ".join(why)


def main(argv: list[str]) -> int:
    with open(HERE / "expected.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    people = json.loads((HERE / "expected_people.json").read_text("utf-8"))
    if argv:
        rows = [r for r in rows if any(a in r["file"] for a in argv)]
    tally: Counter = Counter()
    by_kind: Counter = Counter()
    print(f"{'file':34} {'expect':13} {'outcome':8} {'rows':>5} {'ppl':>4}  judge  detail")
    with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
        for exp in rows:
            got = run_one(HERE / "files" / exp["file"], Path(tmp))
            verdict, why = judge(exp, people.get(exp["file"]), got)
            tally[verdict] += 1
            by_kind[(exp["outcome"] == "read", verdict)] += 1
            if got["status"] == "read":
                shown = f"{got['rows']:>5} {got['attendees']:>4}"
                detail = f"[{got['format']}] {why}"
            else:
                shown = f"{'':>5} {'':>4}"
                detail = got["error"][:80]
            print(
                f"{exp['file']:34} {exp['outcome']:13} {got['status']:8} {shown}  "
                f"{verdict:6} {detail}"
            )
    pos = sum(n for (is_pos, _), n in by_kind.items() if is_pos)
    neg = sum(n for (is_pos, _), n in by_kind.items() if not is_pos)
    print(
        f"TOTAL {len(rows)}: right {tally['right']}, wrong {tally['wrong']}, "
        f"refused-wrongly {tally['refused-wrongly']} | positives right "
        f"{by_kind[(True, 'right')]}/{pos}, negatives right {by_kind[(False, 'right')]}/{neg}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
