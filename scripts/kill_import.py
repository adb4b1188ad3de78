"""The heavy kill -9 check: a large Zoom meeting export imported by the command line and killed
(SIGKILL) at evenly spread moments of its run; after each kill the database must open with
every earlier import intact (exact counts), and the killed import wholly there or not at all.

    .venv/bin/python scripts/kill_import.py [--rows 500000] [--kills 7]

tests/test_kill_import.py is the quick variant (named moments, in `make test`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from test_kill_import import per_import, zoom_meeting  # noqa: E402

from engagement import db, ingest  # noqa: E402


def _ingest(file: Path, database: Path) -> subprocess.Popen:
    args = [sys.executable, "-m", "engagement", "ingest", str(file), "--event", "testconf"]
    return subprocess.Popen(
        [*args, "--db", str(database), "--json"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _base(where: Path) -> Path:
    """A database holding the Test Conference's three imports."""
    base = where / "base.duckdb"
    con = db.connect(base)
    con.execute(
        "insert into events values ('testconf', 'Test Conference', 'Europe/Zurich', "
        "'2021-06-21', '2021-06-22', 'virtual', false)"
    )
    fixtures = ROOT / "tests" / "fixtures"
    db.load_programme(con, "testconf", "Europe/Zurich", fixtures / "testconf_programme.csv")
    for name in ("testconf_a_registration.csv", "testconf_a_attendee.csv"):
        assert (
            ingest.import_file(
                con, ingest.ImportRequest.from_path(fixtures / name, "testconf")
            ).status
            == "imported"
        )
    con.execute("checkpoint")
    con.close()
    return base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--kills", type=int, default=7)
    args = parser.parse_args()
    where = Path(tempfile.mkdtemp(prefix="kill_import_"))
    big = where / "big.csv"
    big.write_bytes(zoom_meeting(args.rows))
    base = _base(where)
    con = db.connect(base, read_only=True)
    earlier = per_import(con)
    con.close()
    clean = where / "clean.duckdb"
    shutil.copyfile(base, clean)
    started = time.perf_counter()
    assert _ingest(big, clean).wait() == 0
    whole_time = time.perf_counter() - started
    con = db.connect(clean, read_only=True)
    whole = per_import(con)
    con.close()
    print(f"{args.rows:,} rows: a whole import takes {whole_time:.1f} s")
    failures = 0
    for k in range(1, args.kills + 1):
        at = whole_time * k / (args.kills + 1)
        database = where / f"killed_{k}.duckdb"
        shutil.copyfile(base, database)
        proc = _ingest(big, database)
        time.sleep(at)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        con = db.connect(database)
        found = per_import(con)
        con.close()
        state = "whole" if found == whole else "absent" if found == earlier else "BROKEN"
        failures += state == "BROKEN"
        print(f"kill at {at:5.1f} s: database opens, earlier imports intact, new import {state}")
        os.remove(database)
    shutil.rmtree(where)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
