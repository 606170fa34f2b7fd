"""Run any operation of the model: auth test, action, search, list or polling trigger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Operation, Resource, values
from .client import ApiError, Client, dig
from .pages import pages
from .polling import poll
from .request import build, id_value


@dataclass(frozen=True)
class Result:
    """Records as a connector hands them on, and (for triggers) the state for the next poll."""

    records: list[dict[str, Any]]
    state: dict[str, Any] | None = None


def _exact(operation: Operation, inputs: dict[str, Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The API searches loosely ("contains"); the connector keeps only records equal to the text given.
    search = operation.search
    if search is None or search.exact_input is None:
        return records
    given = inputs.get(search.exact_input, "")
    rules = [(tuple(f.split(".")), caseless) for f, caseless in search.exact_rules]

    def keep(record: dict[str, Any]) -> bool:
        for path, caseless in rules:
            value = dig(record, path)
            if value is not None and values.match_text(value, caseless) == values.match_text(given, caseless):
                return True
        return False

    return [r for r in records if keep(r)]


def _search(client: Client, operation: Operation, inputs: dict[str, Any]) -> list[dict[str, Any]]:
    # Pages until max_results records (after exact matching) or the last page: no page more than needed.
    assert operation.search is not None
    wanted = operation.search.max_results
    out: list[dict[str, Any]] = []
    try:
        for batch in pages(client, operation, build(operation, inputs, client.settings), operation.page_size):
            out += _exact(operation, inputs, batch)
            if len(out) >= wanted:
                break
    except ApiError as exc:
        # A lookup by id answers "not found" with an error status; for a search that is simply no result.
        if exc.status is not None and exc.status == operation.search.not_found_status and not out:
            return []
        raise
    return out[:wanted]


def _list(client: Client, operation: Operation, inputs: dict[str, Any]) -> list[dict[str, Any]]:
    # Every page, as a platform's "return all" does; more pages than the pagination's cap is an error.
    call = build(operation, inputs, client.settings)
    return [r for batch in pages(client, operation, call, operation.page_size) for r in batch]


def with_iso(resource: Resource, record: dict[str, Any]) -> dict[str, Any]:
    """`record` as every target hands it on: as the API sent it, plus the ISO 8601 companion (`Field.iso_key`) of
    each top-level epoch date-time it holds."""
    out = dict(record)
    for fld in resource.timestamp_fields:
        assert fld.format is not None
        text = values.iso_companion(record.get(fld.name), fld.format)
        if text is not None:
            out[fld.iso_key] = text
    return out


def empty_result(operation: Operation, inputs: dict[str, Any]) -> dict[str, Any]:
    """What an action whose answer is `empty` (204) hands on: its id input's value, typed, and `deleted` or
    `success: true` (`Operation.empty_result`)."""
    rid = operation.resource.id_field
    given = id_value(operation, inputs)
    return {**({rid: given} if rid and operation.id_input is not None else {}), **dict(operation.empty_result)}


def _run(client: Client, operation: Operation, inputs: dict[str, Any], state: dict[str, Any] | None) -> Result:
    if operation.kind == "polling_trigger":
        done = poll(client, operation, state, inputs=inputs)
        return Result(done.records, done.state)
    if operation.kind == "search":
        return Result(_search(client, operation, inputs))
    if operation.kind == "list":
        return Result(_list(client, operation, inputs))
    call = build(operation, inputs, client.settings)
    if operation.response.empty:
        client.send(call, read=False)  # the answer is not read (204, or anything 2xx)
        return Result([empty_result(operation, inputs)])
    records = client.records(call)
    if operation.kind == "auth_test":
        return Result(records[:1])
    return Result(records)


def execute(client: Client, operation: Operation, inputs: dict[str, Any], state: dict[str, Any] | None = None) -> Result:
    """Run `operation` with `inputs`; raises ApiError (status + error.message) or InputError. Records come with the
    ISO 8601 companions of their epoch date-times (`with_iso`); an empty answer's result is `empty_result`."""
    done = _run(client, operation, inputs, state)
    if operation.response.empty and operation.kind == "action":
        return done
    return Result([with_iso(operation.resource, r) for r in done.records], done.state)
