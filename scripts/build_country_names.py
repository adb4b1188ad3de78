"""Regenerate the name data of the country resolver (engagement/countries.py).

    .venv/bin/python scripts/build_country_names.py          # data/countries/translations.tsv
    .venv/bin/python scripts/build_country_names.py --cldr   # data/countries/cldr_names.csv too

translations.tsv is made from pycountry's gettext catalogs, cldr_names.csv and the ambiguous
rows of data/country_aliases.csv. Rerun after upgrading pycountry, after editing those rows or
after changing the normalization; tests/test_countries.py fails while the file is stale.

cldr_names.csv holds the Unicode CLDR territory names (common short names in many languages:
"Russie", "Rusia", "Россия", "Corée du Sud") as shipped by the `babel` package. Only --cldr
needs babel (`pip install babel`); the project does not depend on it at run time.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engagement.countries import (  # noqa: E402
    CLDR_CSV,
    TRANSLATIONS_TSV,
    build_translation_rows,
)

# CLDR locales read (base language, or language_Script where the script changes the names).
CLDR_LOCALES = (
    "en", "en_GB", "ar", "zh", "zh_Hant", "zh_Hant_HK", "fr", "fr_CA", "ru", "es", "es_419",
    "es_MX", "pt", "pt_PT", "de", "de_CH", "it", "nl", "ja", "ko", "tr", "id", "pl", "sv",
    "da", "nb", "nn", "fi", "cs", "el", "he", "hi", "uk", "vi", "ro", "hu", "ca", "ms", "fa",
    "af", "am", "az", "be", "bg", "bn", "bs", "cy", "et", "eu", "fil", "ga", "gl", "gu", "ha",
    "hr", "hy", "ig", "is", "ka", "kk", "km", "kn", "ky", "lb", "ln", "lo", "lt", "lv", "mg",
    "mk", "ml", "mn", "mr", "mt", "my", "ne", "om", "pa", "ps", "rw", "si", "sk", "sl", "sn",
    "so", "sq", "sr", "sr_Latn", "sw", "ta", "te", "tg", "th", "ti", "tk", "ur", "uz", "wo",
    "xh", "yo", "zu", "ckb", "ku", "eo", "la",
)  # fmt: skip


def write_cldr() -> int:
    from babel import Locale, __version__
    from babel.core import UnknownLocaleError

    rows: dict[tuple[str, str, str], None] = {}
    for ident in CLDR_LOCALES:
        try:
            locale = Locale.parse(ident)
        except (UnknownLocaleError, ValueError):
            print(f"babel {__version__} has no locale {ident}; skipped", file=sys.stderr)
            continue
        for code, name in sorted(locale.territories.items()):
            rows[(ident, code, name)] = None
    with CLDR_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["locale", "code", "name"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} CLDR names (babel {__version__}) to {CLDR_CSV}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cldr", action="store_true", help="refresh cldr_names.csv (babel)")
    args = parser.parse_args()
    if args.cldr:
        write_cldr()
    rows = build_translation_rows()
    TRANSLATIONS_TSV.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows) - 1} names to {TRANSLATIONS_TSV}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
