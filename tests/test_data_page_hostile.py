"""The Data page parses an upload once per session (issue 11): reruns (every click) reuse the
prepared file or its refusal; a hostile file is refused with its sentence."""

from __future__ import annotations

import pytest
from hostile_corpus import CORPUS_DIR
from test_data_page import ATT, SAMPLES, data_page, empty_file  # noqa: F401 (fixture)

BOMB = "sheet_declares_1048577_rows.xlsx"


@pytest.fixture
def demo_free_event(empty_file):  # noqa: F811
    from engagement import db

    con = db.connect(empty_file)
    con.execute("insert into events values ('ev', 'Ev', 'UTC', null, null, null, false)")
    con.close()
    return empty_file


def test_uploads_are_parsed_once_and_refusals_remembered(demo_free_event):
    at = data_page()
    uploads = [
        (ATT, (SAMPLES / ATT).read_bytes(), "text/csv"),
        (BOMB, (CORPUS_DIR / BOMB).read_bytes(), "application/octet-stream"),
    ]
    at.file_uploader(key="uploads").set_value(uploads).run()
    assert not at.exception, at.exception
    errors = [e.value.replace("\\", "") for e in at.error]  # as read: markdown escapes off
    assert any("declares 1,048,577 rows" in e for e in errors), errors
    cache = dict(at.session_state["_prepared_uploads"])
    assert len(cache) == 2
    at.run()  # a rerun (any click): nothing is parsed again, the same objects are shown
    again = at.session_state["_prepared_uploads"]
    assert list(again) == list(cache)
    assert all(again[k] is cache[k] for k in cache)
    assert any("declares 1,048,577 rows" in e.value.replace("\\", "") for e in at.error)
