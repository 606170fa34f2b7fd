"""Checks of the `keys:` block JSON Schema cannot express: each pin names something that exists, once (issue 16)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any

Report = Callable[..., None]

# Which operation kinds each platform gives a key of its own (an auth test is no Zapier trigger, no n8n operation,
# no Make module; an n8n polling trigger is a node of its own, not an option of the action node's operation list).
_KINDS = {
    "zapier": {"polling_trigger", "list", "search", "action"},
    "n8n": {"list", "search", "action"},
    "make": {"polling_trigger", "list", "search", "action"},
}


def _unknown(kind: str, name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"'{name}' is not {kind}" + (f"; did you mean '{close[0]}'?" if close else "")


def _leaves(fields: dict[str, Any], prefix: str) -> Iterator[str]:
    """Every dotted path an input can be pinned at: the input itself and each sub-field, at any depth."""
    for name, spec in fields.items():
        here = f"{prefix}.{name}"
        yield here
        yield from _leaves(spec.get("fields") or {}, here)


def _input_paths(spec: dict[str, Any], op: dict[str, Any]) -> set[str]:
    """The dotted paths of `op`'s inputs and their sub-fields (a body input may be an object)."""
    res = spec["resources"].get(op.get("resource"), {})
    fields = res.get("fields", {})
    paths: set[str] = set()
    for inp in op.get("inputs") or ():
        name = inp["name"]
        paths.add(name)
        if inp.get("in") != "query" and name in fields:
            paths.update(_leaves(fields[name].get("fields") or {}, name))
    return paths


def _unique(report: Report, pointer: str, pinned: dict[str, str], scope: str) -> None:
    seen: dict[str, str] = {}
    for name, key in pinned.items():
        if key in seen:
            report(f"{pointer}/{name}", f"'{name}' and '{seen[key]}' are both pinned to '{key}'; keys are unique {scope}")
        seen.setdefault(key, name)


def check_keys(spec: dict[str, Any], report: Report) -> None:
    """Report every pin that names no operation, input or connection field, or repeats a key in its scope."""
    operations: dict[str, Any] = spec["operations"]
    asked = {k for k, f in spec["connection"]["fields"].items() if "derive" not in f}
    for platform, block in (spec.get("keys") or {}).items():
        base = f"/keys/{platform}"
        ops = block.get("operations") or {}
        for key in ops:
            op = operations.get(key)
            if op is None:
                report(f"{base}/operations/{key}", _unknown("an operation", key, operations), key=True)
            elif op["kind"] not in _KINDS[platform]:
                article = "an" if op["kind"][0] in "aeiou" else "a"
                message = f"'{key}' is {article} {op['kind']} operation, which has no key of its own on {platform}"
                report(f"{base}/operations/{key}", message, key=True)
        _unique(report, f"{base}/operations", ops, f"per platform ({platform})")
        for key, pins in (block.get("inputs") or {}).items():
            here = f"{base}/inputs/{key}"
            if key not in operations:
                report(here, _unknown("an operation", key, operations), key=True)
                continue
            paths = _input_paths(spec, operations[key])
            for path in pins:
                if path not in paths:
                    report(f"{here}/{path}", _unknown(f"an input or input sub-field of '{key}'", path, paths), key=True)
            _unique(report, here, pins, f"per operation ('{key}' on {platform})")
        auth = block.get("auth") or {}
        for name in auth:
            if name not in asked:
                report(f"{base}/auth/{name}", _unknown("a connection field the user types", name, asked), key=True)
        _unique(report, f"{base}/auth", auth, f"per connection ({platform})")
