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
from .versions import merge


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


def _own(file: dict[str, Any] | None) -> list[Any]:
    """A file's own properties, without the spreads of its operation files."""
    return [p for p in file["properties"] if not isinstance(p, Raw)] if file else []


def _by_const(files: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["const"]: f for f in files}


def _consts(versions: list[list[dict[str, Any]]]) -> list[str]:
    """Every file's constant: the newest version's order, then those only older versions have."""
    out: list[str] = []
    for files in reversed(versions):
        out += [f["const"] for f in files if f["const"] not in out]
    return out


def merged_files(versions: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each node version's index files (`versions[i]` is version i+1's) merged file by file into one set."""
    indexes = [_by_const(files) for files in versions]
    out = []
    for const in _consts(versions):
        found = [i[const] for i in indexes if const in i]
        parts_of = [_by_const(i[const]["parts"]) if const in i else {} for i in indexes]
        parts = []
        for part in _consts([list(p.values()) for p in parts_of]):
            first = next(p[part] for p in parts_of if part in p)
            props = merge([_own(p.get(part)) for p in parts_of])
            parts.append(_file(part, first["folder"], first["file"], props, []))
        props = merge([_own(i.get(const)) for i in indexes])
        out.append(_file(const, found[0]["folder"], found[0]["file"], props, parts))
    return out
