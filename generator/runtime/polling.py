"""Polling triggers that emit every event exactly once, with a JSON-serialisable poll state.

A poll asks for `cursor_param = cursor - overlap` and reads page after page (`limit` per page, paged with the
offset parameter) until a page comes back shorter than the page size, so any number of changes between two
polls is read. Pages are in the API's own order (e.g. newest created first), not in cursor order.

Why the cursor cannot skip a change. Call S the server's time when a poll's read began (its first page). A
change made after S may be missed by this poll: the record sat on a page already read, and a record changed
later on a page read afterwards can carry a much newer stamp (issue 11: the newest stamp seen is not a safe
cursor). So the next poll must ask from at most S - overlap. The state therefore keeps two values:

* `newest`: the newest cursor-field value (epoch ms) any poll has read;
* `cursor`: the newest value the API had returned by the time this poll's read began: the previous `newest`
  and the values on this read's first page. The server stamped each of them before answering, so each is
  at most S, and a change after S is stamped at least `cursor` (the overlap absorbs a server whose clocks
  differ slightly or that stamps a write before it becomes visible).

A change made before S with a stamp at or after the poll's `since` is read by this poll: the filter keeps it
in the result while its position only moves down the pages (a change of another record or a new record
inserts in front of it, never removes anything), and the poll reads until a short page, so some page
request meets it; records shifted onto the next page are read twice and emitted once. By induction every
change is read by the poll during which it happens or by the next one. We do not take the time from a Date
header: it comes from whichever front server answered, at one-second resolution, not from the clock that
stamps the records the filter compares. The price is that the next poll re-reads what changed since the end
of the previous poll when the first page shows nothing newer (at most two poll intervals of changes).

Dedupe. A record passing the trigger's filter is emitted unless its identity was emitted (or noted) before;
`emitted` keeps `[identity, value]` pairs. When the identity holds the cursor field (id + updatedAt), or the
cursor field is the resource's created field, an identity can only come back while its value is at or after
the next poll's `since`, so older ones are dropped. Otherwise (e.g. "completed", keyed by id but polled by
updatedAt) a record reappears on every later update, so the newest `POLL_EMITTED_LIMIT` identities are kept,
like the platforms' own dedupe stores. A record read again that was not emitted (it failed the filter) is
judged again, so a record completed in the same millisecond as an earlier change still fires.

Activation (no state) emits nothing and takes note of what exists: it reads the first page from 0 (a short
page is the whole collection) and otherwise every page from that page's newest value - overlap, noting the
identities the next poll would read again. A change made while activation pages counts as existing when
activation reads it, and as new otherwise (it then comes after the activation cursor). A state written before
`newest` existed (`{"cursor", "emitted"}`, where cursor was the newest value seen) is read with newest = cursor.

Known limits: a record deleted while a poll pages shifts later pages up by one and may hide one record from
that poll, read again by the next poll only if it is inside its window; a server clock that jumps back more
than the overlap can hide changes; an id-only identity forgotten after `POLL_EMITTED_LIMIT` newer events (or
a record completed before activation, outside the noted window) fires again on its next update.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import POLL_EMITTED_LIMIT, POLL_MAX_PAGES, POLL_OVERLAP_MS, Operation, Scalar, values
from .client import ApiError, Client, dig
from .request import build


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
    # The state counts in epoch milliseconds whatever the field's format (epoch seconds, ISO 8601 text).
    assert operation.trigger is not None
    value = _value(record, operation.trigger.cursor_field)
    fld = operation.resource.field(operation.trigger.cursor_field)
    if fld.type == "datetime" and fld.format is not None:
        moment = values.instant(value, fld.format)
        return int(values.to_wire(moment, "epoch_ms")) if moment is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _since(operation: Operation, ms: int) -> Scalar:
    # The cursor parameter in its own format: epoch seconds are floored (the overlap keeps the window safe).
    assert operation.trigger is not None and operation.trigger.cursor_param is not None
    flt = operation.resource.filter(operation.trigger.cursor_param)
    moment = values.instant(ms, "epoch_ms")
    if flt is None or flt.field.type != "datetime" or flt.field.format is None or moment is None:
        return ms
    return values.to_wire(moment, flt.field.format)


def _remembers_emitted(operation: Operation) -> bool:
    trig = operation.trigger
    assert trig is not None
    return trig.cursor_field not in trig.dedupe and trig.cursor_field != operation.resource.created_field


def _passes(operation: Operation, record: dict[str, Any]) -> bool:
    trig = operation.trigger
    assert trig is not None
    return trig.filter is None or _value(record, trig.filter.field) == trig.filter.equals


def _newest(operation: Operation, records: list[dict[str, Any]], floor: int = 0) -> int:
    return max((v for v in (_cursor_value(operation, r) for r in records) if v is not None), default=floor)


def _pages(client: Client, operation: Operation, since: int, first_only: bool = False) -> list[list[dict[str, Any]]]:
    """Every page of changes at or after `since` (the first page only when `first_only`), in the API's order."""
    trig = operation.trigger
    assert trig is not None and trig.cursor_param is not None  # TRANSITIONAL (issue 14)
    pag = operation.resource.pagination
    size = trig.page_size
    call = build(operation, {}, client.settings).with_query(**{trig.cursor_param: _since(operation, since)})
    out: list[list[dict[str, Any]]] = []
    for page in range(POLL_MAX_PAGES):
        offset = page * size
        paged = call.with_query(**{pag.offset_param: offset}) if pag and pag.offset_param and offset else call
        batch = client.records(paged)
        out.append(batch)
        if first_only or len(batch) < size or not (pag and pag.offset_param):
            return out
    raise ApiError(
        None, f"{operation.label}: more than {POLL_MAX_PAGES} pages of changes in one poll; stopping", "too_many_pages"
    )


