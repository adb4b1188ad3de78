"""A small but real OpenID Connect provider for the sign-in tests, started on a free loopback port.

Authorization code flow as st.login (Authlib's client inside Streamlit) drives it: discovery,
an HTML login form (input[name=email], a "Sign in" button; no password: the test types who it
is), single-use codes bound to client, redirect URI and PKCE challenge, client authentication
at the token endpoint (client_secret_basic or _post), an RS256 id_token carrying the nonce,
signed with a fresh key published at the JWKS endpoint (joserfc, Authlib's JOSE library), and
userinfo. No end_session_endpoint, so st.logout just clears Streamlit's cookie and returns to /.

`claims_for(email)` may be replaced to shape the id_token, e.g. to drop `email` and send only
`preferred_username` as Microsoft Entra ID does for accounts without a mailbox.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote_plus, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "dashboard"
CLIENT_SECRET = "test-secret"  # noqa: S105 (a test provider's fixed secret)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def default_claims(email: str) -> dict:
    return {"email": email, "email_verified": True, "name": email.split("@")[0].title()}


class Provider:
    """The provider's state: signing key, registered client, codes and tokens issued."""

    def __init__(self, issuer: str, redirect_uris: list[str], claims_for=default_claims):
        self.issuer = issuer
        self.redirect_uris = set(redirect_uris)
        self.claims_for = claims_for
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.lock = threading.Lock()
        self.logins: list[str] = []  # e-mails that signed in, for the test to check

    def metadata(self) -> dict:
        i = self.issuer
        return {
            "issuer": i,
            "authorization_endpoint": f"{i}/authorize",
            "token_endpoint": f"{i}/token",
            "userinfo_endpoint": f"{i}/userinfo",
            "jwks_uri": f"{i}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name", "preferred_username"],
        }

    def jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False)]}

    def check_authorize(self, q: dict) -> str | None:
        """An error for a bad authorization request, else None."""
        if q.get("client_id") != CLIENT_ID:
            return "unknown client_id"
        if q.get("redirect_uri") not in self.redirect_uris:
            return "redirect_uri not registered"
        if q.get("response_type") != "code" or "openid" not in q.get("scope", "").split():
            return "only the code flow with the openid scope is supported"
        return None

    def issue_code(self, q: dict, email: str) -> str:
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = {**q, "email": email, "expires": time.time() + 120}
        return code

    def redeem(self, form: dict, client: tuple[str, str]) -> tuple[int, dict]:
        if client != (CLIENT_ID, CLIENT_SECRET):
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self.lock:
            grant = self.codes.pop(form.get("code", ""), None)  # single use
        if grant is None or grant["expires"] < time.time():
            return 400, {"error": "invalid_grant"}
        if grant["redirect_uri"] != form.get("redirect_uri"):
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        if grant.get("code_challenge") and not _pkce_ok(grant, form.get("code_verifier", "")):
            return 400, {"error": "invalid_grant", "error_description": "code_verifier"}
        claims = self.claims_for(grant["email"])
        now = int(time.time())
        id_claims = {
            "iss": self.issuer,
            "sub": hashlib.sha256(grant["email"].encode()).hexdigest()[:20],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            **claims,
        }
        if grant.get("nonce"):
            id_claims["nonce"] = grant["nonce"]
        access_token = secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[access_token] = {"sub": id_claims["sub"], **claims}
            self.logins.append(grant["email"])
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, id_claims, self.key)
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
            "scope": grant.get("scope", "openid"),
        }


def _pkce_ok(grant: dict, verifier: str) -> bool:
    if grant.get("code_challenge_method", "plain") != "S256":
        return verifier == grant["code_challenge"]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == grant["code_challenge"]


LOGIN_FORM = """<!doctype html><html><head><title>Test provider sign-in</title></head><body>
<h1>Test OpenID provider</h1><form method="post" action="/authorize">{hidden}
<label>E-mail <input name="email" type="email" required autofocus></label>
<button type="submit">Sign in</button></form></body></html>"""


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet test output
            pass

        def _send(self, status: int, body, content_type="application/json", headers=None):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Cache-Control", "no-store")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _form(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}

        def do_GET(self):
            url = urlparse(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                return self._send(200, provider.metadata())
            if url.path == "/jwks":
                return self._send(200, provider.jwks())
            if url.path == "/authorize":
                error = provider.check_authorize(q)
                if error:
                    return self._send(400, {"error": "invalid_request", "error_description": error})
                hidden = "".join(
                    f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                    for k, v in q.items()
                )
                page = LOGIN_FORM.format(hidden=hidden).encode()
                return self._send(200, page, "text/html; charset=utf-8")
            if url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ").strip()
                info = provider.tokens.get(token)
                return self._send(200, info) if info else self._send(401, {"error": "invalid"})
            return self._send(404, {"error": "not found"})

        def do_POST(self):
            url = urlparse(self.path)
            form = self._form()
            if url.path == "/authorize":
                email = form.pop("email", "").strip()
                error = provider.check_authorize(form) or ("" if email else "no e-mail")
                if error:
                    return self._send(400, {"error": "invalid_request", "error_description": error})
                code = provider.issue_code(form, email)
                params = {"code": code, **({"state": form["state"]} if "state" in form else {})}
                target = f"{form['redirect_uri']}?{urlencode(params)}"
                return self._send(302, b"", "text/plain", {"Location": target})
            if url.path == "/token":
                status, body = provider.redeem(form, self._client(form))
                return self._send(status, body)
            return self._send(404, {"error": "not found"})

        def _client(self, form: dict) -> tuple[str, str]:
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                raw = base64.b64decode(auth[6:]).decode()
                user, _, password = raw.partition(":")
                return unquote_plus(user), unquote_plus(password)
            return form.get("client_id", ""), form.get("client_secret", "")

    return Handler


@contextlib.contextmanager
def running_provider(redirect_uris: list[str], claims_for=default_claims, port: int | None = None):
    """A provider serving on 127.0.0.1 (a free port unless given), stopped on exit."""
    port = port or free_port()
    issuer = f"http://127.0.0.1:{port}"
    provider = Provider(issuer, redirect_uris, claims_for)
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(provider))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
