"""Click to filter on the map (issue 10 item 3) in a real browser: a click on a country sets
the sidebar's WHO region filter to that country's region, the view line at the top of the page
names it, the map zooms to the region, and "Undo last click" takes it back."""

from __future__ import annotations

from scripts.screenshots import wait_idle
from tests.test_browser import browser, server  # noqa: F401 (fixtures)
from tests.test_click_filter_browser import _chosen

# Brazil: a large reached country whose bounding box's middle is Brazil (a click there lands
# on it, not on a neighbour), in the Region of the Americas.
COUNTRY, REGION = "BRA", "Region of the Americas"

_BOX = """(iso3) => {
  const map = document.querySelectorAll('.js-plotly-plot')[0];
  if (!map) return null;
  const path = [...map.querySelectorAll('path.choroplethlocation')]
    .find((p) => p.__data__ && p.__data__.loc === iso3);
  if (!path) return null;
  const r = path.getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}"""


def _settle(page) -> None:
    """wait_idle, given up to three minutes: a machine busy with other test runs answers slowly."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(2):
        try:
            wait_idle(page)
            return
        except PlaywrightTimeout:
            continue
    wait_idle(page)


def _wait_drawn(page) -> None:
    """Until the map has drawn the country (some classes' traces draw no visible path)."""
    page.wait_for_function(_BOX, arg=COUNTRY, timeout=180_000)
    _settle(page)


def _wait_chosen(page, name: str, values: list[str]) -> None:
    for _ in range(1800):
        if _chosen(page, name) == values:
            return
        page.wait_for_timeout(100)
    assert _chosen(page, name) == values


def _map_lon_range(page) -> list[float] | None:
    return page.evaluate(
        "() => document.querySelectorAll('.js-plotly-plot')[0]._fullLayout.geo.lonaxis.range"
    )


def test_click_a_country_to_filter_its_region_then_undo(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(f"{server}/map")
    _wait_drawn(page)
    assert _chosen(page, "WHO region") == []
    world = _map_lon_range(page)
    point = page.evaluate(_BOX, COUNTRY)
    assert point, f"no shape for {COUNTRY} on the map"
    page.mouse.click(point["x"], point["y"])
    _settle(page)

    _wait_chosen(page, "WHO region", [REGION])  # the sidebar shows the filter the click set
    assert REGION in page.locator(".st-key-view_box").inner_text()  # the view line names it
    assert "region=Region+of+the+Americas" in page.url  # and the link carries it
    _wait_drawn(page)
    zoomed = _map_lon_range(page)
    assert zoomed and zoomed != world and -180 < zoomed[0] < -100 < zoomed[1] < 0  # the Americas
    headline = " ".join(page.locator("[data-testid='stMarkdown']").all_inner_texts())
    assert "Member States of the Region of the Americas" in headline and "194" not in headline

    page.get_by_role("button", name="Undo last click").click()
    _settle(page)
    _wait_chosen(page, "WHO region", [])
    assert "region=" not in page.url
    assert REGION not in page.locator(".st-key-view_box").inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
