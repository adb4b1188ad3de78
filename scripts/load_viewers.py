"""Many viewers while an organizer imports (issue 11 item 4): figures to read, `make bench-viewers`.

A real dashboard (serve.py, its own port) on a copy of the demo database with one real event
("load", seeded with tests/samples/zoom_webinar_attendee_2.csv). N browser sessions (one
Chromium, N contexts) go round Overview, Map, Stakeholders, Sessions and Compare by the sidebar
links, each visit timed from the click until the app's script has stopped running and its
websocket is quiet (scripts/screenshots.py's idle test, less its quiet time). Meanwhile one more
session uploads a synthetic Zoom attendee report (scripts/benchmark.py) into "load" on the Data
page and imports it. Printed: p50/p95/max per page during the import and while idle, errors,
and every Overview reading that is neither the figure before nor the one after the import (a
half import), with the import's preview and commit times.

Usage: .venv/bin/python scripts/load_viewers.py [--sessions 20] [--rows 200000] [--demo-db PATH]
The browser itself runs on the same cores as the server: on a 2-core machine the page times
include Chromium drawing 20 pages at once.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engagement import db, ingest, queries  # noqa: E402
from scripts.benchmark import synthetic_attendee_report  # noqa: E402
from scripts.screenshots import _IDLE, _WATCH_SOCKET, CHROMIUM_ARGS  # noqa: E402

EVENT = "load"
SEED = ROOT / "tests" / "samples" / "zoom_webinar_attendee_2.csv"
# Each page's sidebar link and a piece of its heading (proof the click arrived).
PAGES = {
    "Overview": "Overview",
    "Map": "came from",
    "Stakeholders": "Stakeholder groups",
    "Sessions": "Sessions",
    "Compare": "Compare editions",
}
# Charts each page draws when it has answered (tests/test_browser.py's CHARTS_PER_PAGE).
CHARTS = {"Overview": 1, "Map": 2, "Stakeholders": 2, "Sessions": 3, "Compare": 3}
TIMEOUT_MS = 300_000
QUIET_MS = 200
# The Overview's two tiles a half import would move apart from both the before and after figures.
_TILES = """() => Object.fromEntries([...document.querySelectorAll('[data-testid="stMetric"]')]
  .map(m => [m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim(),
             m.querySelector('[data-testid="stMetricValue"]')?.innerText.trim()]))"""


@dataclass
class Run:
    """What the viewers saw: (page, phase, seconds) samples, errors, Overview readings."""

    samples: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    plotly_teardown: list = field(default_factory=list)
    readings: list = field(default_factory=list)  # (phase, (registrants, attendees))
    phase: str = "before"
    loadavg: list = field(default_factory=list)  # the machine's 1-minute load, every 5 s
    prepare_s: float | None = None
    commit_s: float | None = None
    import_message: str = ""


def seed(path: Path) -> tuple[int, int]:
    """Add the real event "load" to a demo database copy; its Overview figures."""
    con = db.connect(path)
    try:
        request = ingest.ImportRequest(SEED.read_bytes(), SEED.name, EVENT, "UTC")
        ingest.commit(con, ingest.prepare(con, request))
        return kpis(con)
    finally:
        con.close()


def kpis(con) -> tuple[int, int]:
    params = {**queries.Selection(EVENT).params(), "basis": "attendees"}
    k = queries.run_sql(con, queries.sql_text("kpis"), params).iloc[0]
    return int(k.registrants), int(k.attendees)


async def wait_idle(page, timeout_ms: int = TIMEOUT_MS) -> None:
    await page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    await page.evaluate(_WATCH_SOCKET)
    await page.wait_for_function(
        _IDLE, arg=[QUIET_MS, time.monotonic_ns()], timeout=timeout_ms, polling=50
    )


async def visit(page, title: str, run: Run, who: int) -> None:
    """Click the page's sidebar link; time it until the app is idle; note errors and tiles."""
    phase = run.phase
    started = time.perf_counter()
    link = page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first
    try:
        await link.click(timeout=TIMEOUT_MS)
        await page.locator("h1").filter(has_text=PAGES[title]).first.wait_for(timeout=TIMEOUT_MS)
        await wait_idle(page)
        # Under load the idle test can pass early (an unanswered message counts 3 s at most):
        # a page has answered once its charts are drawn.
        await page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot').length >= n",
            arg=CHARTS[title],
            timeout=TIMEOUT_MS,
        )
    except Exception as exc:  # a timeout is a finding, not the end of the run
        run.errors.append(f"session {who}, {title}: {type(exc).__name__}: {exc}"[:300])
        if page.is_closed() or not page.context.browser.is_connected():
            raise  # the browser is gone: this session ends
        await asyncio.sleep(1)
        return
    run.samples.append((title, phase, time.perf_counter() - started - QUIET_MS / 1000))
    if await page.locator('[data-testid="stException"]').count():
        run.errors.append(f"session {who}, {title}: an exception on the page")
    if title == "Overview":
        tiles = await page.evaluate(_TILES)
        figures = tuple(
            int(re.sub(r"\D", "", tiles.get(k) or "") or -1)
            for k in ("Registrants", "Unique attendees")
        )
        run.readings.append((phase, figures))


