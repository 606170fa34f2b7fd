"""Keys a spec pins per platform (`keys:`), resolved once onto the nodes they name (issue 16)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from .app import App
from .connection import Connection
from .nodes import Input, Operation
from .pins import Pins

# The platforms a spec may pin keys for, and what each may pin (the schema's `keys` block mirrors this).
PLATFORMS = ("zapier", "n8n", "make")
# The node path of an app-wide pin: the n8n package name.
PACKAGE = "package"


def _input(inp: Input, pinned: Mapping[str, Mapping[str, str]]) -> Input:
    entries = tuple(
        (platform, path, key)
        for platform, paths in pinned.items()
        for path, key in paths.items()
        if path == inp.name or path.startswith(inp.name + ".")
    )
    return dataclasses.replace(inp, pins=Pins(entries)) if entries else inp


def _operation(op: Operation, keys: Mapping[str, Any]) -> Operation:
    own = tuple((p, "", block["operations"][op.key]) for p, block in keys.items() if op.key in block.get("operations", {}))
    by_input = {p: block["inputs"][op.key] for p, block in keys.items() if op.key in block.get("inputs", {})}
    inputs = tuple(_input(i, by_input) for i in op.inputs) if by_input else op.inputs
    if not own and inputs == op.inputs:
        return op
    return dataclasses.replace(op, pins=Pins(own), inputs=inputs)


def pin(
    keys: Mapping[str, Any], app: App, connection: Connection, operations: tuple[Operation, ...]
) -> tuple[App, Connection, tuple[Operation, ...]]:
    """The app, connection and operations with the spec's `keys:` resolved onto the nodes they name."""
    if not keys:
        return app, connection, operations
    package = tuple((p, PACKAGE, block[PACKAGE]) for p, block in keys.items() if PACKAGE in block)
    fields = tuple(
        dataclasses.replace(f, pins=Pins(tuple((p, "", b["auth"][f.key]) for p, b in keys.items() if f.key in b.get("auth", {}))))
        for f in connection.fields
    )
    pinned = {op.key: _operation(op, keys) for op in operations}
    return (
        dataclasses.replace(app, pins=Pins(package)),
        dataclasses.replace(connection, fields=fields),
        tuple(_dropdowns(op, pinned) for op in pinned.values()),
    )


def _dropdowns(op: Operation, ops: Mapping[str, Operation]) -> Operation:
    """`op` with each dropdown carrying the pinned keys of the operations it names (a target's dropdown refers by key)."""
    inputs = []
    for inp in op.inputs:
        dd = inp.dropdown
        if dd is not None:
            named = (("operation", dd.operation), ("search", dd.search))
            entries = tuple(
                (platform, at, key) for at, name in named if name for platform, path, key in ops[name].pins.entries if path == ""
            )
            if entries:
                inp = dataclasses.replace(inp, dropdown=dataclasses.replace(dd, pins=Pins(entries)))
        inputs.append(inp)
    return dataclasses.replace(op, inputs=tuple(inputs)) if tuple(inputs) != op.inputs else op
