"""Trigger simulation: hundreds of random creates, updates and completions between polls, with the mock clock
advanced by 0, 1 or more ms (so several changes share a millisecond) and more than one page of changes between
some polls. Every trigger must emit each event exactly once: zero missed, zero duplicates."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest

from connector_gen.mock import MockServer, RecordedRequest
from connector_gen.model import Model, Operation
from connector_gen.runtime import Client, execute, identity, poll


def _complete(mock: MockServer, model: Model, trigger: Operation, record_id: str) -> None:
    # The API has no write that completes a record (the field is read-only, set by field workers), so the
    # test changes the stored record the way the server would: filter value set, updated timestamp moved.
    assert trigger.trigger is not None and trigger.trigger.filter is not None
    res = trigger.resource
    with mock._lock:  # the mock's own lock: its request threads read the same records
        stored = mock._store.get(res, record_id)
        assert stored is not None
        stored[trigger.trigger.filter.field] = trigger.trigger.filter.equals
        stored[res.updated_field or "updatedAt"] = mock.clock.now()


def _observed(model: Model, triggers: list[Operation], records: list[dict[str, Any]]) -> dict[str, set[str]]:
    """The events each trigger must have emitted by now, from the records as stored at poll time."""
    out: dict[str, set[str]] = {}
    for op in triggers:
        trig = op.trigger
        assert trig is not None
        keep = [r for r in records if trig.filter is None or r.get(trig.filter.field) == trig.filter.equals]
        out[op.key] = {identity(op, r) for r in keep}
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_event_is_emitted_exactly_once(model: Model, seed: int) -> None:
    rng = random.Random(seed)
    triggers = list(model.of_kind("polling_trigger"))
    assert {bool(t.trigger and t.trigger.filter) for t in triggers} == {True, False}
    create, update, archive = model.operation("create_job"), model.operation("update_job"), model.operation("archive_job")
    completer = next(t for t in triggers if t.trigger and t.trigger.filter)
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        states: dict[str, dict[str, Any] | None] = {t.key: None for t in triggers}
        emitted: dict[str, list[str]] = {t.key: [] for t in triggers}
        expected: dict[str, set[str]] = {t.key: set() for t in triggers}
        ids: list[str] = []
        counts = {"create": 0, "update": 0, "complete": 0, "archive": 0}
        pages_seen = 0
        for round_no in range(30):
            burst = rng.choice([0, 3, 10, 40, 160]) if round_no else 0
            for _ in range(burst):
                kind = rng.choices(["create", "update", "complete", "archive"], [4, 4, 2, 1])[0] if ids else "create"
                if kind == "create":
                    (job,) = execute(client, create, {"title": f"job {len(ids)}", "priority": rng.randint(0, 10)}).records
                    ids.append(job["id"])
                elif kind == "update":
                    execute(client, update, {"id": rng.choice(ids), "notes": f"note {rng.random()}"})
                elif kind == "complete":
                    _complete(mock, model, completer, rng.choice(ids))
                else:
                    execute(client, archive, {"id": rng.choice(ids)})
                counts[kind] += 1
                # Mostly the same millisecond or the next one; now and then a longer pause.
                mock.clock.advance(rng.choice([0, 0, 0, 1, 1, 7, 1500]))
            for op in triggers:
                mock.clear_log()
                state = states[op.key]
                done = execute(client, op, {}, json.loads(json.dumps(state)) if state is not None else None)
                assert done.state is not None
                states[op.key] = json.loads(json.dumps(done.state))  # the state must survive JSON
                emitted[op.key] += [identity(op, r) for r in done.records]
                pages_seen = max(pages_seen, len(mock.requests()))
            for key, events in _observed(model, triggers, mock.records("job")).items():
                expected[key] |= events
            if rng.random() < 0.3:
                mock.clock.advance(rng.choice([0, 1, 2000]))
    assert sum(counts.values()) >= 300 and min(counts.values()) > 10, counts
    assert pages_seen >= 2, "some polls must read more than one page of changes"
    for op in triggers:
        got = emitted[op.key]
        duplicates = sorted({e for e in got if got.count(e) > 1})
        assert duplicates == [], f"{op.key} emitted twice: {duplicates[:5]}"
        missed = sorted(expected[op.key] - set(got))
        assert missed == [], f"{op.key} missed {len(missed)} events: {missed[:5]}"
        assert set(got) <= expected[op.key]
        assert got, f"{op.key} emitted nothing"


def test_activation_reads_from_0_and_later_polls_ask_from_the_cursor_minus_overlap(model: Model) -> None:
    op = model.operation("updated_job")
    assert op.trigger is not None and op.resource.pagination is not None
    skip = op.resource.pagination.offset_param
    with MockServer(model) as mock:
        mock.seed("job", [{"title": f"j{i}"} for i in range(150)])
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        first = poll(client, op, None)
        assert first.records == []  # activation only takes note (it emitted the first page before issue 11)
        asked = [(r.query[op.trigger.cursor_param], r.query.get(skip)) for r in mock.requests()]
        # The first page from 0 is full, so every page from its newest updatedAt - overlap is noted.
        cursor = first.state["cursor"]
        assert asked == [(["0"], None), ([str(cursor - 1000)], None), ([str(cursor - 1000)], ["100"])]
        assert len(first.state["emitted"]) == 150
        mock.clear_log()
        mock.clock.advance(5000)
        second = poll(client, op, first.state, overlap_ms=1000)
        since = int(mock.requests()[0].query[op.trigger.cursor_param][0])
        assert since == first.state["cursor"] - 1000
        # The 50 records the first page did not show have the same updatedAt as those it did: they existed at
        # activation, so they do not fire (before issue 11 they fired now).
        assert second.records == []
        assert poll(client, op, second.state).records == []


def test_state_of_an_identity_without_the_cursor_field_remembers_emitted_records(model: Model) -> None:
    completed = next(t for t in model.of_kind("polling_trigger") if t.trigger and t.trigger.filter)
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        state = poll(client, completed, None).state
        (job,) = execute(client, model.operation("create_job"), {"title": "T"}).records
        mock.clock.advance(10)
        _complete(mock, model, completed, job["id"])
        mock.clock.advance(10)
        first = poll(client, completed, state)
        assert [r["id"] for r in first.records] == [job["id"]]
        # Much later the completed record is edited: it comes back from the API but must not fire again.
        mock.clock.advance(60_000)
        execute(client, model.operation("update_job"), {"id": job["id"], "notes": "after"})
        assert poll(client, completed, first.state).records == []


def _offset(mock: MockServer, op: Operation) -> Callable[[RecordedRequest], int | None]:
    pag = op.resource.pagination
    assert pag is not None and pag.offset_param

    def offset(req: RecordedRequest) -> int | None:
        return int(req.query[pag.offset_param][0]) if req.method == "GET" and pag.offset_param in req.query else None

    return offset


def test_a_change_to_a_page_already_read_is_emitted_by_the_next_poll(model: Model) -> None:
    # Issue 11: pages are ordered by creation time. A record on page 1 changed after page 1 was read, then a record
    # on page 2 changed later: a cursor at the newest updatedAt seen moved past the first change for good.
    op = model.operation("updated_job")
    assert op.trigger is not None
    with MockServer(model) as mock:
        jobs = mock.seed("job", [{"title": f"j{i}"} for i in range(150)])
        newest, oldest = jobs[-1]["id"], jobs[0]["id"]  # page 1 and page 2 of a createdAt-descending list
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        state = poll(client, op, None).state
        mock.clock.advance(5000)
        for job in jobs:
            mock.change("job", job["id"], {"notes": "busy day"})
        offset = _offset(mock, op)

        def during_the_poll(req: RecordedRequest) -> None:
            if offset(req) == op.trigger.page_size:  # page 2 asked for: page 1 is already read
                mock.clock.advance(10)
                mock.change("job", newest, {"notes": "changed after its page was read"})
                mock.clock.advance(2000)
                mock.change("job", oldest, {"notes": "changed before its page was read"})

        mock.on_request(during_the_poll)
        second = poll(client, op, state)
        mock.on_request(None)
        assert len(second.records) == 150 and len(mock.requests()) >= 3
        late = next(r for r in mock.records("job") if r["id"] == newest)
        third = poll(client, op, second.state)
        assert [identity(op, r) for r in third.records] == [identity(op, late)]
        assert poll(client, op, third.state).records == []


@pytest.mark.parametrize("key", ["new_job", "updated_job", "completed_job"])
def test_activation_takes_note_of_every_existing_record_even_beyond_the_first_page(model: Model, key: str) -> None:
    op = model.operation(key)
    assert op.trigger is not None
    with MockServer(model) as mock:
        mock.seed("job", [{"title": f"j{i}", "progress": "success"} for i in range(150)])  # one millisecond
        client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)
        first = poll(client, op, None)
        assert first.records == []  # activation emits nothing
        mock.clock.advance(5000)
        assert poll(client, op, first.state).records == []  # nor does the next poll: nothing happened since
        [fresh] = mock.seed("job", [{"title": "new", "progress": "success"}])
        assert [r["id"] for r in poll(client, op, first.state).records] == [fresh["id"]]
