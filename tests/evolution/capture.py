"""A throwaway HTTP API for the execution tests: it records each request and answers with one job record."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from connector_gen.pipeline import load_model, render_all

JOB = {"id": "j1", "title": "Old Zap's job", "createdAt": 1777540000000, "updatedAt": 1777540060000}


@dataclass
class Seen:
    """One request the API received."""

    method: str
    path: str
    body: Any


@dataclass
class Api:
    """The running API: its base URL and what it received."""

    base_url: str
    seen: list[Seen] = field(default_factory=list)


@contextmanager
def api() -> Iterator[Api]:
    """Serve on 127.0.0.1 until the block ends."""
    state = Api("")

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            size = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(size) if size else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            state.seen.append(Seen(self.command, self.path, body))
            out = json.dumps({"data": {"items": [JOB]}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def build(spec: Path, target: str, out: Path) -> Path:
    """Render one target of a spec into `out` (never dist/) and return the folder."""
    files = render_all(load_model(spec, "spec.yaml"), [target])[target]
    for rel, text in files.items():
        path = out / str(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return out
