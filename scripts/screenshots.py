"""Screenshots of every page of a running dashboard, for a person to look at; also the offline
Chromium launch and the "page has settled" wait that tests/test_browser.py uses.

Usage: .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR]
against a server started with `make run` (`streamlit run serve.py`; each page URL is opened
directly, which works on a fresh server only through serve.py).
"""

import sys
from pathlib import Path

PAGES = [
    "",
    "map",
    "stakeholders",
    "sessions",
    "downloads",
    "attendance_list",
    "data",
    "review",
    "admin",
]
# Debian's chromium without the sandbox (containers) and without the calls it would make to a
# network that is closed here.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def wait_idle(page, settle_ms: int = 1500) -> None:
    """Until the app is drawn and Streamlit's "running" widget is gone, then a moment more."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    page.wait_for_timeout(settle_ms)


def main() -> None:
    from playwright.sync_api import sync_playwright

    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2600})
        for path in PAGES:
            page.goto(f"{base}/{path}")
            wait_idle(page, 2500)
            name = path or "overview"
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
