"""Local mode (no sign-in configured) gives organizer rights without sign-in, so it serves only
the computer it runs on, even when the server listens on every interface."""

from __future__ import annotations

import shutil
import socket

import pytest
from test_browser import CHROMIUM, running_dashboard

from scripts.screenshots import CHROMIUM_ARGS, wait_idle


def outside_address() -> str | None:
    """An address of this machine that is not loopback (a visitor from the network uses it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.123", 9))  # TEST-NET: no packet is sent for a UDP connect
            ip = s.getsockname()[0]
        except OSError:
            return None
    return None if ip.startswith("127.") else ip


@pytest.fixture(scope="module")
def open_server(demo_db, tmp_path_factory):
    # a copy of its own: a running server holds its database file
    path = tmp_path_factory.mktemp("local") / "local.duckdb"
    shutil.copy(demo_db, path)
    with running_dashboard(path, "--server.address", "0.0.0.0") as base:
        yield base


def test_local_mode_refuses_visitors_from_the_network(open_server):
    from playwright.sync_api import sync_playwright

    ip = outside_address()
    if ip is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    port = open_server.rsplit(":", 1)[1]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"http://{ip}:{port}/attendance_list")
        page.get_by_text("which serves only the computer it runs on").wait_for(timeout=60_000)
        wait_idle(page)
        assert page.get_by_test_id("stDataFrame").count() == 0
        assert page.get_by_test_id("stMetricValue").count() == 0
        # the same server, from this computer: the local user with organizer rights
        page.goto(f"{open_server}/attendance_list")
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
        assert page.get_by_text("Local mode: one user with organizer rights").count() == 1
        browser.close()
