"""Test-only tools shared by the test files: fingerprints that prove a database did not change."""

from __future__ import annotations


def table_checksums(con) -> dict[str, str]:
    """Content fingerprint of every base table: proves a failed import changed nothing."""
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' order by table_name"
        ).fetchall()
    ]
    sums = {}
    for table in tables:
        # Identifier from information_schema, not from a user: quoted, never a value.
        rel = con.table(f'"{table}"')
        sums[table] = rel.aggregate(
            "count(*)::varchar || ':' || coalesce(sum(hash(columns(*))::hugeint)::varchar, '')"
        ).fetchall()[0][0]
    return sums
