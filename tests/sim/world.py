"""The randomized trigger simulation's World: the embedded mock, a random writer and the bookkeeping of what each
trigger of any spec must emit, for any poller `(op, state) -> (records, state)`.

Thousands of creates, updates, completions (a trigger filter's value) and archives between polls and *during*
polls (a mock hook writes before a page after a poll's first is answered); the mock clock moves by 0 ms
(same-millisecond writes), 1 ms, 7 ms or 1.5 s, jumps forward by a minute or an hour, and now and then jumps back
by less than the overlap (servers whose clocks differ). Records that exist when a trigger is turned on span
several pages. A trigger scoped by path inputs polls one scope; records are written to it and to another one.

What each trigger must do (identities as the trigger dedupes them):
* never emit an identity twice;
* emit every identity that was unchanged for the whole of some poll (its state was there when the poll began and
  still there when it ended), unless it already existed when the trigger was activated;
* never emit what existed at activation, nor anything that never existed;
* make one request per quiet poll: after the clock moved past every poll's window (`quiet_advance_ms`) and one
  record changed, a poll after the one that read that change (nothing new, at most one page in the window).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from connector_gen.mock import MockServer, RecordedRequest
from connector_gen.model import POLL_OVERLAP_MS, Operation, Resource
from connector_gen.runtime import identity

Poller = Callable[[Operation, "dict[str, Any] | None"], "tuple[list[dict[str, Any]], dict[str, Any]]"]
SCOPES = ("octo", "other")  # the value every path input of a scoped trigger is polled with, and another one


@dataclass
class Tally:
    """What one trigger emitted and what it had to, may and must not emit."""

    got: list[str] = field(default_factory=list)
    must: set[str] = field(default_factory=set)
    existed: set[str] = field(default_factory=set)  # at activation
    ever: set[str] = field(default_factory=set)
    most_pages: int = 0
    quiet_requests: list[int] = field(default_factory=list)


def scope_inputs(op: Operation) -> dict[str, Any]:
    """The inputs a scoped trigger is polled with (its path inputs), {} for the others."""
    return {i.name: SCOPES[0] for i in op.inputs_in("path")}


class World:
    """The mock, a random writer and the bookkeeping of what every trigger should emit."""

    def __init__(self, mock: MockServer, triggers: list[Operation], seed: int, quiet_advance_ms: int = 2 * 86_400_000) -> None:
        self.mock, self.triggers, self.rng = mock, triggers, random.Random(seed)
        resources = {t.resource.key for t in triggers}
        assert len(resources) == 1, f"one resource per world, got {sorted(resources)}"
        self.resource: Resource = triggers[0].resource
        self.ids: list[Any] = []
        self.high = mock.clock.now()  # the newest time the clock has shown: back jumps stay within the overlap
        self.kinds = ["create", "update"] + (["complete"] if self._completion() else [])
        self.kinds += ["archive"] if self.resource.archived_field else []
        self.counts = {k: 0 for k in self.kinds} | {"during a poll": 0, "same millisecond": 0, "jump": 0, "back": 0}
        self.tally = {t.key: Tally() for t in triggers}
        self.quiet_advance_ms = quiet_advance_ms  # Zapier/Make: past their window, so a quiet window is empty
        self._last_stamp: Any = None
        self._budget = 0  # writes left for the poll under way
        self._requests = 0  # API requests of the poll under way
        self._scoped = sorted({i.name for t in triggers for i in t.inputs_in("path")})

    def _completion(self) -> tuple[str, Any] | None:
        # A completion sets a trigger filter's field to its value (progress=success, status=done).
        found = [t.trigger.filter for t in self.triggers if t.trigger and t.trigger.filter]
        return (found[0].field, found[0].equals) if found else None

    def _update_field(self) -> str:
        # A writable text field that is none of the bookkeeping fields: what an update changes.
        taken = {self.resource.id_field, self.resource.title_field, *self._scoped}
        text = [f.name for f in self.resource.fields if f.type == "string" and not f.read_only and not f.choices]
        return next((n for n in text if n not in taken), self.resource.title_field or text[0])

    def identities(self, op: Operation, records: list[dict[str, Any]] | None = None) -> set[str]:
        """The identities of `records` (default: the stored records now) that the trigger may emit."""
        trig = op.trigger
        assert trig is not None
        scope = scope_inputs(op)
        with self.mock._lock:  # the stored records themselves: copying them all for every poll is slow
            rows = self.mock._store.rows(op.resource) if records is None else records
            kept = [r for r in rows if all(r.get(k) == v for k, v in scope.items())]
            return {identity(op, r) for r in kept if trig.filter is None or r.get(trig.filter.field) == trig.filter.equals}

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

    def create(self, title: str, **extra: Any) -> dict[str, Any]:
        """Create one record (in a random scope when triggers are scoped)."""
        scope = {name: self.rng.choice(SCOPES) for name in self._scoped}
        [record] = self.mock.seed(self.resource.key, [{self.resource.title_field or "title": title, **scope, **extra}])
        self.ids.append(record[self.resource.id_field or "id"])
        for op in self.triggers:
            self.tally[op.key].ever |= self.identities(op, [record])
        return record

    def write(self) -> None:
        """One random create, update, completion or archive, then the clock moves."""
        weights = {"create": 4, "update": 5, "complete": 2, "archive": 1}
        kind = self.rng.choices(self.kinds, [weights[k] for k in self.kinds])[0] if self.ids else "create"
        if kind == "create":
            record = self.create(f"item {len(self.ids)}")
        else:
            done = self._completion()
            values = {
                "update": {self._update_field(): f"n{self.rng.random()}"},
                "complete": {done[0]: done[1]} if done else {},
                "archive": {self.resource.archived_field: True} if self.resource.archived_field else {},
            }[kind]
            record = self.mock.change(self.resource.key, self.rng.choice(self.ids), values)
        self.counts[kind] += 1
        stamp = record.get(self.resource.updated_field or "")
        self.counts["same millisecond"] += stamp == self._last_stamp
        self._last_stamp = stamp
        for op in self.triggers:
            self.tally[op.key].ever |= self.identities(op, [record])
        self._tick()

    def during_polls(self, req: RecordedRequest) -> None:
        """Mock hook: before a page after a poll's first is answered, a few writes happen (a few per poll at most)."""
        self._requests += 1
        if self._requests > 1:
            for _ in range(min(self._budget, self.rng.choice([0, 0, 1, 1, 2]))):
                self.write()
                self._budget -= 1
                self.counts["during a poll"] += 1

    @property
    def writes(self) -> int:
        """Creates, updates, completions and archives so far."""
        return sum(self.counts[k] for k in self.kinds)

    def _seed_existing(self, n: int) -> None:
        done = self._completion()
        for i in range(n):
            self.create(f"old {i}", **({done[0]: done[1]} if done and i % 3 else {}))

    def run(self, poll: Poller, min_writes: int, existing: int = 23) -> None:
        """Activate every trigger over several pages of existing records, then rounds of writes and polls."""
        self._seed_existing(existing)
        states: dict[str, dict[str, Any]] = {}
        self.mock.on_request(self.during_polls)
        for op in self.triggers:
            existing_ids = self.identities(op)
            self.tally[op.key].existed = existing_ids
            self.tally[op.key].ever |= existing_ids
            self._budget, self._requests = 0, 0
            records, states[op.key] = poll(op, None)
            assert records == [], f"{op.key}: activation emitted {len(records)} records"
        quiet_rounds = 0
        while quiet_rounds < 3:
            quiet = self.writes >= min_writes  # the last polls see no writes, so every final state must have fired
            quiet_rounds += quiet
            if quiet_rounds == 1:
                # Settle: the clock moves past every poll's window (`quiet_advance_ms`) and one record that
                # passes every trigger's filter is made, so the quiet polls after it find one page in their window.
                self.mock.clock.advance(self.quiet_advance_ms)
                self.high = max(self.high, self.mock.clock.now())
                done = self._completion()
                self.create("settle", **({done[0]: done[1]} if done else {}))
            elif quiet:
                self.mock.clock.advance(1500)
                self.high = max(self.high, self.mock.clock.now())
            for _ in range(0 if quiet else self.rng.choice([0, 2, 5, 15, 40, 80])):
                self.write()
            for op in self.triggers:
                tally = self.tally[op.key]
                before = self.identities(op)
                self._budget = 0 if quiet else self.rng.choice([0, 2, 4, 8])
                self._requests = 0
                records, states[op.key] = poll(op, states[op.key])
                tally.most_pages = max(tally.most_pages, self._requests)
                if quiet_rounds == 3:
                    tally.quiet_requests.append(self._requests)
                tally.got += [identity(op, r) for r in records]
                tally.must |= before & self.identities(op)

    def report(self) -> dict[str, dict[str, int]]:
        """Per trigger: emitted, duplicated, missed, from before activation, never existed, most pages, quiet requests."""
        out = {}
        for key, t in self.tally.items():
            got = set(t.got)
            out[key] = {
                "emitted": len(t.got),
                "duplicated": len(t.got) - len(got),
                "missed": len(t.must - t.existed - got),
                "from before activation": len(got & t.existed),
                "never existed": len(got - t.ever),
                "most pages in a poll": t.most_pages,
                "requests in the last quiet poll": max(t.quiet_requests, default=0),
            }
        return out

    def check(self, min_writes: int, paged: bool = True) -> None:
        """Zero missed, zero duplicated, nothing from before activation, one request per quiet poll, and a
        simulation that did what it says (more than two pages in some poll when the collection pages)."""
        counted = {k: n for k, n in self.counts.items() if paged or k != "during a poll"}  # one request: no "during"
        assert self.writes >= min_writes and min(counted.values()) > 0, self.counts
        report = self.report()
        bad = {k: r for k, r in report.items() if r["duplicated"] or r["missed"] or r["from before activation"]}
        bad |= {k: r for k, r in report.items() if r["never existed"] or r["emitted"] == 0}
        bad |= {k: r for k, r in report.items() if r["requests in the last quiet poll"] != 1}
        bad |= {k: r for k, r in report.items() if paged and r["most pages in a poll"] <= 2}
        assert bad == {}, json.dumps({"counts": self.counts, "triggers": report}, indent=1)
