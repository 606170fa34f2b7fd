"""The mock's OAuth2 server: an authorize endpoint, a token endpoint and the tokens they issue.

Served on the mock's origin: `GET /__oauth/authorize` (client_id, redirect_uri, response_type=code, scope, state)
answers 302 to `redirect_uri?code=…&state=…`; `POST /__oauth/token` (form-encoded, or JSON) takes the grants
authorization_code (the code once, the same redirect_uri), refresh_token and, for a client_credentials spec,
client_credentials, with the client id and secret where the spec's `client_auth` puts them (body or HTTP Basic).
It answers `{access_token, refresh_token, token_type: bearer, expires_in}`; errors follow RFC 6749
(`error`, `error_description`, 400 or 401 for the client) with the message also at the API's error path.
The spec's token and refresh URLs both lead to the one token endpoint. Access tokens expire after `lifetime_s`
(on the mock's timer) or at once by `expire()`; refresh tokens stay valid.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import secrets
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from ..model import Model
from .answers import error_body
from .connection import Verdict
from .handler import Reply

AUTHORIZE_PATH = "/__oauth/authorize"
TOKEN_PATH = "/__oauth/token"
LIFETIME_S = 3600


class Tokens:
    """Authorization codes, access tokens (with their expiry) and refresh tokens of one mock."""

    client_id = "mock-client-id"
    client_secret = "mock-client-secret"

    def __init__(self, model: Model, timer: Callable[[], float], lifetime_s: int = LIFETIME_S) -> None:
        self.model = model
        self.timer = timer
        self.lifetime_s = lifetime_s
        self._access: dict[str, float] = {}  # token -> expires at (timer seconds)
        self._refresh: set[str] = set()
        self._codes: dict[str, str | None] = {}  # code -> the redirect_uri it was issued for
        self._serial = itertools.count(1)

    def _new(self, what: str) -> str:
        return f"mock-{what}-{next(self._serial)}-{secrets.token_hex(6)}"

    def issue(self, refresh: str | None = None) -> dict[str, Any]:
        """A new access token (and refresh token, or `refresh` kept) as the token endpoint answers them."""
        access = self._new("access")
        self._access[access] = self.timer() + self.lifetime_s
        answer: dict[str, Any] = {"access_token": access, "token_type": "bearer", "expires_in": self.lifetime_s}
        if self.model.auth.oauth2 is not None and self.model.auth.oauth2.grant == "authorization_code":
            kept = refresh or self._new("refresh")
            self._refresh.add(kept)
            answer["refresh_token"] = kept
        return answer

    def state(self, token: str) -> Verdict:
        """valid, expired or invalid (never issued)."""
        if token not in self._access:
            return "invalid"
        return "valid" if self.timer() < self._access[token] else "expired"

    def expire(self) -> None:
        """Expire every access token issued so far (refresh tokens stay valid)."""
        for token in self._access:
            self._access[token] = float("-inf")

    def __iter__(self) -> Iterator[str]:
        """Every secret this server knows: tokens, refresh tokens, codes and the client secret (for redaction)."""
        yield self.client_secret
        yield from self._access
        yield from self._refresh
        yield from self._codes

    # -- endpoints -----------------------------------------------------------------------------

    def _error(self, status: int, error: str, text: str) -> Reply:
        body = error_body(self.model.http, text)
        if isinstance(body, dict) and not {"error", "error_description"} & set(body):
            body |= {"error": error, "error_description": text}
        return Reply(status, body)

    def authorize(self, query: Mapping[str, list[str]]) -> Reply:
        """The consent page, consenting at once: 302 to redirect_uri with a code."""
        one = {k: v[-1] for k, v in query.items()}
        oauth2 = self.model.auth.oauth2
        if oauth2 is None or oauth2.grant != "authorization_code":
            return self._error(404, "unsupported_response_type", "This API has no OAuth2 authorize page.")
        if one.get("client_id") != self.client_id:
            return self._error(400, "invalid_client", "Unknown client_id.")
        if one.get("response_type") != "code":
            return self._error(400, "unsupported_response_type", "response_type must be 'code'.")
        redirect = one.get("redirect_uri")
        if not redirect:
            return self._error(400, "invalid_request", "redirect_uri is required.")
        asked = [s for s in one.get("scope", "").split(oauth2.scope_separator) if s]
        if oauth2.scopes and sorted(asked) != sorted(oauth2.scopes):
            return self._error(400, "invalid_scope", f"scope must be '{oauth2.scope}', got '{one.get('scope', '')}'.")
        code = self._new("code")
        self._codes[code] = redirect
        params = {"code": code, **({"state": one["state"]} if "state" in one else {})}
        location = redirect + ("&" if "?" in redirect else "?") + urlencode(params)
        return Reply(302, {"redirect": location}, (("Location", location),))

    def _client(self, headers: Mapping[str, str], form: Mapping[str, str]) -> bool:
        oauth2 = self.model.auth.oauth2
        assert oauth2 is not None
        if oauth2.client_auth == "body":
            return form.get("client_id") == self.client_id and form.get("client_secret") == self.client_secret
        scheme, _, data = headers.get("authorization", "").partition(" ")
        try:
            pair = base64.b64decode(data, validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            return False
        return scheme.lower() == "basic" and pair == f"{self.client_id}:{self.client_secret}"

    def token(self, headers: Mapping[str, str], raw: bytes) -> Reply:
        """The token endpoint: exchange a code, a refresh token or the client's credentials for tokens."""
        oauth2 = self.model.auth.oauth2
        if oauth2 is None:
            return self._error(404, "invalid_request", "This API has no OAuth2 token endpoint.")
        form = _form(raw, headers.get("content-type", ""))
        if not self._client(headers, form):
            where = "in the body" if oauth2.client_auth == "body" else "as HTTP Basic"
            return self._error(401, "invalid_client", f"The client id or secret was not accepted (send them {where}).")
        grant = form.get("grant_type")
        if grant == "authorization_code" and oauth2.grant == "authorization_code":
            code = form.get("code", "")
            if code not in self._codes:
                return self._error(400, "invalid_grant", "The authorization code is unknown or was used already.")
            if self._codes[code] and form.get("redirect_uri") != self._codes[code]:
                return self._error(400, "invalid_grant", "redirect_uri differs from the authorize request's.")
            del self._codes[code]
            return Reply(200, self.issue())
        if grant == "refresh_token" and oauth2.grant == "authorization_code":
            refresh = form.get("refresh_token", "")
            if refresh not in self._refresh:
                return self._error(400, "invalid_grant", "The refresh token is unknown or was revoked.")
            return Reply(200, self.issue(refresh))
        if grant == "client_credentials" and oauth2.grant == "client_credentials":
            return Reply(200, self.issue())
        return self._error(400, "unsupported_grant_type", f"grant_type '{grant}' is not accepted here.")


