"""The generated n8n trigger's poll cursor and activation (issue 11), run by n8n-core against the embedded mock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from connector_gen.mock import MockServer, RecordedRequest
from connector_gen.model import Model
from connector_gen.runtime import identity
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor

pytestmark = pytest.mark.slow


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    """A fresh, empty mock."""
    with MockServer(model) as server:
        yield server


def poll(
    executor: N8nExecutor, model: Model, mock: MockServer, key: str, state: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    outcome = executor.run(model, Call(model.operation(key), {}, state), Endpoint.for_key(model, mock.base_url, mock.api_key))
    assert outcome.ok, outcome.error
    assert outcome.state is not None
    return outcome.records, outcome.state


def test_a_change_to_a_page_already_read_is_emitted_by_the_next_poll(
    executor: N8nExecutor, model: Model, mock: MockServer
) -> None:
    # Pages come newest created first: a record of page 1 changed after page 1 was read, then a record of page 2
    # changed later. A cursor at the newest updatedAt seen moved past the first change and never emitted it.
    op = model.operation("updated_job")
    assert op.trigger is not None and op.resource.pagination is not None
    skip = op.resource.pagination.offset_param
    jobs = mock.seed("job", [{"title": f"j{i}"} for i in range(150)])
    newest, oldest = jobs[-1]["id"], jobs[0]["id"]
    _, state = poll(executor, model, mock, op.key, None)
    mock.clock.advance(5000)
    for job in jobs:
        mock.change("job", job["id"], {"notes": "busy day"})

    def during_the_poll(req: RecordedRequest) -> None:
        if req.method == "GET" and req.query.get(skip) == [str(op.trigger.page_size if op.trigger else 0)]:
            mock.clock.advance(10)
            mock.change("job", newest, {"notes": "changed after its page was read"})
            mock.clock.advance(2000)
            mock.change("job", oldest, {"notes": "changed before its page was read"})

    mock.on_request(during_the_poll)
    second, state = poll(executor, model, mock, op.key, state)
    mock.on_request(None)
    assert len(second) == 150
    late = next(r for r in mock.records("job") if r["id"] == newest)
    third, state = poll(executor, model, mock, op.key, state)
    assert [identity(op, r) for r in third] == [identity(op, late)]
    assert poll(executor, model, mock, op.key, state)[0] == []


@pytest.mark.parametrize("key", ["new_job", "updated_job", "completed_job"])
def test_activation_takes_note_of_every_existing_record_even_beyond_the_first_page(
    executor: N8nExecutor, model: Model, mock: MockServer, key: str
) -> None:
    mock.seed("job", [{"title": f"j{i}", "progress": "success"} for i in range(150)])  # all in one millisecond
    first, state = poll(executor, model, mock, key, None)
    assert first == []
    mock.clock.advance(5000)
    assert poll(executor, model, mock, key, state)[0] == []  # the 50 beyond page 1 fired here before issue 11
    assert len(state["emitted"]) == 150
    [fresh] = mock.seed("job", [{"title": "new", "progress": "success"}])
    assert [r["id"] for r in poll(executor, model, mock, key, state)[0]] == [fresh["id"]]


def test_static_data_of_the_previous_shape_is_read(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    # Before issue 11 the static data was {cursor: newest value seen, emitted}; it stays a valid state.
    [old] = mock.seed("job", [{"title": "old"}])
    state = {"cursor": old["updatedAt"], "emitted": [[identity(model.operation("updated_job"), old), old["updatedAt"]]]}
    mock.clock.advance(5000)
    [fresh] = mock.seed("job", [{"title": "fresh"}])
    records, after = poll(executor, model, mock, "updated_job", state)
    assert [r["id"] for r in records] == [fresh["id"]]
    assert after["cursor"] == fresh["updatedAt"] and after["newest"] == fresh["updatedAt"]


def test_old_job_update_is_not_lost(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    # Issue 14's measured case: OLD, then an hour later 120 new jobs, then OLD changes. The change sorts behind
    # the first page (the API lists newest created first); the poll reads every page of changes and emits it.
    op = model.operation("updated_job")
    _, state = poll(executor, model, mock, op.key, None)
    [old] = mock.seed("job", [{"title": "OLD"}])
    mock.clock.advance(3_600_000)
    mock.seed("job", [{"title": f"job {i}"} for i in range(120)])
    mock.clock.advance(1000)
    changed = mock.change("job", old["id"], {"notes": "the update that must not be lost"})
    mock.clear_log()
    records, state = poll(executor, model, mock, op.key, state)
    assert identity(op, changed) in {identity(op, r) for r in records}
    assert len(records) == 121  # 120 created, OLD as updated (its created state was gone before the poll)
    assert len(mock.requests()) == 2  # 121 changes in pages of 100
    again, state = poll(executor, model, mock, op.key, state)
    assert again == []  # the next poll re-reads the last second's changes, and emits none of them again
    mock.clock.advance(60_000)
    mock.change("job", old["id"], {"notes": "later"})
    later, state = poll(executor, model, mock, op.key, state)
    assert [r["id"] for r in later] == [old["id"]]
    # OLD sat on page 2 (newest created first), so that poll's cursor stayed at what page 1 showed; the next poll
    # moves it to OLD's change, and from then on the window holds one record.
    more, state = poll(executor, model, mock, op.key, state)
    assert more == []
    mock.clear_log()
    assert poll(executor, model, mock, op.key, state)[0] == []
    assert len(mock.requests()) == 1  # a quiet poll (its window holds one page) is one request
