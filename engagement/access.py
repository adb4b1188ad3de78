"""Who may see what: the access policy read from configuration (the `[access]` table of
`.streamlit/secrets.toml`), the role of a signed-in person, and the role each page needs.

No streamlit here: engagement/ui.py reads `st.secrets` and `st.user` and hands plain mappings in,
so the rules are unit-tested without a server.

Rules (README "Sign-in and roles"):
- Roles rank viewer < organizer < admin; a higher role may do everything a lower one may.
- An entry is an e-mail address ("ana@who.int") or a whole domain ("@who.int", that domain
  exactly, not its subdomains). Matching ignores case and surrounding spaces.
- An address listed exactly beats any domain entry, so one person can be given less (or more)
  than the rest of their domain. Among entries of the same kind the highest role wins.
- A signed-in person matching no entry is **refused** (no role): registration data are personal
  data, so access is granted, never assumed. To let every colleague see the aggregate pages,
  list their domain under `viewers`.
- No `[auth]` section: local mode, one user "local" with organizer rights and no sign-in (the
  laptop tool of `make run`). `require_sign_in = true` (or ENGAGEMENT_REQUIRE_SIGN_IN=1) with no
  `[auth]` section is a configuration error: the app serves no data and says what to set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ROLES = ("viewer", "organizer", "admin")
RANK = {role: rank for rank, role in enumerate(ROLES)}
LOCAL_IDENTITY = "local"
LOCAL_ROLE = "organizer"
REQUIRE_ENV = "ENGAGEMENT_REQUIRE_SIGN_IN"

# Which role each page needs, by the page file's stem (pages/<stem>.py).
PAGE_ROLES = {
    "overview": "viewer",
    "map": "viewer",
    "stakeholders": "viewer",
    "sessions": "viewer",
    "compare": "viewer",
    "downloads": "viewer",
    "attendance_list": "organizer",
    "data": "organizer",
    "review": "organizer",
    "admin": "admin",
}

# The keys of [auth] without which st.login cannot work.
AUTH_KEYS = ("redirect_uri", "cookie_secret")

MISCONFIGURED = (
    "Sign-in is required (`require_sign_in = true` in the `[access]` table, or "
    f"{REQUIRE_ENV}=1) but no sign-in provider is configured: add an `[auth]` section to "
    "`.streamlit/secrets.toml` with redirect_uri, cookie_secret, client_id, client_secret and "
    'server_metadata_url (README, "Sign-in and roles"). No data is shown until then.'
)


@dataclass(frozen=True)
class Policy:
    """The allow-lists (normalized, lower case) and whether sign-in is on."""

    admins: frozenset[str] = frozenset()
    organizers: frozenset[str] = frozenset()
    viewers: frozenset[str] = frozenset()
    require_sign_in: bool = False
    sign_in_configured: bool = False

    @property
    def local_mode(self) -> bool:
        """No sign-in provider: one local user with organizer rights (unless required)."""
        return not self.sign_in_configured and not self.require_sign_in

    @property
    def misconfigured(self) -> bool:
        return self.require_sign_in and not self.sign_in_configured


def _entries(values) -> frozenset[str]:
    if values is None:
        return frozenset()
    if isinstance(values, str):  # a single entry written without brackets
        values = [values]
    return frozenset(str(v).strip().lower() for v in values if str(v).strip())


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def policy_from(
    access: Mapping | None, auth: Mapping | None, env: Mapping[str, str] | None = None
) -> Policy:
    """The policy from the `[access]` and `[auth]` tables (either may be missing)."""
    access = access or {}
    env = env or {}
    return Policy(
        admins=_entries(access.get("admins")),
        organizers=_entries(access.get("organizers")),
        viewers=_entries(access.get("viewers")),
        require_sign_in=_truthy(access.get("require_sign_in", False))
        or _truthy(env.get(REQUIRE_ENV, "")),
        sign_in_configured=bool(auth) and all(auth.get(k) for k in AUTH_KEYS),
    )


def _highest(roles: Iterable[str]) -> str | None:
    return max(roles, key=RANK.__getitem__, default=None)


def role_for(email: str | None, policy: Policy) -> str | None:
    """The role of a signed-in address, or None when the person is refused."""
    if not email or "@" not in email:
        return None
    address = email.strip().lower()
    domain = "@" + address.rsplit("@", 1)[1]
    lists = {"admin": policy.admins, "organizer": policy.organizers, "viewer": policy.viewers}
    exact = _highest(role for role, entries in lists.items() if address in entries)
    if exact is not None:
        return exact
    return _highest(role for role, entries in lists.items() if domain in entries)


def allows(role: str | None, needed: str) -> bool:
    """Whether `role` may open something that needs `needed`."""
    return role is not None and RANK[role] >= RANK[needed]


def page_role(stem: str) -> str:
    """The role a page needs; a page missing from PAGE_ROLES needs the highest, by default."""
    return PAGE_ROLES.get(stem, "admin")


def identity_from(user: Mapping) -> str | None:
    """The e-mail of a signed-in user from the OpenID claims, lower case.

    Microsoft Entra ID may omit `email` (accounts without a mailbox): its
    `preferred_username` is then the sign-in address (UPN). An `email` the provider itself
    marks unverified (`email_verified` false) is not used: anyone could have typed it."""
    if not user or not user.get("is_logged_in"):
        return None
    claims = ["preferred_username"]
    if str(user.get("email_verified", True)).strip().lower() not in {"false", "0"}:
        claims.insert(0, "email")
    for claim in claims:
        value = user.get(claim)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return None
