"""What a Make module hands on, as its interface and samples describe it (and an empty answer's output)."""

from __future__ import annotations

from typing import Any

from ...model import Operation, values
from . import params


def empty_output(op: Operation) -> dict[str, Any]:
    """What an empty answer (204) hands on: the id it acted on, typed as the parameter is, and what happened."""
    out: dict[str, Any] = {}
    if op.id_input is not None:
        out[op.id_input.name] = "{{" + params.reference(op.id_input) + "}}"
    out.update(dict(op.empty_result))
    return out


def interface(op: Operation) -> list[dict[str, Any]]:
    """What a module outputs: the resource's fields and ISO companions, or what an empty answer hands on."""
    if not op.response.empty:
        return params.interfaces(op.resource.fields)
    out = []
    if op.id_input is not None:
        out.append(params.interface(op.id_input.field))
    out.extend({"name": key, "type": "boolean", "label": key.capitalize()} for key, _ in op.empty_result)
    return out


def sample(op: Operation) -> dict[str, Any]:
    """The sample output: the operation's sample (what its request fixes shown) with its ISO companions, or what an
    empty answer hands on."""
    res = op.resource
    if op.response.empty:
        given = {op.id_input.name: res.sample.get(op.id_input.name)} if op.id_input is not None else {}
        return {**given, **dict(op.empty_result)}
    out = dict(op.sample)
    for fld in res.timestamp_fields:
        companion = values.iso_companion(out.get(fld.name), fld.format or "epoch_ms")
        if companion is not None:
            out[fld.iso_key] = companion
    return out
