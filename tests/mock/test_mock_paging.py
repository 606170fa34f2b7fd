"""The embedded mock pages every style of tests/specs/paging/ as model/paging.py reads it (issue 14).

Each collection is read over HTTP with `first_params` / `next_page` only (the single reference of each style): every
record comes exactly once, in the collection's order, over the expected number of requests. Then the parts of
each style a reader relies on: the cursor token's place and null on the last page, `has_more`, the Link URL
(absolute, holding the first request's filters, no credential), body paging, the since filter in its own format,
a trigger's declared order and a trigger's path scope.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests

from connector_gen.mock import MockServer
from connector_gen.model import Model, Operation
from connector_gen.model.paging import dig, first_params, next_page
from connector_gen.pipeline import load_model

PAGING = Path(__file__).parents[1] / "specs" / "paging"
STYLES = ["offset", "page", "cursor", "after_id", "link", "none"]


def paging_model(style: str) -> Model:
    """The paging spec of `style`, without target checks (the mock and the runtime only)."""
    return load_model(PAGING / f"{style}.yaml", f"tests/specs/paging/{style}.yaml", names=())


@pytest.fixture(scope="module", params=STYLES)
def served(request: pytest.FixtureRequest) -> Any:
    model = paging_model(request.param)
    with MockServer(model) as mock:
        yield model, mock


def _get(mock: MockServer, op: Operation, params: dict[str, Any], url: str | None = None) -> requests.Response:
    headers = {"Authorization": f"Bearer {mock.api_key}"}
    pag = op.pagination
    if op.request.method == "POST":
        body = dict(params) if pag is not None and pag.location == "body" else {}
        query = {} if pag is not None and pag.location == "body" else params
        return requests.post(mock.base_url + op.request.path, json=body, params=query, headers=headers, timeout=10)
    if url is not None:
        return requests.get(url, headers=headers, timeout=10)
    return requests.get(mock.base_url + op.request.path.replace("{repo}", "octo"), params=params, headers=headers, timeout=10)


def read_all(mock: MockServer, op: Operation, extra: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], int]:
    """Every record of `op`'s collection, read page by page the way model/paging.py says; and the request count."""
    pag = op.pagination
    assert pag is not None
    size = op.page_size
    first = {**dict(op.request.query), **(extra or {}), **dict(first_params(pag, size))}
    params, url, out = dict(first), None, []
    for number in range(pag.max_pages):
        resp = _get(mock, op, params, url)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        records = dig(body, op.response.path) if op.response.path else body
        assert isinstance(records, list)
        out += records
        nxt = next_page(pag, number, size, records, body, dict(resp.headers), op.resource.id_field)
        if nxt is None:
            return out, number + 1
        params, url = ({**first, **dict(nxt.params)}, nxt.url)
    raise AssertionError("more pages than the cap")


def test_every_style_hands_out_each_record_once(served: tuple[Model, MockServer]) -> None:
    model, mock = served
    mock.reset()
    seeded = mock.seed("item", [{"title": f"item {i}", "status": "open"} for i in range(13)])
    op = model.operation("list_items")
    got, requests_made = read_all(mock, op)
    ids = [r["id"] for r in got]
    assert sorted(map(str, ids)) == sorted(str(r["id"]) for r in seeded) and len(set(map(str, ids))) == 13
    pag = op.pagination
    assert pag is not None
    # 13 records in pages of 5: 3 requests; a style without has_more / token reads one more only on an exact fit.
    assert requests_made == (1 if pag.style == "none" else 3)


def test_a_search_pages_in_its_own_place(served: tuple[Model, MockServer]) -> None:
    model, mock = served
    mock.reset()
    mock.seed("item", [{"title": f"fence {i}"} for i in range(7)] + [{"title": "other"}])
    op = model.operation("find_items")
    got, _ = read_all(mock, op, {"q": "fence"})
    assert len(got) == 7


