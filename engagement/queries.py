"""Named queries: queries/<name>.sql run with bound $parameters, results as DataFrames."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class Selection:
    """The shared filters. Empty tuples mean "everything"."""

    event_id: str
    days: tuple[date, ...] = ()
    session_ids: tuple[int, ...] = ()
    regions: tuple[str, ...] = ()
    stakeholders: tuple[str, ...] = ()
    # Platform roles (host, co-host, presenter, panelist, attendee): a person's most senior role
    # in a session. Narrows attendance figures only (registrations carry no role).
    roles: tuple[str, ...] = ()

    def params(self) -> dict:
        return {
            "event_id": self.event_id,
            "days": list(self.days),
            "session_ids": [int(s) for s in self.session_ids],
            "regions": list(self.regions),
            "stakeholders": list(self.stakeholders),
            "roles": list(self.roles),
        }


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


@cache
def sql_text(name: str) -> str:
    if name not in names():
        raise KeyError(f"no query named {name!r} in {QUERY_DIR}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def parameters(sql: str) -> set[str]:
    # Comment lines document parameters; only the SQL body binds them.
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return set(_PARAM.findall(body))


def run_sql(con, sql: str, params: dict) -> pd.DataFrame:
    wanted = parameters(sql)
    bound = {k: v for k, v in params.items() if k in wanted}
    missing = wanted - bound.keys()
    if missing:
        raise KeyError(f"query needs parameters {sorted(missing)}")
    cur = con.cursor()
    try:
        return cur.execute(sql, bound).df()
    finally:
        cur.close()


def run(con, name: str, selection: Selection | None = None, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with the selection's filters plus any named extras."""
    merged = selection.params() if selection else {}
    merged.update(params)
    return run_sql(con, sql_text(name), merged)
