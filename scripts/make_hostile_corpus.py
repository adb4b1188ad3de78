"""Write the small files of the hostile-file corpus to tests/data/hostile/ (deterministic).

    .venv/bin/python scripts/make_hostile_corpus.py          # the committed small files
    .venv/bin/python scripts/make_hostile_corpus.py --big DIR  # also the big ones, into DIR

The cases, with what each must say, live in tests/hostile_corpus.py; tests/test_hostile.py
checks that the committed files are exactly what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hostile_corpus import CORPUS_DIR, all_cases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=Path, help="also write the big files into this folder")
    args = parser.parse_args()
    CORPUS_DIR.mkdir(parents=True, exist_ok=True)
    lines = ["# The hostile-file corpus: file, outcome, what the organizer is told (phrases)", ""]
    for case in all_cases():
        where = args.big if case.big else CORPUS_DIR
        if where is not None:
            where.mkdir(parents=True, exist_ok=True)
            (where / case.name).write_bytes(case.build())
        size = "built by the test (big)" if case.big else "committed"
        says = "; ".join(case.says)
        lines.append(f"- `{case.name}` ({size}): {case.outcome}, says: {says}")
    (CORPUS_DIR / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(all_cases())} cases; small files in {CORPUS_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