def test_cursor_token_is_in_the_envelope_and_null_on_the_last_page() -> None:
    model = paging_model("cursor")
    with MockServer(model) as mock:
        mock.seed("item", [{"title": f"t{i}"} for i in range(6)])
        op = model.operation("list_items")
        headers = {"Authorization": f"Bearer {mock.api_key}"}
        first = requests.get(mock.base_url + "/items", params={"limit": 5}, headers=headers, timeout=10).json()
        assert isinstance(first["meta"]["next"], str) and len(first["data"]) == 5
        # Keyset paging: a record created between the pages does not shift the second page.
        mock.seed("item", [{"title": "late"}])
        params = {"limit": 5, "cursor": first["meta"]["next"]}
        second = requests.get(mock.base_url + "/items", params=params, headers=headers, timeout=10).json()
        assert [r["title"] for r in second["data"]] == ["t5", "late"] and second["meta"]["next"] is None
        bad = requests.get(mock.base_url + "/items", params={"cursor": "nonsense"}, headers=headers, timeout=10)
        assert bad.status_code == 400 and "cursor" in bad.json()["error"]["message"]
        assert op.pagination is not None and op.pagination.token_path == ("meta", "next")


def test_after_id_reports_has_more() -> None:
    model = paging_model("after_id")
    with MockServer(model) as mock:
        mock.seed("item", [{"title": f"t{i}"} for i in range(5)])
        headers = {"Authorization": f"Bearer {mock.api_key}"}
        body = requests.get(mock.base_url + "/items", params={"limit": 5}, headers=headers, timeout=10).json()
        assert body["has_more"] is False and len(body["data"]) == 5
        body = requests.get(mock.base_url + "/items", params={"limit": 2}, headers=headers, timeout=10).json()
        assert body["has_more"] is True
        after = {"limit": 5, "starting_after": body["data"][-1]["id"]}
        rest = requests.get(mock.base_url + "/items", params=after, headers=headers, timeout=10).json()
        assert len(rest["data"]) == 3 and rest["has_more"] is False


def test_link_url_is_absolute_keeps_the_filters_and_no_credential() -> None:
    model = paging_model("link")
    with MockServer(model) as mock:
        mock.seed("item", [{"title": f"t{i}", "status": "done"} for i in range(7)])
        headers = {"Authorization": f"Bearer {mock.api_key}"}
        resp = requests.get(mock.base_url + "/items", params={"status": "done", "per_page": 5}, headers=headers, timeout=10)
        link = resp.headers["Link"]
        assert link.startswith(f"<{mock.base_url}/items?") and 'rel="next"' in link
        assert "status=done" in link and "per_page=5" in link and mock.api_key not in link
        last = requests.get(link[1 : link.index(">")], headers=headers, timeout=10)
        assert len(last.json()) == 2 and "Link" not in last.headers


def test_since_filters_compare_in_their_own_format() -> None:
    cases = {"offset": "createdSince", "page": "created_since", "cursor": "created_after", "after_id": "updated_on"}
    for style, param in cases.items():
        model = paging_model(style)
        with MockServer(model) as mock:
            mock.clock.set(1_777_540_000_000)
            mock.seed("item", [{"title": "old"}])
            mock.clock.advance(2 * 86_400_000)
            mock.seed("item", [{"title": "new"}])
            flt = model.resource("item").filter(param)
            assert flt is not None
            since = {
                "epoch_ms": 1_777_540_000_000 + 86_400_000,
                "epoch_s": 1_777_540_000 + 86_400,
                "iso8601": "2026-05-01T09:06:40.000Z",
                None: "2026-05-01",
            }[flt.field.format if flt.field.type == "datetime" else None]
            op = model.operation("list_items")
            got, _ = read_all(mock, op, {param: since})
            assert [r["title"] for r in got] == ["new"], style


def test_a_declared_order_sorts_the_collection_by_the_cursor_field() -> None:
    model = paging_model("after_id")  # new_item: no since parameter, order: desc by createdAt
    with MockServer(model) as mock:
        for i in range(4):
            mock.seed("item", [{"title": f"t{i}"}])
            mock.clock.advance(1000)
        got, _ = read_all(mock, model.operation("new_item"))
        assert [r["title"] for r in got] == ["t3", "t2", "t1", "t0"]


def test_a_path_input_scopes_a_trigger() -> None:
    model = paging_model("link")
    with MockServer(model) as mock:
        mock.seed("item", [{"title": f"t{i}", "repo": "octo" if i % 2 else "other"} for i in range(12)])
        got, _ = read_all(mock, model.operation("updated_repo_item"), {"since": "2000-01-01T00:00:00.000Z"})
        assert len(got) == 6 and {r["repo"] for r in got} == {"octo"}
