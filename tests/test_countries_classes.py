"""Classes of names the country resolver reads from reference data (round 3): the aliases of
country-iso-search (romanised official names), the island parts of territories (ISO 3166-2),
colonial former names with one successor, form words in other languages, and typos beside a
city of the same country. Every string here is new: none is in the DEV or the used sets.
See data/countries/README.md."""

from __future__ import annotations

import json

import pytest

from engagement.countries import resolve
from engagement.countries.index import REFERENCE_CSV, read_csv_rows
from engagement.countries.normalize import prep, roman_key
from scripts.build_country_names import ISO_SEARCH_CSV, territory_parts, write_iso_search


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        # Romanised official names in the countries' own languages (country-iso-search).
        ("Kypriaki Dimokratia", "CYP"),  # Greek
        ("Jumhurii Tojikiston", "TJK"),  # Tajik
        ("Taehan Minguk", "KOR"),  # Korean
        ("Pyidaungzu Myanma Naingngandaw", "MMR"),  # Burmese
        ("Mongol Uls", "MNG"),  # Mongolian
        ("Lietuvos Respublika", "LTU"),
        # Its slips and its names of no one country give nothing, or the right country.
        ("Republic of the Congo", "COG"),  # the table gives it to the DRC
        ("La République", None),  # the table's bare form word for the CAR
        ("Grenadines", None),  # Grenada's and Saint Vincent's
        ("Garden City", None),  # a nickname of Singapore, and a place in many countries
        ("Chinese Republic", None),  # either China
        ("Scotland", "GBR"),  # unchanged: a nation of the United Kingdom
        ("Korea", None),  # the table's "korea" does not beat the ambiguous alias
    ],
)
def test_iso_search_names_resolve_and_guards_hold(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


def test_write_iso_search_keeps_known_long_unshared_names(tmp_path, monkeypatch) -> None:
    dump = [
        {"iso3": "ARM", "name": "Armenia", "aliases": ["🇦🇲", "hayastan", "am", "hh"]},
        {"iso3": "CAF", "name": "Central African Republic", "aliases": ["la republique"]},
        {"iso3": "COD", "name": "DR Congo", "aliases": ["congo x"]},
        {"iso3": "COG", "name": "Congo", "aliases": ["congo x"]},  # shared: dropped
        {"iso3": "ZZZ", "name": "Nowhere", "aliases": ["nowhere land"]},  # not in the table
    ]
    src = tmp_path / "cis.json"
    src.write_text(json.dumps(dump), encoding="utf-8")
    out = tmp_path / "iso_search_names.csv"
    monkeypatch.setattr("scripts.build_country_names.ISO_SEARCH_CSV", out)
    write_iso_search(src)
    rows = [(r["iso3"], r["name"]) for r in read_csv_rows(out)]
    assert rows == [
        ("ARM", "Armenia"),
        ("ARM", "hayastan"),
        ("CAF", "Central African Republic"),
        ("COD", "DR Congo"),
        ("COG", "Congo"),
    ]


def test_iso_search_file_is_of_known_countries_and_long_names() -> None:
    known = {row["iso3"] for row in read_csv_rows(REFERENCE_CSV)}
    rows = read_csv_rows(ISO_SEARCH_CSV)
    assert len(rows) > 1600
    assert {row["iso3"] for row in rows} <= known
    assert all(sum(ch.isalpha() for ch in row["name"]) > 3 for row in rows)


def test_territory_parts_are_islands_of_territories_only() -> None:
    parts = {name: iso3 for name, _, iso3, _ in territory_parts(read_csv_rows(REFERENCE_CSV))}
    assert parts["Howland Island"] == "UMI" and parts["Tristan da Cunha"] == "SHN"
    assert parts["Saba"] == "BES"
    assert set(parts.values()) == {"UMI", "SHN", "BES"}  # no commune, county or governorate


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Jarvis Island", "UMI"),
        ("Kingman Reef", "UMI"),
        ("Johnston Atoll", "UMI"),
        ("Sint Eustatius", "BES"),
        ("Vaduz", None),  # a commune of Liechtenstein is a city, no answer
        ("Jarvis Island, Kiribati", None),  # two countries
    ],
)
def test_island_parts_of_territories(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Netherlands Indies", "IDN"),
        ("Imperial State of Iran", "IRN"),
        ("German South-West Africa", "NAM"),
        ("Netherlands Guiana", "SUR"),
        ("Niederländisch-Indien", "IDN"),
        ("Indias Orientales Neerlandesas", "IDN"),
        ("Portugiesisch-Ostafrika", "MOZ"),
        ("África Ocidental Portuguesa", "AGO"),
        ("Zentralafrikanisches Kaiserreich", "CAF"),
        ("Congo Belga", "COD"),
        # Colonies that became several states: no answer.
        ("German East Africa", None),
        ("French West Africa", None),
        ("French Equatorial Africa", None),
        ("British East Africa", None),
    ],
)
def test_colonial_former_names_with_one_successor(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Mancomunidad de Jamaica", "JAM"),  # Spanish "commonwealth"
        ("Föderation Russland", "RUS"),  # German "federation"
        ("Sultanía de Brunéi", "BRN"),  # Spanish "sultanate"
        ("Mancomunidad", None),  # a form word alone
    ],
)
def test_form_words_in_other_languages(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3", "reason"),
    [
        # One edit from the country and from a city of the same country: the same answer.
        ("Tunisai", "TUN", "typo:Tunisia"),
        ("Tuniisa", "TUN", "typo:Tunisia"),
        ("Algeira", "DZA", "typo:Algeria"),
        # Still no answer when a city of another country is within the margin (Manama is
        # one dropped letter from "Myanama", as Myanmar is).
        ("Myanama", None, "unknown"),
    ],
)
def test_typo_beside_a_city_of_the_same_country(text: str, iso3: str | None, reason: str) -> None:
    result = resolve(text)
    assert (result.iso3, result.reason) == (iso3, reason)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        # Other romanisations of the romanised names of the sources (doubled letters, an h
        # after a consonant, articles written apart).
        ("Divehi Rajjeyge Jumhooriyyaa", "MDV"),
        ("Al Mamlaka al Maghribiyya", "MAR"),
        ("Jumhuriyat al Iraq", "IRQ"),
        ("Al-Jumhuriyya al-Libnaniyya", "LBN"),
        ("Jamhuuriyada Jabuuti", "DJI"),
        # A name of the index folded alike is no answer for another one.
        ("Islas Vírgenes", None),
        ("Mamlakat al Bahrain", None),  # "Bahrayn": a letter changed, no typo rule here
    ],
)
def test_other_romanisations(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


def test_roman_key_keeps_vowels_and_every_word() -> None:
    def key(text: str) -> str:
        return roman_key(prep(text))

    assert key("Al-Mamlakah al-Maġribiyah") == key("Al Mamlaka al Maghribiya") != ""
    assert key("Maldivská republika") != key("Moldavská republika")
    assert key("Islas Vírgenes de EE. UU.") != key("Islas Vírgenes")
    assert key("Maroc") == "" and key("Hayastan") == ""  # one word: no key


@pytest.mark.parametrize(
    ("text", "iso3", "reason"),
    [
        ("Philippine(s)", "PHL", ""),  # both readings name it
        ("Argentin(a)", "ARG", ""),  # only the reading with the ending names one
        ("Sudan(s)", None, "unknown"),  # "Sudans" names none: not South Sudan
        ("Island(s)", None, "unknown"),  # "Islands" names none: not Iceland
        ("Korea(rep)", "KOR", ""),  # an abbreviation in parentheses is a note
    ],
)
def test_optional_ending_in_parentheses(text: str, iso3: str | None, reason: str) -> None:
    result = resolve(text)
    assert (result.iso3, result.reason) == (iso3, reason)


def test_optional_ending_naming_two_countries_is_ambiguous() -> None:
    # The word names one country, the word with its ending another: no answer.
    result = resolve("Dominica(n)")
    assert (result.iso3, result.reason) == (None, "ambiguous")
    assert result.suggestion == "Dominica or Dominican Republic"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        # An acronym among other words stands for words with its initials.
        ("C.A. Republic", "CAF"),
        ("UA Emirates", "ARE"),
        ("UK of Great Britain and N. Ireland", "GBR"),
        ("British V.I.", "VGB"),
        ("U.S. V.I.", "VIR"),  # was the United States by the typo rule
        ("Kingdom of S.A.", None),  # Saudi Arabia or South Africa
        ("WI", None),  # alone, no expansion (a code of Wisconsin, no country's)
        ("Gt Britain", "GBR"),  # "Gt." is "Great"
        ("gt", "GTM"),  # a lone "gt" is still Guatemala's code
    ],
)
def test_acronyms_and_contractions(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Ireland, British Isles", "IRL"),
        ("Cuba, Greater Antilles", "CUB"),
        ("Antigua, Leeward Islands", "ATG"),
        ("British Isles", None),
        ("Low Countries", None),
    ],
)
def test_country_with_its_region(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        # "fmr." in a note is "formerly": the two names must agree.
        ("Sri Lanka (fmr. Ceylon)", "LKA"),
        ("Zimbabwe (fmr Rhodesia)", "ZWE"),
        ("Benin (fmr. Upper Volta)", None),  # Upper Volta is Burkina Faso
        ("Myanmar (formerly known as Burma)", "MMR"),
        # A leading "Fmr" is UN Comtrade's former, larger state: no answer.
        ("Fmr Ethiopia", None),
        ("Fmr. Sudan", None),
        # "side" as "part".
        ("Saint-Martin (Dutch side)", "SXM"),
        ("Saint Martin, French side", "MAF"),
        ("Saint Martin", None),
    ],
)
def test_notes_of_former_names_and_sides(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


def test_territory_names_that_iso_3166_2_also_lists_under_the_sovereign() -> None:
    # Åland is a region of Finland in ISO 3166-2 ("Landskapet Åland") and a territory of its
    # own in ISO 3166-1: its own name is kept; a place of another country is not
    # ("Portuguesa", a state of Venezuela, is no name of Portugal).
    rows = {(r["codes"], r["name"]) for r in _translations()}
    assert ("ALA", "Landskapet Åland") in rows
    assert not {name for codes, name in rows if codes == "PRT" and name == "Portuguesa"}
    assert resolve("Portuguesa").iso3 is None


def _translations() -> list[dict[str, str]]:
    from engagement.countries.index import TRANSLATIONS_TSV

    with TRANSLATIONS_TSV.open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"), strict=True)) for line in fh]
