"""Role gating of every page in Streamlit's AppTest, with a faked st.user (quick); the real
sign-in through an OpenID provider is tests/test_signin_browser.py."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from engagement import access, audit, db, ui

APP = str(db.ROOT / "dashboard.py")
AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret-of-some-length",
    "client_id": "dashboard",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
ACCESS = {
    "admins": ["admin@example.org"],
    "organizers": ["organizer@example.org"],
    "viewers": ["viewer@example.org", "@viewers.example"],
    "require_sign_in": True,
}
PAGE_FILES = sorted(f"pages/{p.stem}.py" for p in (db.ROOT / "pages").glob("*.py"))


@pytest.fixture
def db_copy(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database: these runs write sign-in and refusal entries."""
    import streamlit as st

    path = tmp_path / "roles.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("ENGAGEMENT_DB", str(path))
    monkeypatch.delenv(access.REQUIRE_ENV, raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def run_as(email: str | None, page: str | None = None, secrets=None, alone=False) -> AppTest:
    """The dashboard as this user, on `page`; alone=True runs the page file without the frame,
    as Streamlit does for a page URL opened first on a fresh server (stack.md)."""
    at = AppTest.from_file(str(db.ROOT / page) if alone else APP, default_timeout=60)
    at.secrets = {"auth": AUTH, "access": ACCESS} if secrets is None else secrets
    at.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    at.run()
    if page and not alone:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def audit_rows(path) -> list[tuple]:
    import streamlit as st

    st.cache_resource.clear()  # the app's connection holds the file open
    con = db.connect(path)
    try:
        rows = audit.entries(con)
    finally:
        con.close()
    rows = rows[rows["actor"] != "cli"]  # the demo build's own import entries
    return list(rows[["actor", "role", "action", "target"]].itertuples(index=False, name=None))


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_anonymous_visitor_sees_only_the_sign_in_page(db_copy):
    at = run_as(None)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe
    assert at.sidebar.multiselect.len == 0  # not even the filters
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/attendance_list.py")  # not even in the (hidden) menu
    assert audit_rows(db_copy) == []  # nobody to name: an anonymous visit is not logged


@pytest.mark.parametrize("page", ["pages/attendance_list.py", "pages/data.py", "pages/review.py"])
def test_restricted_page_run_without_the_frame_still_refuses(db_copy, page):
    at = run_as(None, page, alone=True)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.dataframe and not at.file_uploader and not at.title[1:]
    at = run_as("viewer@example.org", page, alone=True)
    assert "is not allowed to open it" in errors(at)


@pytest.mark.parametrize("page", PAGE_FILES)
def test_each_page_opens_for_exactly_the_roles_it_needs(db_copy, page):
    needed = access.page_role(page.split("/")[1][:-3])
    for role in access.ROLES:
        at = run_as(f"{role}@example.org", page)
        refused = "is not allowed to open it" in errors(at)
        assert refused == (not access.allows(role, needed)), (page, role, errors(at))
        if refused:
            assert not at.dataframe and not at.metric and not at.file_uploader


def test_viewer_refused_an_organizer_page_is_audited_once(db_copy):
    at = run_as("viewer@example.org", "pages/attendance_list.py")
    assert "This page needs the organizer role" in errors(at)
    at.run()  # a rerun (e.g. a filter change) does not log the refusal again
    rows = audit_rows(db_copy)
    assert sorted(rows) == [
        ("viewer@example.org", "viewer", "refused", "attendance_list"),
        ("viewer@example.org", "viewer", "sign_in", ""),
    ]


def test_organizer_sees_names_on_the_attendance_list(db_copy):
    at = run_as("Organizer@Example.org")
    # AppTest (1.67) keeps the frame's sidebar only on the first run, so it is checked here
    assert [t.value for t in at.sidebar.text] == [
        "Signed in as organizer@example.org\nRole: organizer"
    ]
    assert "Sign out" in [b.label for b in at.sidebar.button]
    at.switch_page("pages/attendance_list.py").run()
    assert not at.error and not at.exception
    people = at.dataframe[0].value
    assert len(people) > 100 and people["name"].notna().all()


def test_domain_viewer_sees_the_overview_but_an_unlisted_person_is_refused(db_copy):
    at = run_as("someone@viewers.example")
    assert at.metric
    at = run_as("stranger@elsewhere.example")
    assert "is not on this dashboard's access list" in errors(at)
    assert not at.metric and not at.dataframe
    assert ("stranger@elsewhere.example", "none", "refused", "app") in audit_rows(db_copy)


def test_sign_in_required_without_a_provider_serves_no_data(db_copy):
    for page in (None, "pages/attendance_list.py"):
        at = run_as(None, page, secrets={"access": {"require_sign_in": True}}, alone=bool(page))
        assert "no sign-in provider is configured" in errors(at)
        assert not at.metric and not at.dataframe


def test_local_mode_says_so_and_acts_as_the_local_organizer(db_copy):
    at = run_as(None, secrets={"other": {"x": 1}})
    assert any(ui.LOCAL_BANNER in i.value for i in at.sidebar.info)
    at.switch_page("pages/attendance_list.py").run()
    assert at.dataframe and not at.error


def test_entra_account_without_mailbox_is_known_by_its_preferred_username(db_copy):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets = {"auth": AUTH, "access": ACCESS}
    at.user = {"is_logged_in": True, "preferred_username": "Organizer@example.org"}
    at.run()
    assert [t.value for t in at.sidebar.text] == [
        "Signed in as organizer@example.org\nRole: organizer"
    ]
