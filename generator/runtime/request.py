"""Build the HTTP request of an operation from its inputs, exactly as a connector would."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..errors import ConnectorGenError
from ..model import Encoding, Field, Operation, Scalar, Shape, values


class InputError(ConnectorGenError):
    """An input is missing or cannot be turned into a value of its field's type."""


@dataclass(frozen=True)
class HttpCall:
    """One HTTP request relative to the base URL: path params already encoded, query as ordered pairs.

    `shape` is where its answer keeps the records (its operation's response; None: a list at the app-wide path).
    `body` is sent in `encoding` (JSON, or form-encoded by `encoding.form_text`); None sends no body at all.
    """

    method: str
    path: str
    query: tuple[tuple[str, str], ...] = ()
    body: dict[str, Any] | None = None
    idempotent: bool = field(default=True)
    shape: Shape | None = None
    encoding: Encoding = "json"
    url: str | None = None  # an absolute URL requested as it is instead of `path` and `query` (a Link's next page)

    def with_query(self, **extra: Scalar | None) -> HttpCall:
        """A copy with `extra` query parameters set (replacing same-named ones, None removes)."""
        pairs = [(k, v) for k, v in self.query if k not in extra]
        pairs += [(k, query_text(v)) for k, v in extra.items() if v is not None]
        return dataclasses.replace(self, query=tuple(pairs))


def is_empty(value: Any) -> bool:
    """Whether a user left an input empty (None, blank text, or an object/list with nothing in it)."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, dict):
        return all(is_empty(v) for v in value.values())
    if isinstance(value, list):
        return len(value) == 0
    return False


def query_text(value: Scalar) -> str:
    """A query parameter's text: booleans as true/false, everything else as str()."""
    return values.format_text(value)


def coerce(fld: Field, value: Any, where: str, label: str) -> Any:
    """`value` as the JSON type of `fld` (no-code platforms hand over text); raises InputError before anything is sent.

    Text that is not a number or boolean of the field's type is refused, and so is a number outside the field's
    range (every target refuses it, with `values.range_message`).
    """
    typed = value
    if isinstance(value, str) and values.from_text(fld):
        typed = values.parse(fld, value.strip())
        found = values.problem(fld, typed) if isinstance(typed, str) else None
        if found:
            raise InputError(f"input '{where}' {found.must} (got '{value}')")
    if fld.type in values.RANGED and values.has_json_type(fld, typed) and not values.in_range(fld, typed):
        raise InputError(f"{values.range_message(fld, label)} Got {typed}; nothing was sent.")
    return typed


def datetime_value(fld: Field, value: Any, label: str) -> str | int:
    """A user's date-time (ISO 8601, a date, or for epoch formats a number in the field's unit) in the API's format;
    raises InputError naming the field before anything is sent."""
    fmt = fld.format or "iso8601"
    moment = values.from_user(value.strip() if isinstance(value, str) else value, fmt)
    if moment is None:
        unit = {"epoch_ms": " or a whole number of epoch milliseconds", "epoch_s": " or a whole number of epoch seconds"}
        raise InputError(
            f"{label} must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z), a date (YYYY-MM-DD)"
            f"{unit.get(fmt, '')}; got {value!r}. Nothing was sent."
        )
    return values.to_wire(moment, fmt)


def _parsed_json(value: Any, opener: str) -> Any:
    # A no-code platform hands a list or an object over as JSON text; other text stays as it is.
    if isinstance(value, str) and value.strip().startswith(opener):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _array(fld: Field, value: Any, where: str) -> list[Any]:
    value = _parsed_json(value, "[")
    elements = value if isinstance(value, list | tuple) else [value]  # one value given where a list is asked
    items = fld.items
    out: list[Any] = []
    for index, element in enumerate(elements):
        if is_empty(element):
            continue
        out.append(element if items is None else typed(items, element, f"{where}.{index}", items.label))
    return out


def _map(value: Any, where: str) -> dict[str, Any]:
    value = _parsed_json(value, "{")
    if not isinstance(value, dict):
        raise InputError(f"input '{where}' must be an object of keys and values (got {value!r})")
    out: dict[str, Any] = {}
    for key, item in value.items():
        if item is None:
            continue
        if isinstance(item, dict | list):
            raise InputError(f"input '{where}.{key}' must be text, a number or true/false (got {item!r})")
        out[str(key)] = item
    return out


