"""The README's example workflow as Python data: Manual Trigger, then create a record, then get it by the id handed on.

n8n imports a workflow by pasting its JSON into the editor (docs.n8n.io, "Export and import workflows"); the nodes'
parameters are the stored shape `node_parameters` gives, so the test suite can run each node in n8n-core in turn.
"""

from __future__ import annotations

import itertools
from typing import Any

from ...model import Model, Operation
from .conventions import credential_name, package_name
from .props import node_operation, node_parameters

_TRIGGER = "When clicking ‘Execute workflow’"


def _example_pair(model: Model) -> tuple[Operation, Operation] | None:
    """The first resource with a create whose required inputs have samples, and a get by its id in the path."""
    for res in model.resources:
        creates = [op for op in model.operations if op.resource is res and op.kind == "action" and op.crud == "create"]
        gets = [op for op in model.operations if op.resource is res and op.kind == "search" and op.inputs_in("path")]
        gets = [op for op in gets if [i.name for i in op.inputs_in("path")] == [res.id_field]]
        if creates and gets and all(i.name in res.sample for i in creates[0].required_inputs):
            return creates[0], gets[0]
    return None


def example_workflow(model: Model) -> dict[str, Any] | None:
    """An importable workflow that creates a record from the sample's required values and gets it back; None if the
    spec has no create and get-by-id pair."""
    pair = _example_pair(model)
    if pair is None:
        return None
    create, get = pair
    res = create.resource
    node_type = f"{package_name(model)}.{model.app.names.camel}"
    cred = {credential_name(model): {"id": "1", "name": f"{model.app.name} account"}}
    made = node_parameters(model, create, {i.name: res.sample[i.name] for i in create.required_inputs})
    got = node_parameters(model, get, {str(res.id_field): f"={{{{ $json[{_js(str(res.id_field))}] }}}}"})
    names = [_TRIGGER, node_operation(create).action, node_operation(get).action]
    newest = len(model.n8n_versions) + 1  # a new workflow is saved at the node's highest version
    nodes = [
        {"parameters": {}, "name": names[0], "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0]},
        {
            "parameters": made,
            "name": names[1],
            "type": node_type,
            "typeVersion": newest,
            "position": [220, 0],
            "credentials": cred,
        },
        {
            "parameters": got,
            "name": names[2],
            "type": node_type,
            "typeVersion": newest,
            "position": [440, 0],
            "credentials": cred,
        },
    ]
    connections = {a: {"main": [[{"node": b, "type": "main", "index": 0}]]} for a, b in itertools.pairwise(names)}
    return {"name": f"{model.app.name}: {names[1]}, then {names[2].lower()}", "nodes": nodes, "connections": connections}


def _js(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
