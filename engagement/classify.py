"""Stakeholder type, gender and note-taker-bot classification, driven by the tables in data/.

Three rule tables hold every word the classifiers know, so an organizer can read (and extend)
them without touching code:

* ``data/stakeholder_rules.csv`` — ``rule_id, field, match, pattern, stakeholder, note``.
  ``field`` is ``answer`` (the form's "organization type"/sector answer), ``organization``
  or ``domain`` (the e-mail domain); ``match`` is ``exact``, ``contains``, ``word``,
  ``suffix`` (for domains: whole labels, so ``who.int`` matches ``afro.who.int`` but not
  ``nowho.int``) or ``regex``. Rows are tried top to bottom and the first that matches
  decides; the file keeps the three fields in that order, which is also their precedence.
  A blank ``stakeholder`` means "this value decides nothing" (personal mail providers).
* ``data/gender_terms.csv`` — ``term_id, term, gender, language, note``: whole answers.
* ``data/bot_patterns.csv`` — ``rule_id, kind, field, match, pattern, note``: note-taker
  bots by display name or e-mail domain.

Every text is compared after folding: Unicode compatibility forms, accents and case removed,
typographic quotes and dashes made plain, runs of blanks made one space. Literal patterns are
folded the same way when loaded; regex patterns are matched against the folded text, so they
are written in lower case without accents (the loader refuses upper-case letters in them).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from engagement.distinct import codes_of, map_ascii, map_distinct
from engagement.text import fold, strip_accents

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
STAKEHOLDER_RULES = DATA_DIR / "stakeholder_rules.csv"
GENDER_TERMS = DATA_DIR / "gender_terms.csv"
BOT_PATTERNS = DATA_DIR / "bot_patterns.csv"

# Display order. The non-State groups follow WHO's Framework of Engagement with Non-State
# Actors (FENSA): NGOs, private sector entities, philanthropic foundations, academic
# institutions.
STAKEHOLDER_TYPES: dict[str, str] = {
    "government": "Member State government",
    "intergovernmental": "UN and other intergovernmental organizations",
    "private_sector": "Private sector",
    "academia": "Academia and research",
    "ngo": "NGOs and civil society",
    "philanthropic": "Philanthropic foundations",
    "finance": "Finance and development banks",
    "media": "Media",
    "other": "Other",
    "unknown": "Unknown",
}

GENDER_LABELS: dict[str, str] = {
    "female": "Female",
    "male": "Male",
    "non_binary_or_other": "Non-binary or other",
    "prefer_not_to_say": "Prefer not to say",
    "unknown": "Unknown",
}

FIELDS = ("answer", "organization", "domain")  # precedence, highest first
_RULE_PREFIX = {"answer": "answer:", "organization": "org:", "domain": "domain:"}
MATCH_TYPES = ("exact", "contains", "word", "suffix", "regex")
NO_RULE = "none"  # the rule id of an answer no rule decided


class Classification(NamedTuple):
    """A code and the id of the rule that decided it ("none" when nothing did)."""

    code: str
    rule: str


# -- e-mail domains -------------------------------------------------------------------------
def email_domain(email: object) -> str:
    """The folded domain of an e-mail address ("" when there is none).

    A Teams guest UPN (``jane.doe_who.int#EXT#@tenant.onmicrosoft.com``) gives the guest's own
    domain, not the tenant's.
    """
    text = fold(email).strip("<>\"' ")
    local, at, domain = text.rpartition("@")
    if not at:
        return ""
    if "#ext#" in local:
        guest = local.split("#ext#", 1)[0]
        if "_" in guest:
            domain = guest.rsplit("_", 1)[1]
    return domain.strip(". ")


def email_domains(values: pd.Series) -> pd.Series:
    """email_domain of each value (same index), plain addresses in Arrow string kernels."""

    def plain(text: pd.Series) -> pd.Series:
        # fold of printable ASCII: "`" as "'", lower case, runs of spaces as one, trimmed
        text = text.str.replace("`", "'", regex=False).str.lower()
        text = text.str.replace(r" +", " ", regex=True).str.strip(" ").str.strip("<>\"' ")
        domain = text.str.replace(r"^.*@", "", regex=True).str.strip(". ")
        return domain.where(text.str.contains("@", regex=False), "")

    return map_ascii(values, plain, email_domain, python_if="#ext#")


# -- rule tables ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Rule:
    rule_id: str
    code: str  # "" = the value decides nothing
    test: Callable[[str], bool]


def _matcher(match: str, pattern: str, domain: bool) -> Callable[[str], bool]:
    if match == "regex":
        if re.search(r"[A-Z]", re.sub(r"\\.", "", pattern)):
            raise ValueError("regex patterns must be lower case (they see folded text)")
        rx = re.compile(strip_accents(pattern))
        return lambda s: rx.search(s) is not None
    p = fold(pattern)
    if not p:
        raise ValueError("empty pattern")
    if match == "exact":
        return lambda s: s == p
    if match == "contains":
        return lambda s: p in s
    if match == "word":
        rx = re.compile(rf"(?<!\w){re.escape(p)}(?!\w)")
        return lambda s: p in s and rx.search(s) is not None  # the cheap test first
    if match == "suffix":
        if domain:
            return lambda s: s == p or s.endswith("." + p)
        rx = re.compile(rf"(?<!\w){re.escape(p)}$")
        return lambda s: s.endswith(p) and rx.search(s) is not None
    raise ValueError(f"unknown match type {match!r} (use one of {', '.join(MATCH_TYPES)})")


def _read_table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a UTF-8 CSV that must carry `columns`."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
        return [(reader.line_num, {k: (r.get(k) or "").strip() for k in columns}) for r in reader]


def load_stakeholder_rules(path: Path = STAKEHOLDER_RULES) -> dict[str, tuple[_Rule, ...]]:
    """The rules of `path` per field, in file order; ValueError naming the line when bad."""
    rules: dict[str, list[_Rule]] = {f: [] for f in FIELDS}
    seen: set[str] = set()
    last_field = 0
    columns = ("rule_id", "field", "match", "pattern", "stakeholder")
    for line, row in _read_table(path, columns):
        try:
            field, rule_id, code = row["field"], row["rule_id"], row["stakeholder"]
            if field not in FIELDS:
                raise ValueError(f"unknown field {field!r} (use one of {', '.join(FIELDS)})")
            if FIELDS.index(field) < last_field:
                raise ValueError(f"{field} rules must come before {FIELDS[last_field]} rules")
            last_field = FIELDS.index(field)
            if not rule_id.startswith(_RULE_PREFIX[field]):
                raise ValueError(f"rule id {rule_id!r} must start with {_RULE_PREFIX[field]!r}")
            if rule_id in seen:
                raise ValueError(f"duplicate rule id {rule_id!r}")
            seen.add(rule_id)
            if code and (code not in STAKEHOLDER_TYPES or code == "unknown"):
                raise ValueError(f"unknown stakeholder code {code!r}")
            test = _matcher(row["match"], row["pattern"], domain=field == "domain")
        except (ValueError, re.error) as exc:
            raise ValueError(f"{path.name} line {line}: {exc}") from None
        rules[field].append(_Rule(rule_id, code, test))
    return {f: tuple(r) for f, r in rules.items()}


@cache
def _stakeholder_rules() -> dict[str, tuple[_Rule, ...]]:
    return load_stakeholder_rules()


@lru_cache(maxsize=1 << 16)
def _decide(field: str, value: str) -> Classification | None:
    """The first rule of `field` that matches the folded `value`, or None."""
    if not value:
        return None
    for rule in _stakeholder_rules()[field]:
        if rule.test(value):
            return Classification(rule.code, rule.rule_id) if rule.code else None
    return None


# -- stakeholder type -----------------------------------------------------------------------
def classify_stakeholder(org_type_raw: str, organization: str, email: str) -> Classification:
    """The stakeholder type of one registrant, and the rule that decided it.

    Precedence: the registrant's own "organization type"/sector answer (any wording, en, fr,
    es, pt, ru, ar), then the organization name, then the e-mail domain. Personal mail
    providers decide nothing. When nothing decides, ``Classification("unknown", "none")``:
    unknown is an honest answer and is shown as such.

    An answer of "Other" (or "Other (please specify)", "Individual", "Retired") is a fallback,
    not a claim: it often means the form offered no fitting box (a World Bank officer on a
    form without a finance option), so the organization name and then the domain are tried
    first, and "other" (with the answer's rule) is kept only when neither decides. An "Other:
    NGO" answer that names a group is read as that group. An organization name that describes
    a person rather than an organization ("Independent consultant", "Self-employed", "Retired")
    gives "other" too; consulting firms are private sector.
    """
    return _stakeholder_of(fold(org_type_raw), fold(organization), email_domain(email))


def _stakeholder_of(answer_text: str, organization: str, domain: str) -> Classification:
    """classify_stakeholder on the folded answer and organization and the e-mail's domain."""
    answer = _decide("answer", answer_text)
    if answer is not None and answer.code != "other":
        return answer
    for field, value in (("organization", organization), ("domain", domain)):
        found = _decide(field, value)
        if found is not None:
            return found
    return answer or Classification("unknown", NO_RULE)


# Answers and names repeat across the chunks of a large file (ingest.stream), each read
# apart: each distinct value is decided once per process, not once per chunk.
_fold = lru_cache(maxsize=1 << 16)(fold)


def stakeholder_of(org_type_raw: str, organization: str, domain: str) -> Classification:
    """What classify_many decides for one (answer, organization, e-mail domain) triple."""
    return _stakeholder_of(_fold(org_type_raw), _fold(organization), domain)


def classify_many(df: pd.DataFrame) -> pd.DataFrame:
    """`stakeholder` and `stakeholder_rule` for each row of `df` (same index).

    Reads the columns ``org_type_raw``, ``organization`` and ``email`` (a missing column or
    value counts as empty). Each distinct (answer, organization, e-mail) is classified once.
    """

    def column(name: str, func: Callable[[str], str]) -> tuple[np.ndarray, list]:
        # Each distinct value folded once, then each distinct folded triple decided once.
        if name not in df.columns:
            return np.zeros(len(df), dtype=np.intp), [func("")]
        return codes_of(map_distinct(df[name], lambda v: func("" if pd.isna(v) else str(v))))

    parts = [column(n, f) for n, f in (("org_type_raw", _fold), ("organization", _fold))]
    if "email" in df.columns:
        parts.append(codes_of(email_domains(df["email"].fillna(""))))
    else:
        parts.append(column("email", email_domain))
    frame = pd.DataFrame({str(i): codes for i, (codes, _) in enumerate(parts)})
    triples, first = np.unique(frame.to_numpy(), axis=0, return_inverse=True)
    decided = [
        _stakeholder_of(*(values[c] for c, (_, values) in zip(row, parts, strict=True)))
        for row in triples
    ]
    codes = np.array([d.code for d in decided], dtype=object)
    rules = np.array([d.rule for d in decided], dtype=object)
    first = first.reshape(-1)
    return pd.DataFrame(
        {
            "stakeholder": pd.Series(codes[first], index=df.index, dtype="str"),
            "stakeholder_rule": pd.Series(rules[first], index=df.index, dtype="str"),
        }
    )


# -- gender ---------------------------------------------------------------------------------
@cache
def _gender_terms() -> dict[str, Classification]:
    terms: dict[str, Classification] = {}
    ids: set[str] = set()
    for line, row in _read_table(GENDER_TERMS, ("term_id", "term", "gender")):
        term, code, term_id = fold(row["term"]), row["gender"], row["term_id"]
        problem = None
        if not term:
            problem = "empty term"
        elif code not in GENDER_LABELS:
            problem = f"unknown gender code {code!r}"
        elif not term_id or term_id in ids:
            problem = f"missing or duplicate term id {term_id!r}"
        elif term in terms:
            problem = f"term {row['term']!r} is already listed"
        if problem:
            raise ValueError(f"{GENDER_TERMS.name} line {line}: {problem}")
        ids.add(term_id)
        terms[term] = Classification(code, term_id)
    return terms


_GENDER_TRIM = " -_.?!*\"'"
_GENDER_PARTS = re.compile(r"[/|;,()\[\]]|\s-\s")


@lru_cache(maxsize=4096)
def classify_gender(raw: object) -> Classification:
    """The gender code of a form answer and the term that decided it.

    A whole answer is looked up in ``data/gender_terms.csv``. Failing that, a composite answer
    ("Femme / Female", "Woman (she/her)") is split at slashes, brackets and commas and decided
    when every part that is a known term agrees. Blank answers give rule "empty", answers no
    term explains give rule "none"; both are ``unknown``.
    """
    text = fold(raw).strip(_GENDER_TRIM)
    if not text:
        return Classification("unknown", "empty")
    terms = _gender_terms()
    if text in terms:
        return terms[text]
    parts = (p.strip(_GENDER_TRIM) for p in _GENDER_PARTS.split(text))
    known = [terms[p] for p in parts if p in terms and terms[p].code != "unknown"]
    if known and all(k.code == known[0].code for k in known):
        return known[0]
    return Classification("unknown", NO_RULE)


def normalize_gender(raw: object) -> str:
    """One of GENDER_LABELS' codes for a form's gender answer."""
    return classify_gender(raw).code


# -- note-taker bots ------------------------------------------------------------------------
@dataclass(frozen=True)
class _BotRules:
    bots: tuple[_Rule, ...]  # a name match decides alone
    vendors: tuple[_Rule, ...]  # a vendor name that is also a word/name: needs a context word
    contexts: tuple[_Rule, ...]
    domains: tuple[_Rule, ...]


_BOT_KINDS = {("bot", "name"), ("vendor", "name"), ("context", "name"), ("bot", "domain")}


@cache
def _bot_rules() -> _BotRules:
    groups: dict[str, list[_Rule]] = {"bot": [], "vendor": [], "context": [], "domain": []}
    seen: set[str] = set()
    for line, row in _read_table(BOT_PATTERNS, ("rule_id", "kind", "field", "match", "pattern")):
        try:
            kind, field, rule_id = row["kind"], row["field"], row["rule_id"]
            if (kind, field) not in _BOT_KINDS:
                raise ValueError(f"unknown kind/field {kind}/{field}")
            if not rule_id or rule_id in seen:
                raise ValueError(f"missing or duplicate rule id {rule_id!r}")
            seen.add(rule_id)
            test = _matcher(row["match"], row["pattern"], domain=field == "domain")
        except (ValueError, re.error) as exc:
            raise ValueError(f"{BOT_PATTERNS.name} line {line}: {exc}") from None
        groups["domain" if field == "domain" else kind].append(_Rule(rule_id, "bot", test))
    return _BotRules(*(tuple(groups[k]) for k in ("bot", "vendor", "context", "domain")))


@lru_cache(maxsize=1 << 16)
def bot_rule(name: object, email: object) -> str:
    """The id of the pattern that marks (name, e-mail) as a note-taker bot, "" for a person.

    Bots often join with the registrant's own link, so their e-mail is the person's; the
    display name ("Ana's Notetaker (Otter.ai)") is what gives them away. Vendor names that
    are also words or surnames (Grain, Fathom, Otter, Jamie) count only beside a context word
    ("notetaker", "bot", "assistant", "recorder", "AI", ".ai"). A vendor's own e-mail domain
    (fred@fireflies.ai) decides alone.
    """
    return bot_name_rule(name) or bot_domain_rule(email_domain(email))


@lru_cache(maxsize=1 << 16)
def bot_name_rule(name: object) -> str:
    """The bot pattern the display name alone matches, "" when none (the name half of
    bot_rule, so that a large file decides each distinct name once)."""
    rules = _bot_rules()
    text = fold(name)
    if text:
        for rule in rules.bots:
            if rule.test(text):
                return rule.rule_id
        vendor = next((r for r in rules.vendors if r.test(text)), None)
        if vendor is not None and any(c.test(text) for c in rules.contexts):
            return vendor.rule_id
    return ""


def bot_domain_rule(domain: str) -> str:
    """The bot pattern an e-mail domain (as email_domain gives it) matches, "" when none."""
    if domain:
        for rule in _bot_rules().domains:
            if rule.test(domain):
                return rule.rule_id
    return ""


def is_bot(name: object, email: object) -> bool:
    """True for a meeting note-taker bot (Otter.ai, Fireflies, Read.ai, tl;dv, ...)."""
    return bool(bot_rule(name, email))
