"""The HTTP client: headers, envelope unwrapping, error mapping, retries with back-off, timeouts.

Retry policy: a 429 is retried for every method (the server did not process the request) after the
`Retry-After` it names (seconds or an HTTP date, capped; missing or garbage means the usual back-off); a 5xx,
a timeout or a dropped connection is retried only for idempotent requests (GET/PUT/DELETE), with exponential
back-off, because repeating a POST or PATCH could apply it twice.
The API key is sent only in its header; it never appears in a log record or an exception's text.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import re
import time
from collections.abc import Callable
from typing import Any

import requests

from .. import __version__
from ..errors import ConnectorGenError
from ..model import Model
from ..redact import REDACTED, Secrets
from .request import HttpCall

log = logging.getLogger("connector_gen.runtime")
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
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    if not value or value.isdigit():  # empty, or digits of another script, which float() would take
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # "Mon, garbage" and the like
        return None
    if when.tzinfo is None:  # "-0000" or no zone: HTTP dates are in GMT
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, when.timestamp() - now)


def dig(value: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` inside nested dicts, or None when any step is missing."""
    for part in path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


class Client:
    """Sends HttpCalls for one base URL and API key with the model's conventions."""

    def __init__(
        self,
        model: Model,
        base_url: str,
        api_key: str,
        *,
        timeout: tuple[float, float] = (10.0, 30.0),
        max_retries: int = 4,
        backoff_s: float = 0.5,
        max_backoff_s: float = 8.0,
        max_retry_after_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.model = model
        self.base_url = base_url.rstrip("/")
        self._key = api_key
        self._secrets = Secrets.of(api_key)
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.max_retry_after_s = max_retry_after_s
        self.sleep = sleep
        self.session = session or requests.Session()
        self.last_status: int | None = None

    def __repr__(self) -> str:  # the default repr would be harmless, but say so explicitly: no key here
        return f"Client({self.base_url!r}, api_key={REDACTED!r})"

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    def _headers(self, call: HttpCall) -> dict[str, str]:
        headers = dict(self.model.http.headers)
        headers[self.model.auth.headers[0].name] = self._key
        headers["User-Agent"] = f"connector-gen/{__version__}"
        for name, value in headers.items():
            # HTTP/1.1 header values are visible ASCII and spaces; anything else cannot be sent (and is no
            # network failure to retry). The message names the header, never the value (it may be the key).
            if not _HEADER_VALUE.match(value):
                raise ApiError(None, f"the {name} header holds characters an HTTP header cannot carry", "invalid_header")
        return headers

    def _redact(self, text: str) -> str:
        return self._secrets.text(text)

    def _delay(self, attempt: int) -> float:
        return float(min(self.max_backoff_s, self.backoff_s * (2**attempt)))

    def _retry_after(self, resp: requests.Response, attempt: int) -> float:
        wait = retry_after_seconds(resp.headers.get("Retry-After", ""), time.time())
        if wait is None:  # missing or garbage: the ordinary back-off
            return self._delay(attempt)
        return min(wait, self.max_retry_after_s)

    def send(self, call: HttpCall) -> Any:
        """The parsed JSON answer of `call`; raises ApiError with status and error.message after retries."""
        url = self.base_url + call.path
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                resp = self.session.request(
                    call.method,
                    url,
                    params=list(call.query),
                    json=call.body,
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
            if resp.status_code == 429 and attempt < self.max_retries:
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
            return self._json(resp)

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
            message = dig(resp.json(), self.model.http.error_message_path)
        except ValueError:
            message = None
        if not isinstance(message, str) or not message.strip():
            message = status.message if status else f"HTTP {resp.status_code} {resp.reason or ''}".strip()
        return ApiError(resp.status_code, self._redact(message), status.kind if status else None)

    def records(self, call: HttpCall) -> list[dict[str, Any]]:
        """Send `call` and unwrap the envelope into a list of records."""
        return unwrap(self.model, self.send(call))


def unwrap(model: Model, answer: Any) -> list[dict[str, Any]]:
    """The records inside an answer: the list at the items path, or the single object where it would be."""
    path = model.http.items_path
    found = dig(answer, path)
    if isinstance(found, list):
        return [r for r in found if isinstance(r, dict)]
    if isinstance(found, dict):
        return [found]
    parent = dig(answer, path[:-1]) if len(path) > 1 else None
    if isinstance(parent, dict) and path[-1] not in parent:
        return [parent]
    raise ApiError(None, f"the API answer has no '{'.'.join(path)}' ({_shape(answer)})", "invalid_response")


def _shape(answer: Any) -> str:
    if isinstance(answer, dict):
        return "keys: " + ", ".join(sorted(answer)) if answer else "an empty object"
    return type(answer).__name__