def _state(operation: Operation, cursor: int, newest: int, emitted: dict[str, int], overlap_ms: int) -> dict[str, Any]:
    if _remembers_emitted(operation):
        kept = list(emitted.items())[-POLL_EMITTED_LIMIT:]  # insertion order: the oldest emissions go first
    else:
        since = max(0, cursor - overlap_ms)  # what the next poll asks from: nothing older comes back
        kept = [(k, v) for k, v in emitted.items() if v >= since]
    return {"cursor": cursor, "newest": newest, "emitted": [[k, v] for k, v in kept]}


def _activate(client: Client, operation: Operation, overlap_ms: int) -> Poll:
    trig = operation.trigger
    assert trig is not None
    pag = operation.resource.pagination
    pages = _pages(client, operation, 0, first_only=True)
    cursor = _newest(operation, pages[0])
    if len(pages[0]) >= trig.page_size and pag and pag.offset_param:
        # More than one page exists: note every record the next poll will read again, not only the first page's.
        pages = _pages(client, operation, max(0, cursor - overlap_ms))
        cursor = _newest(operation, pages[0], cursor)
    noted: dict[str, int] = {}
    newest = cursor
    for record in (r for page in pages for r in page):
        value = _cursor_value(operation, record)
        if value is None:
            continue
        newest = max(newest, value)
        if _passes(operation, record):
            noted.setdefault(identity(operation, record), value)
    return Poll([], _state(operation, cursor, newest, noted, overlap_ms))


def poll(client: Client, operation: Operation, state: dict[str, Any] | None, overlap_ms: int = POLL_OVERLAP_MS) -> Poll:
    """Run one poll of a polling trigger: the new events (API order) and the next state; activation emits none."""
    if operation.trigger is None:
        raise ValueError(f"{operation.key} is not a polling trigger")
    if state is None:
        return _activate(client, operation, overlap_ms)
    cursor = int(state.get("cursor", 0))
    newest = int(state.get("newest", cursor))
    emitted: dict[str, int] = {str(k): int(v) for k, v in state.get("emitted", [])}
    pages = _pages(client, operation, max(0, cursor - overlap_ms))
    # Everything read so far was stamped before this read began; so was its first page (see the module docstring).
    cursor = max(cursor, newest, _newest(operation, pages[0]))
    fresh: list[dict[str, Any]] = []
    for record in (r for page in pages for r in page):
        value = _cursor_value(operation, record)
        if value is None:
            continue  # without a cursor value a record cannot be placed in time; the spec says the field exists
        newest = max(newest, value)
        ident = identity(operation, record)
        if ident in emitted or not _passes(operation, record):
            continue
        emitted[ident] = value
        fresh.append(record)
    return Poll(fresh, _state(operation, cursor, newest, emitted, overlap_ms))