# plotly.js throws this when a chart is torn down while it is still being drawn (the viewer
# clicked to the next page under load): nothing on screen, no figure involved. Counted apart so
# that it stays visible in the printout without failing the run; every other page error counts.
PLOTLY_TEARDOWN = "reading '_scrollZoom'"


def _page_error(run: Run, who: int, error) -> None:
    target = run.plotly_teardown if PLOTLY_TEARDOWN in str(error) else run.errors
    target.append(f"session {who}: page error {error}"[:300])


THINK_S = [0.0]  # --think: a viewer reads each page this long on average before the next


async def read_page(who: int, turn: int) -> None:
    """A person reads a page before opening the next: think seconds on average, spread from
    half to one and a half times it (the same spread every run: seeded by viewer and turn)."""
    if THINK_S[0] > 0:
        spread = random.Random(who * 10_007 + turn).uniform(0.5, 1.5)
        await asyncio.sleep(THINK_S[0] * spread)


async def viewer(context, base: str, who: int, run: Run, stop: asyncio.Event) -> None:
    page = await context.new_page()
    page.on("pageerror", lambda e: _page_error(run, who, e))
    await page.goto(f"{base}/", timeout=300_000)
    await page.wait_for_selector('[data-testid="stSidebarNav"] a', timeout=300_000)
    await wait_idle(page)
    turn = who  # each session starts its round at another page, and does one round at least
    while not stop.is_set() or turn < who + len(PAGES):
        await read_page(who, turn)
        await visit(page, list(PAGES)[turn % len(PAGES)], run, who)
        turn += 1
    # One more Overview once the import is over: a figure cached from before it would show here.
    await visit(page, "Overview", run, who)


async def open_data_page(context, base: str):
    """The organizer has the Data page open (its uploader drawn) before the viewers come."""
    page = await context.new_page()
    await page.goto(f"{base}/data", timeout=TIMEOUT_MS)
    await page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(
        state="attached", timeout=TIMEOUT_MS
    )
    await wait_idle(page)
    return page


async def organizer(page, report: Path, run: Run) -> None:
    """The Data page's own door: upload into "load", wait for the preview, press Import."""
    run.phase = "during"
    print(f"{time.strftime('%X')} uploading {report.name}", file=sys.stderr)
    started = time.perf_counter()
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    await uploader.set_input_files(str(report), timeout=TIMEOUT_MS)
    button = page.get_by_role("button", name="Import", exact=True)
    await button.wait_for(timeout=900_000)
    run.prepare_s = time.perf_counter() - started
    print(f"{time.strftime('%X')} preview shown, importing", file=sys.stderr)
    started = time.perf_counter()
    await button.click()
    done = page.get_by_text(f"{report.name}: imported")
    await done.wait_for(timeout=900_000)
    run.commit_s = time.perf_counter() - started
    print(
        f"{time.strftime('%X')} imported ({run.prepare_s:.0f} s + {run.commit_s:.0f} s)",
        file=sys.stderr,
    )
    run.import_message = await done.inner_text()
    run.phase = "after"
    if await page.locator('[data-testid="stException"]').count():
        run.errors.append("organizer: an exception on the Data page")


