"""A connection's credentials on the wire: each auth kind's headers and query, and the OAuth2 token refresh.

`Credentials` holds the connection values (settings, secrets, derived values and, for oauth2, the token pair and the
client id/secret), renders what each request carries (api_key/bearer/oauth2 placements, basic's Authorization) and
refreshes an OAuth2 access token the way every target does: POST `refresh_url` form-encoded
`grant_type=refresh_token&refresh_token=…`, client id and secret in the body or as HTTP Basic, then keep the new
access token (and refresh token and expiry, when the answer gives them). Every secret it learns joins `secrets`.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from ..errors import ConnectorGenError
from ..model import Model, shapes
from ..model.connection import ACCESS_TOKEN
from ..model.template import Template
from ..redact import Secrets

# What an OAuth2 connection holds besides its fields (the platform's OAuth flow obtained them).
REFRESH_TOKEN, CLIENT_ID, CLIENT_SECRET = "refresh_token", "client_id", "client_secret"
OAUTH_SECRETS = (ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET)
EXPIRY_MARGIN_S = 30.0  # refresh this long before the known expiry, so a token does not lapse on its way


class MissingValue(ConnectorGenError):
    """The connection lacks a value its auth sends (the message names the field, never a value)."""


class RefreshFailed(Exception):
    """The token endpoint refused a refresh (or could not be reached): its status and message, secrets redacted."""

    def __init__(self, status: int | None, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


def basic_header(username: str, password: str) -> str:
    """`Basic base64(username:password)` (RFC 7617, UTF-8)."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def token_message(answer: Any, model: Model) -> str | None:
    """The text an OAuth2 token endpoint's error answer carries (RFC 6749 `error_description`/`error`, or the API's)."""
    if not isinstance(answer, dict):
        return None
    found = shapes.error_message(model.http, answer)
    for candidate in (answer.get("error_description"), answer.get("message"), found, answer.get("error")):
        if isinstance(candidate, str) and candidate.strip():
            return candidate
    return None


class Credentials:
    """The values of one connection and what they put on each request; oauth2 tokens are refreshed in place."""

    def __init__(self, model: Model, values: Mapping[str, str], clock: Callable[[], float] = time.time) -> None:
        self.model = model
        self.values = dict(values)
        self.clock = clock
        self.expires_at: float | None = None  # unknown until a token answer names `expires_in`
        keys = {f.key for f in model.connection.secrets} | set(OAUTH_SECRETS)
        self.secrets = Secrets.of(v for k, v in self.values.items() if k in keys)

    def problem(self) -> str | None:
        """Why the connection cannot be used (a required field missing, a value off its pattern), naming the field
        and never the value; None when it is fine."""
        for fld in self.model.connection.fields:
            value = self.values.get(fld.key)
            if value in (None, ""):
                if fld.required:
                    return f"the connection has no value for '{fld.key}' ({fld.label})"
            elif fld.pattern and not re.fullmatch(fld.pattern, str(value)):
                return f"the connection's '{fld.key}' ({fld.label}) does not match the pattern {fld.pattern}"
        return None

    @property
    def settings(self) -> dict[str, str]:
        """The non-secret connection values (what base URLs, paths and headers may name)."""
        secret = {f.key for f in self.model.connection.secrets} | set(OAUTH_SECRETS) | {CLIENT_ID}
        return {k: v for k, v in self.values.items() if k not in secret}

    def headers(self) -> dict[str, str]:
        """The auth headers of a request (none for kind none)."""
        auth = self.model.auth
        if auth.kind == "basic":
            assert auth.username is not None and auth.password is not None
            return {"Authorization": basic_header(self._render(auth.username), self._render(auth.password))}
        return {p.name: self._render(p.value) for p in auth.headers}

    def query(self) -> list[tuple[str, str]]:
        """The auth query parameters of a request, in spec order."""
        return [(p.name, self._render(p.value)) for p in self.model.auth.query]

    def _render(self, template: Template) -> str:
        try:
            return template.render(self.values)
        except KeyError as exc:
            raise MissingValue(f"the connection has no value for '{exc.args[0]}', which its auth sends") from None

    @property
    def oauth(self) -> bool:
        """Whether this connection refreshes tokens (oauth2)."""
        return self.model.auth.oauth2 is not None

    def expired(self) -> bool:
        """True when refresh on expiry applies and the known expiry has passed (or is about to)."""
        oauth2 = self.model.auth.oauth2
        if oauth2 is None or "expiry" not in oauth2.refresh_on or self.expires_at is None:
            return False
        return self.clock() >= self.expires_at - EXPIRY_MARGIN_S

    def refreshes_on_401(self) -> bool:
        """Whether a 401 answer triggers a refresh (and one retry)."""
        oauth2 = self.model.auth.oauth2
        return oauth2 is not None and "401" in oauth2.refresh_on

    def refresh(self, session: requests.Session, url: str, timeout: tuple[float, float]) -> None:
        """Exchange the refresh token at `url` (the refresh URL as served); keep the new tokens or raise RefreshFailed."""
        oauth2 = self.model.auth.oauth2
        assert oauth2 is not None
        refresh_token = self.values.get(REFRESH_TOKEN)
        if not refresh_token:
            raise RefreshFailed(None, "the access token needs refreshing, but the connection has no refresh token")
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        client_id, client_secret = self.values.get(CLIENT_ID, ""), self.values.get(CLIENT_SECRET, "")
        headers = {"Accept": "application/json"}
        if oauth2.client_auth == "basic":
            headers["Authorization"] = basic_header(client_id, client_secret)
        else:
            form |= {CLIENT_ID: client_id, CLIENT_SECRET: client_secret}
        try:
            resp = session.post(url, data=form, headers=headers, timeout=timeout, allow_redirects=False)
        except requests.RequestException as exc:  # only the class name: the exception's text names the request
            raise RefreshFailed(None, f"could not reach the token endpoint ({type(exc).__name__})") from None
        try:
            answer = resp.json() if resp.content else None
        except ValueError:
            answer = None
        token = answer.get(ACCESS_TOKEN) if isinstance(answer, dict) else None
        if resp.status_code >= 400 or not isinstance(token, str) or not token:
            said = token_message(answer, self.model) or f"HTTP {resp.status_code} {resp.reason or ''}".strip()
            raise RefreshFailed(resp.status_code, self.secrets.text(f"the token endpoint refused the refresh: {said}"))
        assert isinstance(answer, dict)
        self.values[ACCESS_TOKEN] = token
        new_refresh = answer.get(REFRESH_TOKEN)
        if isinstance(new_refresh, str) and new_refresh:
            self.values[REFRESH_TOKEN] = new_refresh
        self.expires_at = _expiry(answer.get("expires_in"), self.clock())
        self.secrets = self.secrets.adding(token, self.values[REFRESH_TOKEN])


def _expiry(expires_in: Any, now: float) -> float | None:
    # RFC 6749 says a number of seconds; some servers send it as text.
    if isinstance(expires_in, str) and expires_in.strip().isdigit():
        expires_in = int(expires_in)
    if isinstance(expires_in, bool) or not isinstance(expires_in, (int, float)):
        return None
    return now + float(expires_in)
