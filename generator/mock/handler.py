"""HTTP/1.1 plumbing: keep-alive connections, Content-Length or chunked bodies, JSON replies, dropped sockets."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """What to send back: a status, a JSON body (none for 204) and extra headers; `drop` closes the socket instead."""

    status: int
    body: Any = None
    headers: tuple[tuple[str, str], ...] = ()
    drop: bool = False


Answerer = Callable[[str, str, dict[str, str], bytes], Reply]


class HttpServer(ThreadingHTTPServer):
    """A threaded server that remembers its open connections so stop() can close idle keep-alive ones."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], answer: Answerer) -> None:
        self.answer = answer
        self._open: set[socket.socket] = set()
        self.accepted = 0  # connections accepted so far, so tests can see keep-alive at work
        self._open_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
            self.accepted += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer is normal for a mock (and the CLI is the only place that prints).
        return

    def close_all(self) -> None:
        """Shut down every connection still open (handler threads then see EOF and end)."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY each keep-alive reply waits ~40 ms on delayed ACKs.
    disable_nagle_algorithm = True
    server: HttpServer

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        # The request log is the record; the CLI is the only place that prints.
        return

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _handle(self) -> None:
        try:
            raw = self._body()
        except ValueError:
            self.send_error(400, "Bad request body framing")
            return
        reply = self.server.answer(self.command, self.path, dict(self.headers.items()), raw)
        if reply.drop:
            # Simulate a connection lost mid-request: no status line, no bytes.
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if reply.status == 204:  # No Content: no body, and no Content-Length either (RFC 9110 8.6)
            self.send_response(204)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.end_headers()
            return
        data = json.dumps(reply.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
