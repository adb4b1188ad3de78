"""In a real browser: a file name and a topic holding Markdown are shown as text (no link, no
image fetched), and removing an import asks first, counts what goes, then removes it."""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from engagement import db
from scripts.screenshots import CHROMIUM_ARGS, wait_idle
from tests.test_browser import CHROMIUM, new_event_on_data_page, running_dashboard

HOSTILE_NAME = "[pay here](http://phish.example) ![t](http://x.example/t.png).csv"


@pytest.fixture(scope="module")
def hostile_server(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("texts") / "texts.duckdb"
    shutil.copy(demo_db, path)
    with running_dashboard(path) as base:
        yield base


@pytest.fixture(scope="module")
def page(hostile_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        fetched = []
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.on("request", lambda r: fetched.append(r.url))
        page.fetched = fetched
        yield page
        browser.close()


def shown(text: str) -> str:
    """What a reader sees: the invisible word joiners that stop autolinking left out."""
    return text.replace("\u2060", "")


def hostile_links(page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('a[href], img[src]')]"
        ".filter(e => /phish|x\\.example/.test(e.href || e.src))"
        ".map(e => (e.closest('[data-testid]') || e).outerHTML.slice(0, 300))"
    )


def test_file_name_and_topic_are_text(hostile_server, page):
    upload = {
        "name": HOSTILE_NAME,
        "mimeType": "text/csv",
        "buffer": (db.ROOT / "tests/fixtures/hostile_attendee.csv").read_bytes(),
    }
    new_event_on_data_page(page, hostile_server, "texts2026", upload)
    page.get_by_text("Zoom webinar attendee report").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Import", exact=True).click()
    done = page.get_by_test_id("stAlertContentSuccess").filter(has_text="imported")
    done.wait_for(timeout=60_000)
    assert f"{HOSTILE_NAME}: imported" in shown(done.inner_text())
    wait_idle(page)
    assert hostile_links(page) == []
    assert not [u for u in page.fetched if "x.example" in u or "phish" in u]
    assert page.locator('[data-testid="stException"]').count() == 0


def test_removal_asks_first_and_counts(hostile_server, page):
    page.goto(f"{hostile_server}/data")
    wait_idle(page)
    picker = page.get_by_test_id("stSelectbox").filter(has=page.get_by_text("Import", exact=True))
    picker.first.get_by_role("combobox").click()
    page.get_by_role("option", name=HOSTILE_NAME, exact=False).first.click()
    wait_idle(page)
    page.get_by_role("button", name="Remove this import and everything it brought…").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=30_000)
    expect(dialog).to_contain_text("people known only from this file", timeout=30_000)
    text = dialog.inner_text()
    assert "Remove this import?" in text
    assert HOSTILE_NAME in shown(text)  # the name, as text
    assert "11 people known only from this file" in text
    assert hostile_links(page) == []
    dialog.get_by_role("button", name="Remove").click()
    wait_idle(page)
    dialog.wait_for(state="detached", timeout=30_000)
    picker.first.get_by_role("combobox").click()
    options = page.get_by_role("option").all_inner_texts()
    assert options and not [o for o in options if "phish" in o], options
    page.keyboard.press("Escape")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_demo_import_cannot_be_removed(hostile_server, page):
    page.goto(f"{hostile_server}/data")
    wait_idle(page)
    remove = page.get_by_role("button", name="Remove this import and everything it brought…")
    expect(remove).to_be_disabled(timeout=30_000)  # the newest import is the demo's
