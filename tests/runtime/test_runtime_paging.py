"""The runtime reads pages in every style of tests/specs/paging/ (issue 14): lists, searches and triggers, the page
cap, cursors in their filter's format, triggers without a since parameter and triggers scoped by a path input."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.runtime import ApiError, Client, execute
from connector_gen.runtime.pages import _follow
from connector_gen.runtime.request import HttpCall

from ..sim import STYLES, paging_model


@pytest.fixture(params=STYLES)
def served(request: pytest.FixtureRequest) -> Iterator[tuple[Model, MockServer, Client]]:
    model = paging_model(request.param)
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        yield model, mock, client
        client.close()


def test_a_list_reads_every_page_and_a_search_only_what_it_needs(served: tuple[Model, MockServer, Client]) -> None:
    model, mock, client = served
    seeded = mock.seed("item", [{"title": f"fence {i}"} for i in range(13)])
    mock.clear_log()
    got = execute(client, model.operation("list_items"), {}).records
    assert sorted(str(r["id"]) for r in got) == sorted(str(r["id"]) for r in seeded)
    paged = model.operation("list_items").pagination
    assert paged is not None
    assert len(mock.requests()) == (3 if paged.pages else 1)
    mock.clear_log()
    found = execute(client, model.operation("find_items"), {"q": "fence"}).records
    assert len(found) == 12  # max_results
    assert len(mock.requests()) == (3 if paged.pages else 1)  # pages of 5: the third holds the 11th and 12th


def test_reaching_the_page_cap_is_an_error_naming_the_operation(served: tuple[Model, MockServer, Client]) -> None:
    model, mock, client = served
    op = model.operation("list_items")
    assert op.pagination is not None
    if not op.pagination.pages:
        pytest.skip("style none reads one answer")
    capped = dataclasses.replace(op, pagination=dataclasses.replace(op.pagination, max_pages=2))
    mock.seed("item", [{"title": f"t{i}"} for i in range(11)])
    with pytest.raises(ApiError, match=r"^List Items: more than 2 pages; stopping"):
        execute(client, capped, {})
    enough = dataclasses.replace(op, pagination=dataclasses.replace(op.pagination, max_pages=3))
    assert len(execute(client, enough, {}).records) == 11


def test_a_link_to_another_origin_gets_no_credentials() -> None:
    model = paging_model("link")
    client = Client(model, "http://127.0.0.1:9", "k", sleep=lambda _s: None)
    first = HttpCall("GET", "/items")
    assert _follow(client, model.operation("list_items"), first, "http://127.0.0.1:9/items?mock_page=x").url is not None
    with pytest.raises(ApiError, match="leaves the API"):
        _follow(client, model.operation("list_items"), first, "https://elsewhere.test/items?page=2")


def _since_sent(mock: MockServer, param: str) -> list[str]:
    return [r.query[param][0] for r in mock.requests() if param in r.query]


@pytest.mark.parametrize(
    ("style", "trigger", "param", "looks"),
    [
        ("offset", "updated_item", "updatedSince", r"^\d{13}$"),
        ("page", "updated_item", "updated_since", r"^\d{10}$"),
        ("cursor", "updated_item", "updated_after", r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"),
        ("after_id", "updated_item", "updated_on", r"^\d{4}-\d\d-\d\d$"),
    ],
)
def test_the_cursor_is_sent_in_its_filters_format(style: str, trigger: str, param: str, looks: str) -> None:
    model = paging_model(style)
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        op = model.operation(trigger)
        mock.seed("item", [{"title": "before"}])  # the cursor starts at it, not at 0
        mock.clock.advance(5000)
        state = execute(client, op, {}).state
        [item] = mock.seed("item", [{"title": "new"}])
        mock.clock.advance(5000)
        mock.clear_log()
        done = execute(client, op, {}, state)
        assert [r["id"] for r in done.records] == [item["id"]]
        sent = _since_sent(mock, param)
        assert sent and all(re.match(looks, s) for s in sent), sent
        client.close()


def test_a_trigger_without_a_since_parameter_stops_at_its_cursor() -> None:
    model = paging_model("after_id")  # new_item: newest first by createdAt, no created-since filter
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        op = model.operation("new_item")
        for i in range(30):
            mock.seed("item", [{"title": f"old {i}"}])
            mock.clock.advance(2000)  # more than the overlap apart
        state = execute(client, op, {}).state
        mock.clock.advance(60_000)
        news = []
        for i in range(7):
            news += mock.seed("item", [{"title": f"new {i}"}])
            mock.clock.advance(2000)
        mock.clock.advance(60_000)
        mock.clear_log()
        done = execute(client, op, {}, state)
        assert [r["id"] for r in done.records] == [r["id"] for r in reversed(news)]  # newest first, as the API lists
        assert len(mock.requests()) == 2  # 7 new: the second page reaches back past the cursor; 30 old stay unread
        mock.clear_log()
        assert execute(client, op, {}, done.state).records == [] and len(mock.requests()) == 1
        client.close()


def test_a_path_input_scopes_the_trigger_and_its_state() -> None:
    model = paging_model("link")
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        op = model.operation("updated_repo_item")
        state = execute(client, op, {"repo": "octo"}).state
        assert state is not None and state["scope"] == '["octo"]'
        mock.clock.advance(5000)
        mine, _other = mock.seed("item", [{"title": "mine", "repo": "octo"}, {"title": "theirs", "repo": "other"}])
        mock.clock.advance(5000)
        done = execute(client, op, {"repo": "octo"}, state)
        assert [r["id"] for r in done.records] == [mine["id"]]
        assert all(r.path == "/repos/octo/items" for r in mock.requests()[-1:])
        # Another scope starts over: an activation that emits nothing.
        other: dict[str, Any] | None = execute(client, op, {"repo": "other"}, done.state).state
        assert other is not None and other["scope"] == '["other"]'
        assert execute(client, op, {"repo": "other"}, done.state).records == []
        client.close()
