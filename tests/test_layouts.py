"""Vendor tables with renamed labels (tests/data/layouts/, issue 9 item 11): read from their
values exactly as the original sample, saying which column was taken as which; refused with a
sentence when two columns could be the name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engagement import db, ingest
from engagement.model import UnknownLayout

HERE = Path(__file__).resolve().parent
LAYOUTS = HERE / "data" / "layouts"
SAMPLES = HERE / "samples"
EXPECTED = json.loads((LAYOUTS / "expected.json").read_text())
COLUMNS = ["name", "email", "join_at", "leave_at", "role", "is_guest"]
WORDS = {"name": "the participant's name", "join": "the join time", "leave": "the leave time"}
WORDS |= {"email": "the e-mail address", "duration": "the time in the meeting"}


@pytest.fixture
def con(empty_db):
    empty_db.execute("insert into events (event_id, name, timezone) values ('ev', 'Ev', 'UTC')")
    return empty_db


def _prepare(con, path: Path):
    return ingest.prepare(con, ingest.ImportRequest.from_path(path, "ev", "UTC"))


def _rows(prep):
    return sorted(map(tuple, prep.segments[COLUMNS].astype(str).to_numpy().tolist()))


@pytest.mark.parametrize("name", [n for n, s in EXPECTED.items() if s["expect"] == "same"])
def test_renamed_columns_read_as_the_original(con, name):
    spec = EXPECTED[name]
    prep, original = _prepare(con, LAYOUTS / name), _prepare(con, SAMPLES / spec["source"])
    assert prep.report.format == original.report.format
    assert _rows(prep) == _rows(original)
    assert ingest.summarize(prep) == ingest.summarize(original)
    for column, field in spec["reads"].items():
        assert f"Column '{column}' read as {WORDS[field]}, from its values." in prep.report.notes


@pytest.mark.parametrize("name", [n for n, s in EXPECTED.items() if s["expect"] == "refuse"])
def test_two_name_like_columns_are_refused_with_both_named(con, name):
    with pytest.raises(UnknownLayout) as err:
        _prepare(con, LAYOUTS / name)
    message = str(err.value)
    assert "Columns 'Isim' and 'Kollega'" in message or "Columns 'Nimi' and 'Kollega'" in message
    assert "nothing in the file tells which one is the participant's name" in message
    assert "map the columns below" in message
    assert "Kollega" in err.value.header  # the mapping the Data page offers has every column


def test_renamed_teams_file_imports_with_the_figures_of_the_original(tmp_path):
    figures = []
    renamed = "teams_tr_ad_soyad.csv"
    for path in (LAYOUTS / renamed, SAMPLES / EXPECTED[renamed]["source"]):
        con = db.connect(tmp_path / f"{path.stem}.duckdb")
        result = ingest.import_file(con, ingest.ImportRequest.from_path(path, "ev", "UTC"))
        assert result.status == "imported", result.error
        figures.append((result.attendees, result.segments, result.rows_rejected))
        con.close()
    assert figures[0] == figures[1] == (22, 25, 0)
