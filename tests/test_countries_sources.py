"""The name data of mledoze/countries and the former names in other languages
(data/countries/mledoze_names.csv, former_names.csv; see data/countries/README.md)."""

from __future__ import annotations

import json

import pytest

from engagement.countries import resolve
from engagement.countries.index import REFERENCE_CSV, read_csv_rows
from scripts.build_country_names import FORMER_CSV, MLEDOZE_CSV, mledoze_rows


def _entry(cca3: str, common: str, official: str, **extra) -> dict:
    return {
        "cca3": cca3,
        "name": {"common": common, "official": official, "native": extra.get("native", {})},
        "translations": extra.get("translations", {}),
        "altSpellings": extra.get("alt", []),
    }


def test_mledoze_rows_map_kosovo_and_drop_short_and_shared_names(tmp_path) -> None:
    data = [
        _entry(
            "UNK",
            "Kosovo",
            "Republic of Kosovo",
            alt=["XK", "Dardania"],
            native={"sqi": {"common": "Kosova", "official": "Republika e Kosovës"}},
        ),
        _entry("STP", "São Tomé and Príncipe", "Democratic Republic of São Tomé", alt=["ST"]),
        _entry(
            "GUF",
            "French Guiana",
            "Guiana",
            translations={"ara": {"common": "غويانا", "official": "غويانا الفرنسية"}},
        ),
        _entry(
            "GUY",
            "Guyana",
            "Co-operative Republic of Guyana",
            native={"eng": {"common": "Guyana", "official": "Guiana"}},
        ),  # fmt: skip
        _entry("ZZZ", "Nowhere", "Republic of Nowhere"),
    ]
    path = tmp_path / "countries.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    known = {"XKX", "STP", "GUF", "GUY"}
    rows = mledoze_rows(path, known)
    names = {(iso3, name) for _, _, iso3, name in rows}
    assert ("XKX", "Republika e Kosovës") in names  # UNK is our XKX
    assert ("XKX", "XK") not in names and ("STP", "ST") not in names  # 3 letters or fewer
    assert not any(name == "Guiana" for _, name in names)  # given to two countries
    assert not any(iso3 == "ZZZ" for iso3, _ in names)  # not in the reference table
    assert ("GUF", "غويانا الفرنسية") in names
    assert {source for source, *_ in rows} == {
        "name.common", "name.official", "native.common", "native.official",
        "translations.common", "translations.official", "altSpellings",
    }  # fmt: skip


def test_mledoze_names_file_is_of_known_countries_and_long_names() -> None:
    known = {row["iso3"] for row in read_csv_rows(REFERENCE_CSV)}
    rows = read_csv_rows(MLEDOZE_CSV)
    assert len(rows) > 13000
    assert {row["iso3"] for row in rows} <= known
    assert all(sum(ch.isalpha() for ch in row["name"]) > 3 for row in rows)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Российская Федерация", "RUS"),  # own language, Cyrillic
        ("Кыргызская Республика", "KGZ"),
        ("Aolepān Aorōkin Ṃajeḷ", "MHL"),  # Marshallese
        ("Poblacht na hÉireann", "IRL"),
        ("الولايات المتحدة الأمريكية", "USA"),  # Arabic official
        ("مملكة تايلند", "THA"),
        ("غويانا", None),  # Guyana in pycountry, French Guiana in mledoze: ambiguous
        ("Islas Vírgenes", None),  # all its words are in a name of the US Virgin Islands
        ("Saint", None),  # "ST", a code of São Tomé, is no name
        ("Congo", None),
        ("Kongo", None),
        ("République algérienne", "DZA"),  # a French demonym of mledoze as the name
        ("Algérienne", "DZA"),  # as "Algerian" of the alias file
        ("Française", None),  # as "French", a language: no demonym alias, no French forms
        ("Chinoise", None),
        # One source alone against mledoze: pycountry's Arabic Moldova is "the Maldives".
        ("المالديف", None),
        ("مولدوفا", "MDA"),
        ("جزر المالديف", "MDV"),
        ("الكونغو", None),  # ambiguous in pycountry, one Congo in mledoze: still no answer
    ],
)
def test_mledoze_names_resolve_and_guards_hold(text: str, iso3: str | None) -> None:
    assert resolve(text).iso3 == iso3


def test_former_names_in_other_languages_name_their_successor_only() -> None:
    known = {row["iso3"] for row in read_csv_rows(REFERENCE_CSV)}
    rows = read_csv_rows(FORMER_CSV)
    assert all(row["iso3"] in known and row["source"] and row["english"] for row in rows)
    got = {row["name"]: resolve(row["name"]).iso3 for row in rows}
    assert [row["name"] for row in rows if got[row["name"]] not in (row["iso3"], None)] == []
    # The list only translates English former names of that country ("Gold Coast" alone is
    # also a city of Australia: no answer, but never another country).
    english = {r["english"]: (resolve(r["english"]).iso3, r["iso3"]) for r in rows}
    assert [name for name, (got_, want) in english.items() if got_ not in (want, None)] == []
    assert sum(got[row["name"]] == row["iso3"] for row in rows) >= len(rows) - 2
    assert got["Soudan français"] == "MLI" and got["Goldküste"] == "GHA"
    assert got["Côte française des Somalis"] == "DJI" and got["Ceylan"] == "LKA"
