"""What each attendee row of a large Zoom report becomes (ingest.fastread): the per-file path's
Python functions applied to each distinct cell value, joined back to the rows in SQL, and the
row rules of zoom_webinar._read_section_rows and pipeline._normalize written in SQL.

Every SQL text here is built from our own constants and column positions; the file's values
reach DuckDB only as registered tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import classify, limits
from ..distinct import map_distinct
from ..formats import zoom_webinar as zw
from ..formats.tables import BACKWARDS, answers_json, blank_if_missing, missing
from ..formats.vocabulary import yes_no
from ..timeparse import MISSING_TOKENS, parse_durations
from .identity import normalize_emails, normalize_name
from .sessions import to_utc
from .staging import NotStreamable

PREVIEW_ROWS = 1_000
EXTRA_COLUMNS = 8  # cells read past the header (Zoom writes one trailing comma)

# What Python's str.strip() removes (str.isspace), for the one SQL test of a cell past the header.
WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


def _strip(raw: pd.Series) -> pd.Series:
    return raw.astype("str").str.strip()  # tables.read_records strips every cell so


def _times(raw: pd.Series, tz: str) -> pd.DataFrame:
    """zoom_times of one time column's distinct values, and their UTC; NotStreamable unless
    every present value is in Zoom's English format (the column would be read otherwise)."""
    text = _strip(raw)
    present = ~missing(text)
    local = zw.zoom_times(text)
    if present.any() and not text[present].str.fullmatch(zw.ZOOM_TIME).all():
        raise NotStreamable("a time not in Zoom's English format")
    if local[present].isna().any():
        raise NotStreamable("an unreadable time")
    utc = to_utc(local.where(present), tz)
    return pd.DataFrame({"raw": raw, "miss": present.eq(False), "local": local, "utc": utc})


def _plain(raw: pd.Series) -> pd.DataFrame:
    text = _strip(raw)
    return pd.DataFrame({"raw": raw, "s": text, "miss": missing(text), "b": blank_if_missing(text)})


def _blanked(raw: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"raw": raw, "b": blank_if_missing(_strip(raw))})


def _attended(raw: pd.Series) -> pd.DataFrame:
    out = _plain(raw)
    return out.assign(yn=yes_no(out["s"]))


def _status(raw: pd.Series) -> pd.DataFrame:
    out = _plain(raw)
    return out.assign(status=zw.status_of(out["b"]).astype("str"))


def _email(raw: pd.Series) -> pd.DataFrame:
    out = _plain(raw).drop(columns=["s", "miss"])
    return out.assign(
        norm=normalize_emails(out["b"]).astype("str"),
        domain=classify.email_domains(out["b"]).astype("str"),
    )


def _domains(raw: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"raw": raw, "bot": map_distinct(raw, classify.bot_domain_rule).ne("")})


# An e-mail cell of printable ASCII without spaces (almost every one) is decided in SQL, as
# identity.normalize_emails and classify.email_domains decide such text in their Arrow
# kernels (Python's strip and the runs of spaces change nothing there); a Teams guest's
# '#EXT#' address and every other value go through the Python functions (m_email).
SIMPLE_EMAIL = "(regexp_full_match({v}, '[!-~]*') and not contains(lower({v}), '#ext#'))"
_TOKENS = ", ".join("'" + t + "'" for t in sorted(MISSING_TOKENS))  # ours, no quotes inside
EMAIL_SQL = """
    case when {simple} then {b} else m_email.b end as email,
    case when {simple} then (case when contains({b}, '@') then lower({b}) else '' end)
        else m_email.norm end as email_norm,
    case when {simple} then (case when contains({t}, '@')
            then trim(regexp_replace({t}, '^.*@', ''), '. ') else '' end)
        else m_email.domain end as domain
"""


def email_sql(simple: str, b: str) -> str:
    """The email, email_norm and domain columns of an e-mail cell, from `simple` (the cell is
    SIMPLE_EMAIL) and `b` (it blanked when missing), columns of ours."""
    t = "trim(lower(replace(" + b + ", '`', '''')), '<>\"'' ')"
    return EMAIL_SQL.format(simple=simple, b=b, t=t)


def email_blank_sql(v: str) -> str:
    return f"(case when lower({v}) in ({_TOKENS}) then '' else {v} end)"


