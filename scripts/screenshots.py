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
    "compare",
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


# Counts the app's websocket traffic so a wait can tell "a rerun was asked for and the server has
# not answered yet" (nothing on screen says so): installed on the socket's prototype, so it also
# sees a socket opened before it; idempotent.
_WATCH_SOCKET = """() => {
  if (window.__stWatch) return;
  const w = (window.__stWatch = { sent: 0, received: 0 });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__stWatched) {
      this.__stWatched = true;
      this.addEventListener("message", () => { w.received = performance.now(); });
    }
    w.sent = performance.now();
    return send.call(this, data);
  };
}"""

# True once the app has been idle for `quiet` ms: connected, its script not running (the
# `data-test-script-state` Streamlit keeps on stApp for its own tests), every message sent
# answered (or 3 s old), nothing received for `quiet` ms and `quiet` ms gone since the wait began.
_IDLE = """([quiet, token]) => {
  const now = performance.now();
  const w = window.__stWatch || { sent: 0, received: 0 };
  if (!window.__stIdle || window.__stIdle.token !== token) {
    window.__stIdle = { token, since: now };
  }
  const app = document.querySelector('[data-testid="stApp"]');
  const busy =
    !app ||
    app.getAttribute("data-test-connection-state") !== "CONNECTED" ||
    app.getAttribute("data-test-script-state") !== "notRunning" ||
    document.querySelector('[data-testid="stStatusWidget"]') ||
    (w.sent > w.received && now - w.sent < 3000); // a message with no answer: wait no more
  if (busy) window.__stIdle.since = now;
  return !busy && now - Math.max(window.__stIdle.since, w.received) >= quiet;
}"""
_tokens = iter(range(1, 1 << 62))


def wait_idle(page, settle_ms: int = 300) -> None:
    """Until the app is drawn, its last rerun is over and it has been quiet for `settle_ms`: a
    wait on the app's state, not a fixed sleep (a rerun asked for by the step just before is
    seen as soon as its message is sent, however slowly the server answers)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    page.evaluate(_WATCH_SOCKET)
    page.wait_for_function(_IDLE, arg=[settle_ms, next(_tokens)], timeout=60_000, polling=50)


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
