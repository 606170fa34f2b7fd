"""Polling triggers that emit every event exactly once, with a JSON-serialisable poll state.

A poll with a since parameter asks for `cursor_param = cursor - overlap`, sent in its filter's format (epoch
ms, epoch seconds floored, ISO 8601, or a date: the UTC day, floored), and reads page after page in the
pagination's style (runtime/pages.py, model/paging.py) until the style says the last page, so any number of
changes between two polls is read. Pages are in the API's own order, not in cursor order. A trigger without a
since parameter (`order: desc`: newest first by the cursor field) reads pages until one holds a record older
than `cursor - overlap`, or the last page. Records older than `cursor - overlap` that a wider server window
hands back (a floored second or day, the rest of that last newest-first page) are skipped: earlier polls read
them. Path inputs scope the trigger (`/repos/{repo}/items`); the state notes its scope, and a poll for another
scope starts over with an activation.

Why the cursor cannot skip a change. Call S the server's time when a poll's read began (its first page). A
change made after S may be missed by this poll: the record sat on a page already read, and a record changed
later on a page read afterwards can carry a much newer stamp (issue 11: the newest stamp seen is not a safe
cursor). So the next poll must ask from at most S - overlap. The state therefore keeps two values:

* `newest`: the newest cursor-field value (epoch ms; an id for an integer cursor) any poll has read;
* `cursor`: the newest value the API had returned by the time this poll's read began: the previous `newest`
  and the values on this read's first page. The server stamped each of them before answering, so each is
  at most S, and a change after S is stamped at least `cursor` (the overlap absorbs a server whose clocks
  differ slightly or that stamps a write before it becomes visible; an integer cursor, ids in order, has no
  clocks and takes no overlap).

A change made before S with a stamp at or after the poll's `since` is read by this poll, by style:

* `offset`, `page` (position-based): the filter keeps the record in the result while its position only moves
  down the pages (a change of another record or a new record inserts in front of it, or moves a record from
  behind it to the front; nothing in front of it is removed), and the poll reads until a short page, so some
  page request meets it; records shifted onto the next page are read twice and emitted once. This needs an
  order in which a change never moves a record from in front of the reader to behind it: newest first by any
  field, or by a field changes never touch (created, id). Limit: a list ordered oldest first by the cursor
  field itself (`order: asc` by updatedAt) moves an updated record from a read page to the end, shifting the
  unread pages up by one, and can hide one record from that poll for good.
* `cursor`, `link`, `after_id` (the next page is named by the last record read: a token, a URL, an id): pages
  do not shift at all when records are added or change in front of the reader, as long as the API's token
  names a place in a stable order (a keyset: created time, id), as the embedded mock's tokens and ids do; a
  record changed behind the reader is met when its page is read. Limit: an API whose token or Link URL is
  only a page number in disguise (GitHub's `page=2`) behaves as `page` above; after_id over a list whose order
  moves the record it names (sorted by update time) goes on from wherever that record went: toward the front
  it re-reads (duplicates, dropped by the dedupe), toward the end it ends the read early and can hide the
  unread records from that poll; an API that refuses a token as expired stops the poll with its error, and
  the next poll starts again from the same cursor.
* `none`: one answer holds the whole filtered result.

By induction every change is read by the poll during which it happens or by the next one. Without a since
parameter the same holds on a newest-first list: every record stamped at or after `since` comes before the
first record older than it, and the poll reads at least that far. We do not take the time from a Date
header: it comes from whichever front server answered, at one-second resolution, not from the clock that
stamps the records the filter compares. The price is that the next poll re-reads what changed since the end
of the previous poll when the first page shows nothing newer (at most two poll intervals of changes), and a
date-only since parameter re-reads the whole current day on every poll (one request per page of that day).

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

Known limits: a record deleted while a position-based poll pages shifts later pages up by one and may hide one
record from that poll, read again by the next poll only if it is inside its window; a server clock that jumps
back more than the overlap can hide changes; an id-only identity forgotten after `POLL_EMITTED_LIMIT` newer
events (or a record completed before activation, outside the noted window) fires again on its next update;
more than the pagination's `max_pages` pages of changes in one poll stop it with an error (the state is kept,
so the next poll tries the same window again).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ..model import POLL_EMITTED_LIMIT, POLL_OVERLAP_MS, Operation, Scalar, values
from .client import Client, dig
from .pages import pages, paging_of
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
    # The cursor parameter in its filter's format: epoch seconds floored, a date the UTC day (the overlap and the
    # dedupe keep the wider window safe); the state counts in epoch milliseconds whatever the format.
    assert operation.trigger is not None and operation.trigger.cursor_param is not None
    flt = operation.resource.filter(operation.trigger.cursor_param)
    moment = values.instant(ms, "epoch_ms")
    if flt is None or moment is None:
        return ms
    if flt.field.type == "date":
        return moment.astimezone(dt.UTC).date().isoformat()
    if flt.field.type == "datetime" and flt.field.format is not None:
        return values.to_wire(moment, flt.field.format)
    return ms


def _overlap(operation: Operation, overlap_ms: int) -> int:
    # An integer cursor (id order) has no clocks to differ: the next poll reads from the newest id itself.
    assert operation.trigger is not None
    return overlap_ms if operation.resource.field(operation.trigger.cursor_field).type == "datetime" else 0


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


def _pages(
    client: Client, operation: Operation, inputs: dict[str, Any], since: int, first_only: bool = False
) -> list[list[dict[str, Any]]]:
    """Every page of changes at or after `since` (the first page only when `first_only`), in the API's order."""
    trig = operation.trigger
    assert trig is not None
    call = build(operation, inputs, client.settings)
    if trig.cursor_param is not None:
        call = call.with_query(**{trig.cursor_param: _since(operation, since)})
    out: list[list[dict[str, Any]]] = []
    for batch in pages(client, operation, call, trig.page_size):
        out.append(batch)
        if first_only:
            break
        if trig.cursor_param is None and any(v < since for v in _values(operation, batch)):
            break  # newest first, and this page reached back past `since`: every change after it was read
    return out