def _names(raw: pd.Series) -> pd.DataFrame:
    text = raw.astype("str")
    return pd.DataFrame(
        {
            "raw": raw,
            "norm": map_distinct(text, normalize_name).astype("str"),
            "bot": map_distinct(text, classify.bot_name_rule).ne(""),
        }
    )


def _gender(raw: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"raw": raw, "gender": raw.map(classify.normalize_gender).astype("str")})


def _country(raw: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"raw": raw, "b": zw.country_text(_strip(raw))})


def _guest(raw: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"raw": raw, "yn": yes_no(_strip(raw))})


def _minutes(raw: pd.Series) -> pd.DataFrame:
    values = parse_durations(_strip(raw).reset_index(drop=True))
    return pd.DataFrame({"raw": raw, "minutes": pd.Series(values, dtype="float64").to_numpy()})


@dataclass
class Part:
    """The DuckDB-read rows: counts, rejects, preview rows and the first join."""

    counts: dict
    rejects: pd.DataFrame
    regs: pd.DataFrame
    segs: pd.DataFrame
    first_join: object


class Rows:
    """The table `cells` of one attendee section, and what its rows become."""

    def __init__(self, con, header, known, questions, tz, first_line):
        self.con, self.width, self.known, self.tz = con, len(header), known, tz
        self.first_line = first_line
        self.targets, self.answer_cols = zw.question_plan(questions)

    # --- maps of distinct values -----------------------------------------------------------
    def cell(self, pos) -> str:
        return "''" if pos is None else f"coalesce(c{int(pos)}, '')"

    def _map(self, name: str, expr: str, build, where: str = "true", source="cells") -> None:
        """Table m_<name>: build(distinct values of expr in `source` where `where`) (ours)."""
        sql = f"select distinct {expr} as raw from {source} where {where}"  # noqa: S608
        values = self.con.execute(sql).df()["raw"]
        self._register(f"m_{name}", build(values.astype("str").reset_index(drop=True)))

    def check(self, columns: int, raw_lines) -> None:
        """NotStreamable for a value over the field limit, a later section's title, or a line
        of whitespace only (the per-file read skips it as blank; DuckDB reads it as a row).
        raw_lines(line numbers) -> their text, for the few rows of one cell."""
        longest = " , ".join(f"length(coalesce(c{i}, ''))" for i in range(columns))
        sql = f"select max(greatest({longest})) from cells"  # noqa: S608 - positions
        (top,) = self.con.execute(sql).fetchone()
        if top and top > limits.MAX_FIELD_CHARS:
            raise NotStreamable("a value over the field limit")
        short = " and ".join(f"c{i} is null" for i in range(2, columns))
        sql = f"select coalesce(c0, '') from cells where {short}"  # noqa: S608 - positions
        titles = self.con.execute(sql).df()
        if len(titles) and zw.find_sections([f"{v}," for v in titles.iloc[:, 0]]):
            raise NotStreamable("a later section")
        alone = " and ".join(f"c{i} is null" for i in range(1, columns))
        sql = f"select rid + $first from cells where {alone} order by 1"  # noqa: S608
        lines = [n for (n,) in self.con.execute(sql, {"first": self.first_line}).fetchall()]
        if any(not text.strip() for text in raw_lines(lines)):
            raise NotStreamable("a line of whitespace only")

    def build_maps(self) -> None:
        k, c = self.known, self.cell
        self._map("att", c(k.get("attended")), _attended)
        for key in ("registration_time", "join_time", "leave_time"):
            self._map(key, c(k.get(key)), lambda v: _times(v, self.tz))
        self._map("status", c(k.get("approval_status")), _status)
        email = c(k.get("email"))
        self._map("email", email, _email, f"not {SIMPLE_EMAIL.format(v=email)}")
        for key in ("first_name", "last_name", "user_name"):
            self._map(key, c(k.get(key)), _blanked)
        for field in zw.QUESTION_FIELDS:
            self._map(field, c(self.targets.get(field)), _blanked)
        self._map("country", c(k.get("country")), _country)
        self._map("guest", c(k.get("is_guest")), _guest)
        self._map("minutes", c(k.get("time_in_session")), _minutes)
        self._answers()

    def _answers(self) -> None:
        """answers_json of each distinct tuple of the other questions' blanked answers."""
        cols = self.answer_cols
        if not cols:
            self.con.execute("create or replace table m_answers as select '{}' as answers")
            return
        listed = ", ".join(f"{self.cell(p)} as a{i}" for i, (p, _) in enumerate(cols))
        sql = f"select distinct {listed} from cells"  # noqa: S608 - positions
        values = self.con.execute(sql).df()
        blanked = pd.DataFrame(
            {p: blank_if_missing(_strip(values[f"a{i}"])) for i, (p, _) in enumerate(cols)}
        )
        self._register("m_answers", values.assign(answers=answers_json(blanked, cols).to_numpy()))

    # --- the rows --------------------------------------------------------------------------
    def _joined(self) -> str:
        """SQL of each row's line and the decided values of its cells ($first, $ink), over
        table `r1` (_first_joins): the joins are split in two so that each one's hash tables
        fit the reader's memory limit (the e-mail map holds about one row per person)."""
        k = self.known
        maps = [("email", "email"), ("first_name", "first_name"), ("last_name", "last_name")]
        maps += [("user_name", "user_name"), ("registration_time", "registration_time")]
        maps += [("join_time", "join_time"), ("leave_time", "leave_time")]
        joins = " ".join(
            f"join m_{n} as m_{n} on m_{n}.raw = r1.raw_{col}"
            for n, col in maps
            if k.get(n) is not None
        ).replace("join m_email", "left join m_email")  # only the values SQL cannot decide
        return f"""
            select r1.*,
                {self._or_blank("registration_time", "miss", "true")} as reg_miss,
                {self._or_blank("registration_time", "local", "null::timestamp_ns")}
                    as registered_at,
                {self._or_blank("registration_time", "utc", "null::timestamp_ns")}
                    as registered_at_utc,
                m_join_time.miss as join_miss, m_join_time.local as join_at,
                m_join_time.utc as join_utc,
                {self._or_blank("leave_time", "miss", "true")} as leave_miss,
                {self._or_blank("leave_time", "local", "null::timestamp_ns")} as leave_at,
                {self._or_blank("leave_time", "utc", "null::timestamp_ns")} as leave_utc,
                {email_sql("r1.email_simple", "r1.email_b")},
                {self._or_blank("first_name", "b", "''")} as first_name,
                {self._or_blank("last_name", "b", "''")} as last_name,
                {self._or_blank("user_name", "b", "''")} as user_name
            from ({self._first_joins()}) as r1 {joins}
            """  # noqa: S608 - positions and our table names

    def _or_blank(self, key: str, column: str, absent: str) -> str:
        """m_<key>.<column>, or what an absent column gives (`absent`, our SQL)."""
        return absent if self.known.get(key) is None else f"m_{key}.{column}"

    def _first_joins(self) -> str:
        """SQL of the low-cardinality maps joined, the other cells kept for _joined ($first,
        $ink)."""
        k, c = self.known, self.cell
        self.extra = [f"c{i}" for i in range(self.width, self.width + EXTRA_COLUMNS)]
        maps = [("att", k.get("attended")), ("status", k.get("approval_status"))]
        maps += [(f, self.targets.get(f)) for f in zw.QUESTION_FIELDS]
        maps += [("country", k.get("country")), ("guest", k.get("is_guest"))]
        maps += [("minutes", k.get("time_in_session"))]
        joins = " ".join(f"join m_{n} as m_{n} on m_{n}.raw = {c(p)}" for n, p in maps)
        answers = " and ".join(
            f"m_answers.a{i} = {c(p)}" for i, (p, _) in enumerate(self.answer_cols)
        )
        joins += f" join m_answers on {answers or 'true'}"
        kept = ", ".join(
            f"{c(k.get(key))} as raw_{key}"
            for key in (
                "email", "first_name", "last_name", "user_name", "registration_time",
                "join_time", "leave_time",
            )
        )  # fmt: skip
        wide = " or ".join(f"({x} is not null and regexp_matches({x}, $ink))" for x in self.extra)
        email = c(k.get("email"))
        extra = (
            f"({wide}) as wide, {SIMPLE_EMAIL.format(v=email)} as email_simple, "
            f"{email_blank_sql(email)} as email_b"
        )
        return f"""
            select cells.rid + $first as line, {kept}, {extra},
                m_att.s as att_s, m_att.miss as att_miss, m_att.yn as att_yn,
                m_status.s as st_s, m_status.miss as st_miss, m_status.b as status_raw,
                m_status.status,
                m_organization.b as organization, m_org_type_raw.b as org_type_raw,
                m_job_title.b as job_title, m_gender_raw.b as gender_raw,
                m_country_raw.b as country_raw, m_answers.answers,
                m_country.b as seg_country, m_guest.yn as is_guest, m_minutes.minutes
            from cells {joins}
            """  # noqa: S608 - positions and our table names

    def _flagged(self) -> None:
        """Table `f`: the joined rows with the row kinds of zoom_webinar._read_section_rows,
        each row's reasons in its words and order, and the names the rows keep."""
        self.con.execute(
            f"""
            create or replace table f as
            select *, reason = '' as ok,
                case when full_name <> '' then full_name else user_name end as reg_name,
                case when user_name <> '' then user_name else full_name end as seg_name
            from (
                select *, concat_ws('; ',
                    case when wide then $wide end,
                    case when att_yn is null and not att_miss
                        then 'Attended ''' || att_s || ''' is not Yes/No' end,
                    case when no_join and not is_reg then $no_join end,
                    case when is_seg and leave_miss then 'no leave time' end,
                    case when is_seg and leave_at < join_at then $backwards end,
                    case when is_reg and status = ''
                        then 'Approval Status ''' || st_s || ''' is not known' end,
                    case when not is_reg and not is_seg and not no_join then $neither end
                ) as reason
                from (
                    select *, not reg_miss or not st_miss as is_reg,
                        coalesce(att_yn, false) and not join_miss as is_seg,
                        coalesce(att_yn, false) and join_miss as no_join,
                        trim(first_name || ' ' || last_name) as full_name
                    from ({self._joined()})
                )
            )
            """,  # noqa: S608 - our SQL; the file's values are bound or in tables
            {
                "wide": f"row has more values than the {self.width} header columns",
                "no_join": "marked as attended but has no join time",
                "backwards": BACKWARDS,
                "neither": "row has neither registration nor attendance data",
                "first": self.first_line,
                "ink": f"[^{WHITESPACE}]",
            },
        )
        self.con.execute("drop view cells")
        self.con.execute("drop table if exists cells_0; drop table if exists cells_1")
        self._map("domains", "domain", _domains, source="f")
        both = "(select reg_name from f union all select seg_name from f)"
        self._map("names", "reg_name", _names, source=both)
        triples = self.con.execute(
            "select distinct org_type_raw, organization, domain from f where ok and is_reg"
        ).df()
        decided = [
            classify.stakeholder_of(a, o, d)
            for a, o, d in triples.itertuples(index=False, name=None)
        ]
        self._register(
            "m_class",
            triples.assign(
                stakeholder=[x.code for x in decided], stakeholder_rule=[x.rule for x in decided]
            ),
        )
        self._map("gender", "gender_raw", _gender, source="f")

    def _register(self, table: str, frame: pd.DataFrame) -> None:
        self.con.register("new_map", frame)
        try:
            sql = f"create or replace table {table} as select * from new_map"  # noqa: S608
            self.con.execute(sql)
        finally:
            self.con.unregister("new_map")

    # --- staged rows, rejects and counts ---------------------------------------------------
    def stage(self, staging, raw_lines) -> Part:
        """Registrations and segments to the staging folder as Parquet (the chunked read's
        columns), the rejects in the per-file path's order; raw_lines(lines) -> their text."""
        self.build_maps()
        self._flagged()
        con = self.con
        con.execute(_KEPT_SQL)
        paths = {t: str(staging.folder / f"{t}_999999.parquet") for t in ("regs", "segs")}
        kept = {}
        for table, columns in (("regs", _REG_COLUMNS), ("segs", _SEG_COLUMNS)):
            target = _quoted(paths[table])  # COPY takes no parameter: our own temp path
            sql = f"copy (select {columns} from kept_{table} where not dropped) to {target}"  # noqa: S608
            (kept[table],) = con.execute(sql).fetchone()
        parse = con.execute("select line, reason from f where not ok order by line").df()
        parse["raw"] = raw_lines(parse["line"].tolist())
        others = con.execute(_OTHER_REJECTS_SQL).df()
        rejects = pd.concat([parse[["line", "reason", "raw"]], others], ignore_index=True)
        names = ("lines", "no_join", "continuation", "rejected", "first")
        counts = dict(zip(names, con.execute(_COUNTS_SQL).fetchone(), strict=True))
        counts.update(kept)
        first = counts.pop("first")
        preview = {
            t: con.execute(
                "select * from read_parquet($p) order by line limit $n", {"p": p, "n": PREVIEW_ROWS}
            ).df()
            for t, p in paths.items()
        }
        first = None if first is None else pd.Timestamp(first)
        return Part(counts, rejects, preview["regs"], preview["segs"], first)


