"""Vocabulary of the resolver: reasons, long-form words, codes that are words, sovereigns."""

from __future__ import annotations

import re

# Reasons an answer names no single country, as the caller sees them.
REASONS = ("empty", "ambiguous", "region", "city", "not a country", "unknown")

# ISO codes that are far more often something else in a country field: "NA" is "not
# available" (it is also the project's missing-value token), "SA" is written for both Saudi
# Arabia (its ISO code) and South Africa.
DISTRUSTED_CODES = frozenset({"NA", "SA"})

# Leading words of formal long forms ("Republic of Guinea", "Kingdom of Spain") and of notes
# ("formerly Swaziland"); stripped only when the remainder names a country on its own.
PREFIX_WORDS = frozenset(
    "republic kingdom state commonwealth fed federation principality grand duchy sultanate "
    "islamic socialist independent union government country nation emirate confederation "
    "plurinational bolivarian hashemite cooperative constitutional territory overseas "
    "collectivity department province arab formerly former previously ex aka now currently "
    "also known called as dominion protectorate colony sar region khedivate".split()
)  # not "democratic" nor "peoples": they tell the two Congos and the two Koreas apart

# Words of the long forms of former regimes ("People's Republic of Benin", "Polish People's
# Republic", "Somali Democratic Republic"), stripped in a second pass only, after every
# reading that keeps them: "Democratic Republic of the Congo" and "Lao People's Democratic
# Republic" are names as written. What remains must be a name or a demonym of one country
# ("Congolese" stays ambiguous); the halves of split states ("Democratic Republic of
# Vietnam", "German Democratic Republic") are non-countries matched before.
# Also "of" in Swahili, Maltese, Sesotho, Samoan ("Jamhuri ya Kenya", "Repubblika ta' Malta",
# "Muso oa Lesotho"), an elided French/Creole "d"/"l", the Persian ezafe ("Jomhuri-ye
# Eslami-ye Iran"), Thai "ratcha" and Tongan "fakatu'i" (royal), Samoan "sa'oloto" (free),
# Yoruba "orílẹ̀-èdè" (country), only here: as stop words they would split "Ken ya".
REGIME_WORDS = frozenset(
    "peoples democratic socialist republic islamic ya ta oa o ye d l ratcha fakatui saoloto "
    "orile ede".split()
)

# Trailing words stripped the same way ("Tanzania Republic", "Reunion Island", Mongolian
# "Монгол Улс": "Mongol State"). Not "state": "Niger State" is in Nigeria.
SUFFIX_WORDS = frozenset(
    {"republic", "islands", "island", "улс", "protectorate", "colony", "sar", "kingdom",
     "territory"}  # "Tanganyika Territory"; a people's territory is not its country
)  # fmt: skip

# ISO codes and abbreviations (aliases "US", "CAR", IOC "DEN") that are also ordinary words,
# in English or as short words of other languages. They are read as a code only when written
# in capitals ("IN", "US"): "in", "us", "It", "car" and "per" name no country.
CODE_WORDS = frozenset(
    # ISO 3166-1 alpha-2. Not "de", "es", "kg", "cv", "nu", "pe", "aw", "ax": alone in a
    # country field those are the country's code far more often than a word or a unit.
    "ad ai al am as at au be by ca cf cm co do eg eh er et hm hr id ie il in "
    "io is it je km la ma me mg ml mm mo mr ms mt my ne ni no om pa pm pr ps re se "
    "si so to tv um us ye "
    # ISO 3166-1 alpha-3
    "ago and are arm aus bra can che cod cog col com cub est fin fra gab gin gum irl jam lie "
    "lux mac mar nor pan per pry som sur ton vat "
    # abbreviations and IOC codes of the alias file
    "car den esa lat mas opt phi por vie".split()
)

# ISO 3166-1 alpha-3 codes that are also first names ("ben", "ken") or short words and
# abbreviations ("ind", "pol", "sen", "geo"): typed alone in lower case they are no code, only
# in capitals ("BEN"). CODE_WORDS holds the ordinary English words among the codes.
NOT_LOWER_CODES = frozenset(
    "ben dom ken mli nic tom isr ind pol mus sen eth hun nam geo bel".split()
)

# Separators of a list of places ("Kenya and Uganda", "China/Taiwan", "DRC or Congo"): an
# answer whose parts name different countries is ambiguous, unless the whole answer is an
# established name that contains the word ("Bosnia and Herzegovina", "Trinidad y Tobago").
LIST_SEP = re.compile(r"[/;|+\\]|(?<!\S)(?:and|or|et|y|e|und|ou|o|oder)(?!\S)")

# Single letters abbreviating a compass word: "N. Ireland", "S Korea", "W. Sahara".
COMPASS = {
    "n": ("north", "northern"),
    "s": ("south", "southern"),
    "w": ("west", "western"),
    "nth": ("north", "northern"),  # "Nth Korea", "Sth Africa": cut to the first and last
    "sth": ("south", "southern"),
}

# Words that name no country on their own: a key made of one of them is never claimed, and as
# a part of an answer ("Kosovo (UNSCR 1244)") they are a neutral note. Not "island": that is
# Iceland in German and the Nordic languages.
GENERIC_WORDS = frozenset(
    "islands isle republic kingdom state states country nation territory territories "
    "unscr unsc un security council resolution res under per accordance with as in pursuant to "
    "formerly former previously now aka also known ex".split()
)

# Words of a territory's status in a note ("Bermuda (British Overseas Territory)", "Mayotte
# (département d'outre-mer)"): read without them, the note names the sovereign or nothing.
STATUS_WORDS = frozenset(
    "overseas territory territories department collectivity dependency dependencies crown "
    "autonomous special administrative sar unincorporated outre mer ultramar part".split()
)

# Administering country of territories: "New Caledonia (France)" is New Caledonia, not an
# ambiguity. Contested cases (Taiwan, Kosovo, Western Sahara, Palestine) are left out.
SOVEREIGN = {
    **dict.fromkeys("NCL REU MTQ GLP GUF MYT PYF SPM BLM MAF WLF ATF".split(), "FRA"),
    **dict.fromkeys("PRI GUM VIR ASM MNP UMI".split(), "USA"),
    **dict.fromkeys("GRL FRO".split(), "DNK"),
    **dict.fromkeys("ABW CUW SXM BES".split(), "NLD"),
    **dict.fromkeys("HKG MAC".split(), "CHN"),
    **dict.fromkeys("BMU VGB CYM TCA AIA MSR FLK GIB SHN PCN IOT SGS GGY JEY IMN".split(), "GBR"),
    **dict.fromkeys("NFK CXR CCK HMD".split(), "AUS"),
    **dict.fromkeys("TKL COK NIU".split(), "NZL"),
    **dict.fromkeys("SJM BVT".split(), "NOR"),
    "ALA": "FIN",
}
