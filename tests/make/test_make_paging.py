"""Make's paging directives: the Link header's next URL in IML, and the interpreter's pagination loop."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pytest

from connector_gen.make_engine.app import MakeApp
from connector_gen.make_engine.iml import Context, evaluate
from connector_gen.model import paging
from connector_gen.model.paging import Pagination
from connector_gen.targets.make import paging as make_paging

from .apps import app_with

NOW = datetime(2026, 5, 28, tzinfo=UTC)
LINK = Pagination("link", "query", "per_page", 5, None, 1, (), "next", 100, pointer="")


@pytest.mark.parametrize(
    "header",
    [
        '<https://api.x.test/items?page=2>; rel="next"',
        '<https://api.x.test/items?page=1>; rel="prev", <https://api.x.test/items?page=3&per_page=5>; rel="next"',
        '<https://api.x.test/items?page=9>; rel="last", <https://api.x.test/items?c=a%2Cb>; rel=next',
        '<https://api.x.test/items?page=4>; rel="next last"; title="x"',
        '<https://api.x.test/i?p=2>; REL="Next"',
        '<https://api.x.test/items?page=1>; rel="prev"',
        '<https://api.x.test/items?page=8>; rel="nextish"',
        "",
    ],
)
def test_the_next_url_in_iml_is_rfc_8288s(header: str) -> None:
    # The app's IML (replace() with a regular expression) finds what the reference parser finds, or ''.
    ctx = Context({"headers": {"link": header} if header else {}}, NOW)
    assert evaluate(make_paging.next_link(LINK), ctx) == (paging.link_target(header, "next") or "")


class _Pages(BaseHTTPRequestHandler):
    """Items 1..12 in pages: `cursor` tokens in the body, or a Link header (`?link=1`); every query is logged."""

    log: ClassVar[list[dict[str, list[str]]]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        self.log.append(query)
        size = int(query.get("limit", ["5"])[0])
        start = int(query.get("cursor", query.get("at", ["0"]))[0])
        items = [{"id": i} for i in range(start + 1, min(start + size, 12) + 1)]
        more = start + size < 12
        body = {"data": items, "meta": {"next": str(start + size) if more else None}}
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if "link" in query and more:
            host = self.headers["Host"]
            self.send_header("Link", f'<http://{host}/items?link=1&at={start + size}&limit={size}>; rel="next"')
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Pages.log = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _app(tmp_path: Path, communication: dict[str, Any]) -> MakeApp:
    return app_with(tmp_path, communication, base={"headers": {}})


def _ids(app: MakeApp, base: str) -> list[Any]:
    return [o.value["id"] for o in app.run("module", "probe", {}, {}, NOW, base).outputs]


CURSOR: dict[str, Any] = {
    "url": "/items",
    "qs": {"limit": 5},
    "pagination": {"qs": {"cursor": "{{body.meta.next}}"}, "condition": "{{ifempty(body.meta.next, undefined) != undefined}}"},
    "response": {"iterate": "{{body.data}}", "output": "{{item}}"},
}


def test_the_pagination_directive_sees_the_last_answer(tmp_path: Path, server: str) -> None:
    assert _ids(_app(tmp_path, CURSOR), server) == list(range(1, 13))
    assert [q.get("cursor") for q in _Pages.log] == [None, ["5"], ["10"]]
    assert all(q["limit"] == ["5"] for q in _Pages.log)  # the parent's query is merged in


def test_a_modules_limit_stops_the_pages(tmp_path: Path, server: str) -> None:
    limited = {**CURSOR, "response": {**CURSOR["response"], "limit": 6}}
    assert _ids(_app(tmp_path, limited), server) == [1, 2, 3, 4, 5, 6]
    assert len(_Pages.log) == 2  # the second page reached the limit: no third request


def test_a_link_url_is_requested_as_it_is(tmp_path: Path, server: str) -> None:
    comm = {
        "url": "/items",
        "qs": {"limit": 5, "link": 1},
        "pagination": {
            "mergeWithParent": False,
            "url": "{{" + make_paging.next_link(LINK) + "}}",
            "condition": "{{" + make_paging.next_link(LINK) + " != ''}}",
        },
        "response": {"iterate": "{{body.data}}", "output": "{{item}}"},
    }
    assert _ids(_app(tmp_path, comm), server) == list(range(1, 13))
    assert [q.get("at") for q in _Pages.log] == [None, ["5"], ["10"]]
    assert all(sorted(q) in (["limit", "link"], ["at", "limit", "link"]) for q in _Pages.log)  # nothing added twice
