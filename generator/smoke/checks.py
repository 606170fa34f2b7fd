"""Check an executor's outcome against the plan's expectation and the resource's fields and sample."""

from __future__ import annotations

from typing import Any

from ..model import Field, Operation, Resource, values
from ..runtime.client import dig
from ..runtime.polling import identity
from .executor import Outcome
from .plan import Expect


def _kind(fld: Field) -> str:
    if fld.choices:
        return "one of " + ", ".join(map(repr, fld.choices))
    if fld.type == "array" and fld.items is not None:
        return f"a list of {_kind(fld.items)}"
    return f"{fld.type} ({fld.format})" if fld.format else fld.type


def _type_problem(fld: Field, value: Any, where: str | None = None) -> str | None:
    # Only the JSON type: a platform may hand on a value reformatted (dates, phones), and the API may send null.
    # Typed choices keep their own JSON type (the integer 2, not "2"); epoch date-times are integers.
    where = where or fld.dotted
    if value is None or values.has_json_type(fld, value):
        items = fld.items
        if items is None or not isinstance(value, list):
            return None
        for index, element in enumerate(value):
            found = _type_problem(items, element, f"{where}.{index}")
            if found:
                return found
            if items.is_object and isinstance(element, dict):
                inner = _fields(items.fields, element, f"{where}.{index}.")
                if inner:
                    return inner[0]
        return None
    return f"'{where}' should be {_kind(fld)}, got {type(value).__name__} {value!r}"


def _undeclared(fields: tuple[Field, ...], record: dict[str, Any], companions: tuple[str, ...], at: str = "") -> list[str]:
    by_name = {f.name: f for f in fields}
    found: list[str] = []
    for key, value in record.items():
        fld = by_name.get(key)
        if fld is None:
            # The ISO 8601 companion of an epoch field (`Field.iso_key`) is every target's; platforms may add others.
            if not any(key.startswith(c) and key != c for c in companions):
                found.append(at + key)
        elif fld.is_object and isinstance(value, dict):
            found += _undeclared(fld.fields, value, (), f"{at}{key}.")
    return found


def _fields(fields: tuple[Field, ...], record: dict[str, Any], at: str = "") -> list[str]:
    by_name = {f.name: f for f in fields}
    problems: list[str] = []
    for key, value in record.items():
        fld = by_name.get(key)
        if fld is None:
            continue
        found = _type_problem(fld, value, at + key)
        if found:
            problems.append(found)
        elif fld.is_object and isinstance(value, dict):
            problems += _fields(fld.fields, value, f"{at}{key}.")
    return problems


def _companions(resource: Resource) -> tuple[str, ...]:
    return tuple(f.name for f in resource.timestamp_fields)


def undeclared_fields(resource: Resource, records: list[dict[str, Any]]) -> list[str]:
    """The dotted record fields the spec does not declare, over (the first 20 of) `records`, sorted."""
    found = {n for r in records[:20] if isinstance(r, dict) for n in _undeclared(resource.fields, r, _companions(resource))}
    return sorted(found)


def _companion_problems(resource: Resource, record: dict[str, Any]) -> list[str]:
    # An ISO 8601 companion handed on must say the same moment as the epoch value beside it, as `toISOString()`.
    problems = []
    for fld in resource.timestamp_fields:
        if fld.iso_key in record and fld.format is not None:
            want = values.iso_companion(record.get(fld.name), fld.format)
            if record[fld.iso_key] != want:
                problems.append(f"'{fld.iso_key}' is {record[fld.iso_key]!r}, expected {want!r} (the ISO 8601 of '{fld.name}')")
    return problems


def record_problems(resource: Resource, record: Any, tolerate: bool = True) -> list[str]:
    """Why `record` does not look like a record of `resource` (its fields' types, its ISO companions, its id, its
    sample).

    Fields the spec does not declare are normal for real APIs: they are no problem (`undeclared_fields` lists them
    once per operation for the report) unless `tolerate` is false.
    """
    if not isinstance(record, dict):
        return [f"a record should be an object, got {type(record).__name__}"]
    problems = _fields(resource.fields, record) + _companion_problems(resource, record)
    if not tolerate:
        problems += [f"unexpected field '{n}'" for n in _undeclared(resource.fields, record, _companions(resource))]
    if resource.id_field and resource.id_field not in record:
        problems.append(f"the id field '{resource.id_field}' is missing")
    for key, sample in resource.sample.items():
        # The sample shows the shape the API answers with: the same key must hold the same kind of value.
        if key in record and record[key] is not None and isinstance(sample, dict) != isinstance(record[key], dict):
            problems.append(f"'{key}' differs in shape from the sample")
    return problems


