"""Who a person is: normalized e-mail and name, the pseudonymous person key, the people tables."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from ..db import registered
from ..distinct import map_ascii, map_distinct

ACTIVE = ("approved", "pending")  # registration statuses that count as registered
PEOPLE_COLUMNS = ["person_key", "key_basis", "email", "name", "first_name", "last_name"]


def normalize_email(value) -> str:
    text = str(value or "").strip().lower()
    return text if "@" in text else ""


def normalize_emails(values: pd.Series) -> pd.Series:
    """normalize_email of each value (same index), plain addresses in Arrow string kernels."""

    def plain(text: pd.Series) -> pd.Series:
        text = text.str.strip(" ").str.lower()  # the only whitespace of printable ASCII
        return text.where(text.str.contains("@", regex=False), "")

    return map_ascii(values, plain, normalize_email)


@lru_cache(maxsize=1 << 16)  # names repeat across the chunks of a large file
def normalize_name(value) -> str:
    text = str(value or "")
    if text.isascii():  # NFKD changes nothing and casefold is lower: the same result, faster
        return " ".join(text.lower().replace(",", " ").split())
    text = unicodedata.normalize("NFKD", text).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace(",", " ").split())


def _key(prefix: str, text: str) -> str:
    return prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


# The same keys in SQL, over a relation with email_norm and name_norm (ingest.stream) and the
# session scope as $scope: DuckDB's sha256 is hashlib's (hex of the UTF-8 bytes).
KEY_SQL = (
    "case when email_norm <> '' then 'e' || left(sha256(email_norm), 24) "
    "when name_norm <> '' then 'n' || left(sha256($scope || '|' || name_norm), 24) else '' end"
)
BASIS_SQL = "case when email_norm <> '' then 'email' else 'name' end"


def session_scope(event_id: str, session_id) -> str:
    """Where a name alone identifies a person: one session of one event."""
    return f"{event_id}|{session_id}"


def person_keys(emails: pd.Series, names: pd.Series, scope: str) -> tuple[pd.Series, pd.Series]:
    """A stable pseudonym per person: the normalized e-mail, else the name within one session."""
    norm_email = normalize_emails(emails.fillna(""))
    norm_name = map_distinct(names.fillna(""), normalize_name)
    by_email = (norm_email != "").to_numpy(dtype=bool)
    by_name = ~by_email & (norm_name != "").to_numpy(dtype=bool)
    keys = np.full(len(emails), "", dtype=object)
    # One hash per distinct address or name, not per row.
    keys[by_email] = map_distinct(norm_email[by_email], lambda e: _key("e", e)).to_numpy()
    keys[by_name] = map_distinct(norm_name[by_name], lambda n: _key("n", f"{scope}|{n}")).to_numpy()
    basis = np.where(by_email, "email", "name").astype(object)
    return pd.Series(keys, index=emails.index, dtype=object), pd.Series(
        basis, index=emails.index, dtype=object
    )


def headcount(regs: pd.DataFrame, reg_keys: pd.Series, segs: pd.DataFrame, seg_keys) -> dict:
    """The figures of one file: active registrants and attendees (never bots), segments."""
    active = regs["status"].isin(ACTIVE) & ~regs["is_bot"]
    return {
        "registrants": int(reg_keys[active].nunique()),
        "attendees": int(seg_keys[~segs["is_bot"]].nunique()),
        "segments": len(segs),
    }


def write_people(con, regs: pd.DataFrame, segs: pd.DataFrame) -> None:
    """Add the keyed people of a file (first seen wins: a known person keeps their details)."""
    people = pd.concat(
        [regs[PEOPLE_COLUMNS], segs.assign(first_name="", last_name="")[PEOPLE_COLUMNS]],
        ignore_index=True,
    ).drop_duplicates("person_key")
    people["email"] = normalize_emails(people["email"].fillna(""))
    with registered(con, "new_people", people):
        insert_people(con)


def insert_people(con) -> None:
    """People and their details from the relation new_people (person_key, key_basis, email,
    name, first_name, last_name): a person already known keeps theirs."""
    # new_people holds each key once: an anti join, not INSERT OR IGNORE's per-row conflict
    # check (a third less time for a million new people).
    con.execute(
        "insert into people select person_key, key_basis from new_people "
        "anti join people using (person_key)"
    )
    con.execute(
        """
        insert into person_pii
        select person_key, nullif(email, ''), nullif(trim(name), ''),
               nullif(trim(first_name), ''), nullif(trim(last_name), '')
        from new_people anti join person_pii using (person_key)
        """
    )


def rekey_named_people(con, import_id: int, event_id: str, session_id: int) -> None:
    """People known only by name are keyed within one session: after a move, the same name
    in the new session must be the same person."""
    named = con.execute(
        """
        select distinct x.person_key, pii.display_name
        from (
            select person_key from segments where import_id = $i
            union select person_key from registrations where import_id = $i
        ) as x
        join people as p on p.person_key = x.person_key and p.key_basis = 'name'
        join person_pii as pii on pii.person_key = x.person_key
        """,
        {"i": import_id},
    ).fetchall()
    scope = session_scope(event_id, session_id)
    for old_key, name in named:
        if not name:
            continue  # blanked by the retention setting: no name left to key on
        new_key = _key("n", f"{scope}|{normalize_name(name)}")
        if new_key == old_key:
            continue
        con.execute("insert or ignore into people values ($k, 'name')", {"k": new_key})
        con.execute(
            "insert or ignore into person_pii select $k, email, display_name, first_name, "
            "last_name from person_pii where person_key = $old",
            {"k": new_key, "old": old_key},
        )
        for sql in (
            "update segments set person_key = $k where import_id = $i and person_key = $old",
            "update registrations set person_key = $k where import_id = $i and person_key = $old",
        ):
            con.execute(sql, {"k": new_key, "i": import_id, "old": old_key})


def drop_orphan_people(con) -> None:
    """People (and their personal data) no stored row refers to any more: removing a file
    removes the personal data it brought; anyone still present in another import stays."""
    con.execute(
        "delete from person_pii where person_key not in "
        "(select person_key from registrations union select person_key from segments)"
    )
    con.execute(
        "delete from people where person_key not in "
        "(select person_key from registrations union select person_key from segments)"
    )


def with_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """The normalized e-mail and name of each row, which the person key is made of (in SQL at
    commit: KEY_SQL, as the session is known only then)."""
    email = normalize_emails(frame["email"].fillna(""))
    name = map_distinct(frame["name"].fillna(""), normalize_name)
    return frame.assign(email_norm=email.astype("str"), name_norm=name.astype("str"))
