"""Polling triggers that emit every event exactly once, with a JSON-serialisable poll state.

How a poll works (the collection is read newest first, `limit` per page, paged with the offset parameter):

* The state remembers `cursor`: the highest cursor-field value (epoch ms) seen so far.
* A poll asks for `cursor_param = cursor - overlap` and reads page after page until a page comes back
  shorter than the page size, so any number of changes between two polls is read. The overlap re-reads
  a little of the past on purpose: a server whose clocks differ slightly may stamp a record a few ms before
  one we already saw, and records stamped in the same millisecond as the cursor may arrive after the poll.
* A record passing the trigger's filter is emitted unless its dedupe identity was emitted before. The
  emitted identities are kept in the state with their cursor value (`emitted`). When the identity holds
  the cursor field (id + updatedAt), or the cursor field is the resource's created field, an identity can
  only come back inside the overlap window, so identities older than the window are dropped. Otherwise
  (e.g. "completed" keyed by id but polled by updatedAt) a record reappears on every later update, so the
  newest `POLL_EMITTED_LIMIT` identities are kept, like the platforms' own dedupe stores. A record read again
  that was not emitted (it failed the filter) is simply judged again, so a record completed in the same
  millisecond as an earlier change still fires; records shifted onto the next page by inserts during a
  poll are read twice and emitted once.
* The first poll (no state) reads one page only: like the platforms' first poll it samples recent
  records instead of reading the whole account, and it starts the cursor at the newest value seen (0 when
  the collection is empty, so the next poll reads everything created since).

Known limit: a record deleted while a poll is paging shifts later pages up by one and may hide one
record from that poll; it is read again by the next poll only if it falls inside the overlap window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import POLL_EMITTED_LIMIT, POLL_MAX_PAGES, POLL_OVERLAP_MS, Operation
from .client import ApiError, Client, dig
from .request import HttpCall, build


@dataclass(frozen=True)
class Poll:
    """What one poll emitted and the state to hand to the next poll."""

    records: list[dict[str, Any]]
    state: dict[str, Any]


def _value(record: dict[str, Any], dotted: str) -> Any:
    return dig(record, tuple(dotted.split(".")))


def identity(operation: Operation, record: dict[str, Any]) -> str:
    """The trigger's dedupe identity of `record` as a JSON text (usable as a dict key and in JSON state)."""
    assert operation.trigger is not None
    return json.dumps([_value(record, f) for f in operation.trigger.dedupe], separators=(",", ":"))


def _cursor_value(operation: Operation, record: dict[str, Any]) -> int | None:
    assert operation.trigger is not None
    value = _value(record, operation.trigger.cursor_field)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _remembers_emitted(operation: Operation) -> bool:
    trig = operation.trigger
    assert trig is not None
    return trig.cursor_field not in trig.dedupe and trig.cursor_field != operation.resource.created_field


def _passes(operation: Operation, record: dict[str, Any]) -> bool:
    trig = operation.trigger
    assert trig is not None
    return trig.filter is None or _value(record, trig.filter.field) == trig.filter.equals


def _pages(client: Client, operation: Operation, call: HttpCall, first_only: bool) -> list[dict[str, Any]]:
    assert operation.trigger is not None
    pag = operation.resource.pagination
    size = operation.trigger.page_size
    out: list[dict[str, Any]] = []
    for page in range(POLL_MAX_PAGES):
        offset = page * size
        paged = call.with_query(**{pag.offset_param: offset}) if pag and pag.offset_param and offset else call
        batch = client.records(paged)
        out.extend(batch)
        if first_only or len(batch) < size or not (pag and pag.offset_param):
            return out
    raise ApiError(
        None, f"{operation.label}: more than {POLL_MAX_PAGES} pages of changes in one poll; stopping", "too_many_pages"
    )


def poll(client: Client, operation: Operation, state: dict[str, Any] | None, overlap_ms: int = POLL_OVERLAP_MS) -> Poll:
    """Run one poll of a polling trigger: the new events (API order, newest first) and the next state."""
    trig = operation.trigger
    if trig is None:
        raise ValueError(f"{operation.key} is not a polling trigger")
    first = state is None
    cursor = int(state.get("cursor", 0)) if state else 0
    emitted: dict[str, int] = {str(k): int(v) for k, v in state.get("emitted", [])} if state else {}
    since = 0 if first else max(0, cursor - overlap_ms)
    call = build(operation, {}).with_query(**{trig.cursor_param: since})
    fresh: list[dict[str, Any]] = []
    for record in _pages(client, operation, call, first_only=first):
        value = _cursor_value(operation, record)
        if value is None:
            continue  # without a cursor value a record cannot be placed in time; the spec says the field exists
        cursor = max(cursor, value)
        ident = identity(operation, record)
        if ident in emitted or not _passes(operation, record):
            continue
        emitted[ident] = value
        fresh.append(record)
    if _remembers_emitted(operation):
        kept = list(emitted.items())[-POLL_EMITTED_LIMIT:]  # insertion order: the oldest emissions go first
    else:
        floor = max(0, cursor - overlap_ms)
        kept = [(k, v) for k, v in emitted.items() if v >= floor]
    return Poll(fresh, {"cursor": cursor, "emitted": [[k, v] for k, v in kept]})
