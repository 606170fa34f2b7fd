"""Randomized trigger simulation (issue 11), on the runtime and on the generated n8n trigger run by n8n-core.

Small pages (4 to 6 records) so most polls read more than two pages; thousands of creates, updates, completions
and archives between polls and *during* polls (a mock hook writes before a page is answered); the mock clock
moves by 0 ms (same-millisecond writes), 1 ms, 7 ms or 1.5 s, jumps forward by a minute or an hour, and now and
then jumps back by less than the overlap (servers whose clocks differ). Records that exist when a trigger is
turned on span several pages.

What each trigger must do (identities as the trigger dedupes them):
* never emit an identity twice;
* emit every identity that was unchanged for the whole of some poll (its state was there when the poll began and
  still there when it ended), unless it already existed when the trigger was activated;
* never emit what existed at activation, nor anything that never existed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer, RecordedRequest
from connector_gen.model import POLL_OVERLAP_MS, Model, Operation
from connector_gen.pipeline import render_all
from connector_gen.runtime import Client, execute, identity
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor

PAGE_SIZES = {"new_job": 5, "updated_job": 8, "completed_job": 7}
Poller = Callable[[Operation, "dict[str, Any] | None"], "tuple[list[dict[str, Any]], dict[str, Any]]"]


def small_pages(model: Model) -> Model:
    """The model with each trigger asking for a small page (limit in its fixed query and its page size)."""
    ops = []
    for op in model.operations:
        if op.trigger is not None and op.resource.pagination is not None:
            size, limit = PAGE_SIZES[op.key], op.resource.pagination.limit_param
            query = tuple((k, size if k == limit else v) for k, v in op.request.query)
            op = replace(op, request=replace(op.request, query=query), trigger=replace(op.trigger, page_size=size))
        ops.append(op)
    return replace(model, operations=tuple(ops))


@dataclass
class Tally:
    """What one trigger emitted and what it had to, may and must not emit."""

    got: list[str] = field(default_factory=list)
    must: set[str] = field(default_factory=set)
    existed: set[str] = field(default_factory=set)  # at activation
    ever: set[str] = field(default_factory=set)
    most_pages: int = 0


class World:
    """The mock, a random writer and the bookkeeping of what every trigger should emit."""

    def __init__(self, mock: MockServer, triggers: list[Operation], seed: int) -> None:
        self.mock, self.triggers, self.rng = mock, triggers, random.Random(seed)
        self.ids: list[str] = []
        self.high = mock.clock.now()  # the newest time the clock has shown: back jumps stay within the overlap
        self.counts = {"create": 0, "update": 0, "complete": 0, "archive": 0, "during a poll": 0}
        self.counts |= {"same millisecond": 0, "jump": 0, "back": 0}
        self.tally = {t.key: Tally() for t in triggers}
        self._last_stamp = -1
        self._budget = 0  # writes left for the poll under way

    def identities(self, op: Operation, records: list[dict[str, Any]] | None = None) -> set[str]:
        """The identities of `records` (default: the stored records now) that pass the trigger's filter."""
        trig = op.trigger
        assert trig is not None
        with self.mock._lock:  # the stored records themselves: copying them all for every poll is slow
            rows = self.mock._store.rows(op.resource) if records is None else records
            return {identity(op, r) for r in rows if trig.filter is None or r.get(trig.filter.field) == trig.filter.equals}

    def _tick(self) -> None:
        step = self.rng.choices(["0", "1", "7", "1500", "jump", "back"], [6, 4, 1, 1, 0.3, 0.5])[0]
        clock = self.mock.clock
        if step == "jump":
            clock.advance(self.rng.choice([60_000, 3_600_000]))
            self.counts["jump"] += 1
        elif step == "back":
            clock.set(max(clock.now() - self.rng.randint(1, 500), self.high - (POLL_OVERLAP_MS - 100)))
            self.counts["back"] += 1
        else:
            clock.advance(int(step))
        self.high = max(self.high, clock.now())

    def write(self) -> None:
        """One random create, update, completion or archive, then the clock moves."""
        kind = self.rng.choices(["create", "update", "complete", "archive"], [4, 5, 2, 1])[0] if self.ids else "create"
        if kind == "create":
            [record] = self.mock.seed("job", [{"title": f"job {len(self.ids)}"}])
            self.ids.append(record["id"])
        else:
            values = {"update": {"notes": f"n{self.rng.random()}"}, "complete": {"progress": "success"}}
            record = self.mock.change("job", self.rng.choice(self.ids), values.get(kind, {"archived": True}))
        self.counts[kind] += 1
        self.counts["same millisecond"] += record["updatedAt"] == self._last_stamp
        self._last_stamp = record["updatedAt"]
        for op in self.triggers:
            self.tally[op.key].ever |= self.identities(op, [record])
        self._tick()

    def during_polls(self, req: RecordedRequest) -> None:
        """Mock hook: before a page after the first is answered, a few writes happen (a few per poll at most)."""
        pag = self.triggers[0].resource.pagination
        if req.method == "GET" and pag is not None and pag.offset_param in req.query:
            for _ in range(min(self._budget, self.rng.choice([0, 0, 1, 1, 2]))):
                self.write()
                self._budget -= 1
                self.counts["during a poll"] += 1

    @property
    def writes(self) -> int:
        """Creates, updates, completions and archives so far."""
        return sum(self.counts[k] for k in ("create", "update", "complete", "archive"))

    def run(self, poll: Poller, min_writes: int) -> None:
        """Activate every trigger over several pages of existing records, then rounds of writes and polls."""
        self.mock.seed("job", [{"title": f"old {i}", "progress": "success" if i % 3 else "scheduled"} for i in range(23)])
        states: dict[str, dict[str, Any]] = {}
        for op in self.triggers:
            existing = self.identities(op)
            self.tally[op.key].existed = existing
            self.tally[op.key].ever |= existing
            records, states[op.key] = poll(op, None)
            assert records == [], f"{op.key}: activation emitted {len(records)} records"
        self.mock.on_request(self.during_polls)
        quiet_rounds = 0
        while quiet_rounds < 2:
            quiet = self.writes >= min_writes  # the last polls see no writes, so every final state must have fired
            quiet_rounds += quiet
            for _ in range(0 if quiet else self.rng.choice([0, 2, 5, 15, 40, 80])):
                self.write()
            for op in self.triggers:
                tally = self.tally[op.key]
                before = self.identities(op)
                self.mock.clear_log()
                self._budget = 0 if quiet else self.rng.choice([0, 2, 4, 8])
                records, states[op.key] = poll(op, states[op.key])
                tally.most_pages = max(tally.most_pages, len(self.mock.requests()))
                tally.got += [identity(op, r) for r in records]
                tally.must |= before & self.identities(op)

    def check(self, min_writes: int) -> None:
        """Zero missed, zero duplicated, nothing from before activation, and a simulation that did what it says."""
        assert self.writes >= min_writes and min(self.counts.values()) > 0, self.counts
        report = {}
        for key, t in self.tally.items():
            got = set(t.got)
            report[key] = {
                "emitted": len(t.got),
                "duplicated": len(t.got) - len(got),
                "missed": len(t.must - t.existed - got),
                "from before activation": len(got & t.existed),
                "never existed": len(got - t.ever),
                "most pages in a poll": t.most_pages,
            }
        bad = {k: r for k, r in report.items() if r["duplicated"] or r["missed"] or r["from before activation"]}
        bad |= {k: r for k, r in report.items() if r["never existed"] or r["emitted"] == 0 or r["most pages in a poll"] <= 2}
        assert bad == {}, json.dumps({"counts": self.counts, "triggers": report}, indent=1)


