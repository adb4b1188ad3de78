"""Click to filter (issue 10 item 3) in a real browser: a click on a stakeholder-type bar sets
the sidebar's filter, every figure follows, and "Undo last click" / "Reset filters" take it
back."""

from __future__ import annotations

from scripts.screenshots import wait_idle
from tests.test_browser import browser, server  # noqa: F401 (fixtures)


def _attendees(page) -> str:
    return page.get_by_test_id("stMetricValue").nth(1).inner_text()


def _chosen(page, name: str) -> list[str]:
    """The values chosen in the sidebar multiselect `name` (its tags)."""
    widget = page.get_by_test_id("stMultiSelect").filter(has_text=name)
    tags = widget.locator("[data-tag]")
    return list(dict.fromkeys(tags.nth(i).get_attribute("aria-label") for i in range(tags.count())))


def _wait_chosen(page, name: str, values: list[str]) -> None:
    for _ in range(600):
        if _chosen(page, name) == values:
            return
        page.wait_for_timeout(100)
    assert _chosen(page, name) == values


def _click_first_bar(page) -> str:
    """Click the first (largest) bar of the first chart; returns its label."""
    chart = page.locator(".js-plotly-plot").first
    chart.locator(".trace.bars .point path").first.wait_for(timeout=60_000)
    label = page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].data[0].y[0]")
    box = chart.locator(".trace.bars .point path").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    return label


def test_click_a_bar_to_filter_then_undo_and_reset(server, browser):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(server)
    page.get_by_test_id("stMetricValue").nth(1).wait_for(timeout=60_000)
    wait_idle(page)
    everyone = _attendees(page)
    assert _chosen(page, "Stakeholder type") == []

    page.locator('[data-testid="stSidebarNav"] a', has_text="Stakeholders").click()
    wait_idle(page)
    label = _click_first_bar(page)
    wait_idle(page)
    # the sidebar shows the filter the click set, and the view line names it
    _wait_chosen(page, "Stakeholder type", [label])
    assert label in page.locator(".st-key-view_box").inner_text()  # the view line names it
    assert "type=" in page.url  # and the link carries it

    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").click()
    wait_idle(page)
    filtered = _attendees(page)
    assert filtered != everyone
    assert _chosen(page, "Stakeholder type") == [label]

    page.get_by_role("button", name="Undo last click").click()
    wait_idle(page)
    _wait_chosen(page, "Stakeholder type", [])
    assert _attendees(page) == everyone

    # two filters, one Reset
    regions = page.get_by_test_id("stMultiSelect").filter(has_text="WHO region")
    regions.get_by_role("combobox").click()
    page.get_by_role("option", name="African Region", exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Stakeholders").click()
    wait_idle(page)
    _click_first_bar(page)
    wait_idle(page)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").click()
    wait_idle(page)
    assert "of 47" in page.get_by_test_id("stMetricValue").nth(4).inner_text()
    page.get_by_role("button", name="Reset filters").click()
    wait_idle(page)
    _wait_chosen(page, "WHO region", [])
    _wait_chosen(page, "Stakeholder type", [])
    wait_idle(page)
    assert _attendees(page) == everyone
    assert "of 194" in page.get_by_test_id("stMetricValue").nth(4).inner_text()
    assert "region=" not in page.url and "type=" not in page.url
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
