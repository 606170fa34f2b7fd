"""Print Python data as TypeScript object literals in the n8n starter's style (tabs, single quotes, trailing commas)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ...frozen import Frozen

_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


@dataclass(frozen=True, repr=False, eq=False)
class Raw(Frozen):
    """TypeScript source emitted as is (an identifier such as `NodeConnectionTypes.Main`)."""

    code: str


def quote(text: str) -> str:
    """A single-quoted TypeScript string literal."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1].replace('\\"', '"').replace("'", "\\'")
    return f"'{escaped}'"


def parameter_text(value: Any) -> Any:
    """A fixed value n8n may evaluate (routing, request defaults, option values), kept literal.

    n8n evaluates a parameter string that starts with `=`; such text becomes an expression yielding it,
    a JavaScript string literal with every brace escaped so no `{{`/`}}` inside it is read as a delimiter.
    """
    if not isinstance(value, str) or not value.startswith("="):
        return value
    literal = json.dumps(value).replace("{", "\\u007b").replace("}", "\\u007d")
    return "={{ " + literal + " }}"


def _key(key: str) -> str:
    return key if _IDENT.match(key) else quote(key)


def ts(value: Any, indent: int = 0) -> str:
    """`value` (dicts, lists, str, int, float, bool, None, Raw) as a TypeScript literal at `indent` tabs."""
    pad, inner = "\t" * indent, "\t" * (indent + 1)
    if isinstance(value, Raw):
        return value.code
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        rows = "".join(f"{inner}{_key(str(k))}: {ts(v, indent + 1)},\n" for k, v in value.items())
        return "{\n" + rows + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(isinstance(v, (str, int, float, bool, Raw)) for v in value) and len(value) <= 4:
            return "[" + ", ".join(ts(v) for v in value) + "]"
        rows = "".join(f"{inner}{ts(v, indent + 1)},\n" for v in value)
        return "[\n" + rows + pad + "]"
    raise TypeError(f"cannot print {type(value).__name__} as TypeScript")
