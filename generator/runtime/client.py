"""The HTTP client: auth, headers, envelope unwrapping, error mapping, retries with back-off, OAuth2 refresh, timeouts.

Retry policy: a 429 (or an answer the spec's `http.errors.rate_limited` names, as a 403 with
`X-RateLimit-Remaining: 0`) is retried for every method (the server did not process the request) after the
`Retry-After` it names (seconds or an HTTP date, `shapes.retry_after`, capped; missing or garbage means the usual
back-off); a 5xx,
a timeout or a dropped connection is retried only for idempotent requests (GET/PUT/DELETE), with exponential
back-off, because repeating a POST or PATCH could apply it twice.
OAuth2 refresh (runtime/auth.py): on a 401 when `refresh_on` has "401", or before a request once the known expiry
has passed when it has "expiry"; the request is then retried once, and a failed refresh is an auth error carrying
the token endpoint's message. Credentials go only where the spec's auth puts them; no secret value (key, password,
token, refresh token, client secret) appears in a log record, an exception's text or a repr.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from .. import __version__
from ..errors import ConnectorGenError
from ..model import Model, Shape, shapes
from ..model.encoding import form_text
from ..model.shapes import dig as dig  # re-exported: smoke and the runtime read records with it
from ..redact import REDACTED, Secrets
from .auth import Credentials, RefreshFailed
from .request import HttpCall

log = logging.getLogger("connector_gen.runtime")
_URLLIB3 = logging.getLogger("urllib3.connectionpool")
_HEADER_VALUE = re.compile(r"^[\t -~]*$")


class ApiError(ConnectorGenError):
    """The API answered with an error (or could not be reached); carries the status and error.message."""

    def __init__(self, status: int | None, message: str, kind: str | None = None) -> None:
        self.status = status
        self.message = message
        self.kind = kind
        super().__init__(f"{message} (HTTP {status})" if status is not None else message)


def retry_after_seconds(value: str, now: float) -> float | None:
    """The wait a Retry-After header asks for (delay-seconds or an HTTP date, RFC 9110), or None when it is garbage."""
    return shapes.retry_after(value, datetime.datetime.fromtimestamp(now, datetime.UTC))


_MISSING = object()


def _step(value: Any, part: str) -> Any:
    # An integer segment indexes an array (past its end is None: "no record"); a missing key is _MISSING.
    if isinstance(value, list) and part.isdigit():
        index = int(part)
        return value[index] if index < len(value) else None
    if isinstance(value, dict):
        return value.get(part, _MISSING)
    return _MISSING


def one_secret(model: Model, key: str) -> dict[str, str]:
    """The connection values of a spec with exactly one secret field when that secret is `key` (a test shorthand)."""
    secrets = model.connection.secrets
    if len(secrets) != 1:
        raise ValueError(f"this connection has {len(secrets)} secret fields; pass every connection value by field key")
    return {secrets[0].key: key}


class _Redacting(logging.Filter):
    """Redacts a connection's secrets from urllib3's own debug lines (they show URLs: a key in the query)."""

    def __init__(self, credentials: Credentials) -> None:
        super().__init__()
        self.credentials = credentials

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        shown = self.credentials.secrets.text(text)
        if shown != text:
            record.msg, record.args = shown, ()
        return True


class Client:
    """Sends HttpCalls for one connection with the model's conventions.

    `values` are the connection values by field key (derived ones are filled in; for oauth2 also access_token,
    refresh_token, client_id, client_secret); a plain string is the value of a spec's only secret field.
    `base_url` is where the spec's base URL (resolved with the values) is served; None sends to the real one.
    `redirects` are further (real URL prefix, served at) pairs, such as an OAuth2 token URL on another host.
    """

    def __init__(
        self,
        model: Model,
        base_url: str | None,
        values: Mapping[str, str] | str,
        *,
        redirects: tuple[tuple[str, str], ...] = (),
        timeout: tuple[float, float] = (10.0, 30.0),
        max_retries: int = 4,
        backoff_s: float = 0.5,
        max_backoff_s: float = 8.0,
        max_retry_after_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        session: requests.Session | None = None,
    ) -> None:
        self.model = model
        given = one_secret(model, values) if isinstance(values, str) else values
        resolved = {**model.connection.resolve(given), **{k: v for k, v in given.items() if k not in _fields(model)}}
        self.credentials = Credentials(model, resolved, clock)
        try:
            real = model.app.base.render(self.credentials.settings).rstrip("/")
        except KeyError as exc:
            if base_url is None:
                raise ValueError(f"the connection has no value for the setting '{exc.args[0]}' of the base URL") from None
            real = None
        self.base_url = (base_url or str(real)).rstrip("/")
        pairs = [(real, self.base_url)] if real and real != self.base_url else []
        # Longest real prefix first, so a token URL on its own path wins over the base URL it sits under.
        self.redirects = sorted([*pairs, *redirects], key=lambda p: -len(p[0]))
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_retry_after_s = max_retry_after_s
        self.sleep = sleep
        self.session = session or requests.Session()
        self.last_status: int | None = None
        self._filter = _Redacting(self.credentials)
        _URLLIB3.addFilter(self._filter)

    def __repr__(self) -> str:  # say so explicitly: no credential here
        return f"Client({self.base_url!r}, {self.model.auth.kind} credentials={REDACTED!r})"

    @property
    def settings(self) -> dict[str, str]:
        """The connection's non-secret values (what paths may name)."""
        return self.credentials.settings

    @property
    def values(self) -> dict[str, str]:
        """The connection's current values (oauth2 tokens after any refresh); secrets in the clear, handle with care."""
        return dict(self.credentials.values)

    @property
    def _secrets(self) -> Secrets:
        return self.credentials.secrets

    def served(self, url: str) -> str:
        """Where a real URL (the base URL's, a token URL) is served: the first redirect whose prefix it starts with."""
        for real, served in self.redirects:
            if url == real or url.startswith(real.rstrip("/") + "/") or url.startswith(real + "?"):
                return served + url[len(real) :]
        return url

    def close(self) -> None:
        """Close the pooled connections."""
        _URLLIB3.removeFilter(self._filter)
        self.session.close()

    def _headers(self, call: HttpCall) -> dict[str, str]:
        settings = self.credentials.settings
        headers = dict(self.model.http.headers)
        if call.body is not None:
            # The request's own encoding says what the body is, whatever fixed Content-Type the spec sends.
            headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
            headers["Content-Type"] = "application/x-www-form-urlencoded" if call.encoding == "form" else "application/json"
        headers |= {name: value.render(settings) for name, value in self.model.http.setting_headers}
        headers |= self.credentials.headers()
        headers["User-Agent"] = f"connector-gen/{__version__}"
        for name, value in headers.items():
            # HTTP/1.1 header values are visible ASCII and spaces; anything else cannot be sent (and is no
            # network failure to retry). The message names the header, never the value (it may be the key).
            if not _HEADER_VALUE.match(value):
                raise ApiError(None, f"the {name} header holds characters an HTTP header cannot carry", "invalid_header")
        return headers

    def _refresh(self) -> None:
        oauth2 = self.model.auth.oauth2
        assert oauth2 is not None
        log.info("refreshing the OAuth2 access token")
        try:
            self.credentials.refresh(self.session, self.served(oauth2.refresh_url.render(self.settings)), self.timeout)
        except RefreshFailed as exc:
            status = self.model.http.status(401)
            raise ApiError(exc.status, self._redact(exc.message), status.kind if status else "unauthorized") from None

    def _redact(self, text: str) -> str:
        return self._secrets.text(text)

    def _delay(self, attempt: int) -> float:
        return float(min(self.max_backoff_s, self.backoff_s * (2**attempt)))

    def _retry_after(self, resp: requests.Response, attempt: int) -> float:
        wait = retry_after_seconds(resp.headers.get("Retry-After", ""), time.time())
        if wait is None:  # missing or garbage: the ordinary back-off
            return self._delay(attempt)
        return min(wait, self.max_retry_after_s)

    def send(self, call: HttpCall, read: bool = True) -> Any:
        """The parsed JSON answer of `call` (None unread when `read` is false: an `empty` answer); raises ApiError
        with status and the API's message after retries."""
        return self.exchange(call, read)[0]

    def exchange(self, call: HttpCall, read: bool = True) -> tuple[Any, dict[str, str]]:
        """`send`, with the answer's headers (a Link to the next page)."""
        problem = self.credentials.problem()
        if problem is not None:  # as a platform refuses to save such a connection: nothing is sent
            raise ApiError(None, problem, "invalid_connection")
        url = self.served(call.url) if call.url is not None else self.served(self.base_url + call.path)
        attempt = 0
        refreshed = False  # one refresh per request, then the request is retried once
        while True:
            if not refreshed and self.credentials.expired():
                self._refresh()
                refreshed = True
            started = time.monotonic()
            try:
                resp = self.session.request(
                    call.method,
                    url,
                    params=[*call.query, *self.credentials.query()],
                    data=self._body(call),
                    headers=self._headers(call),
                    timeout=self.timeout,
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                # Never format the exception with its request: only its class name goes into text.
                reason = f"could not reach the API ({type(exc).__name__})"
                log.warning("%s %s: %s (attempt %d)", call.method, call.path, reason, attempt + 1)
                if call.idempotent and attempt < self.max_retries:
                    self.sleep(self._delay(attempt))
                    attempt += 1
                    continue
                raise ApiError(None, self._redact(f"{reason} at {self.base_url}"), "network") from None
            self.last_status = resp.status_code
            log.debug("%s %s -> %d in %.0f ms", call.method, call.path, resp.status_code, (time.monotonic() - started) * 1000)
            if resp.status_code == 401 and not refreshed and self.credentials.refreshes_on_401():
                log.info("%s %s: HTTP 401, refreshing the access token and retrying once", call.method, call.path)
                self._refresh()
                refreshed = True
                continue
            limited = shapes.rate_limited(self.model.http, resp.status_code, dict(resp.headers))
            if limited and attempt < self.max_retries:
                wait = self._retry_after(resp, attempt)
                log.info("%s %s: rate limited, retrying in %.1f s", call.method, call.path, wait)
                self.sleep(wait)
                attempt += 1
                continue
            if resp.status_code >= 500 and call.idempotent and attempt < self.max_retries:
                wait = self._delay(attempt)
                log.info("%s %s: HTTP %d, retrying in %.1f s", call.method, call.path, resp.status_code, wait)
                self.sleep(wait)
                attempt += 1
                continue
            if resp.status_code >= 400:
                raise self._error(resp)
            return (self._json(resp) if read else None), dict(resp.headers)

    @staticmethod
    def _body(call: HttpCall) -> bytes | None:
        if call.body is None:
            return None
        if call.encoding == "form":
            return form_text(call.body).encode("utf-8")
        return json.dumps(call.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def _json(self, resp: requests.Response) -> Any:
        if not resp.content:
            return None
        try:
            return resp.json()
        except ValueError:
            raise ApiError(resp.status_code, "the API answered with something that is not JSON", "invalid_response") from None

    def _error(self, resp: requests.Response) -> ApiError:
        status = self.model.http.status(resp.status_code)
        try:
            body: Any = resp.json()
        except ValueError:  # some APIs answer errors in plain text (Trello's "invalid token"): that text is the message
            body = resp.text
        message = shapes.error_message(self.model.http, body)
        if not message:
            message = status.message if status else f"HTTP {resp.status_code} {resp.reason or ''}".strip()
        kind = status.kind if status else None
        if shapes.rate_limited(self.model.http, resp.status_code, dict(resp.headers)):
            limit = self.model.http.status(429)
            kind = limit.kind if limit else "rate_limited"
        return ApiError(resp.status_code, self._redact(message), kind)

    def records(self, call: HttpCall) -> list[dict[str, Any]]:
        """Send `call` and unwrap its answer into records, as its operation's response shape says."""
        return unwrap(call.shape or Shape(True, self.model.http.items_path), self.send(call))


def _fields(model: Model) -> set[str]:
    return {f.key for f in model.connection.fields}


def unwrap(shape: Shape, answer: Any) -> list[dict[str, Any]]:
    """The records of an answer (`shapes.records` / `shapes.record`): the list at a list shape's path, each item
    unwrapped at `item`, or the one record at a record shape's path; an `empty` answer has none.

    A record answer that is empty (no body, as a 204; an empty object; past the end of an array) yields no record.
    """
    if shape.empty:
        return []
    found: Any = answer
    for part in shape.path:
        # Walked here only to tell an answer in another shape (an error) from one without a record.
        found = _step(found, part)
        if found is _MISSING:
            if answer is None and not shape.many:
                return []
            raise ApiError(None, f"the API answer has no '{'.'.join(shape.path)}' ({_shape(answer)})", "invalid_response")
    if shape.many:
        listed = shapes.records(shape, answer)
        if listed is not None:
            return [r for r in listed if isinstance(r, dict)]
        where = ".".join(shape.path) or "the body"
        raise ApiError(None, f"the API answer holds no list at {where} ({_shape(answer)})", "invalid_response")
    found = shapes.record(shape, answer)
    if found is None or found == {}:
        return []
    if isinstance(found, dict):
        return [found]
    where = ".".join(shape.path) or "the body"
    raise ApiError(None, f"the API answer holds no record at {where} ({_shape(answer)})", "invalid_response")


def _shape(answer: Any) -> str:
    if isinstance(answer, dict):
        return "keys: " + ", ".join(sorted(answer)) if answer else "an empty object"
    return type(answer).__name__