def _form(raw: bytes, content_type: str) -> dict[str, str]:
    text = raw.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}


def connect(model: Model, authorize_url: str, token_url: str, client: tuple[str, str]) -> dict[str, str]:
    """Connect as a user would, over HTTP: consent on the authorize page, exchange the code at the token endpoint.

    Returns the OAuth values a connection holds (client_id, client_secret, access_token, refresh_token).
    """
    import requests  # only this client side needs it; the server is the standard library's

    oauth2 = model.auth.oauth2
    assert oauth2 is not None
    client_id, client_secret = client
    form: dict[str, str] = {"grant_type": oauth2.grant}
    if oauth2.grant == "authorization_code":
        redirect = "http://127.0.0.1/oauth/callback"
        asked = {"client_id": client_id, "redirect_uri": redirect, "response_type": "code", "scope": oauth2.scope, "state": "s"}
        consent = requests.get(authorize_url, params=asked, allow_redirects=False, timeout=10)
        location = consent.headers.get("Location", "")
        code = parse_qs(location.partition("?")[2]).get("code", [""])[-1]
        if consent.status_code != 302 or not code:
            raise ValueError(f"the mock's authorize page answered {consent.status_code}: {consent.text[:200]}")
        form |= {"code": code, "redirect_uri": redirect}
    basic = (client_id, client_secret) if oauth2.client_auth == "basic" else None
    if basic is None:
        form |= {"client_id": client_id, "client_secret": client_secret}
    answer = requests.post(token_url, data=form, auth=basic, timeout=10)
    tokens = answer.json() if answer.status_code == 200 else None
    if not isinstance(tokens, dict) or "access_token" not in tokens:
        raise ValueError(f"the mock's token endpoint answered {answer.status_code}")
    found = {k: str(tokens[k]) for k in ("access_token", "refresh_token") if k in tokens}
    return {"client_id": client_id, "client_secret": client_secret, **found}
