"""Paging in n8n's own engine (n8n-core) against the embedded mock: Limit on a list that does not page, dropdown
pages by pagination token, a search reading the pages it needs, the page cap's error (issue 14)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor, case_of

pytestmark = pytest.mark.slow


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    """A fresh, empty mock."""
    with MockServer(model) as server:
        yield server


def run(executor: N8nExecutor, model: Model, mock: MockServer, key: str, inputs: dict[str, Any], **extra: Any) -> dict[str, Any]:
    case = case_of(model, Call(model.operation(key), inputs))
    case.setdefault("parameters", {}).update(extra)
    return executor.raw(model, case, Endpoint.for_key(model, mock.base_url, mock.api_key))


def test_limit_slices_the_one_page_of_a_list_that_does_not_page(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("member", [{"username": f"m{i}@example.com", "name": f"Member {i}"} for i in range(12)])
    every = run(executor, model, mock, "list_members", {})
    assert every["ok"], every["error"]
    assert len(every["items"]) == 12
    some = run(executor, model, mock, "list_members", {}, returnAll=False, limit=4)
    assert [i["username"] for i in some["items"]] == [i["username"] for i in every["items"]][:4]
    assert [r.query for r in mock.requests()] == [{"max": ["50"]}, {"max": ["4"]}]  # style none: one request each


def test_limit_reads_pages_until_it_has_enough(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("job", [{"title": f"Job {i}"} for i in range(230)])
    answer = run(executor, model, mock, "list_jobs", {}, returnAll=False, limit=150)
    assert answer["ok"], answer["error"]
    assert len(answer["items"]) == 150 and len({i["id"] for i in answer["items"]}) == 150
    assert [r.query for r in mock.requests()] == [{"limit": ["100"]}, {"limit": ["100"], "skip": ["100"]}]


def test_a_dropdown_hands_on_a_token_for_its_next_page(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("job", [{"title": f"Job {i}"} for i in range(130)])
    endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key)
    case = {"kind": "listSearch", "node": "hellotracks", "method": "searchJobs", "parameters": {}}
    first = executor.raw(model, case, endpoint)
    assert first["ok"] and len(first["items"]) == 100 and first["paginationToken"]
    second = executor.raw(model, {**case, "paginationToken": first["paginationToken"]}, endpoint)
    assert len(second["items"]) == 30 and second["paginationToken"] is None
    assert {i["value"] for i in first["items"]}.isdisjoint({i["value"] for i in second["items"]})
    assert [r.query for r in mock.requests()] == [
        {"limit": ["100"]},
        {"limit": ["100"], "skip": ["100"]},
    ]
    json.loads(first["paginationToken"])  # a JSON text n8n hands back as it is


def test_more_pages_than_the_cap_stop_with_an_error_naming_the_list(model: Model, mock: MockServer) -> None:
    # A model whose job list may read 2 pages: a third stops with the operation's label and the cap.
    pag = model.resource("job").pagination
    assert pag is not None
    capped = replace(pag, max_pages=2)
    ops = tuple(replace(op, pagination=capped) if op.pagination == pag else op for op in model.operations)
    small = replace(model, operations=ops)
    files = render_all(small, ["n8n"])["n8n"]
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in files.items():
            (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / rel).write_text(text, encoding="utf-8")
        executor = N8nExecutor()
        executor.prepare(small, Path(tmp))
        try:
            mock.seed("job", [{"title": f"Job {i}"} for i in range(250)])
            answer = run(executor, small, mock, "list_jobs", {})
            assert not answer["ok"]
            assert answer["error"]["message"] == "List Jobs: more than 2 pages; stopping"
            assert len(mock.requests()) == 2
            limited = run(executor, small, mock, "list_jobs", {}, returnAll=False, limit=200)
            assert limited["ok"] and len(limited["items"]) == 200  # a Limit the pages reach is no error
        finally:
            executor.close()
