"""Zapier naming rules the target writes and the executors read: sections, keys, file names."""

from __future__ import annotations

from typing import Any

from ...model import Operation

# Where each kind of operation lives in a Zapier app definition.
SECTIONS = {"polling_trigger": "triggers", "list": "triggers", "search": "searches", "action": "creates"}
# Flat input keys for sub-fields of object inputs: `contact__name`.
JOIN = "__"
# The output key Zapier dedupes on and shows as the record's id.
ZAPIER_ID = "id"
# Suffix of the ISO-8601 companion of an epoch-millisecond output field: `createdAtIso`.
ISO_SUFFIX = "Iso"
ENTRY_FILE = "index.js"
DEFINITION_FILE = "app-definition.json"


def method_of(op: Operation) -> str:
    """The dotted path of an operation's function in the app, as core's `execute` command takes it."""
    if op.kind == "auth_test":
        return "authentication.test"
    return f"{SECTIONS[op.kind]}.{op.key}.operation.perform"


def flat_inputs(inputs: dict[str, Any]) -> dict[str, Any]:
    """Zapier's flat inputData: object inputs become `contact__name`-style keys."""
    out: dict[str, Any] = {}
    for key, value in inputs.items():
        if isinstance(value, dict):
            for sub, inner in flat_inputs(value).items():
                out[f"{key}{JOIN}{sub}"] = inner
        else:
            out[key] = value
    return out
