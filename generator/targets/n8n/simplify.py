"""n8n's Simplify option: records of more than ten fields are handed on with at most ten keys unless turned off.

n8n's guideline (docs.n8n.io, "Node UI design", Simplify responses): when an operation returns records with many
fields, add a Simplify boolean (on by default) whose output has no more than ten keys. Which keys is decided here,
deterministically: the id, then the required fields, then the others in the spec's order, advanced fields last out.
"""

from __future__ import annotations

from typing import Any

from ...model import Operation

SIMPLIFY = "simplify"  # the parameter's name (n8n-nodes-base's node-param-*-for-simplify rules know it so)
_MOST = 10


def simple_keys(op: Operation) -> tuple[str, ...] | None:
    """The top-level keys a simplified record keeps; None when `op` hands on no record or records of ten fields or fewer."""
    res = op.resource
    if op.kind not in ("action", "search", "list") or op.response.empty or op.crud == "delete":
        return None
    if len(res.fields) <= _MOST:
        return None
    others = [f for f in res.fields if f.name != res.id_field]  # names are unique in a resource
    ident = [f.name for f in res.fields if f.name == res.id_field]
    required = [f.name for f in others if f.required]
    rest = [f.name for f in others if not f.required and not f.advanced]
    return tuple([*ident, *required, *rest])[:_MOST]


def simplify_property(show: dict[str, list[str]]) -> dict[str, Any]:
    """The Simplify boolean, worded as n8n-nodes-base's linter wants it."""
    return {
        "displayName": "Simplify",
        "name": SIMPLIFY,
        "type": "boolean",
        "displayOptions": {"show": show},
        "default": True,
        "description": "Whether to return a simplified version of the response instead of the raw data",
    }
