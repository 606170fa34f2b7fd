"""A tiny threaded loopback HTTP server that the hand-written contract mocks build on.

Stdlib only, and never connector_gen: a contract mock is written from its contract.md, not from our spec or model.
A mock subclasses ContractMock, registers routes in `routes()` and answers `Request -> Response`.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    """One request as the mock sees it; `params` holds the path groups of the matched route."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    params: dict[str, str] = field(default_factory=dict)

    def q(self, name: str, default: str | None = None) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default

    def header(self, name: str) -> str | None:
        """A request header, case-insensitively."""
        return self.headers.get(name.lower())

    def json(self) -> Any:
        """The body parsed as JSON (None when empty or not JSON)."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError:
            return None

    def form(self) -> dict[str, list[str]]:
        """The body parsed as application/x-www-form-urlencoded."""
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)


@dataclass
class Response:
    """What the mock answers: status, headers and raw body."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_response(status: int, payload: Any, headers: dict[str, str] | None = None, content_type: str = "") -> Response:
    """A JSON response; content_type overrides the default application/json."""
    head = {"Content-Type": content_type or "application/json; charset=utf-8", **(headers or {})}
    return Response(status, json.dumps(payload).encode(), head)


def text_response(status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    """A plain-text response (Trello's error bodies are plain text)."""
    return Response(status, text.encode(), {"Content-Type": "text/plain; charset=utf-8", **(headers or {})})


def new_uuid() -> str:
    """A fresh request/correlation id."""
    return str(uuid.uuid4())


Handler = Callable[[Request], Response]


@dataclass
class LogEntry:
    """One line of the request log: what came in and what the mock answered."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes
    status: int


class ContractMock:
    """Base of every contract mock: a context manager that serves on 127.0.0.1 (port 0) in a daemon thread."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.log: list[LogEntry] = []
        self._throttle = 0
        self._routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.routes()

    # -- subclasses -------------------------------------------------------------------------------------------
    def routes(self) -> None:
        """Register routes with self.route(...)."""

    def authenticate(self, req: Request) -> Response | None:
        """Return an error Response when the request's credentials are wrong, else None."""
        return None

    def rate_limited(self, req: Request) -> Response:
        """The API's own 429 response."""
        return json_response(429, {"error": "rate limited"})

    def not_found(self, req: Request) -> Response:
        """The answer for a path no route matches."""
        return text_response(404, "Not Found")

    # -- helpers ----------------------------------------------------------------------------------------------
    def route(self, method: str, pattern: str, handler: Handler, *, public: bool = False) -> None:
        """Add a route; `pattern` is a full-match regex with named groups; public routes skip authenticate()."""
        self._routes.append((method, re.compile(pattern), handler, public))

    def throttle(self, count: int = 1) -> None:
        """Answer the next `count` authenticated requests with the API's 429."""
        with self.lock:
            self._throttle = count

    def dispatch(self, req: Request) -> Response:
        """Route one request: match, authenticate, throttle, handle."""
        for method, pattern, handler, public in self._routes:
            match = pattern.fullmatch(req.path)
            if match and method == req.method:
                req.params = {k: v for k, v in match.groupdict().items() if v is not None}
                if not public:
                    denied = self.authenticate(req)
                    if denied is not None:
                        return denied
                    with self.lock:
                        if self._throttle > 0:
                            self._throttle -= 1
                            return self.rate_limited(req)
                with self.lock:
                    return handler(req)
        return self.not_found(req)

    def requests_to(self, path_fragment: str) -> list[LogEntry]:
        """The logged requests whose path contains `path_fragment`."""
        return [entry for entry in self.log if path_fragment in entry.path]

    # -- lifecycle --------------------------------------------------------------------------------------------
    @property
    def root_url(self) -> str:
        """http://127.0.0.1:<port> of the running server."""
        assert self._server is not None, "mock is not running"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> ContractMock:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread."""
        mock = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                req = Request(self.command, split.path, parse_qs(split.query, keep_blank_values=True), headers, body)
                try:
                    resp = mock.dispatch(req)
                except Exception as exc:  # a mock bug must surface as a 500, not a dropped connection
                    resp = text_response(500, f"contract mock error: {exc!r}")
                with mock.lock:
                    mock.log.append(LogEntry(req.method, req.path, req.query, headers, body, resp.status))
                self.send_response(resp.status)
                for name, value in resp.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                if resp.body and self.command != "HEAD":
                    self.wfile.write(resp.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Shut the server down."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_forever(mock: ContractMock, describe: str) -> None:
    """Run a mock by hand (python -m tests.apis.<api>.mock) until interrupted, printing where it listens."""
    import time

    with mock:
        print(describe.format(mock=mock), flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