async def watch_load(run: Run, stop: asyncio.Event) -> None:
    while not stop.is_set():
        run.loadavg.append(os.getloadavg()[0])
        await asyncio.sleep(5)


async def drive(
    base: str, report: Path, sessions: int, warmup_s: float, tail_s: float, mode: str = "browser"
) -> Run:
    """The organizer in Chromium (the Data page's real upload); the viewers in Chromium too
    (mode "browser", one context each) or as websocket clients (mode "websocket")."""
    from playwright.async_api import async_playwright

    run, stop = Run(), asyncio.Event()
    watcher = asyncio.create_task(watch_load(run, stop))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        contexts = [
            await browser.new_context(viewport={"width": 1400, "height": 1000})
            for _ in range(sessions + 1 if mode == "browser" else 1)
        ]
        data_page = await open_data_page(contexts[-1], base)
        viewers = [
            asyncio.create_task(
                viewer(contexts[i], base, i, run, stop)
                if mode == "browser"
                else ws_viewer(base, i, run, stop)
            )
            for i in range(sessions)
        ]
        await asyncio.sleep(warmup_s)
        try:
            await organizer(data_page, report, run)
            await asyncio.sleep(tail_s)
        except Exception as exc:  # reported with the figures; the viewers still stop cleanly
            run.errors.append(f"organizer: {type(exc).__name__}: {exc}"[:300])
        stop.set()
        for task in viewers:
            try:
                await task
            except Exception as exc:
                run.errors.append(f"a session failed: {type(exc).__name__}: {exc}"[:300])
        await browser.close()
    await watcher
    return run


# --- The lighter mode (--mode websocket): each viewer is a websocket client speaking Streamlit's
# own protocol (streamlit.proto BackMsg / ForwardMsg) on loopback, as the browser's app does,
# without drawing anything: 20 viewers cost the machine 20 sockets, not 20 Chromium pages.
URL_PATHS = {"Overview": "", "Map": "map", "Stakeholders": "stakeholders"}
URL_PATHS |= {"Sessions": "sessions", "Compare": "compare"}
MAX_MESSAGES = 100_000  # one page's ForwardMsgs, far above any page's (a bound, not a target)


def rerun_message(url_path: str) -> bytes:
    """The BackMsg a browser sends when it opens base/<url_path>: run that page's script."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = ""
    state.page_name = url_path
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    return msg.SerializeToString()


async def ws_visit(ws, title: str, run: Run, who: int) -> None:
    """Run the page's script over the session's websocket; time it until script_finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    phase, started = run.phase, time.perf_counter()
    charts, tiles = 0, {}
    try:
        await ws.send(rerun_message(URL_PATHS[title]))
        for _ in range(MAX_MESSAGES):
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(ws.recv(), TIMEOUT_MS / 1000))
            kind = msg.WhichOneof("type")
            if kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    break
                raise RuntimeError(f"script finished with status {msg.script_finished}")
            if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
                continue
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "exception":
                run.errors.append(f"session {who}, {title}: {element.exception.type}"[:300])
            elif what == "plotly_chart":
                charts += 1
            elif what == "metric":
                tiles[element.metric.label.strip()] = element.metric.body.strip()
        else:
            raise RuntimeError(f"no script_finished within {MAX_MESSAGES:,} messages")
        if charts < CHARTS[title]:
            raise RuntimeError(f"{charts} charts drawn, {CHARTS[title]} expected")
    except Exception as exc:  # a timeout is a finding, not the end of the run
        run.errors.append(f"session {who}, {title}: {type(exc).__name__}: {exc}"[:300])
        if isinstance(exc, (OSError, EOFError)) or type(exc).__name__.startswith("Connection"):
            raise  # the socket is gone: this session ends
        return
    run.samples.append((title, phase, time.perf_counter() - started))
    if title == "Overview":
        figures = tuple(
            int(re.sub(r"\D", "", tiles.get(k) or "") or -1)
            for k in ("Registrants", "Unique attendees")
        )
        run.readings.append((phase, figures))


