"""The recording forwarder of a `--base-url` run hands on a `Link` header's page URLs on its own address, so a link-paged
list's next pages come back through it (recorded, and on the host the executors were given) as on the real API."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from connector_gen.redact import Secrets
from connector_gen.smoke.executor import Endpoint
from connector_gen.smoke.proxy import Recorder, relinked


def test_relinked_moves_only_urls_under_the_upstream() -> None:
    header = '<http://up:1/repositories/7/issues?page=2>; rel="next", <https://elsewhere/x?page=9>; rel="last"'
    assert relinked(header, "http://up:1", "http://127.0.0.1:5") == (
        '<http://127.0.0.1:5/repositories/7/issues?page=2>; rel="next", <https://elsewhere/x?page=9>; rel="last"'
    )
    assert relinked("<http://up:1/v1/a>; rel=next", "http://up:1/v1/", "http://l:2") == "<http://l:2/a>; rel=next"


@pytest.fixture
def api() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # a first page naming the next one by another path on the same host
            root = f"http://127.0.0.1:{self.server.server_address[1]}"
            self.send_response(200)
            if "page=2" not in self.path:
                self.send_header("Link", f'<{root}/repositories/7/issues?page=2>; rel="next"')
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"[]")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_next_pages_come_back_through_the_recorder(api: str) -> None:
    recorder = Recorder(Endpoint(api, {}, Secrets(frozenset())), "https://api.example.com")
    try:
        first = requests.get(f"{recorder.endpoint.base_url}/repos/o/r/issues", timeout=5)
        link = first.links["next"]["url"]
        assert link.startswith(recorder.endpoint.base_url + "/repositories/7/issues")
        requests.get(link, timeout=5)
        assert [f.url for f in recorder.take()] == [
            "https://api.example.com/repos/o/r/issues",
            "https://api.example.com/repositories/7/issues",
        ]
    finally:
        recorder.close()
