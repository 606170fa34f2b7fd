"""In-memory records per resource, with ids and timestamps from the mock clock."""

from __future__ import annotations

import copy
from typing import Any

from ..model import Field, Model, Resource, values
from .clock import Clock

Record = dict[str, Any]


def get_path(record: Record, dotted: str) -> Any:
    """The value at a dotted path such as `owner.email`, or None when any part is missing."""
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def stamp(resource: Resource, name: str, ms: int) -> Any:
    """The clock's time `ms` as the resource's timestamp field `name` writes it: epoch milliseconds or seconds, or
    ISO 8601 (`toISOString()` text); a field that is no date-time gets the milliseconds."""
    fld = next((f for f in resource.fields if f.name == name), None)
    moment = values.instant(ms, "epoch_ms")
    if fld is None or fld.type != "datetime" or fld.format is None or moment is None:
        return ms
    return values.to_wire(moment, fld.format)


def _visible(fields: tuple[Field, ...], value: Record) -> Record:
    # Write-only fields (and write-only sub-fields) are stored but never returned; keys come in the spec's
    # field order, then any extra seeded keys in insertion order, so answers are deterministic.
    by_name = {f.name: f for f in fields}
    keys = [f.name for f in fields if f.name in value] + [k for k in value if k not in by_name]
    out: Record = {}
    for key in keys:
        item = value[key]
        fld = by_name.get(key)
        if fld is not None and fld.write_only:
            continue
        if fld is not None and fld.fields and isinstance(item, dict):
            item = _visible(fld.fields, item)
        out[key] = copy.deepcopy(item)
    return out


def visible(resource: Resource, record: Record) -> Record:
    """A copy of `record` as the API returns it: without write-only fields."""
    return _visible(resource.fields, record)


class Store:
    """Records of every resource of a model; not thread-safe on its own (the server holds one lock)."""

    def __init__(self, model: Model, clock: Clock) -> None:
        self._model = model
        self._clock = clock
        self._records: dict[str, list[Record]] = {r.key: [] for r in model.resources}
        self._counter = 0

    def resource(self, key: str) -> Resource:
        """The model's resource `key`; ValueError names the known ones when it does not exist."""
        for res in self._model.resources:
            if res.key == key:
                return res
        known = ", ".join(r.key for r in self._model.resources)
        raise ValueError(f"unknown resource {key!r} (known: {known})")

    def clear(self) -> None:
        """Forget every record (the id counter keeps counting so ids are never reused)."""
        for rows in self._records.values():
            rows.clear()

    def new_id(self, resource: Resource | None = None) -> str | int:
        """A fresh id, later ones sorting higher: 24 hex characters (clock seconds then a counter), or for an
        integer id field the clock seconds times a million plus the counter (below 2**53, safe in JavaScript)."""
        self._counter += 1
        seconds = (self._clock.now() // 1000) & 0xFFFFFFFF
        if resource is not None and resource.id_field and _id_type(resource) == "integer":
            return seconds * 1_000_000 + self._counter % 1_000_000
        return f"{seconds:08x}{self._counter:016x}"

    def rows(self, resource: Resource) -> list[Record]:
        """The stored records of `resource` in insertion order (live objects, not copies)."""
        return self._records[resource.key]

    def get(self, resource: Resource, record_id: Any) -> Record | None:
        """The stored record whose id field equals `record_id`."""
        if resource.id_field is None:
            return None
        # A path carries the id as text: an integer id matches its digits.
        wanted = str(record_id)
        return next((r for r in self.rows(resource) if str(r.get(resource.id_field)) == wanted), None)

    def find(self, resource: Resource, dotted: str, value: Any) -> Record | None:
        """The first stored record whose `dotted` field equals `value`."""
        return next((r for r in self.rows(resource) if get_path(r, dotted) == value), None)

    def complete(self, resource: Resource, record: Record) -> Record:
        """Fill the id, created/updated timestamps and archived flag when missing; returns `record`."""
        if resource.id_field and record.get(resource.id_field) in (None, ""):
            record[resource.id_field] = self.new_id(resource)
        missing = [n for n in (resource.created_field, resource.updated_field) if n and record.get(n) is None]
        now = self._clock.stamp() if missing else 0  # one stamp per record, and none when it brings its own
        for name in missing:
            record[name] = stamp(resource, name, now)
        if resource.archived_field and record.get(resource.archived_field) is None:
            record[resource.archived_field] = False
        return record

    def insert(self, resource: Resource, record: Record) -> Record:
        """Complete and store `record`; ValueError if its id is already taken."""
        self.complete(resource, record)
        if resource.id_field and self.get(resource, record[resource.id_field]) is not None:
            raise ValueError(f"{resource.key} {resource.id_field} {record[resource.id_field]!r} already exists")
        self.rows(resource).append(record)
        return record

    def remove(self, resource: Resource, record: Record) -> None:
        """Delete a stored record."""
        rows = self.rows(resource)
        rows[:] = [r for r in rows if r is not record]

    def seed(self, key: str, records: list[Record]) -> list[Record]:
        """Insert copies of `records` into resource `key`; returns copies of what was stored."""
        resource = self.resource(key)
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ValueError("seed() takes a list of JSON objects")
        if resource.id_field:
            # Check given ids first so a bad batch stores nothing.
            taken = {r.get(resource.id_field) for r in self.rows(resource)}
            for rec in records:
                given = rec.get(resource.id_field)
                if given not in (None, "") and given in taken:
                    raise ValueError(f"{resource.key} {resource.id_field} {given!r} already exists")
                taken.add(given)
        return [copy.deepcopy(self.insert(resource, copy.deepcopy(r))) for r in records]

    def snapshot(self, key: str) -> list[Record]:
        """Deep copies of the stored records of resource `key` (write-only fields included)."""
        return copy.deepcopy(self.rows(self.resource(key)))


def _id_type(resource: Resource) -> str | None:
    assert resource.id_field is not None
    found = next((f for f in resource.fields if f.name == resource.id_field), None)
    return found.type if found else None