async def ws_viewer(base: str, who: int, run: Run, stop: asyncio.Event) -> None:
    from websockets.asyncio.client import connect

    uri = base.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(uri, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        await ws_visit(ws, "Overview", run, who)  # the first page a browser opens
        turn = who  # as viewer(): a round each at least, starting at another page
        while not stop.is_set() or turn < who + len(PAGES):
            await read_page(who, turn)
            await ws_visit(ws, list(PAGES)[turn % len(PAGES)], run, who)
            turn += 1
        await ws_visit(ws, "Overview", run, who)


def load(
    demo_db: Path,
    workdir: Path,
    sessions: int,
    rows: int,
    warmup_s=20.0,
    tail_s=10.0,
    mode: str = "browser",
):
    """The whole measurement on a copy of `demo_db`: (run, before, after, rows imported)."""
    from tests.test_browser import running_dashboard

    path = workdir / "viewers.duckdb"
    shutil.copy(demo_db, path)
    before = seed(path)
    data, count = synthetic_attendee_report(rows)
    report = workdir / "big_attendee.csv"
    report.write_bytes(data)
    with running_dashboard(path) as base:
        run = asyncio.run(drive(base, report, sessions, warmup_s, tail_s, mode))
    con = db.connect(path)
    try:
        after = kpis(con)
    finally:
        con.close()
    return run, before, after, count


def half_imports(run: Run, before, after) -> list:
    """Overview readings that are neither the figure before nor the one after the import, and
    readings after the import that still show the figure before (a stale cache)."""
    odd = [r for r in run.readings if r[1] not in (before, after)]
    stale = [r for r in run.readings if r[0] == "after" and r[1] == before]
    return odd + stale


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def report_lines(run: Run, before, after, count: int, sessions: int, mode="browser") -> list[str]:
    nan = float("nan")
    load = run.loadavg or [nan]
    out = [
        f"machine load average (1 min) during the run: {min(load):.1f} to {max(load):.1f}",
        f"{sessions} viewer sessions ({mode}, reading each page {THINK_S[0]:g} s on average); "
        f"import of {count:,} attendee rows into '{EVENT}': "
        f"preview {run.prepare_s or nan:.1f} s, commit {run.commit_s or nan:.1f} s",
        f"  {run.import_message}",
        f"{'page':<13} {'phase':<7} {'n':>4} {'p50 s':>7} {'p95 s':>7} {'max s':>7}",
    ]
    # before: the viewers alone (the baseline of this machine and load); during: from the upload
    # until the import's message; after: the rest.
    for phase in ("before", "during", "after"):
        for page in PAGES:
            times = [s for p, ph, s in run.samples if p == page and ph == phase]
            if times:
                out.append(
                    f"{page:<13} {phase:<7} {len(times):>4} {statistics.median(times):>7.2f} "
                    f"{percentile(times, 0.95):>7.2f} {max(times):>7.2f}"
                )
    seen = sorted({r[1] for r in run.readings})
    out.append(f"Overview (registrants, attendees): before {before}, after {after}; seen {seen}")
    odd = half_imports(run, before, after)
    out.append(f"half imports or stale figures seen: {len(odd)} {odd[:5]}")
    out.append(f"errors: {len(run.errors)}")
    out.extend(f"  {e}" for e in run.errors[:20])
    out.append(f"plotly teardown errors (a chart left mid-draw): {len(run.plotly_teardown)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--demo-db", type=Path, help="a demo database (else built here)")
    parser.add_argument(
        "--warmup", type=float, default=20.0, help="seconds the viewers read before the upload"
    )
    parser.add_argument(
        "--mode",
        choices=("browser", "websocket"),
        default="browser",
        help="viewers as Chromium pages, or as websocket clients of Streamlit's protocol",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds a viewer reads a page before the next, on average (0: back to back)",
    )
    args = parser.parse_args()
    THINK_S[0] = args.think
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = args.demo_db
        if demo is None:
            from engagement import cli

            demo = work / "demo.duckdb"
            cli.build_demo(str(demo))
        run, before, after, count = load(
            demo, work, args.sessions, args.rows, warmup_s=args.warmup, mode=args.mode
        )
    print("\n".join(report_lines(run, before, after, count, args.sessions, args.mode)))


if __name__ == "__main__":
    main()
