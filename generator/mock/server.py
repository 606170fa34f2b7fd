"""The mock's HTTP server: a threaded HTTP/1.1 JSON server with auth, OAuth2, faults, rate limits and a request log.

The connection (`mock.values`: settings, secrets, derived values) is fixed when the mock starts; a base URL that
names settings is served under the path prefix `/<host><path>` of the base URL resolved with them.
"""

from __future__ import annotations

import copy
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from ..model import Model
from ..redact import Secrets
from .answers import NO_CONTENT, error_body, error_text, rate_limit
from .api import Api
from .clock import START_MS, Clock
from .connection import Check, Sent, Verdict, base_prefix, fake_values, read_only_values
from .control import control
from .errors import ApiError
from .handler import HttpServer, Reply
from .oauth import AUTHORIZE_PATH, TOKEN_PATH, Tokens, connect
from .record import RecordedRequest, parse_body, recorded
from .store import Record, Store, stamp

Auth = Verdict
CONTROL = "/__mock/"


class MockServer:
    """A stateful mock of the model's API on 127.0.0.1, served from a daemon thread.

    `values` are the connection's values (missing ones are generated, see mock/connection.py); `api_key` is a
    shorthand for the value of a spec's only secret field.
    """

    MAX_FAULTS = 10_000  # pending injected failures: a bound, so a huge n is refused instead of filling the memory

    def __init__(
        self,
        model: Model,
        port: int = 0,
        host: str = "127.0.0.1",
        timer: Callable[[], float] = time.monotonic,
        *,
        values: Mapping[str, str] | None = None,
        api_key: str | None = None,
        echo_key_in_errors: bool = False,
        live_clock: bool = False,
    ) -> None:
        self.model = model
        given = dict(values or {})
        if api_key:  # a test's own distinctive key instead of "test-key"
            given[self._sole_secret()] = api_key
        self.values = fake_values(model, given)
        self.read_only_values = read_only_values(model, self.values)
        self._check = Check(model, self.values, self.read_only_values)
        # Test switch: every error message ends with the key the request carried, raw and URL-encoded, as a
        # careless API might echo it; proves that nothing downstream shows it (tests/smoke/test_secrets.py).
        self.echo_key_in_errors = echo_key_in_errors
        # Held for tests (they set every timestamp); live for a hand-started mock, from the wall clock's now.
        self.clock = Clock(max(START_MS, time.time_ns() // 1_000_000), live=True) if live_clock else Clock()
        self._host, self._port = host, port
        self._timer = timer  # rate-limit windows run on real time: clients sleep for real on Retry-After
        self._lock = threading.RLock()
        self._store = Store(model, self.clock)
        self._api = Api(model, self._store, self.clock, self.values)
        self.tokens = Tokens(model, timer)  # OAuth2: codes, access and refresh tokens, the client id and secret
        self._log: list[RecordedRequest] = []
        self._faults: deque[int | str] = deque()
        self._limit: tuple[int, float] | None = None
        self._hits: deque[float] = deque()
        self._hook: Callable[[RecordedRequest], None] | None = None
        self._http: HttpServer | None = None
        self._thread: threading.Thread | None = None
        self.base_path = base_prefix(model, self.values)
        self.token_grants: list[str] = []  # the grant_type of each token request, for tests of the refresh flow

    def _sole_secret(self) -> str:
        secrets = self.model.connection.secrets
        if len(secrets) != 1:
            raise ValueError(f"this connection has {len(secrets)} secret fields; give them as values= by field key")
        return secrets[0].key

    @property
    def api_key(self) -> str:
        """The value of the spec's only secret field (the full-access API key)."""
        return self.values[self._sole_secret()]

    @property
    def read_only_key(self) -> str:
        """The read-only variant of the only secret field: may read, gets 403 on writes."""
        if self.read_only_values is None:
            raise ValueError("this connection has no read-only variant")
        return self.read_only_values[self._sole_secret()]

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
    def clock_url(self) -> str:
        """The mock clock's control endpoint (GET answers `{"now": ms}`), for executors that compute time windows."""
        return self.origin + "/__mock/clock"

    @property
    def base_url(self) -> str:
        """The API's base URL on this server: the origin plus the path of the model's base URL (or its host prefix)."""
        return self.origin + self.base_path

    @property
    def authorize_url(self) -> str:
        """The OAuth2 authorize page on this server."""
        return self.origin + AUTHORIZE_PATH

    @property
    def token_url(self) -> str:
        """The OAuth2 token endpoint on this server (the spec's token and refresh URLs both lead here)."""
        return self.origin + TOKEN_PATH

    @property
    def redirects(self) -> tuple[tuple[str, str], ...]:
        """(real URL, served at) for the spec's OAuth2 URLs, resolved with the connection's settings."""
        oauth2 = self.model.auth.oauth2
        if oauth2 is None:
            return ()
        pairs = [(oauth2.token_url, self.token_url), (oauth2.refresh_url, self.token_url)]
        if oauth2.authorize_url is not None:
            pairs.append((oauth2.authorize_url, self.authorize_url))
        return tuple(dict.fromkeys((t.render(self.values), served) for t, served in pairs))

    def expire_tokens(self) -> None:
        """Expire every OAuth2 access token issued so far (refresh tokens stay valid)."""
        with self._lock:
            self.tokens.expire()

    def connection(self) -> dict[str, str]:
        """Every value a connector needs here: the connection's, and for oauth2 the client id/secret and a token pair
        obtained over HTTP through this mock's authorize and token endpoints (call it outside a request hook)."""
        if self.model.auth.oauth2 is None:
            return dict(self.values)
        client = (self.tokens.client_id, self.tokens.client_secret)
        return {**self.values, **connect(self.model, self.authorize_url, self.token_url, client)}

    def issue_tokens(self) -> dict[str, Any]:
        """A new OAuth2 token pair, as if a user had just connected (the token endpoint's answer)."""
        with self._lock:
            return self.tokens.issue()

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
                record[resource.updated_field] = stamp(resource, resource.updated_field, self.clock.stamp())
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
                return control(self, method, path[len(prefix) :], parse_body(raw))
        query = parse_qs(parts.query, keep_blank_values=True)
        lower = {k.lower(): v for k, v in headers.items()}
        if path in (AUTHORIZE_PATH, TOKEN_PATH):
            return self._oauth(method, path, query, lower, raw)
        relative = path[len(self.base_path) :] if path.startswith(self.base_path + "/") else path
        known = path.startswith(self.base_path + "/") or not self.base_path
        body = parse_body(raw)
        with self._lock:
            sent = self._check.sent(lower, query)
            auth = self._check.verdict(sent, self.tokens.state)
            recorded = self._record(method, relative, query, lower, body, sent, auth)
            self._log.append(recorded)
            if self._hook is not None:
                self._hook(recorded)
            auth_query = {p.name for p in self.model.auth.query}  # credentials, not the operation's parameters
            params = {k: v for k, v in query.items() if k not in auth_query}
            reply = self._reply(method, relative if known else None, params, lower, raw, auth)
            return self._echo(reply, next((t for t in sent.texts if t), None)) if self.echo_key_in_errors else reply

    def _oauth(self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str], raw: bytes) -> Reply:
        with self._lock:
            if path == AUTHORIZE_PATH and method == "GET":
                return self.tokens.authorize(query)
            if path == TOKEN_PATH and method == "POST":
                reply = self.tokens.token(headers, raw)
                self.token_grants.append(parse_qs(raw.decode("utf-8", "replace")).get("grant_type", ["?"])[-1])
                return reply
        return self._error(405, f"{method} is not accepted at {path}.")

    def _record(
        self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str], body: Any, sent: Sent, auth: Auth
    ) -> RecordedRequest:
        secret_keys = {f.key for f in self.model.connection.secrets}
        mine = [v for k, v in self.values.items() if k in secret_keys]
        others = [v for k, v in (self.read_only_values or {}).items() if k in secret_keys]
        secrets = Secrets.of(mine, others, list(self.tokens), [t for t in sent.texts if t])
        return recorded(self.model.auth, secrets, RecordedRequest(method, path, query, headers, body, auth))

    def _echo(self, reply: Reply, key: str | None) -> Reply:
        message = error_text(self.model.http, reply.body)
        if reply.status < 400 or not key or message is None:
            return reply
        echoed = f"{message} (API key sent: {key}; as in a URL: {quote(key, safe='')})"
        return Reply(reply.status, error_body(self.model.http, echoed), reply.headers, reply.drop)

    def _error(self, status: int, message: str, *headers: tuple[str, str]) -> Reply:
        return Reply(status, error_body(self.model.http, message), headers)

    def _reply(
        self, method: str, path: str | None, query: dict[str, list[str]], headers: dict[str, str], raw: bytes, auth: Auth
    ) -> Reply:
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
                status, signal = rate_limit(self.model.http)
                message = self._api.message(429, "Rate limit reached.")
                return self._error(status, message, ("Retry-After", str(wait)), *signal)
            self._hits.append(now)
        if auth in ("missing", "invalid"):
            return self._error(401, self._api.message(401, "Missing or invalid API key."))
        if auth == "expired":
            return self._error(401, self._api.message(401, "Unauthorized.") + " The access token has expired.")
        if auth == "read_only" and method != "GET":
            return self._error(403, self._api.message(403, "Forbidden.") + " This API key is read-only.")
        for name, value in self.model.http.setting_headers:
            want = value.render(self.values)
            if headers.get(name.lower()) != want:
                return self._error(400, f"{self._api.message(400, 'Invalid request data.')} The {name} header must be '{want}'.")
        if path is None:
            return self._error(404, f"{self._api.message(404, 'Not found.')} No route outside {self.base_path or '/'}.")
        try:
            answer, links = self._api.answer(method, path, query, raw, headers.get("content-type", ""), self.base_url)
            return Reply(204, headers=links) if answer is NO_CONTENT else Reply(200, answer, links)
        except ApiError as exc:
            return self._error(exc.status, exc.message)
        except Exception as exc:  # a seeded record the mock cannot handle must not kill the connection
            return self._error(500, f"Mock internal error: {type(exc).__name__}: {exc}")


def serve(
    model: Model,
    port: int = 0,
    on_ready: Callable[[MockServer], None] | None = None,
    stop: threading.Event | None = None,
    seed_samples: bool = True,
    values: Mapping[str, str] | None = None,
) -> None:
    """Run a mock with a live clock until `stop` is set or Ctrl-C; `on_ready(mock)` lets the CLI print its URL and key."""
    with MockServer(model, port=port, live_clock=True, values=values) as mock:
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
