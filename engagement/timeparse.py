"""Vendor timestamp and duration text -> pandas values, one format decided per column.

Date/time rule (parse_datetimes)
--------------------------------
Every non-missing value of a column is first normalized (Excel ``="..."`` wrapping removed, NBSP
and NARROW NBSP become spaces, localized AM/PM words such as pt-BR "da manhã"/"da tarde"/"da noite",
es "p. m.", ko 오전/오후, ja 午前/午後 become AM/PM and move behind the time, French "à" and similar
connectors dropped, pt/es/fr/de month names become English abbreviations, Korean "2024. 4. 23."
and "4월" forms become numeric/English, commas dropped). Then ONE *date order* is chosen for the
whole column:

* Strict ISO values (``2024-05-02 09:15:30.123456+00:00``) are read with pandas' ISO8601 parser;
  when every value carries a UTC offset the result is tz-aware UTC, otherwise naive.
* Otherwise each candidate date order (``%b %d %Y``, ``%d %b %Y``, ``%m/%d/%Y``, ``%d/%m/%Y``,
  ``%m/%d/%y``, ``%d/%m/%y``, ``%Y/%m/%d`` for the separators ``/ . -``) is tried with every time
  layout (24-hour with/without seconds, 12-hour AM/PM with/without seconds, fractional seconds,
  date only) over the unique values, vectorized with
  ``pd.to_datetime(format=..., errors="coerce")``.
  The date order that parses the MOST values wins, so a single "24/05/2021" settles the whole file
  as day-first. When several orders parse the same number (every day <= 12), the tie goes to
  month-first if the column uses AM/PM (US "M/D/YYYY, h:mm:ss AM", Zoom "MM/DD/YYYY hh:mm:ss AM")
  and to day-first for 24-hour values ("dd/mm/yyyy HH:MM", Teams fr/de/pt-BR/BE). Within the
  chosen date order the time layout may vary per value (some exports drop seconds).
* A non-empty value that does not parse with the chosen order becomes NaT; callers reject its row.

Korean "2024. 4. 23. 오후 3:15:00" is supported through the normalization above; other scripts
(e.g. Chinese/Japanese era years) are not.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# Cell text that means "no value" (case-insensitive, after trimming). Zoom writes "--" for
# non-attendees and the 2020 anonymized file "NA"; Teams titles say "null".
MISSING_TOKENS = frozenset({"", "--", "-", "na", "n/a", "null", "none", "nan", "nat"})

_MONTHS = {
    "Jan": "jan january janv janvier janeiro ene enero januar jän jänner",
    "Feb": "feb february fev fevereiro févr fevr février fevrier febrero februar",
    "Mar": "mar march março marco mars marzo märz mär mrz",
    "Apr": "apr april abr abril avr avril",
    "May": "may mai maio mayo",
    "Jun": "jun june junho juin junio juni",
    "Jul": "jul july julho juil juillet julio juli",
    "Aug": "aug august ago agosto août aout",
    "Sep": "sep sept september set setembro septembre septiembre setiembre",
    "Oct": "oct october out outubro octobre octubre okt oktober",
    "Nov": "nov november novembro novembre noviembre",
    "Dec": "dec december dez dezembro déc décembre diciembre dic dezember",
}
MONTH_WORDS = {w: abbr for abbr, words in _MONTHS.items() for w in words.split()}
_MONTH_ABBRS = list(_MONTHS)

_AM_RE = re.compile(
    r"\s*(?:\bda\s+manh[ãa]\b|\bda\s+madrugada\b|\bde\s+la\s+mañana\b|\ba\.\s?m\.|"
    r"(?<![A-Za-z])am(?![A-Za-z])|오전|午前|上午)",
    re.IGNORECASE,
)
_PM_RE = re.compile(
    r"\s*(?:\bda\s+(?:tarde|noite)\b|\bde\s+la\s+(?:tarde|noche)\b|\bp\.\s?m\.|"
    r"(?<![A-Za-z])pm(?![A-Za-z])|오후|午後|下午)",
    re.IGNORECASE,
)
_CONNECTOR_RE = re.compile(r"(?<!\S)(?:à|às|a\s+las|at|um|de|del|el)(?!\S)", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+\.?")
_KO_MONTH_RE = re.compile(r"(\d{1,2})\s*월")
_CJK_YMD_RE = re.compile(r"(\d{4})\s*[년年]\s*(\d{1,2})\s*[월月]\s*(\d{1,2})\s*[일日]")
_DOTTED_YMD_RE = re.compile(r"^(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?(?=\s|$)")
_ISO_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
_OFFSET_RE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_AMPM_TAIL_RE = re.compile(r" (?:AM|PM)$")

_TIME_LAYOUTS = (
    "%H:%M:%S",
    "%I:%M:%S %p",
    "%H:%M",
    "%I:%M %p",
    "%H:%M:%S.%f",
    "",
)


def _date_orders(ampm: bool) -> list[tuple[str, str]]:
    """(key, strptime date part) in tie-break preference order."""
    named = [("bdY", "%b %d %Y"), ("dbY", "%d %b %Y")]
    numeric: list[tuple[str, str]] = []
    for sep in ("/", ".", "-"):
        us = [(f"mdY{sep}", f"%m{sep}%d{sep}%Y"), (f"mdy{sep}", f"%m{sep}%d{sep}%y")]
        eu = [(f"dmY{sep}", f"%d{sep}%m{sep}%Y"), (f"dmy{sep}", f"%d{sep}%m{sep}%y")]
        numeric += [(f"Ymd{sep}", f"%Y{sep}%m{sep}%d")]
        # The documented tie rule: AM/PM columns are US month-first, 24-hour ones day-first.
        numeric += us + eu if ampm else eu + us
    return named + numeric


def _missing_mask(text: pd.Series) -> pd.Series:
    return text.str.strip().str.lower().isin(MISSING_TOKENS)


def _month_sub(match: re.Match) -> str:
    word = match.group(0)
    return MONTH_WORDS.get(word.rstrip(".").lower(), word)


def normalize_datetime_text(values: pd.Series) -> pd.Series:
    """The normalization described in the module docstring (exposed for tests and callers)."""
    s = values.astype(str).str.strip()
    s = s.str.replace(r'^="(.*)"$', r"\1", regex=True)  # Excel formula wrapping (Webex)
    s = s.str.replace(r'^"(.*)"$', r"\1", regex=True)
    s = s.str.replace(r"[\u00a0\u202f\u2007\u2009]", " ", regex=True)
    am = s.str.contains(_AM_RE)
    pm = s.str.contains(_PM_RE)
    s = s.str.replace(_AM_RE, " ", regex=True).str.replace(_PM_RE, " ", regex=True)
    s = s.str.replace(_CJK_YMD_RE, r"\1-\2-\3", regex=True)
    s = s.str.replace(
        _KO_MONTH_RE,
        lambda m: _MONTH_ABBRS[int(m.group(1)) - 1] if 1 <= int(m.group(1)) <= 12 else m.group(0),
        regex=True,
    )
    s = s.str.strip().str.replace(_DOTTED_YMD_RE, r"\1-\2-\3", regex=True)
    s = s.str.replace(_CONNECTOR_RE, " ", regex=True)
    s = s.str.replace(_WORD_RE, _month_sub, regex=True)
    s = s.str.replace(",", " ", regex=False)
    s = s.str.replace(r"\s+", " ", regex=True).str.strip()
    s = s.where(~am, s + " AM").where(~pm | am, s + " PM")
    return s


def parse_datetimes(values: pd.Series) -> pd.Series:
    """Parse a column of vendor timestamps; see the module docstring for the format rule.

    Returns datetime64[ns] (naive) or datetime64[ns, UTC] when every value carries an offset,
    with the input's index and name. Missing tokens and unparseable values become NaT.
    """
    values = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype(_ns_dtype(values.dtype))
    raw = values.astype(object).where(values.notna(), "").astype(str)
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]", name=values.name)
    present = ~_missing_mask(raw)
    if not present.any():
        return out
    uniq_raw = pd.Series(pd.unique(raw[present]))
    cleaned = normalize_datetime_text(uniq_raw)
    parsed_clean = _parse_unique(pd.Series(pd.unique(cleaned)))
    parsed_uniq = pd.Series(
        parsed_clean.reindex(cleaned.to_numpy()).to_numpy(), index=uniq_raw.to_numpy()
    )
    mapped = parsed_uniq.reindex(raw[present].to_numpy()).to_numpy()
    if isinstance(parsed_clean.dtype, pd.DatetimeTZDtype):
        out = out.dt.tz_localize("UTC")
    out[present] = mapped
    return out


def _ns_dtype(dtype) -> str:
    return "datetime64[ns, UTC]" if isinstance(dtype, pd.DatetimeTZDtype) else "datetime64[ns]"


def _parse_unique(uniq: pd.Series) -> pd.Series:
    """Series indexed by the (normalized, unique) text -> Timestamp/NaT."""
    uniq = uniq[uniq != ""]
    index = pd.Index(uniq.to_numpy())
    if len(uniq) and uniq.str.match(_ISO_RE).all():
        has_offset = uniq.str.contains(_OFFSET_RE)
        if has_offset.all():
            parsed = pd.to_datetime(uniq, format="ISO8601", errors="coerce", utc=True)
            return pd.Series(parsed.astype("datetime64[ns, UTC]").to_numpy(), index=index)
        parsed = pd.Series(pd.NaT, index=uniq.index, dtype="datetime64[ns]")
        if has_offset.any():
            aware = pd.to_datetime(uniq[has_offset], format="ISO8601", errors="coerce", utc=True)
            parsed[has_offset] = aware.dt.tz_convert("UTC").dt.tz_localize(None)
        naive = pd.to_datetime(uniq[~has_offset], format="ISO8601", errors="coerce")
        parsed[~has_offset] = naive
        return pd.Series(parsed.astype("datetime64[ns]").to_numpy(), index=index)

    ampm = bool(uniq.str.contains(_AMPM_TAIL_RE).any())
    best_key, best_hits, best_count = None, [], 0
    for key, date_fmt in _date_orders(ampm):
        if not _shape_possible(uniq, key):
            continue
        hits = []
        union = np.zeros(len(uniq), dtype=bool)
        for layout in _TIME_LAYOUTS:
            fmt = f"{date_fmt} {layout}".strip()
            parsed = pd.to_datetime(uniq, format=fmt, errors="coerce")
            ok = parsed.notna().to_numpy()
            if ok.any():
                hits.append((int(ok.sum()), parsed, ok))
                union |= ok
        count = int(union.sum())
        if count > best_count:  # strict: earlier (preferred) orders win ties
            best_key, best_hits, best_count = key, hits, count
    result = pd.Series(pd.NaT, index=uniq.index, dtype="datetime64[ns]")
    if best_key is None:
        return pd.Series(result.to_numpy(), index=index)
    filled = np.zeros(len(uniq), dtype=bool)
    for _, parsed, ok in sorted(best_hits, key=lambda h: -h[0]):
        take = ok & ~filled
        result[take] = parsed[take].astype("datetime64[ns]")
        filled |= take
    return pd.Series(result.to_numpy(), index=index)


def _shape_possible(uniq: pd.Series, key: str) -> bool:
    """Cheap pre-filter so only plausible date orders are tried (keeps the loop short)."""
    head = uniq.head(50)
    if key == "bdY":
        pattern = r"^[A-Z][a-z]{2} \d"
    elif key == "dbY":
        pattern = r"^\d{1,2} [A-Z][a-z]{2} "
    else:
        sep = re.escape(key[-1])
        pattern = rf"^\d{{1,4}}{sep}\d{{1,2}}{sep}\d"
    return bool(head.str.match(pattern).any())


_DURATION_UNITS = {
    60.0: "h hr hrs hour hours godz godzina godziny godzin std stunde stunden heure heures "
    "hora horas",
    1.0: "m min mins minute minutes minuta minuty minut minuto minutos minuten",
    1 / 60: "s sec secs second seconds sek sekunda sekundy sekund seg segundo segundos "
    "seconde secondes sekunden",
}
DURATION_UNIT_MINUTES = {w: f for f, words in _DURATION_UNITS.items() for w in words.split()}
_PAIR_RE = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>[^\W\d_]+)\.?")
_PAIRS_FULL_RE = re.compile(r"^(?:\d+(?:[.,]\d+)?\s*[^\W\d_]+\.?\s*)+$")
_CLOCK_RE = re.compile(r"^(?P<h>\d+):(?P<m>\d{2}):(?P<s>\d{2})$")


def parse_durations(values) -> pd.Series:
    """Duration text -> float minutes (NaN when missing or unreadable).

    Plain numbers are minutes (Zoom "209", " 548"); unit pairs "1h 54m", "6m 15s", "22s",
    "2\\u00a0h 44\\u00a0m", Polish "1 godz. 5 min 3 sek." and similar; clock "01:54:03" (h:mm:ss).
    """
    values = pd.Series(values)
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    text = values.astype(object).where(values.notna(), "").astype(str)
    text = text.str.replace(r"[\u00a0\u202f\u2009]", " ", regex=True).str.strip()
    out = pd.Series(np.nan, index=values.index, dtype=float, name=values.name)
    missing = text.str.lower().isin(MISSING_TOKENS)
    numeric = pd.to_numeric(text.str.replace(",", ".", regex=False).where(~missing), "coerce")
    out[numeric.notna()] = numeric[numeric.notna()]
    rest = text[numeric.isna() & ~missing]
    if rest.empty:
        return out
    clock = rest.str.extract(_CLOCK_RE)
    is_clock = clock["h"].notna()
    if is_clock.any():
        c = clock[is_clock].astype(float)
        out[c.index] = c["h"] * 60 + c["m"] + c["s"] / 60
    pairs_text = rest[~is_clock & rest.str.lower().str.match(_PAIRS_FULL_RE)]
    if pairs_text.empty:
        return out
    pairs = pairs_text.str.lower().str.extractall(_PAIR_RE)
    factor = pairs["unit"].map(DURATION_UNIT_MINUTES)
    minutes = pairs["num"].str.replace(",", ".", regex=False).astype(float) * factor
    # A value with any unknown unit is unreadable as a whole (NaN), not partly summed.
    total = minutes.groupby(level=0).sum(min_count=1)
    unknown = factor.isna().groupby(level=0).any()
    total[unknown.reindex(total.index, fill_value=False)] = np.nan
    out[total.index] = total
    return out
