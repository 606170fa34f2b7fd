"""The action node's description files: per resource an index (the operation selector) and one file per operation.

The layout of n8n-nodes-starter's GithubIssues node and n8n's own nodes: `resources/<resource>/index.ts` holds the
Operation parameter with each option's routing and spreads `resources/<resource>/<operation>.ts`, which holds that
operation's fields; a one-field spec change is then a diff in one small file.
"""

from __future__ import annotations

from typing import Any

from ...model import Model
from ...names import Names
from .fields import describe
from .props import NodeOperation, input_properties
from .routing import helpers_used, operation_routing
from .ts import Raw


def _file(const: str, folder: str, file: str, properties: list[Any], parts: list[dict[str, Any]]) -> dict[str, Any]:
    """A description file: the constant it exports, the routing helpers it imports, its operation files spread last."""
    return {
        "const": const,
        "folder": folder,
        "file": file,
        "helpers": helpers_used(properties),
        "parts": parts,
        "properties": [*properties, *(Raw(f"...{p['const']}") for p in parts)],
    }


def description_files(model: Model, key: str, nops: list[NodeOperation]) -> dict[str, Any]:
    """One resource's index (operation selector, then each operation's fields) with its operation files in `parts`."""
    res = model.resource(key)
    folder = res.names.camel
    operation = {
        "displayName": "Operation",
        "name": "operation",
        "type": "options",
        "noDataExpression": True,
        "displayOptions": {"show": {"resource": [folder]}},
        "options": [
            {
                "name": n.name,
                "value": n.value,
                "description": describe(n.op.description),
                "action": n.action,
                "routing": operation_routing(model, n.op),
            }
            for n in nops
        ],
        # options are sorted for the linter; the default is the spec's first operation of the resource
        "default": min(nops, key=lambda n: model.position(n.op.key)).value,
    }
    parts = []
    for n in sorted(nops, key=lambda n: model.position(n.op.key)):  # the spec's order, as the form shows them
        fields = input_properties(model, n, {"resource": [folder], "operation": [n.value]})
        if fields:
            const = f"{folder}{Names.of(n.file).pascal}Description"
            parts.append(_file(const, folder, n.file, fields, []))
    return _file(f"{folder}Description", folder, "index", [operation], parts)