def runtime_poller(model: Model, mock: MockServer) -> Poller:
    client = Client(model, mock.base_url, mock.api_key, sleep=lambda _s: None)

    def poll(op: Operation, state: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        done = execute(client, op, {}, state)
        assert done.state is not None
        return done.records, json.loads(json.dumps(done.state))  # the state must survive JSON

    return poll


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_runtime_trigger_simulation(model: Model, seed: int) -> None:
    small = small_pages(model)
    with MockServer(small) as mock:
        world = World(mock, list(small.of_kind("polling_trigger")), seed)
        world.run(runtime_poller(small, mock), min_writes=2000)
    world.check(min_writes=2000)


@pytest.fixture(scope="module")
def small_n8n(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Model, N8nExecutor]]:
    """The n8n package rendered from the small-page model, compiled and loaded in one n8n-core process."""
    small = small_pages(model)
    root = tmp_path_factory.mktemp("n8n-small-pages")
    for path, text in render_all(small, ["n8n"])["n8n"].items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        Path(root / path).write_text(text, encoding="utf-8")
    executor = N8nExecutor()
    executor.prepare(small, root)
    yield small, executor
    executor.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [21, 22])
def test_n8n_trigger_simulation(small_n8n: tuple[Model, N8nExecutor], seed: int) -> None:
    small, executor = small_n8n
    with MockServer(small) as mock:

        def poll(op: Operation, state: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
            outcome = executor.run(small, Call(op, {}, state), Endpoint.for_key(small, mock.base_url, mock.api_key))
            assert outcome.ok and outcome.state is not None, outcome.error
            return outcome.records, outcome.state

        world = World(mock, list(small.of_kind("polling_trigger")), seed)
        world.run(poll, min_writes=2000)
    world.check(min_writes=2000)
