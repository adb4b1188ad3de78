"""The access policy: roles from allow-lists, local mode, refusals, the role of each page."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement import access

ROOT = Path(__file__).resolve().parent.parent
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "s" * 32}


def policy(**access_table):
    return access.policy_from(access_table, AUTH)


def test_exact_address_beats_its_domain_both_ways():
    p = policy(
        admins=["@who.int", "Boss@Partner.org"],
        viewers=["intern@who.int"],
        organizers=["@partner.org"],
    )
    assert access.role_for("someone@who.int", p) == "admin"
    assert access.role_for("Intern@WHO.int", p) == "viewer"  # demoted by the exact entry
    assert access.role_for("boss@partner.org", p) == "admin"  # promoted by the exact entry
    assert access.role_for("other@partner.org", p) == "organizer"


def test_highest_listed_role_wins_among_entries_of_one_kind():
    p = policy(viewers=["ana@who.int", "@who.int"], organizers=["ana@who.int"], admins=["@who.int"])
    assert access.role_for("ana@who.int", p) == "organizer"
    assert access.role_for("bo@who.int", p) == "admin"


def test_unlisted_people_are_refused_unless_their_domain_is_a_viewer():
    p = policy(organizers=["org@example.org"], viewers=["@who.int"])
    assert access.role_for("stranger@gmail.com", p) is None
    assert access.role_for("someone@who.int", p) == "viewer"
    # a domain entry is that domain only, not its subdomains or look-alikes
    assert access.role_for("x@afro.who.int", p) is None
    assert access.role_for("x@evilwho.int", p) is None
    assert access.role_for("", p) is None
    assert access.role_for(None, p) is None
    assert access.role_for("not-an-address", p) is None


def test_entries_are_trimmed_and_a_single_string_is_one_entry():
    p = policy(admins=" Admin@Example.org ", viewers=["", "  "])
    assert p.admins == frozenset({"admin@example.org"})
    assert p.viewers == frozenset()
    assert access.role_for("admin@example.org", p) == "admin"


def test_local_mode_without_auth_and_misconfiguration_when_sign_in_is_required():
    plain = access.policy_from(None, None)
    assert plain.local_mode and not plain.misconfigured
    required = access.policy_from({"require_sign_in": True}, None)
    assert not required.local_mode and required.misconfigured
    by_env = access.policy_from({}, None, {access.REQUIRE_ENV: "1"})
    assert by_env.misconfigured
    incomplete = access.policy_from({}, {"redirect_uri": "http://x/oauth2callback"})
    assert incomplete.local_mode  # no cookie_secret: st.login could not work
    configured = access.policy_from({"require_sign_in": "true"}, AUTH)
    assert not configured.local_mode and not configured.misconfigured


def test_allows_follows_the_rank():
    assert access.allows("admin", "organizer")
    assert access.allows("organizer", "organizer")
    assert not access.allows("viewer", "organizer")
    assert not access.allows(None, "viewer")


def test_every_page_file_has_a_role_and_organizer_pages_need_organizer():
    stems = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert stems <= set(access.PAGE_ROLES), stems - set(access.PAGE_ROLES)
    for stem in ("attendance_list", "data", "review"):
        assert access.page_role(stem) == "organizer"
    assert access.page_role("admin") == "admin"
    assert access.page_role("not_listed") == "admin"
    assert access.page_role("overview") == "viewer"


@pytest.mark.parametrize(
    "user, expected",
    [
        ({"is_logged_in": True, "email": "Ana@WHO.int"}, "ana@who.int"),
        # Entra ID without a mailbox: the UPN
        ({"is_logged_in": True, "preferred_username": "bo@who.int"}, "bo@who.int"),
        (
            {
                "is_logged_in": True,
                "email": "ceo@who.int",
                "email_verified": False,
                "preferred_username": "mallory@tenant.example",
            },
            "mallory@tenant.example",
        ),
        ({"is_logged_in": False, "email": "ana@who.int"}, None),
        ({}, None),
        ({"is_logged_in": True, "name": "No Mail"}, None),
    ],
)
def test_identity_from_claims(user, expected):
    assert access.identity_from(user) == expected


def test_the_secrets_template_is_a_working_policy_and_the_real_file_is_ignored():
    import subprocess
    import tomllib

    example = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text())
    p = access.policy_from(example["access"], example["auth"])
    assert p.sign_in_configured and p.require_sign_in and not p.local_mode
    assert access.role_for("someone@example.int", p) == "viewer"
    assert access.role_for("data.protection@example.int", p) == "admin"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0, "the real secrets file must be git-ignored"
