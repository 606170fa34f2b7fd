"""Build the HTTP request of an operation from its inputs, exactly as a connector would."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..errors import ConnectorGenError
from ..model import Field, Operation, Scalar, Shape, values


class InputError(ConnectorGenError):
    """An input is missing or cannot be turned into a value of its field's type."""


@dataclass(frozen=True)
class HttpCall:
    """One HTTP request relative to the base URL: path params already encoded, query as ordered pairs.

    `shape` is where its answer keeps the records (its operation's response; None: a list at the app-wide path).
    """

    method: str
    path: str
    query: tuple[tuple[str, str], ...] = ()
    body: dict[str, Any] | None = None
    idempotent: bool = field(default=True)
    shape: Shape | None = None

    def with_query(self, **extra: Scalar | None) -> HttpCall:
        """A copy with `extra` query parameters set (replacing same-named ones, None removes)."""
        pairs = [(k, v) for k, v in self.query if k not in extra]
        pairs += [(k, query_text(v)) for k, v in extra.items() if v is not None]
        return HttpCall(self.method, self.path, tuple(pairs), self.body, self.idempotent, self.shape)


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


def _object(fld: Field, value: Any, where: str) -> dict[str, Any]:
    # Nested inputs come grouped ({"contact": {"name": ...}}); empty sub-fields are dropped, not sent as "".
    if not isinstance(value, dict):
        raise InputError(f"input '{where}' must be an object with fields {', '.join(f.name for f in fld.fields)}")
    out: dict[str, Any] = {}
    for sub in fld.fields:
        item = value.get(sub.name)
        if is_empty(item):
            continue
        here = f"{where}.{sub.name}"
        out[sub.name] = _object(sub, item, here) if sub.is_object else coerce(sub, item, here, sub.label)
    return out


def _grouped(inputs: dict[str, Any]) -> dict[str, Any]:
    # Accept "contact.name" keys too (how flat form fields name them), folding them into {"contact": {...}}.
    out: dict[str, Any] = {}
    for key, value in inputs.items():
        head, dot, rest = key.partition(".")
        if not dot:
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **value}
            else:
                out[key] = value
            continue
        node = out.setdefault(head, {})
        if isinstance(node, dict):
            node.update(_grouped({rest: value}))
    return out


def build(operation: Operation, inputs: dict[str, Any], settings: Mapping[str, str] | None = None) -> HttpCall:
    """The request of `operation` for `inputs` (by input name) and the connection's `settings` (what paths name
    besides inputs); raises InputError for a missing required input. The body goes inside `request.wrap` if set."""
    given = _grouped(inputs)
    for inp in operation.required_inputs:
        if is_empty(given.get(inp.name)):
            raise InputError(f"{operation.label}: the required input '{inp.name}' ({inp.label}) is empty")
    path = operation.request.path
    path_inputs = {i.name for i in operation.inputs_in("path")}
    for name in operation.request.path_params:
        # A placeholder that is no path input names a connection setting.
        setting = name not in path_inputs and settings is not None and name in settings
        value = settings[name] if setting and settings is not None else given.get(name)
        if is_empty(value):
            raise InputError(f"{operation.label}: the path parameter '{name}' is empty")
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    call = HttpCall(
        method=operation.request.method,
        path=path,
        query=tuple((k, query_text(v)) for k, v in operation.request.query),
        idempotent=operation.request.idempotent,
        shape=operation.response,
    )
    extra: dict[str, Scalar | None] = {}
    for inp in operation.inputs_in("query"):
        value = given.get(inp.name)
        if not is_empty(value):
            extra[inp.name] = coerce(inp.field, value, inp.name, inp.label)
    call = call.with_query(**extra) if extra else call
    body_inputs = operation.inputs_in("body")
    if not body_inputs:
        return call
    body: dict[str, Any] = {}
    for inp in body_inputs:
        value = given.get(inp.name)
        if is_empty(value):
            continue
        if inp.field.is_object:
            body[inp.name] = _object(inp.field, value, inp.name)
        else:
            body[inp.name] = coerce(inp.field, value, inp.name, inp.label)
    wrap = operation.request.wrap
    return HttpCall(call.method, call.path, call.query, {wrap: body} if wrap else body, call.idempotent, call.shape)