def typed(fld: Field, value: Any, where: str, label: str) -> Any:
    """A user's value as the API takes it for `fld`: objects by their sub-fields, lists element by element, maps,
    date-times in the API's format, numbers, booleans and typed choices from text; raises InputError."""
    if fld.is_object:
        return _object(fld, value, where)
    if fld.type == "array":
        return _array(fld, value, where)
    if fld.type == "map":
        return _map(value, where)
    if fld.type == "datetime":
        return datetime_value(fld, value, label)
    return coerce(fld, value, where, label)


def _object(fld: Field, value: Any, where: str) -> dict[str, Any]:
    # Nested inputs come grouped ({"contact": {"name": ...}}); empty sub-fields are dropped, not sent as "".
    value = _parsed_json(value, "{")
    if not isinstance(value, dict):
        raise InputError(f"input '{where}' must be an object with fields {', '.join(f.name for f in fld.fields)}")
    out: dict[str, Any] = {}
    for sub in fld.fields:
        item = value.get(sub.name)
        if is_empty(item):
            continue
        out[sub.name] = typed(sub, item, f"{where}.{sub.name}", sub.label)
    return out


def _grouped(inputs: dict[str, Any], names: set[str]) -> dict[str, Any]:
    # Accept "contact.name" keys too (how flat form fields name them), folding them into {"contact": {...}};
    # a key that is an input's own name (`filter.name`) is that input.
    out: dict[str, Any] = {}
    for key, value in inputs.items():
        head, dot, rest = key.partition(".")
        if not dot or key in names:
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **value}
            else:
                out[key] = value
            continue
        node = out.setdefault(head, {})
        if isinstance(node, dict):
            node.update(_grouped({rest: value}, set()))
    return out


def id_value(operation: Operation, inputs: dict[str, Any]) -> Any:
    """The id input's value as its field types it (`"1001"` is 1001 for an integer id), or None without one."""
    inp = operation.id_input
    if inp is None:
        return None
    value = _grouped(inputs, {i.name for i in operation.inputs}).get(inp.name)
    return None if is_empty(value) else typed(inp.field, value, inp.name, inp.label)


def build(operation: Operation, inputs: dict[str, Any], settings: Mapping[str, str] | None = None) -> HttpCall:
    """The request of `operation` for `inputs` (by input name, the API's own) and the connection's `settings` (what
    paths name besides inputs); raises InputError for a missing or malformed input. Fixed body values go at the
    body's top level, then the inputs (inside `request.wrap` if set); no body inputs and no fixed body: no body."""
    given = _grouped(inputs, {i.name for i in operation.inputs})
    for inp in operation.required_inputs:
        if is_empty(given.get(inp.name)):
            raise InputError(f"{operation.label}: the required input '{inp.name}' ({inp.label}) is empty")
    request = operation.request
    path = request.path
    path_inputs = {i.name for i in operation.inputs_in("path")}
    for name in request.path_params:
        # A placeholder that is no path input names a connection setting.
        setting = name not in path_inputs and settings is not None and name in settings
        value = settings[name] if setting and settings is not None else given.get(name)
        if is_empty(value):
            raise InputError(f"{operation.label}: the path parameter '{name}' is empty")
        if not setting:
            inp = operation.input(name)
            value = values.format_text(typed(inp.field, value, name, inp.label))
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    call = HttpCall(
        method=request.method,
        path=path,
        query=tuple((k, query_text(v)) for k, v in request.query),
        idempotent=request.idempotent,
        shape=operation.response,
        encoding=request.encoding,
    )
    extra: dict[str, Scalar | None] = {}
    for inp in operation.inputs_in("query"):
        value = given.get(inp.name)
        if not is_empty(value):
            extra[inp.name] = typed(inp.field, value, inp.name, inp.label)
    call = call.with_query(**extra) if extra else call
    body_inputs = operation.inputs_in("body")
    if not body_inputs and not request.body:
        return call
    fields: dict[str, Any] = {}
    for inp in body_inputs:
        value = given.get(inp.name)
        if not is_empty(value):
            fields[inp.name] = typed(inp.field, value, inp.name, inp.label)
    body = copy.deepcopy(dict(request.body))
    body |= {request.wrap: fields} if request.wrap else fields
    return dataclasses.replace(call, body=body)
