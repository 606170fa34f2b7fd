"""Typed checks of values against resource fields, used for request bodies and query parameters."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..model import Field, Resource, values
from .store import Record, Store


class Invalid(Exception):
    """A value does not fit its field; `problem` completes "Field 'x' ..."."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"Field '{where}' {problem}." if where else problem[0].upper() + problem[1:] + ".")


def check(fld: Field, value: Any, where: str, partial: bool = False) -> Any:
    """`value` checked against `fld` (objects and line items recursively); raises Invalid naming the dotted field."""
    items = fld.items
    if fld.type == "array" and items is not None and items.is_object:
        if not isinstance(value, list):
            raise Invalid(where, "must be a list")
        # Each line item is whole (its required fields given), also in an update: the list replaces the old one.
        return [check(items, element, f"{where}.{i}") for i, element in enumerate(value)]
    if not fld.is_object:
        found = values.problem(fld, value)
        if found:
            raise Invalid(where, found.must)
        if fld.required and value == "":
            raise Invalid(where, "must not be empty")
        return value
    if not isinstance(value, dict):
        raise Invalid(where, "must be an object")
    return _fields(fld.fields, value, where + ".", partial=partial, key=None)


def _fields(fields: tuple[Field, ...], value: Record, prefix: str, partial: bool, key: str | None) -> Record:
    known = {f.name: f for f in fields}
    out: Record = {}
    for name, item in value.items():
        where = prefix + name
        fld = known.get(name)
        if fld is None:
            writable = ", ".join(f.name for f in fields if not f.read_only or f.name == key)
            raise Invalid(where, f"is unknown (accepted: {writable})")
        if fld.read_only and name != key:
            raise Invalid(where, "is read-only")
        if item is None:
            # null means "not given": optional fields stay as they are, required ones are reported below.
            continue
        out[name] = check(fld, item, where, partial)
    if not partial:
        for fld in fields:
            if fld.required and not fld.read_only and fld.name not in out:
                raise Invalid(prefix + fld.name, "is required")
    return out


def validate_body(resource: Resource, body: Any, partial: bool) -> Record:
    """The body of a create (`partial=False`) or update checked against the resource's writable fields.

    An update may carry the id field (read-only otherwise) to say which record it changes.
    """
    if not isinstance(body, dict):
        raise Invalid("", "request body must be a JSON object")
    return _fields(resource.fields, body, "", partial=partial, key=resource.id_field if partial else None)


@dataclass(frozen=True)
class Link:
    """A write-only field that names a record of another resource and fills a read-only object field."""

    source: str  # write-only body field, e.g. `ownerEmail`
    target: Field  # read-only object field it fills, e.g. `owner`
    key: str  # sub-field of the target matched against the other resource, e.g. `email`
    others: tuple[Resource, ...]  # resources whose records have a top-level `key` field


def links(resource: Resource, resources: tuple[Resource, ...]) -> tuple[Link, ...]:
    """Write-only fields named <object field><SubField> of a read-only object field of `resource`."""
    found: list[Link] = []
    for src in resource.fields:
        if not src.write_only or src.is_object:
            continue
        for obj in resource.fields:
            rest = src.name[len(obj.name) :]
            if not (obj.is_object and obj.read_only and src.name.startswith(obj.name) and rest):
                continue
            key = rest[0].lower() + rest[1:]
            if key not in {f.name for f in obj.fields}:
                continue
            others = tuple(r for r in resources if r.key != resource.key and r.id_field and any(f.name == key for f in r.fields))
            found.append(Link(src.name, obj, key, others))
    return tuple(found)


def apply_links(store: Store, record: Record, given: Record, resource_links: tuple[Link, ...]) -> None:
    """Fill each linked object field of `record` from the matching record of another resource."""
    for link in resource_links:
        if link.source not in given:
            continue
        value = given[link.source]
        match = next((m for r in link.others if (m := store.find(r, link.key, value)) is not None), None)
        if match is None:
            # No such record: keep what we were told so filters on `<target>.<key>` still work.
            record[link.target.name] = {link.key: value}
        else:
            record[link.target.name] = {f.name: copy.deepcopy(match[f.name]) for f in link.target.fields if f.name in match}


def merge(record: Record, changes: Record) -> None:
    """Apply a partial update: given fields replace stored ones, objects are merged key by key."""
    for key, value in changes.items():
        old = record.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            merge(old, value)
        else:
            record[key] = copy.deepcopy(value)
