"""Request bodies as the mock reads them: JSON or form-encoded, as the operation's encoding says, typed back by the spec.

A form body carries only text (`encoding.parse_form`); the spec's fields say what each value was (`values.parse`),
so a form-encoded create is checked by the same rules as a JSON one. A body in the other encoding is refused, so a
target that encodes wrongly fails its smoke run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from ..model import Field, Operation, values
from ..model.encoding import form_text, parse_form

FORM = "application/x-www-form-urlencoded"


class BadBody(Exception):
    """The body is not in the operation's encoding, or not readable in it; the text is the message."""


@dataclass(frozen=True)
class Form:
    """A form-encoded body as sent."""

    text: str

    @property
    def data(self) -> dict[str, Any]:
        """Its nested data (bracket notation read back), every value text."""
        return parse_form(self.text)

    @property
    def pairs(self) -> dict[str, list[str]]:
        """Its fields by name, unnested (a search reads them as it reads query parameters)."""
        return parse_qs(self.text, keep_blank_values=True)


def decode(op: Operation, raw: bytes, content_type: str) -> Any:
    """The body of a request to `op`: None when there is none, a Form, or the JSON data; raises BadBody."""
    if not raw:
        return None
    sent_form = FORM in content_type.lower()
    text = raw.decode("utf-8", errors="replace")
    if op.request.encoding == "form":
        if not sent_form:
            raise BadBody(f"The request body must be form-encoded (Content-Type: {FORM}).")
        return Form(text)
    if sent_form:
        raise BadBody("The request body must be JSON (Content-Type: application/json), not form-encoded.")
    try:
        return json.loads(text)
    except ValueError:
        raise BadBody("The request body is not valid JSON.") from None


def takes_body(op: Operation) -> bool:
    """Whether requests of `op` carry a body: it has body inputs or fixed body values."""
    return bool(op.inputs_in("body") or op.request.body)


def typed(fields: Iterable[Field], data: dict[str, Any]) -> dict[str, Any]:
    """Form data (all text) with each value typed as its field says; unknown keys stay as they are."""
    known = {f.name: f for f in fields}
    return {k: _typed(known[k], v) if k in known else v for k, v in data.items()}


def _typed(fld: Field, value: Any) -> Any:
    if fld.is_object:
        return typed(fld.fields, value) if isinstance(value, dict) else value
    if fld.type == "array":
        return [_typed(fld.items, v) for v in value] if isinstance(value, list) and fld.items is not None else value
    if fld.type == "map" or not isinstance(value, str):
        return value  # a map's values come as text: nothing says what else they were
    return values.parse(fld, value)


def as_sent(value: Any, form: bool) -> Any:
    """A fixed body value as the mock reads it back: itself in JSON, its text form (nested alike) in a form body."""
    return parse_form(form_text({"v": value})).get("v") if form else value


def same(a: Any, b: Any) -> bool:
    """JSON equality (`true` is not `1`)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
