"""What every Make component shares: the Component record, file names, response paths and the error block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model import Model, Operation, shapes
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
# A 403 is no invalid token (the connection is fine, the account may not do this): Make's default RuntimeError,
# said as access denied. InvalidAccessTokenError is for a rejected credential (a 401).
_ERROR_TYPES = {
    "invalid_request": "DataError",
    "unauthorized": "InvalidAccessTokenError",
    "forbidden": "RuntimeError",
    "rate_limited": "RateLimitError",
}
FORBIDDEN = "forbidden"
ACCESS_DENIED = "Access denied"
_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def kebab(local_id: str) -> str:
    """The Make Apps Editor's file-name form of a local id (`newOrder` -> `new-order`)."""
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", local_id).lower()


@dataclass
class Component:
    """One connection, module or RPC: its metadata in makecomapp.json and its sections' data."""

    kind: str  # connection | module | rpc | function
    local_id: str
    meta: dict[str, Any]
    sections: dict[str, Any] = field(default_factory=dict)
    operation: Operation | None = None

    def path(self, key: str) -> str:
        """The canonical relative path of one section file."""
        if self.kind == "function":  # JavaScript, as the extension lays functions out
            return f"functions/{kebab(self.local_id)}/{kebab(self.local_id)}.{key}.js"
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


def _path_text(root: str, path: tuple[str, ...]) -> str:
    """The IML of one error path: a `*` segment joins each element's text once with "; " (map, distinct, join)."""
    if "*" not in path:
        return iml_path(root, path)
    star = path.index("*")
    rest = ".".join(path[star + 1 :])
    array = iml_path(root, path[:star])
    values = f"map({array}, {iml_literal(rest)})" if rest else array
    return f"join(distinct({values}), '; ')"


def error_message(model: Model, root: str = "body") -> str:
    """The IML of the API's own error message, as model.shapes.error_message reads it.

    The first of `http.error_paths` that yields text wins (nested `ifempty`); an answer that is not JSON is the
    message itself when it is short text (Make hands such a body on as text, so it equals its own toString),
    not markup, cut at MAX_ERROR_TEXT.
    """
    plain = (
        f"if({root} == toString({root}) && indexOf(trim({root}), '<') != 0, "
        f"substring(trim({root}), 0, {shapes.MAX_ERROR_TEXT}), undefined)"
    )
    found = plain
    for path in reversed(model.http.error_paths):
        found = f"ifempty({_path_text(root, path)}, {found})"
    return found


def _rate_limit_type(model: Model, status: int, otherwise: str) -> str:
    """The error type of a status: RateLimitError when a `rate_limited` rule of that status holds."""
    tests: list[str] = []
    for rule in model.http.rate_limited:
        if rule.status != status:
            continue
        if rule.header is None:
            return "RateLimitError"
        # Node (Make's engine) hands on response header names in lower case.
        header = iml_path("headers", (rule.header.lower(),))
        if rule.equals is None:
            tests.append(f"{header} != undefined")
        else:
            tests.append(f"trim({header}) == {iml_literal(rule.equals)}")
    if not tests:
        return otherwise
    return "{{if(" + " || ".join(tests) + ", 'RateLimitError', " + iml_literal(otherwise) + ")}}"


# Make's RateLimitError carries no delay an app could set, but an error message may read a header
# (component-blocks/api/handling-responses/error): Retry-After is shown as delay-seconds or as its HTTP date.
_WAIT = "headers.`retry-after`"
RETRY_AFTER = (
    f"{{{{if({_WAIT}, ' (retry after ' + trim({_WAIT}) + "
    f"if(trim({_WAIT}) == toString(parseNumber({_WAIT})), ' s', '') + ')', '')}}}}"
)


def error_block(model: Model, message: str | None = None) -> dict[str, Any]:
    """The response `error` directive: the API's message (or the spec's text per status) after the status code.

    A 429, and any status a `rate_limited` rule names when its header says so, is Make's RateLimitError.
    """
    message = message or error_message(model)
    error: dict[str, Any] = {"message": f"[{{{{statusCode}}}}] {{{{ifempty({message}, 'Request failed.')}}}}"}
    codes = sorted({*(s.code for s in model.http.statuses), 429, *(r.status for r in model.http.rate_limited)})
    for code in codes:
        status = model.http.status(code)
        typed = _ERROR_TYPES.get(status.kind) if status else None
        kind = "RateLimitError" if code == 429 else _rate_limit_type(model, code, typed or "RuntimeError")
        if typed is None and kind == "RuntimeError":
            continue  # Make's own default type; the general message says it
        text = status.message if status else "Request failed."
        if status is not None and status.kind == FORBIDDEN and not text.lower().startswith(ACCESS_DENIED.lower()):
            text = f"{ACCESS_DENIED}: {text}"
        fallback = iml_literal(text)
        text = f"[{{{{statusCode}}}}] {{{{ifempty({message}, {fallback})}}}}"
        limited = code == 429 or any(r.status == code for r in model.http.rate_limited)
        error[str(code)] = {"type": kind, "message": text + (RETRY_AFTER if limited else "")}
    return error
