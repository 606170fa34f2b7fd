"""A recording pass-through on loopback between the executors and a real API, so their requests can be compared.

Against the embedded mock the mock's own log shows what each target sent; a real API (or a contract mock) keeps
no log we can read. So for a `--base-url` run every address of the Endpoint (its base URL and each redirect's
"served at") gets a loopback forwarder: executors send there, the forwarder passes each request on unchanged
(method, path, query, headers, body) and answers with the API's answer, and records the request under the URL the
artifact meant to reach (the real URL prefix + the path). Recorded values stay in memory; whatever is shown of them
goes through `compare.normalise`, which redacts the connection's secrets.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from .executor import Endpoint

# Hop-by-hop headers, and those the forwarder recomputes (requests decodes a compressed body).
_DROP_REQUEST = {"host", "content-length", "connection", "keep-alive", "transfer-encoding", "accept-encoding"}
_TOKENS = {"access_token", "refresh_token", "id_token"}
_DROP_ANSWER = {"content-length", "connection", "keep-alive", "transfer-encoding", "content-encoding"}


@dataclass(frozen=True)
class Forwarded:
    """One request as an executor sent it; `url` is the real URL it stands for, `path` relative to its prefix."""

    method: str
    url: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: Any
    auth: str = "sent"  # what the mock's log calls valid/invalid; a real API does not say


def _body(raw: bytes) -> Any:
    if not raw:
        return None
    text = raw.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except ValueError:
        return text  # a form body (an OAuth2 refresh) is compared as text, its secrets redacted


def relinked(header: str, upstream: str, local: str) -> str:
    """A `Link` header with each URL under `upstream` moved under `local`, so the pages it names (GitHub's
    `rel="next"`) come back through the forwarder as the API's own host would: recorded, and on the base URL's host."""
    return header.replace(f"<{upstream.rstrip('/')}/", f"<{local}/").replace(f"<{upstream.rstrip('/')}>", f"<{local}>")


class Recorder:
    """Loopback forwarders for every address of an Endpoint; `endpoint` is the one to hand the executors."""

    def __init__(self, endpoint: Endpoint, real_base: str) -> None:
        self._lock = threading.Lock()
        self.secrets = endpoint.secrets  # the endpoint's, plus every token the API handed out during the run
        self._log: list[Forwarded] = []
        self._servers: list[ThreadingHTTPServer] = []
        self._session = requests.Session()
        # What each served address stands for: the base URL the spec's (resolved) base; a redirect its real prefix.
        stands_for = {endpoint.base_url: real_base}
        for real, served in endpoint.redirects:
            stands_for.setdefault(served.rstrip("/"), real.rstrip("/"))
        local = {served: self._serve(served, real) for served, real in stands_for.items()}
        redirects = tuple((real, local[served.rstrip("/")]) for real, served in endpoint.redirects)
        self.endpoint = Endpoint(local[endpoint.base_url], endpoint.values, endpoint.secrets, redirects, endpoint.clock)

    def _serve(self, upstream: str, real: str) -> str:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                split = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                entry = Forwarded(
                    self.command,
                    real + split.path,
                    split.path,
                    parse_qs(split.query, keep_blank_values=True),
                    headers,
                    _body(raw),
                )
                with recorder._lock:
                    recorder._log.append(entry)
                target = upstream + split.path + (f"?{split.query}" if split.query else "")
                sent = {k: v for k, v in self.headers.items() if k.lower() not in _DROP_REQUEST}
                try:
                    answer = recorder._session.request(
                        self.command, target, data=raw or None, headers=sent, timeout=(10, 60), allow_redirects=False
                    )
                except requests.RequestException as exc:
                    # Only the class name: the exception's text would carry the request (and its credentials).
                    self._answer(502, {"Content-Type": "text/plain"}, f"could not reach the API ({type(exc).__name__})".encode())
                    return
                recorder._learn(answer)
                here = f"http://127.0.0.1:{server.server_address[1]}"
                kept = {k: v for k, v in answer.headers.items() if k.lower() not in _DROP_ANSWER}
                kept = {k: relinked(v, upstream, here) if k.lower() == "link" else v for k, v in kept.items()}
                self._answer(answer.status_code, kept, answer.content)

            def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _forward

            def log_message(self, format: str, *args: Any) -> None:  # no access log: URLs may carry credentials
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        self._servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    def _learn(self, answer: requests.Response) -> None:
        # A token endpoint's answer holds new secrets (a refreshed access token): redact them like the given ones.
        if b"_token" not in answer.content[:65536]:
            return
        try:
            data = answer.json()
        except ValueError:
            return
        if isinstance(data, dict):
            found = [v for k, v in data.items() if k in _TOKENS and isinstance(v, str)]
            with self._lock:
                self.secrets = self.secrets.adding(*found)

    def take(self) -> list[Forwarded]:
        """The requests forwarded since the last take, oldest first (and forget them)."""
        with self._lock:
            taken, self._log = self._log, []
        return taken

    def close(self) -> None:
        """Stop every forwarder."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._session.close()
