"""Request body encodings: JSON, and form encoding with nested objects and arrays in bracket notation.

The bracket notation is Stripe's and Rails' (the most used): an object's keys as `a[b]=v`, an array of scalars as
repeated `a[]=v`, an array of objects indexed as `a[0][b]=v`; booleans as `true`/`false`; null values are left out.
Every target's generated code writes the same pairs, the mock reads them back with `parse_form`, and smoke compares
them across targets.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def form_pairs(body: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """The (key, value) pairs a form-encoded body sends for `body`, in its key order."""
    pairs: list[tuple[str, str]] = []
    for key, value in body.items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        pairs.extend(_pairs(name, value))
    return pairs


def _pairs(name: str, value: Any) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, dict):
        return form_pairs(value, name)
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return [(f"{name}[]", _text(v)) for v in value if v is not None]
        return [p for i, v in enumerate(value) for p in _pairs(f"{name}[{i}]", v)]
    return [(name, _text(value))]


def form_text(body: dict[str, Any]) -> str:
    """`body` form-encoded as it goes on the wire (`application/x-www-form-urlencoded`, spaces as `+`)."""
    return urllib.parse.urlencode(form_pairs(body))


def parse_form(text: str) -> dict[str, Any]:
    """A form-encoded body read back into nested data: the inverse of `form_text` (all values stay text)."""
    out: dict[str, Any] = {}
    for raw_key, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
        match = _KEY.match(raw_key)
        if match is None:
            out[raw_key] = value
            continue
        parts = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        _place(out, parts, value)
    read: dict[str, Any] = _arrays(out)
    return read


def _place(node: dict[str, Any], parts: list[str], value: str) -> None:
    head, rest = parts[0], parts[1:]
    if not rest:
        node[head] = value
        return
    if rest == [""]:  # a[]=v: append to the list at a
        existing = node.setdefault(head, [])
        if isinstance(existing, list):
            existing.append(value)
        return
    child = node.setdefault(head, {})
    if isinstance(child, dict):
        _place(child, rest, value)


def _arrays(node: Any) -> Any:
    """Objects whose keys are 0, 1, 2, ... become arrays (the indexed notation of arrays of objects)."""
    if isinstance(node, dict):
        inner = {k: _arrays(v) for k, v in node.items()}
        if inner and all(k.isdigit() for k in inner) and sorted(int(k) for k in inner) == list(range(len(inner))):
            return [inner[str(i)] for i in range(len(inner))]
        return inner
    if isinstance(node, list):
        return [_arrays(v) for v in node]
    return node
