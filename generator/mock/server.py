"""The mock's HTTP server: a threaded HTTP/1.1 JSON server with auth, faults, rate limits and a request log."""

from __future__ import annotations

import copy
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qs, quote, urlsplit

from ..model import Model
from ..redact import REDACTED, Secrets
from .api import Api, envelope
from .clock import START_MS, Clock
from .control import control
from .errors import ApiError
from .handler import HttpServer, Reply
from .store import Record, Store

Auth = Literal["valid", "read_only", "invalid", "missing"]
CONTROL = "/__mock/"


@dataclass(frozen=True)
class RecordedRequest:
    """One API request as the mock received it (control requests are never recorded)."""

    method: str
    path: str  # relative to the base URL's path, e.g. "/items"
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names; the API key header's value is "<redacted>"
    body: Any | None  # parsed JSON, or the raw text when it is not JSON (any key in query or body: "<redacted>")
    auth: Auth

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this request."""
        return {
            "method": self.method,
            "path": self.path,
            "query": copy.deepcopy(self.query),
            "headers": dict(self.headers),
            "body": copy.deepcopy(self.body),
            "auth": self.auth,
        }


class MockServer:
    """A stateful mock of the model's API on 127.0.0.1, served from a daemon thread."""

    api_key = "test-key"
    read_only_key = "readonly-key"
    MAX_FAULTS = 10_000  # pending injected failures: a bound, so a huge n is refused instead of filling the memory

    def __init__(
        self,
        model: Model,
        port: int = 0,
        host: str = "127.0.0.1",
        timer: Callable[[], float] = time.monotonic,
        *,
        api_key: str | None = None,
        echo_key_in_errors: bool = False,
        live_clock: bool = False,
    ) -> None:
        self.model = model
        if api_key:
            self.api_key = api_key  # a test's own distinctive key instead of "test-key"
        # Test switch: every error message ends with the key the request carried, raw and URL-encoded, as a
        # careless API might echo it; proves that nothing downstream shows it (tests/smoke/test_secrets.py).
        self.echo_key_in_errors = echo_key_in_errors
        # Held for tests (they set every timestamp); live for a hand-started mock, from the wall clock's now.
        self.clock = Clock(max(START_MS, time.time_ns() // 1_000_000), live=True) if live_clock else Clock()
        self._host, self._port = host, port
        self._timer = timer  # rate-limit windows run on real time: clients sleep for real on Retry-After
        self._lock = threading.RLock()
        self._store = Store(model, self.clock)
        self._api = Api(model, self._store, self.clock)
        self._log: list[RecordedRequest] = []
        self._faults: deque[int | str] = deque()
        self._limit: tuple[int, float] | None = None
        self._hits: deque[float] = deque()
        self._hook: Callable[[RecordedRequest], None] | None = None
        self._http: HttpServer | None = None
        self._thread: threading.Thread | None = None
        self.base_path = urlsplit(model.app.base_url).path.rstrip("/")

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> MockServer:
        """Bind and serve in a daemon thread; returns self."""
        if self._http is None:
            self._http = HttpServer((self._host, self._port), self.answer)
            # A short poll interval so stop() returns quickly (tests start one mock each).
            self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,), name="mock-api", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every open connection."""
        http, self._http = self._http, None
        if http is not None:
            http.shutdown()
            http.close_all()
            http.server_close()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> MockServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._http is None:
            raise RuntimeError("the mock server is not running; use start() or a with block")
        return int(self._http.server_address[1])

    @property
    def connections_opened(self) -> int:
        """How many TCP connections the server has accepted (keep-alive reuses one)."""
        return self._http.accepted if self._http is not None else 0

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT`, where the control endpoints live under /__mock/."""
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The API's base URL on this server: the origin plus the path of the model's base URL."""
        return self.origin + self.base_path

    # -- controls ------------------------------------------------------------------------------

    def seed(self, resource_key: str, records: list[Record]) -> list[Record]:
        """Insert records, filling id and created/updated/archived fields when missing; returns copies."""
        with self._lock:
            return self._store.seed(resource_key, records)

    def seed_samples(self) -> None:
        """Store each collection resource's sample once (for a hand-started mock)."""
        with self._lock:
            for res in self.model.resources:
                if res.id_field and not self._store.rows(res):
                    self._store.seed(res.key, [res.sample])

    def records(self, resource_key: str) -> list[Record]:
        """Copies of the current records of a resource, write-only fields included."""
        with self._lock:
            return self._store.snapshot(resource_key)

    def change(self, resource_key: str, record_id: Any, values: Record) -> Record:
        """Merge `values` into a stored record and stamp its updated field, as the server itself would; returns a copy."""
        with self._lock:
            resource = self._store.resource(resource_key)
            record = self._store.get(resource, record_id)
            if record is None:
                raise ValueError(f"no {resource_key} with id {record_id!r}")
            record.update(copy.deepcopy(values))
            if resource.updated_field:
                record[resource.updated_field] = self.clock.stamp()
            return copy.deepcopy(record)

    def on_request(self, hook: Callable[[RecordedRequest], None] | None) -> None:
        """Call `hook(request)` before each API request is answered (None removes it).

        A test's way to change records between the pages of one poll. The hook runs on the server's thread
        with the mock's lock held: it may call this object's methods (change, seed, clock) but must not send
        HTTP requests to the mock. Control requests (/__mock/) do not call it.
        """
        with self._lock:
            self._hook = hook

    def set_rate_limit(self, n: int | None, window_s: float = 1.0) -> None:
        """Answer 429 + Retry-After to requests beyond `n` within `window_s` seconds; None disables."""
        bad_n = isinstance(n, bool) or not isinstance(n, int) or n < 0
        bad_window = isinstance(window_s, bool) or not isinstance(window_s, (int, float)) or not 0 < window_s <= 86_400
        if n is not None and (bad_n or bad_window):
            raise ValueError("set_rate_limit() takes n >= 0 (or None) and 0 < window_s <= 86400 seconds")
        with self._lock:
            self._limit = None if n is None else (n, float(window_s))
            self._hits.clear()

    def fail_next(self, n: int = 1, status: int | str = 500) -> None:
        """Make the next `n` API requests fail with `status` (an HTTP error code) or "drop" the connection."""
        if status != "drop" and (isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599):
            raise ValueError('fail_next() status must be an HTTP error code (400-599) or "drop"')
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError("fail_next() takes n >= 0")
        with self._lock:
            room = self.MAX_FAULTS - len(self._faults)
            if n > room:
                raise ValueError(f"fail_next() takes n <= {room} (at most {self.MAX_FAULTS} pending failures)")
            self._faults.extend([status] * n)

    def requests(self) -> list[RecordedRequest]:
        """Every API request received since the last clear, oldest first."""
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self._log.clear()

    def reset(self) -> None:
        """Empty the store and the log, and drop pending faults and rate limits (the clock keeps its time)."""
        with self._lock:
            self._store.clear()
            self._log.clear()
            self._faults.clear()
            self._limit = None
            self._hits.clear()
            self._hook = None

    # -- answering -----------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Reply:
        """The reply to one HTTP request (`target` is the path with its query string)."""
        parts = urlsplit(target)
        path = parts.path
        for prefix in (CONTROL, self.base_path + CONTROL):
            if path.startswith(prefix):
                return control(self, method, path[len(prefix) :], _json(raw))
        query = parse_qs(parts.query, keep_blank_values=True)
        lower = {k.lower(): v for k, v in headers.items()}
        relative = path[len(self.base_path) :] if path.startswith(self.base_path + "/") else path
        known = path.startswith(self.base_path + "/") or not self.base_path
        body = _json(raw)
        with self._lock:
            key_header = self.model.auth.headers[0].name.lower()
            sent_key = lower.get(key_header)
            auth = self._auth(sent_key)
            secrets = Secrets.of(self.api_key, self.read_only_key, sent_key)
            shown = {k: (REDACTED if k == key_header else secrets.text(v)) for k, v in lower.items()}
            logged = str(body) if isinstance(body, _Text) else body
            recorded = RecordedRequest(method, relative, secrets.value(query), shown, secrets.value(logged), auth)
            self._log.append(recorded)
            if self._hook is not None:
                self._hook(recorded)
            reply = self._reply(method, relative if known else None, query, body, auth)
            return self._echo(reply, sent_key) if self.echo_key_in_errors else reply

    def _echo(self, reply: Reply, key: str | None) -> Reply:
        where = self.model.http.error_message_path
        message: Any = reply.body
        for part in where:
            message = message.get(part) if isinstance(message, dict) else None
        if reply.status < 400 or not key or not isinstance(message, str):
            return reply
        echoed = f"{message} (API key sent: {key}; as in a URL: {quote(key, safe='')})"
        return Reply(reply.status, envelope(where, echoed), reply.headers, reply.drop)

    def _auth(self, key: str | None) -> Auth:
        if not key:
            return "missing"
        if key == self.api_key:
            return "valid"
        return "read_only" if key == self.read_only_key else "invalid"

    def _error(self, status: int, message: str, *headers: tuple[str, str]) -> Reply:
        return Reply(status, envelope(self.model.http.error_message_path, message), headers)

    def _reply(self, method: str, path: str | None, query: dict[str, list[str]], body: Any, auth: Auth) -> Reply:
        """Answer one API request; `path` is None when the request is outside the base path."""
        # Order: injected faults, then the rate limit, then auth, then routing and validation.
        if self._faults:
            fault = self._faults.popleft()
            if fault == "drop":
                return Reply(0, drop=True)
            code = int(fault)
            extra = (("Retry-After", "1"),) if code == 429 else ()
            return self._error(code, self._api.message(code, f"Injected failure {code}."), *extra)
        if self._limit is not None:
            limit, window = self._limit
            now = self._timer()
            while self._hits and self._hits[0] <= now - window:
                self._hits.popleft()
            if len(self._hits) >= limit:
                wait = max(1, math.ceil(self._hits[0] + window - now)) if self._hits else max(1, math.ceil(window))
                return self._error(429, self._api.message(429, "Rate limit reached."), ("Retry-After", str(wait)))
            self._hits.append(now)
        if auth in ("missing", "invalid"):
            return self._error(401, self._api.message(401, "Missing or invalid API key."))
        if auth == "read_only" and method != "GET":
            return self._error(403, self._api.message(403, "Forbidden.") + " This API key is read-only.")
        if path is None:
            return self._error(404, f"{self._api.message(404, 'Not found.')} No route outside {self.base_path or '/'}.")
        if isinstance(body, _Text):
            return self._error(400, self._api.message(400, "Invalid request data.") + " The request body is not valid JSON.")
        try:
            return Reply(200, self._api.handle(method, path, query, body))
        except ApiError as exc:
            return self._error(exc.status, exc.message)
        except Exception as exc:  # a seeded record the mock cannot handle must not kill the connection
            return self._error(500, f"Mock internal error: {type(exc).__name__}: {exc}")


class _Text(str):
    """A request body that was not JSON (kept as text for the log)."""


def _json(raw: bytes) -> Any:
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return _Text(text)


def serve(
    model: Model,
    port: int = 0,
    on_ready: Callable[[MockServer], None] | None = None,
    stop: threading.Event | None = None,
    seed_samples: bool = True,
) -> None:
    """Run a mock with a live clock until `stop` is set or Ctrl-C; `on_ready(mock)` lets the CLI print its URL and key."""
    with MockServer(model, port=port, live_clock=True) as mock:
        if seed_samples:
            mock.seed_samples()
        if on_ready is not None:
            on_ready(mock)
        done = stop or threading.Event()
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            return
