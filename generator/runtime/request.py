"""Build the HTTP request of an operation from its inputs, exactly as a connector would."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from ..errors import ConnectorGenError
from ..model import Field, Operation, Scalar

_INT = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class InputError(ConnectorGenError):
    """An input is missing or cannot be turned into a value of its field's type."""


@dataclass(frozen=True)
class HttpCall:
    """One HTTP request relative to the base URL: path params already encoded, query as ordered pairs."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...] = ()
    body: dict[str, Any] | None = None
    idempotent: bool = field(default=True)

    def with_query(self, **extra: Scalar | None) -> HttpCall:
        """A copy with `extra` query parameters set (replacing same-named ones, None removes)."""
        pairs = [(k, v) for k, v in self.query if k not in extra]
        pairs += [(k, query_text(v)) for k, v in extra.items() if v is not None]
        return HttpCall(self.method, self.path, tuple(pairs), self.body, self.idempotent)


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
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def coerce(fld: Field, value: Any, where: str) -> Any:
    """`value` as the JSON type of `fld`: no-code platforms hand over text, the API wants typed values."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if fld.type in ("integer", "timestamp_ms"):
        if not _INT.match(text):
            raise InputError(f"input '{where}' must be an integer (got '{value}')")
        return int(text)
    if fld.type == "number":
        if not _NUMBER.match(text):
            raise InputError(f"input '{where}' must be a number (got '{value}')")
        return float(text) if "." in text else int(text)
    if fld.type == "boolean":
        if text.lower() not in ("true", "false"):
            raise InputError(f"input '{where}' must be true or false (got '{value}')")
        return text.lower() == "true"
    return value


def _object(fld: Field, value: Any, where: str) -> dict[str, Any]:
    # Nested inputs come grouped ({"contact": {"name": ...}}); empty sub-fields are dropped, not sent as "".
    if not isinstance(value, dict):
        raise InputError(f"input '{where}' must be an object with fields {', '.join(f.name for f in fld.fields)}")
    out: dict[str, Any] = {}
    for sub in fld.fields:
        item = value.get(sub.name)
        if is_empty(item):
            continue
        out[sub.name] = _object(sub, item, f"{where}.{sub.name}") if sub.is_object else coerce(sub, item, f"{where}.{sub.name}")
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


def build(operation: Operation, inputs: dict[str, Any]) -> HttpCall:
    """The request of `operation` for `inputs` (by input name); raises InputError for a missing required input."""
    given = _grouped(inputs)
    for inp in operation.required_inputs:
        if is_empty(given.get(inp.name)):
            raise InputError(f"{operation.label}: the required input '{inp.name}' ({inp.label}) is empty")
    path = operation.request.path
    for name in operation.request.path_params:
        value = given.get(name)
        if is_empty(value):
            raise InputError(f"{operation.label}: the path parameter '{name}' is empty")
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    call = HttpCall(
        method=operation.request.method,
        path=path,
        query=tuple((k, query_text(v)) for k, v in operation.request.query),
        idempotent=operation.request.idempotent,
    )
    extra: dict[str, Scalar | None] = {}
    for inp in operation.inputs_in("query"):
        value = given.get(inp.name)
        if not is_empty(value):
            extra[inp.name] = coerce(inp.field, value, inp.name)
    call = call.with_query(**extra) if extra else call
    body_inputs = operation.inputs_in("body")
    if not body_inputs:
        return call
    body: dict[str, Any] = {}
    for inp in body_inputs:
        value = given.get(inp.name)
        if is_empty(value):
            continue
        body[inp.name] = _object(inp.field, value, inp.name) if inp.field.is_object else coerce(inp.field, value, inp.name)
    return HttpCall(call.method, call.path, call.query, body, call.idempotent)
