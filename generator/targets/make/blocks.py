"""What every Make component shares: the Component record, file names, response paths and the error block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model import Model, Operation
from .escape import iml_literal

TARGET = "make"
# Section key in makecomapp.json codeFiles -> file block name (the extension's component-code-def.ts).
BLOCKS = {
    "communication": "communication",
    "epoch": "epoch",
    "staticParams": "static-params",
    "mappableParams": "mappable-params",
    "interface": "interface",
    "samples": "samples",
    "scope": "scope",
    "params": "params",
    "scopeList": "scope-list",
    "defaultScope": "default-scope",
}
# An OAuth connection's communication has its own schema (api-oauth.json), so the extension names it apart.
OAUTH_COMMUNICATION = "oauth-communication"
_ERROR_TYPES = {
    "invalid_request": "DataError",
    "unauthorized": "InvalidAccessTokenError",
    "forbidden": "InvalidAccessTokenError",
    "rate_limited": "RateLimitError",
}
_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def kebab(local_id: str) -> str:
    """The Make Apps Editor's file-name form of a local id (`newOrder` -> `new-order`)."""
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", local_id).lower()


@dataclass
class Component:
    """One connection, module or RPC: its metadata in makecomapp.json and its sections' data."""

    kind: str  # connection | module | rpc
    local_id: str
    meta: dict[str, Any]
    sections: dict[str, Any] = field(default_factory=dict)
    operation: Operation | None = None

    def path(self, key: str) -> str:
        """The canonical relative path of one section file."""
        oauth = self.kind == "connection" and key == "communication" and self.meta.get("connectionType") == "oauth"
        block = OAUTH_COMMUNICATION if oauth else BLOCKS[key]
        return f"{self.kind}s/{kebab(self.local_id)}/{kebab(self.local_id)}.{block}.iml.json"


def iml_path(root: str, parts: tuple[str, ...]) -> str:
    """The IML of a response path: `body.data.items`; index 0 as `first(…)`, index n as `get(…, n + 1)` (1-based)."""
    out = root
    for part in parts:
        if part.isdigit():
            out = f"first({out})" if part == "0" else f"get({out}, {int(part) + 1})"
        elif _KEY.match(part):
            out = f"{out}.{part}"
        else:
            out = f"{out}.`{part}`"
    return out


def records(op: Operation) -> str:
    """The IML of where an operation's response keeps its record or its list of records."""
    return iml_path("body", op.response.path)


def error_block(model: Model, message_path: str | None = None) -> dict[str, Any]:
    """The response `error` directive: the API's message (or the spec's text per status) after the status code."""
    message = message_path or iml_path("body", model.http.error_message_path)
    error: dict[str, Any] = {"message": f"[{{{{statusCode}}}}] {{{{ifempty({message}, 'Request failed.')}}}}"}
    for status in model.http.statuses:
        kind = _ERROR_TYPES.get(status.kind)
        if kind:
            fallback = iml_literal(status.message)
            error[str(status.code)] = {"type": kind, "message": f"[{{{{statusCode}}}}] {{{{ifempty({message}, {fallback})}}}}"}
    return error
