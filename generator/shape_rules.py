"""Checks of the shape, type and encoding rules (issue 13) that JSON Schema cannot express; run on schema-valid data.

`semantics` calls these with its error sink: `err(pointer, message, key=...)` records one located error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .load import escape_pointer_token
from .model import values

Err = Callable[..., None]


def check_choices(err: Err, spec: dict[str, Any], pointer: str) -> None:
    """Each choice fits the field's type, and no value or label is given twice."""
    shape = values.Shape.of({k: v for k, v in spec.items() if k != "choices"})
    seen: set[Any] = set()
    labels: set[str] = set()
    for i, value in enumerate(values.choice_values(spec)):
        problem = values.problem(shape, value)
        if problem:
            err(f"{pointer}/{i}", problem.said)
        if (type(value), value) in seen:
            err(f"{pointer}/{i}", f"choice {value!r} is listed twice")
        seen.add((type(value), value))
    for i, label in enumerate(values.choice_labels(spec)):
        if label.lower() in labels:
            err(f"{pointer}/{i}", f"choice label '{label}' is used twice")
        labels.add(label.lower())


def check_response(err: Err, root: dict[str, Any], base: str, op: dict[str, Any]) -> None:
    """An operation's own envelope names one shape that its kind can hand on."""
    own = op.get("response") or {}
    here = f"{base}/response"
    if "list" in own and "record" in own:
        message = "name either list (the answer is a list of records) or record (one record), not both"
        err(here, message, key=True)
    if own.get("empty") and len(own) > 1:
        err(here, "an empty answer has no list or record to read; name only empty: true", key=True)
    elif own.get("empty") and op["kind"] != "action":
        message = f"only actions may answer with nothing; a {op['kind']} operation hands on records"
        err(f"{here}/empty", message, key=True)
    many = "list" in own or ("record" not in own and op["kind"] in ("list", "search", "polling_trigger"))
    if "item" in own and not many:
        message = "item says where the record sits inside each list item; this answer is one record"
        err(f"{here}/item", message, key=True)
    if op["kind"] in ("list", "polling_trigger") and "record" in own and "list" not in own:
        err(f"{here}/record", f"a {op['kind']} operation reads a list of records; name list, not record")
    app = root["http"]["response"]
    if "record" in own and own["record"] == (own.get("list") or app["list"]) and own["record"] != "$":
        message = f"'{own['record']}' is where lists keep their array; a record path indexes into it, e.g. '{own['record']}.0'"
        err(f"{here}/record", message)


def check_body(err: Err, root: dict[str, Any], base: str, op: dict[str, Any], inputs: list[dict[str, Any]]) -> None:
    """Fixed body values and the encoding: only requests with a body have them, and no input repeats them."""
    request = op["request"]
    method = request["method"]
    for prop in ("body", "encoding"):
        if prop in request and method in ("GET", "DELETE"):
            err(f"{base}/request/{prop}", f"{method} requests have no body", key=True)
    body_inputs = {inp["name"] for inp in inputs if inp["in"] == "body"}
    for name, value in (request.get("body") or {}).items():
        here = f"{base}/request/body/{escape_pointer_token(name)}"
        if name in body_inputs:
            err(here, f"'{name}' is fixed in request/body; it cannot also be an input", key=True)
        encoding = request.get("encoding", root["http"].get("encoding", "json"))
        if encoding == "form" and value in ([], {}):
            err(here, "a form-encoded body cannot send an empty list or object (it has no pair for it)")
        if encoding == "form" and isinstance(value, list) and any(isinstance(v, list) for v in value):
            err(here, "a form-encoded body cannot send a list of lists (bracket notation has no form for it)")