def _quoted(path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# The rows kept, with what pipeline._normalize drops (`dropped`): a segment whose times have
# no UTC or run backwards in UTC, and rows naming nobody (no e-mail, no name). Views: each is
# read once whole (by COPY), the rejects only where their filters hold.
_KEPT_SQL = """
    create or replace temp view kept_segs as
    select *, bad_time or coalesce(backwards, false) or nobody as dropped
    from (
        select line, email, seg_name as name, join_at, leave_at, is_guest, seg_country,
            minutes, join_utc, leave_utc, m_names.bot or m_domains.bot as is_bot, email_norm,
            m_names.norm as name_norm,
            join_utc is null or leave_utc is null as bad_time,
            leave_utc < join_utc as backwards,
            email_norm = '' and m_names.norm = '' as nobody
        from f join m_names on m_names.raw = f.seg_name
        join m_domains on m_domains.raw = f.domain
        where ok and is_seg
    );
    create or replace temp view kept_regs as
    select line, email, first_name, last_name, reg_name as name, registered_at, status,
        status_raw, country_raw, organization, org_type_raw, job_title, gender_raw, answers,
        registered_at_utc, m_names.bot or m_domains.bot as is_bot, m_class.stakeholder,
        m_class.stakeholder_rule, m_gender.gender, email_norm, m_names.norm as name_norm,
        email_norm = '' and m_names.norm = '' as dropped
    from f join m_names on m_names.raw = f.reg_name
    join m_domains on m_domains.raw = f.domain
    join m_class using (org_type_raw, organization, domain)
    join m_gender on m_gender.raw = f.gender_raw
    where ok and is_reg;
"""
_OTHER_REJECTS_SQL = """
    select line, reason, raw from (
        select 1 as k, line, 'join or leave time missing or unreadable' as reason, name as raw
        from kept_segs where bad_time
        union all
        select 2, line, 'leave time is before join time', name from kept_segs
        where not bad_time and backwards
        union all
        select 3, line, 'neither an e-mail nor a name', name from kept_regs where dropped
        union all
        select 4, line, 'neither an e-mail nor a name', name from kept_segs
        where not bad_time and not coalesce(backwards, false) and nobody
    )
    order by k, line
"""
_COUNTS_SQL = """
    select count(*), count(*) filter (no_join and is_reg),
        count(*) filter (ok and is_seg and not is_reg), count(*) filter (not ok),
        min(join_at) filter (ok and is_seg)
    from f
"""
_REG_COLUMNS = (
    "line, email, first_name, last_name, name, registered_at, status, status_raw, country_raw, "
    "organization, org_type_raw, job_title, gender_raw, answers, registered_at_utc, is_bot, "
    "stakeholder, stakeholder_rule, gender, email_norm, name_norm"
)
_SEG_COLUMNS = (
    "line, email, name, join_at, leave_at, 'attendee' as role, is_guest, "
    "seg_country as country_raw, minutes as minutes_reported, join_utc, leave_utc, is_bot, "
    "email_norm, name_norm"
)


def count_notes(counts: dict, title: str) -> list[str]:
    """The attendee section's counted notes, in zoom_webinar.parse's order."""
    notes = []
    if counts["no_join"]:
        notes.append(zw.no_join_note(counts["no_join"], title))
    if counts["continuation"]:
        notes.append(zw.continuation_note(counts["continuation"], title))
    if counts["rejected"]:
        notes.append(zw.rejected_note(counts["rejected"]))
    return notes