def _values(operation: Operation, records: list[dict[str, Any]]) -> list[int]:
    return [v for v in (_cursor_value(operation, r) for r in records) if v is not None]


def _state(
    operation: Operation, cursor: int, newest: int, emitted: dict[str, int], overlap_ms: int, scope: str | None
) -> dict[str, Any]:
    if _remembers_emitted(operation):
        kept = list(emitted.items())[-POLL_EMITTED_LIMIT:]  # insertion order: the oldest emissions go first
    else:
        since = max(0, cursor - overlap_ms)  # what the next poll asks from: nothing older comes back
        kept = [(k, v) for k, v in emitted.items() if v >= since]
    state: dict[str, Any] = {"cursor": cursor, "newest": newest, "emitted": [[k, v] for k, v in kept]}
    return state if scope is None else {**state, "scope": scope}


def _scope(operation: Operation, inputs: dict[str, Any]) -> str | None:
    # The trigger's state belongs to its path inputs (`/repos/{owner}/{repo}/issues`): another scope starts over.
    names = [i.name for i in operation.inputs_in("path")]
    return json.dumps([str(inputs.get(n, "")) for n in names], separators=(",", ":")) if names else None


def _activate(client: Client, operation: Operation, inputs: dict[str, Any], overlap_ms: int) -> Poll:
    trig = operation.trigger
    assert trig is not None
    found = _pages(client, operation, inputs, 0, first_only=True)
    cursor = _newest(operation, found[0])
    pag = paging_of(operation)
    if len(found[0]) >= trig.page_size and pag is not None and pag.pages:
        # More than one page exists: note every record the next poll will read again, not only the first page's.
        found = _pages(client, operation, inputs, max(0, cursor - overlap_ms))
        cursor = _newest(operation, found[0], cursor)
    noted: dict[str, int] = {}
    newest = cursor
    for record in (r for page in found for r in page):
        value = _cursor_value(operation, record)
        if value is None:
            continue
        newest = max(newest, value)
        if _passes(operation, record):
            noted.setdefault(identity(operation, record), value)
    return Poll([], _state(operation, cursor, newest, noted, overlap_ms, _scope(operation, inputs)))


def poll(
    client: Client,
    operation: Operation,
    state: dict[str, Any] | None,
    overlap_ms: int = POLL_OVERLAP_MS,
    inputs: dict[str, Any] | None = None,
) -> Poll:
    """Run one poll of a polling trigger: the new events (API order) and the next state; activation emits none.

    `inputs` are the trigger's path inputs (its scope); a state kept for another scope starts over (activation)."""
    if operation.trigger is None:
        raise ValueError(f"{operation.key} is not a polling trigger")
    inputs = inputs or {}
    overlap_ms = _overlap(operation, overlap_ms)
    if state is None or state.get("scope") != _scope(operation, inputs):
        return _activate(client, operation, inputs, overlap_ms)
    cursor = int(state.get("cursor", 0))
    newest = int(state.get("newest", cursor))
    emitted: dict[str, int] = {str(k): int(v) for k, v in state.get("emitted", [])}
    since = max(0, cursor - overlap_ms)
    found = _pages(client, operation, inputs, since)
    # Everything read so far was stamped before this read began; so was its first page (see the module docstring).
    cursor = max(cursor, newest, _newest(operation, found[0]))
    fresh: list[dict[str, Any]] = []
    for record in (r for page in found for r in page):
        value = _cursor_value(operation, record)
        if value is None:
            continue  # without a cursor value a record cannot be placed in time; the spec says the field exists
        if value < since:
            continue  # a wider server window (a floored date or second, the rest of a newest-first page): seen before
        newest = max(newest, value)
        ident = identity(operation, record)
        if ident in emitted or not _passes(operation, record):
            continue
        emitted[ident] = value
        fresh.append(record)
    return Poll(fresh, _state(operation, cursor, newest, emitted, overlap_ms, _scope(operation, inputs)))
