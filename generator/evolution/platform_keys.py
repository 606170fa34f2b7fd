"""The keys each platform stores for a model (after pinning), read from each target's naming conventions.

A Zap, workflow or scenario refers to operations, inputs and connection fields by these keys, not by the spec's
names: a spec rename under a pinned key changes nothing a user stored, and a pin added or dropped changes a key
without any spec rename. The diff compares these tables (issue 16).
"""

from __future__ import annotations

from ..model import Model
from ..targets.make import conventions as make
from ..targets.n8n import conventions as n8n
from ..targets.n8n.props import node_operation
from ..targets.n8n.routing import param_name
from ..targets.zapier import conventions as zapier

# The address of the n8n package in the table: the package name is what n8n's node type starts with.
PACKAGE = "package"


def table(model: Model) -> dict[str, dict[str, str]]:
    """Per platform, each spec address (`create_job`, `create_job.contact.name`, `connection.api_key`) and its key."""
    out: dict[str, dict[str, str]] = {"zapier": {}, "make": {}, "n8n": {PACKAGE: n8n.package_name(model)}}
    for op in model.operations:
        if op.kind == "auth_test":
            continue  # the connection test is no trigger, module or operation option
        out["zapier"][op.key] = zapier.operation_key(op)
        out["make"][op.key] = make.module_id(op)
        if op.kind != "polling_trigger":  # n8n triggers are events of the trigger node, keyed by the spec
            out["n8n"][op.key] = node_operation(op).value
        for inp in op.inputs:
            for leaf in inp.leaves:
                where = ".".join((op.key, inp.name, *leaf.path[len(inp.field.path) :]))
                out["zapier"][where] = zapier.input_key(inp, leaf)
                out["n8n"][where] = param_name(op, inp, leaf)
    for fld in model.connection.asked:
        out["zapier"][f"connection.{fld.key}"] = zapier.auth_key(fld)
        out["make"][f"connection.{fld.key}"] = make.param_name(fld)
    return out
