"""Links that work and can be shared, in a real browser (Debian's Chromium driven by Playwright):
a page URL opened as the very first request of a freshly started server shows that page with
its frame, filters and data; a filtered view's URL opened in a new browser context shows the
same figures; a link asking for values the data does not have shows a note and the page."""

from __future__ import annotations

import shutil
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from engagement import db, queries
from scripts.screenshots import wait_idle
from tests import test_browser as tb  # skips this module too when chromium is missing

# Page URL -> its title as drawn (the demo counts attendees by default).
PAGE_TITLES = {
    "map": "Where participants came from",
    "stakeholders": "Stakeholder groups",
    "sessions": "Sessions",
    "downloads": "Downloads",
    "attendance_list": "Attendance list",
}
DATA_ELEMENTS = (
    '[data-testid="stMetric"], [data-testid="stDataFrame"], .js-plotly-plot, '
    '[data-testid="stDownloadButton"]'
)
DAY = date(2021, 6, 22)
DAY_LABEL = "Tue 22 Jun 2021"


@pytest.fixture(scope="module")
def database(demo_db, tmp_path_factory):
    # A copy of its own: a running server holds its file, and other modules' servers run too.
    path = tmp_path_factory.mktemp("links") / "links.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def afr_day_registrants(database) -> int:
    """Registrants of the African Region on 22 June, from the named query (before any server)."""
    con = db.connect(database, read_only=True)
    try:
        selection = queries.Selection("wlpf2021", days=(DAY,), regions=("AFR",))
        return int(queries.run(con, "kpis", selection, basis="registrants").iloc[0].registrants)
    finally:
        con.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=tb.CHROMIUM, args=tb.CHROMIUM_ARGS)
        yield b
        b.close()


def new_page(browser):
    """A page in a browser context of its own: no cookies, storage or session shared."""
    context = browser.new_context(viewport={"width": 1400, "height": 1400})
    return context.new_page()


def close(page) -> None:
    page.context.close()


def open_url(page, url: str) -> None:
    """Until the first run is over. The frame's filters are drawn during that run (Streamlit's
    status widget shows by then), so once they are there the widget going away means done."""
    page.goto(url)
    sidebar = page.get_by_test_id("stSidebar")
    region = sidebar.get_by_test_id("stMultiSelect").filter(has_text="WHO region")
    expect(region).to_have_count(1, timeout=60_000)
    settled(page)


def settled(page) -> None:
    wait_idle(page)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)


def assert_frame_and_data(page, title: str) -> None:
    expect(page.locator("h1").first).to_have_text(title)
    sidebar = page.get_by_test_id("stSidebar")
    # The frame's navigation (its sections) and its filters, not the legacy file menu.
    assert "Organizers" in sidebar.inner_text()
    assert sidebar.get_by_test_id("stMultiSelect").filter(has_text="WHO region").count() == 1
    expect(page.locator(DATA_ELEMENTS).first).to_be_visible(timeout=30_000)
    assert page.get_by_text("No data yet").count() == 0
    assert page.get_by_test_id("stException").count() == 0


# Each with a fresh server of its own (one at a time on this module's copy; the shared server
# below serves another copy).
@pytest.mark.parametrize("path", list(PAGE_TITLES))
def test_page_url_as_first_request_of_a_fresh_server(database, browser, path):
    with tb.running_dashboard(database) as base:
        page = new_page(browser)
        open_url(page, f"{base}/{path}")
        assert_frame_and_data(page, PAGE_TITLES[path])
        close(page)


@pytest.fixture
def server(demo_server):
    """The run's shared server on the demo database (conftest.py): these tests only read."""
    return demo_server


def pick(page, label: str, option: str) -> None:
    box = page.get_by_test_id("stMultiSelect").filter(has_text=label)
    tb.choose(page, box, option)
    settled(page)


def figures(page) -> list[str]:
    return page.get_by_test_id("stMetricValue").all_inner_texts()


def test_a_copied_link_opens_the_same_view(server, browser, afr_day_registrants):
    page = new_page(browser)
    open_url(page, server)
    unfiltered = figures(page)
    pick(page, "WHO region", "African Region")
    pick(page, "Day", DAY_LABEL)
    page.get_by_test_id("stSidebar").get_by_text("Registrants", exact=True).click()
    settled(page)
    # The Registrants tile, exact (the query's own figure for this selection).
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(f"{afr_day_registrants:,}")
    shown = figures(page)
    assert shown != unfiltered
    url = page.url
    params = parse_qs(urlsplit(url).query)
    assert params == {"region": ["African Region"], "day": [DAY_LABEL], "basis": ["Registrants"]}
    page.locator('[data-testid="stSidebarNav"] a', has_text="Stakeholders").click()
    settled(page)
    assert urlsplit(page.url).path == "/stakeholders"
    assert parse_qs(urlsplit(page.url).query) == params  # the filters travel with the page
    close(page)

    other = new_page(browser)  # someone else, who got the link
    open_url(other, url)
    expect(other.get_by_test_id("stMetricValue").first).to_have_text(shown[0])
    assert figures(other) == shown
    sidebar = other.get_by_test_id("stSidebar").inner_text()
    assert "African Region" in sidebar and DAY_LABEL in sidebar
    close(other)


def test_a_map_link_keeps_the_filters_and_the_page_choice(server, browser):
    page = new_page(browser)
    open_url(page, f"{server}/map?region=African+Region")
    headline = page.get_by_test_id("stMarkdown").filter(has_text="Member States").first
    afr_headline = headline.inner_text()
    page.get_by_text("Show shares instead of counts").click()
    settled(page)
    url = page.url
    assert parse_qs(urlsplit(url).query) == {"region": ["African Region"], "map_share": ["true"]}
    close(page)

    other = new_page(browser)
    open_url(other, url)
    assert other.get_by_label("Show shares instead of counts").is_checked()
    same = other.get_by_test_id("stMarkdown").filter(has_text="Member States").first
    assert same.inner_text() == afr_headline
    assert_frame_and_data(other, PAGE_TITLES["map"])
    close(other)


def test_a_stale_link_shows_a_note_and_the_page(server, browser):
    stale = "Fri 25 Jun · A session removed since"
    page = new_page(browser)
    open_url(
        page,
        f"{server}/sessions?session={stale}&region=Atlantis&region=African+Region"
        "&type=x%0A%0A[click](http://x.example/)",
    )
    notes = page.get_by_test_id("stAlert").all_inner_texts()
    text = " ".join(notes)
    assert f"The link asked for session {stale}, which no longer exists; showing all sessions" in (
        text
    )
    assert "The link asked for region Atlantis, which no longer exists; showing the others" in text
    assert "stakeholder type x [click](http://x.example/), which no longer exists" in text
    assert page.locator('a[href*="x.example"]').count() == 0  # URL text is never markup
    assert_frame_and_data(page, PAGE_TITLES["sessions"])
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert "African Region" in sidebar
    assert parse_qs(urlsplit(page.url).query) == {"region": ["African Region"]}
    close(page)
