"""The universal "Make an API call" module: any request to the API, relative to its base URL, with the connection.

Make's rule (custom-apps-documentation/app-components/modules/universal-module): "Every app using API should have
a universal module", one per app, whose URL is relative (so no user can send the credentials elsewhere); its
REST page gives the label, the description, the parameters (URL from `/`, method, headers, query string, body)
and the communication that spreads the key/value lists into headers and qs with `toCollection`.
"""

from __future__ import annotations

from typing import Any

from ...errors import RenderError
from ...model import Model
from .blocks import TARGET, Component
from .params import MAP_KEY, MAP_VALUE

LOCAL_ID = "makeApiCall"
LABEL = "Make an API call"
DESCRIPTION = "Performs an arbitrary authorized API call."
GROUP = "Other"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Make's spread key: the object an expression under it evaluates to is merged into the enclosing object.
SPREAD = "{{...}}"
_PAIRS = [
    {"name": MAP_KEY, "type": "text", "label": "Key"},
    {"name": MAP_VALUE, "type": "text", "label": "Value"},
]


def _example(model: Model) -> str:
    """A path users can try: the first GET without path parameters (else the first operation's path)."""
    paths = [o.request.path for o in model.operations if o.request.method == "GET" and not o.request.path_params]
    return (paths or [o.request.path for o in model.operations] or ["/"])[0]


def _parameters(model: Model) -> list[dict[str, Any]]:
    base = model.app.base_url.rstrip("/")
    return [
        {
            "name": "url",
            "type": "text",
            "label": "URL",
            "required": True,
            "help": f"Enter a path relative to `{base}`. For example: `{_example(model)}`",
        },
        {
            "name": "method",
            "type": "select",
            "label": "Method",
            "required": True,
            "default": "GET",
            "options": [{"label": m, "value": m} for m in METHODS],
        },
        {"name": "headers", "type": "array", "label": "Headers", "spec": _PAIRS, "help": "Sent besides the connection's."},
        {"name": "qs", "type": "array", "label": "Query String", "spec": _PAIRS},
        {"name": "body", "type": "any", "label": "Body", "help": "The request body, as text (for example JSON)."},
    ]


def _communication() -> dict[str, Any]:
    # The leading `/` keeps the URL relative to the base URL whatever the user enters (Make drops the doubled `/`).
    return {
        "url": "/{{parameters.url}}",
        "method": "{{parameters.method}}",
        "headers": {SPREAD: f"{{{{toCollection(parameters.headers, '{MAP_KEY}', '{MAP_VALUE}')}}}}"},
        "qs": {SPREAD: f"{{{{toCollection(parameters.qs, '{MAP_KEY}', '{MAP_VALUE}')}}}}"},
        "body": "{{parameters.body}}",
        "type": "text",
        "response": {"output": {"body": "{{body}}", "headers": "{{headers}}", "statusCode": "{{statusCode}}"}},
    }


def module(model: Model, taken: set[str]) -> Component:
    """The app's one universal module (moduleType `universal`), its connection applied through the base."""
    if LOCAL_ID in taken:
        raise RenderError(TARGET, LOCAL_ID, "an operation's module id is the universal module's; rename the operation")
    meta = {"label": LABEL, "description": DESCRIPTION, "moduleType": "universal", "connection": model.app.key}
    interface = [
        {"name": "body", "type": "any", "label": "Body"},
        {"name": "headers", "type": "collection", "label": "Headers"},
        {"name": "statusCode", "type": "number", "label": "Status code"},
    ]
    sections: dict[str, Any] = {
        "communication": _communication(),
        "staticParams": [],
        "mappableParams": _parameters(model),
        "interface": interface,
        "samples": {"body": {}, "headers": {"content-type": "application/json"}, "statusCode": 200},
        "scope": [],
    }
    return Component("module", LOCAL_ID, meta, sections)
