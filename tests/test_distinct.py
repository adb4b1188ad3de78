"""Deciding per distinct value (engagement.distinct) gives what the per-row functions give."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd
import pytest

from engagement import classify, db, ingest
from engagement.classify import email_domain, email_domains
from engagement.distinct import map_distinct
from engagement.ingest.identity import (
    normalize_email,
    normalize_emails,
    normalize_name,
    person_keys,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import benchmark  # noqa: E402

TRICKY = [
    "a@b.org",
    " A@B.ORG ",
    "<x@y.com>",
    "no-at",
    "",
    "x@@y",
    "jane_who.int#EXT#@tenant.onmicrosoft.com",
    "a`b@c.d",
    '"a b"  @ x .org.',
    "José.Müller@ÜNI.de",
    "a@b.c\t",
    "x@y.z.",
    "'q@w.e'",
    "@",
    "a@",
    "  ",
    "Fred@Fireflies.AI",
    " <a@b.c> .",
    "ŁUKASZ@łódź.pl",
]


@pytest.mark.parametrize("dtype", ["str", object])
def test_vectorized_e_mail_paths_equal_the_per_value_functions(dtype):
    values = pd.Series(TRICKY * 3, dtype=dtype)
    assert email_domains(values).tolist() == [email_domain(v) for v in values]
    assert normalize_emails(values).tolist() == [normalize_email(v) for v in values]
    names = pd.Series(["Ana  María", "ana maria,", "ANA MARÍA", None, "Łukasz"], dtype=dtype)
    assert map_distinct(names, normalize_name).tolist() == [normalize_name(v) for v in names]
    assert map_distinct(names, normalize_name).index.equals(names.index)


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def _key(prefix: str, text: str) -> str:
    return prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _per_row_keys(emails: pd.Series, names: pd.Series, scope: str) -> list[str]:
    """The person key of each row, one row at a time (the definition person_keys follows)."""
    out = []
    for email, name in zip(emails.fillna(""), names.fillna(""), strict=True):
        e, n = normalize_email(email), normalize_name(name)
        out.append(_key("e", e) if e else (_key("n", f"{scope}|{n}") if n else ""))
    return out


def test_large_generated_file_gives_the_per_row_figures(tmp_path, monkeypatch):
    """50,000 attendee rows: every classification, bot flag and person key, and the stored
    figures, equal what the per-row functions give row by row."""
    # Read whole (its frames are checked here); the chunked read is checked against the whole
    # read table by table in test_stream.py.
    monkeypatch.setenv("ENGAGEMENT_CHUNK_ROWS", str(10**9))
    data, rows = benchmark.synthetic_attendee_report(50_000)
    con = db.connect(tmp_path / "x.duckdb")
    prep = ingest.prepare(con, ingest.ImportRequest(data, "big.csv", "big", "UTC"))
    regs, segs = prep.registrations, prep.segments
    assert rows == 50_000 and len(regs) > 30_000 and len(segs) > 30_000
    # The file exercises both paths: bots, and names beyond ASCII.
    assert segs["is_bot"].any()
    assert not all(str(n).isascii() for n in segs["name"])

    for row in regs.itertuples():
        email = _text(row.email)
        found = classify.classify_stakeholder(
            _text(row.org_type_raw), _text(row.organization), email
        )
        assert (row.stakeholder, row.stakeholder_rule) == (found.code, found.rule)
        assert row.gender == classify.normalize_gender(_text(row.gender_raw))
        full = f"{_text(row.first_name)} {_text(row.last_name)}".strip() or _text(row.name)
        assert row.is_bot == classify.is_bot(full, email)
    for row in segs.itertuples():
        assert row.is_bot == classify.is_bot(_text(row.name), _text(row.email))
    for frame in (regs, segs):
        keys, _ = person_keys(frame["email"], frame["name"], "big|1")
        assert keys.tolist() == _per_row_keys(frame["email"], frame["name"], "big|1")

    result = ingest.commit(con, prep)
    reg_keys = pd.Series(_per_row_keys(regs["email"], regs["name"], "x"), index=regs.index)
    seg_keys = pd.Series(_per_row_keys(segs["email"], segs["name"], "x"), index=segs.index)
    active = regs["status"].isin(["approved", "pending"]) & ~regs["is_bot"]
    assert result.registrants == reg_keys[active].nunique()
    assert result.attendees == seg_keys[~segs["is_bot"]].nunique()
    assert result.segments == len(segs)
    con.close()
