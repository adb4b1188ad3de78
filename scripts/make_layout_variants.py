"""Build tests/data/layouts/: vendor samples re-saved with header labels a user renamed.

Each variant is a real sample of tests/samples/ whose header cells were renamed (another
language, a typo, an abbreviation), sometimes re-saved with another delimiter or encoding, or
given an extra column. expected.json says, per variant, what the import must do: read the same
rows as the original sample (and which column is which), or refuse (a real ambiguity).

Run: .venv/bin/python scripts/make_layout_variants.py   (deterministic; rewrites the folder)
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "samples"
OUT = ROOT / "tests" / "data" / "layouts"

V1B_1 = "teams_meeting_attendance_v1b_utf16le_1.csv"
V1B_3 = "teams_meeting_attendance_v1b_utf16le_3.csv"
V1A_FR = "teams_meeting_attendance_v1a_fr_utf16le_1.csv"
V2_14 = "teams_meeting_attendance_v2_utf16_14.csv"
ZOOM_DETAIL = "zoom_meeting_participants_detail_1.csv"
ZOOM_UNIQUE = "zoom_meeting_participants_unique_1.csv"

# name, source, {old header cell: new}, options, expected. "expect": "same" = the rows of the
# original sample; "refuse" = an error sentence naming the columns. "reads" = the renamed
# columns and the field each must be read as.
VARIANTS = [
    ("teams_fi_nimi", V1B_1, {"Full Name": "Nimi"}, {}, "same"),
    ("teams_tr_ad_soyad", V1B_3, {"Full Name": "Ad Soyad"}, {}, "same"),
    ("teams_fr_nom_prenom", V1A_FR, {"Nom complet": "Nom et prénom"}, {}, "same"),
    ("teams_sv_namn_v2", V2_14, {"Name": "Namn"}, {}, "same"),
    ("teams_ja_shimei", V1B_3, {"Full Name": "氏名"}, {}, "same"),
    ("teams_typo_full_nmae", V1B_1, {"Full Name": "Full Nmae"}, {}, "same"),
    (
        "teams_hu_comma_utf8",
        V1B_3,
        {"Full Name": "Név", "Join Time": "Belépés", "Leave Time": "Kilépés"},
        {"delimiter": ",", "encoding": "utf-8-sig"},
        "same",
    ),
    (
        "teams_fi_all_semicolon",
        V1B_1,
        {"Full Name": "Nimi", "Join Time": "Liittyi", "Leave Time": "Poistui", "Email": "Sposti"},
        {"delimiter": ";", "encoding": "utf-8-sig"},
        "same",
    ),
    ("teams_abbrev_nm", V1B_3, {"Full Name": "Nm.", "Duration": "Dur."}, {}, "same"),
    ("teams_ambiguous_two_names", V1B_3, {"Full Name": "Nimi"}, {"extra_person": 0}, "refuse"),
    ("zoom_tr_isim", ZOOM_DETAIL, {"Name (Original Name)": "İsim"}, {}, "same"),
    (
        "zoom_de_teilnehmer",
        ZOOM_DETAIL,
        {"Name (Original Name)": "Teilnehmer", "User Email": "E-Mail-Adresse"},
        {},
        "same",
    ),
    (
        "zoom_typos",
        ZOOM_DETAIL,
        {"Name (Original Name)": "Nmae (Orignal)", "Duration (Minutes)": "Duraton (Min)"},
        {},
        "same",
    ),
    ("zoom_unique_fi_nimi", ZOOM_UNIQUE, {"Name (Original Name)": "Nimi"}, {}, "same"),
    (
        "zoom_ambiguous_two_names",
        ZOOM_DETAIL,
        {"Name (Original Name)": "Isim"},
        {"extra_person": 1},
        "refuse",
    ),
]


# The field each original label is read as (what a renamed copy must still be read as).
FIELD = {
    "Full Name": "name",
    "Nom complet": "name",
    "Name": "name",
    "Name (Original Name)": "name",
    "Join Time": "join",
    "Leave Time": "leave",
    "Email": "email",
    "User Email": "email",
    "Duration": "duration",
    "Duration (Minutes)": "duration",
}


def read_sample(name: str) -> tuple[str, str, str]:
    """(text, encoding written back, delimiter) of a sample."""
    data = (SAMPLES / name).read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16"), "utf-16", "\t"
    text = data.decode("utf-8-sig")
    return text, "utf-8-sig", "\t" if "\t" in text.splitlines()[0] else ","


def rows_of(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def variant(source: str, renames: dict, options: dict) -> tuple[bytes, list[str]]:
    """The re-saved bytes and the header cells that were renamed."""
    text, encoding, delimiter = read_sample(source)
    rows = rows_of(text, delimiter)
    renamed = []
    for row in rows:
        if any(cell in renames for cell in row) and not any(ch.isdigit() for ch in "".join(row)):
            for i, cell in enumerate(row):
                if cell in renames:
                    row[i] = renames[cell]
                    renamed.append(renames[cell])
    if "extra_person" in options:
        _add_person_column(rows, set(renames.values()), options["extra_person"])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=options.get("delimiter", delimiter), lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue().encode(options.get("encoding", encoding)), sorted(set(renamed))


def _add_person_column(rows: list[list[str]], headers: set[str], shift: int) -> None:
    """Beside the renamed name column, a 'Kollega' column holding other people's names (a
    colleague column someone added): two free-text person columns, nothing tells which."""
    at = next(i for i, row in enumerate(rows) if headers & set(row))
    col = next(i for i, cell in enumerate(rows[at]) if cell in headers)
    body = [r for r in rows[at + 1 :] if len(r) > col]
    names = [r[col] for r in body]
    rows[at].insert(col + 1, "Kollega")
    for k, row in enumerate(body):
        row.insert(col + 1, names[(k + 1 + shift) % len(names)])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, source, renames, options, expect in VARIANTS:
        data, renamed = variant(source, renames, options)
        file_name = f"{name}.csv"
        (OUT / file_name).write_bytes(data)
        expected[file_name] = {
            "source": source,
            "renamed": renames,
            "reads": {new: FIELD[old] for old, new in renames.items()},
            "resaved": {k: v for k, v in options.items() if k != "extra_person"},
            "extra_column": "Kollega" if "extra_person" in options else None,
            "expect": expect,
        }
    (OUT / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
