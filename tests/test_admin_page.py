"""The Admin page in Streamlit's AppTest on a real database file: the audit log, an erasure
that asks first, the settings."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from engagement import db, privacy, queries, settings
from engagement.text import md_escape
from tests.test_roles_app import ACCESS, AUTH

APP = str(db.ROOT / "dashboard.py")
ANA = "ana.silva@health.gov.example"
ADMIN = "admin@example.org"


@pytest.fixture
def admin(testconf_db, tmp_path, monkeypatch):
    import streamlit as st

    testconf_db.close()
    path = tmp_path / "testconf.duckdb"
    monkeypatch.setenv("ENGAGEMENT_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"auth": AUTH, "access": ACCESS}
    at.user = {"is_logged_in": True, "email": ADMIN}
    at = at.run().switch_page("pages/admin.py").run()
    assert not at.exception, at.exception
    yield at, path
    st.cache_resource.clear()


def attendees(path) -> int:
    con = db.connect(path)
    try:
        return int(
            queries.run(con, "kpis", queries.Selection("testconf"), basis="attendees")
            .iloc[0]
            .attendees
        )
    finally:
        con.close()


def test_audit_log_is_listed_newest_first(admin):
    at, _ = admin
    log = at.dataframe[0].value
    assert list(log.columns) == ["#", "When (UTC)", "Who", "Role", "Action", "What", "Detail"]
    # the admin's own sign-in is the newest entry, then the three imports, newest first
    assert list(zip(log["Action"], log["What"], strict=True)) == [
        ("Signed in", ""),
        ("Imported a file", "testconf_b_attendee.csv"),
        ("Imported a file", "testconf_a_attendee.csv"),
        ("Imported a file", "testconf_a_registration.csv"),
    ]
    assert [b.label for b in at.get("download_button")] == ["Audit log (CSV)"]


def test_erasure_shows_what_goes_and_waits_for_the_confirmation(admin):
    at, path = admin
    assert attendees(path) == 6
    at.text_input(key="adm_erase_email").input(ANA.upper()).run()
    assert not at.exception, at.exception
    table = at.table[0].value
    assert table.loc["segments", "Rows"] == 5 and table.loc["registrations", "Rows"] == 3
    button = at.button(key="adm_erase")
    assert button.disabled
    at.checkbox(key=f"adm_erase_sure_{ANA.upper()}").check().run()
    at.button(key="adm_erase").click().run()
    assert not at.exception, at.exception
    # the domain is shown as text (escaped Markdown), never the address
    assert any(md_escape("health.gov.example") in s.value for s in at.success)
    assert not any("ana" in s.value.lower() for s in at.success)
    assert not privacy.file_contains(path, ANA)
    assert attendees(path) == 5
    # the page reads the rewritten file: its audit log shows the erasure first
    log = at.dataframe[0].value
    assert (log["Action"].iloc[0], log["What"].iloc[0], log["Who"].iloc[0]) == (
        "Erased a person",
        "health.gov.example",
        ADMIN,
    )


def test_unknown_address_and_settings(admin):
    at, path = admin
    at.text_input(key="adm_erase_email").input("nobody@nowhere.example").run()
    assert any("nothing to erase" in i.value for i in at.info)
    at.number_input(key="adm_k").set_value(7).run()
    at.button(key="adm_k_save").click().run()
    at.number_input(key="adm_days").set_value(30).run()
    at.button(key="adm_days_save").click().run()
    assert not at.exception, at.exception
    assert any("Past the period: testconf" in t.value for t in at.text)
    con = db.connect(path)
    try:
        assert (settings.suppression_k(con), settings.retention_days(con)) == (7, 30)
    finally:
        con.close()


def test_reset_connection_closes_the_shared_connection(tmp_path, monkeypatch):
    # A connection left open would keep reading the old file after the rewrite.
    import duckdb

    from engagement import ui

    monkeypatch.setenv("ENGAGEMENT_DB", str(tmp_path / "x.duckdb"))
    con = ui.connection()
    assert con.execute("select 1").fetchall() == [(1,)]
    ui.reset_connection()
    with pytest.raises(duckdb.ConnectionException):
        con.execute("select 1")
    fresh = ui.connection()
    assert fresh is not con and fresh.execute("select 1").fetchall() == [(1,)]
    ui.reset_connection()


def test_role_list_shows_the_allow_lists(admin):
    at, _ = admin
    roles = at.table[-1].value
    assert list(roles.itertuples(index=False, name=None)) == [
        ("admin", "admin@example.org"),
        ("organizer", "organizer@example.org"),
        ("viewer", "@viewers.example"),
        ("viewer", "viewer@example.org"),
    ]