def _refusal_problems(expect: Expect, outcome: Outcome) -> list[str]:
    # The runner separately fails the step when any request reached the mock.
    refuse = expect.refuse
    assert refuse is not None
    if outcome.ok:
        return [f"an out-of-range input was accepted ({len(outcome.records)} records); it should be refused before sending"]
    error = outcome.error or ""
    problems = []
    if not any(name in error for name in refuse.names):
        problems.append(f"the refusal does not name the field ({' or '.join(refuse.names)}): {error or 'no error text'}")
    if refuse.bound not in error:
        problems.append(f"the refusal does not name the allowed range (bound {refuse.bound}): {error or 'no error text'}")
    return problems


def outcome_problems(
    operation: Operation,
    expect: Expect,
    outcome: Outcome,
    earlier: Outcome | None = None,
    miss_is_error: bool = False,
    tolerate: bool = True,
) -> list[str]:
    """Every way `outcome` misses `expect` (Refs already resolved); `earlier` is the `not_again` step's outcome.

    `miss_is_error` is for platforms that report every 4xx as an error (Make): there an expected miss may
    arrive as an error with the search's not_found_status, as long as it carries the API's message.
    `tolerate`: records may carry fields the spec does not declare (noted by the runner, not a failure).
    """
    if expect.refuse is not None:
        return _refusal_problems(expect, outcome)
    search = operation.search
    if (
        not outcome.ok
        and miss_is_error
        and expect.max_records == 0
        and search is not None
        and search.not_found_status is not None
        and outcome.status == search.not_found_status
        and outcome.error
    ):
        return []
    if not outcome.ok:
        error = outcome.error or "no error text"
        status = f" (HTTP {outcome.status})" if outcome.status and f"HTTP {outcome.status}" not in error else ""
        return [f"failed: {error}{status}"]
    problems: list[str] = []
    missed = search is not None and outcome.status == search.not_found_status and not outcome.records
    if outcome.status is not None and not 200 <= outcome.status < 300 and not missed:
        problems.append(f"status {outcome.status} is not a success")
    records = outcome.records
    count = len(records)
    if count < expect.min_records:
        problems.append(f"{count} records, expected at least {expect.min_records}")
    if expect.max_records is not None and count > expect.max_records:
        problems.append(f"{count} records, expected at most {expect.max_records}")
    for i, rec in enumerate(records[:20] if expect.answer_is_record else ()):
        problems += [f"record {i + 1}: {p}" for p in record_problems(operation.resource, rec, tolerate)]
    id_field = operation.resource.id_field or "id"
    target = records[0] if records and expect.contains is None else None
    if expect.contains is not None:
        target = next((r for r in records if isinstance(r, dict) and r.get(id_field) == expect.contains), None)
        if target is None:
            problems.append(f"no record with {id_field} {expect.contains!r}")
    for dotted, want in expect.values.items():
        got = dig(target, tuple(dotted.split("."))) if isinstance(target, dict) else None
        if target is not None and got != want:
            problems.append(f"'{dotted}' is {got!r}, expected {want!r}")
    trig = operation.trigger
    if trig is not None and trig.filter is not None:
        for rec in records:
            if isinstance(rec, dict) and dig(rec, tuple(trig.filter.field.split("."))) != trig.filter.equals:
                problems.append(f"emitted {rec.get(id_field)!r} whose '{trig.filter.field}' is not {trig.filter.equals!r}")
    if trig is not None and earlier is not None:
        before = {identity(operation, r) for r in earlier.records if isinstance(r, dict)}
        again = [identity(operation, r) for r in records if isinstance(r, dict) and identity(operation, r) in before]
        if again:
            problems.append(f"emitted again (dedupe failed): {', '.join(sorted(again))}")
    if trig is not None:
        idents = [identity(operation, r) for r in records if isinstance(r, dict)]
        if len(idents) != len(set(idents)):
            problems.append("the same event was emitted twice in one poll")
    return problems
