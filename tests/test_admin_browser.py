"""The Admin page in a real browser against a real server: an erasure asked for, confirmed and
done while the server holds the database, which then goes on working on the rewritten file."""

from __future__ import annotations

from oidc_provider import free_port, running_provider
from test_browser import browser, running_dashboard  # noqa: F401  (browser is a fixture)
from test_signin_browser import secrets_toml, sign_in

from engagement import db, privacy, settings
from scripts.screenshots import wait_idle

ANA = "ana.silva@health.gov.example"


def test_erase_in_the_browser(testconf_db, tmp_path, browser):  # noqa: F811
    testconf_db.close()
    path = tmp_path / "testconf.duckdb"
    assert privacy.file_contains(path, ANA)
    port = free_port()
    secrets = tmp_path / "secrets.toml"
    with running_provider([f"http://127.0.0.1:{port}/oauth2callback"]) as provider:
        secrets.write_text(secrets_toml(port, provider.issuer), encoding="utf-8")
        with running_dashboard(path, "--secrets.files", str(secrets), port=port) as base:
            erase_and_save_a_setting(browser, base, path)
    con = db.connect(path)
    try:
        assert settings.suppression_k(con) == 9
        actions = [
            r[0] for r in con.execute("select action from audit_log order by audit_id").fetchall()
        ]
        assert actions[-2:] == ["erase", "setting"]
    finally:
        con.close()
    assert not privacy.file_contains(path, ANA)


def erase_and_save_a_setting(browser, base: str, path) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    sign_in(page, base, "admin@example.org")  # the Admin page needs the admin role
    page.goto(f"{base}/admin")
    wait_idle(page)
    page.get_by_role("textbox", name="E-mail address").fill(ANA)
    page.keyboard.press("Enter")
    wait_idle(page)
    erase = page.get_by_role("button", name="Erase this person")
    assert erase.is_disabled()  # nothing happens before the confirmation
    page.get_by_text("I understand that this cannot be undone.").first.click()
    wait_idle(page)
    erase.click()
    page.get_by_text("Erased the person with an address at").wait_for(timeout=60_000)
    assert not privacy.file_contains(path, ANA)
    # the server works on the rewritten file: a setting saved now is in it
    page.get_by_label("Smallest count shown").fill("9")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save threshold").click()
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
