"""Real sign-in: Chromium signs in through st.login against a local OpenID provider started by
the test (tests/oidc_provider.py), as an anonymous visitor, a viewer and an organizer."""

from __future__ import annotations

import shutil

import pytest
from oidc_provider import CLIENT_ID, CLIENT_SECRET, free_port, running_provider
from test_browser import CHROMIUM, running_dashboard

from engagement import audit, db
from scripts.screenshots import CHROMIUM_ARGS, wait_idle

DASHBOARD_PAGES = ["Overview", "Map", "Stakeholders", "Sessions", "Compare", "Downloads"]
ORGANIZER_PAGES = ["Attendance list", "Data", "Review"]


def secrets_toml(port: int, provider_issuer: str) -> str:
    return f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-cookie-secret-only-for-this-test-run"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{provider_issuer}/.well-known/openid-configuration"

[access]
require_sign_in = true
admins = ["admin@example.org"]
organizers = ["organizer@example.org"]
viewers = ["viewer@example.org"]
"""


@pytest.fixture(scope="module")
def signin_server(demo_db, tmp_path_factory):
    """(dashboard URL, provider, database path): a fresh server that requires sign-in."""
    tmp = tmp_path_factory.mktemp("signin")
    database = tmp / "signin.duckdb"
    shutil.copy(demo_db, database)
    port = free_port()
    with running_provider([f"http://127.0.0.1:{port}/oauth2callback"]) as provider:
        secrets = tmp / "secrets.toml"
        secrets.write_text(secrets_toml(port, provider.issuer), encoding="utf-8")
        with running_dashboard(database, "--secrets.files", str(secrets), port=port) as base:
            yield base, provider, database


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def menu(page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    return [n.strip().splitlines()[-1] for n in links]  # each link holds its icon, then title


def no_data(page) -> bool:
    return (
        page.get_by_test_id("stMetricValue").count() == 0
        and page.get_by_test_id("stDataFrame").count() == 0
        and page.locator('[data-testid="stFileUploaderDropzoneInput"]').count() == 0
    )


def sign_in(page, base: str, email: str) -> None:
    page.goto(base)
    wait_idle(page)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('input[name="email"]', timeout=30_000)  # the provider's form
    page.fill('input[name="email"]', email)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/**", timeout=30_000)
    page.get_by_text(f"Signed in as {email}").wait_for(timeout=30_000)
    wait_idle(page)


def test_anonymous_visitor_only_gets_the_sign_in_page(signin_server, browser):
    base, _, _ = signin_server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # The first path is the very first request of a fresh server, where Streamlit runs the page
    # file alone (stack.md, streamlit#9624): the page's own ui.require must refuse it.
    for n, path in enumerate(("attendance_list", "", "map")):
        page.goto(f"{base}/{path}")
        page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
        wait_idle(page)
        assert no_data(page), path
        assert page.locator('[data-testid="stException"]').count() == 0, path
        if n:  # the first request still shows the file-based menu (deep-link work, issue 8.5)
            assert menu(page) == [], path
    page.close()


def test_viewer_sees_the_dashboard_but_no_organizer_page(signin_server, browser):
    base, provider, _ = signin_server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sign_in(page, base, "viewer@example.org")
    assert "viewer@example.org" in provider.logins
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=30_000)
    assert menu(page) == DASHBOARD_PAGES
    assert page.get_by_text("Role: viewer").count() == 1
    for path in ("attendance_list", "data", "review"):
        page.goto(f"{base}/{path}")
        page.get_by_text("This page needs the organizer role").wait_for(timeout=30_000)
        assert no_data(page), path
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    assert no_data(page)
    page.goto(f"{base}/map")  # the cookie is gone: back to the sign-in page
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    wait_idle(page)
    assert no_data(page)
    context.close()


def test_organizer_sees_the_attendance_list(signin_server, browser, monkeypatch):
    base, provider, _ = signin_server
    # as Microsoft Entra ID signs in an account without a mailbox: no `email` claim, the
    # address is the preferred_username (UPN)
    monkeypatch.setattr(provider, "claims_for", lambda email: {"preferred_username": email})
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    sign_in(page, base, "organizer@example.org")
    assert menu(page) == DASHBOARD_PAGES + ORGANIZER_PAGES
    page.locator('[data-testid="stSidebarNav"] a', has_text="Attendance list").click()
    page.get_by_test_id("stDataFrame").wait_for(timeout=30_000)
    assert page.get_by_text("people attended the selected sessions").count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()


def test_the_audit_log_records_sign_ins_and_refusals(signin_server):
    """After the sign-ins above (tests run in file order)."""
    _, _, database = signin_server
    # The running server holds the file open (DuckDB: one process), so read a copy of the file
    # and of its write-ahead log, where the latest entries may still be.
    copy = database.with_name("audit_copy.duckdb")
    shutil.copy(database, copy)
    wal = database.with_name(database.name + ".wal")
    if wal.exists():
        shutil.copy(wal, copy.with_name(copy.name + ".wal"))
    con = db.connect(copy)
    try:
        rows = audit.entries(con)
    finally:
        con.close()
    seen = set(rows[["actor", "role", "action", "target"]].itertuples(index=False, name=None))
    assert ("viewer@example.org", "viewer", "sign_in", "") in seen
    assert ("organizer@example.org", "organizer", "sign_in", "") in seen
    for target in ("attendance_list", "data", "review"):
        assert ("viewer@example.org", "viewer", "refused", target) in seen
    assert not any(actor in {"anonymous", "unknown"} for actor, *_ in seen)
