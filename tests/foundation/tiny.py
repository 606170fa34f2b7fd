"""A tiny made-up spec, as data, and its model: for unit tests that change one part of a spec inline."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from connector_gen.load import Loaded, load_spec

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}"/>\n'

TINY: dict[str, Any] = {
    "spec_version": 2,
    "app": {
        "key": "tinyapp",
        "name": "Tiny App",
        "description": "A made-up API for unit tests.",
        "version": "0.1.0",
        "base_url": "https://{region}.example.com/v1",
        "docs_url": "https://example.com/docs",
        "icon": {"light": "light.svg", "dark": "dark.svg"},
        "publisher": {"name": "Tests", "email": "tests@example.com"},
        "license": "MIT",
    },
    "connection": {
        "fields": {
            "api_key": {"label": "API Key", "secret": True},
            "region": {"label": "Region", "default": "eu", "choices": ["eu", "us"]},
        },
        "test": "get_me",
        "label": "{name}",
    },
    "auth": {"kind": "api_key", "send": [{"in": "header", "name": "X-Api-Key", "value": "{api_key}"}]},
    "http": {
        "headers": {"Accept": "application/json"},
        "response": {"list": "data.items", "record": "data"},
        "errors": {"message": "error.message"},
        "statuses": {"401": {"kind": "unauthorized", "message": "The key was not accepted."}},
    },
    "resources": {
        "me": {
            "label": "Me",
            "path": "/me",
            "fields": {
                "id": {"type": "string", "label": "ID", "read_only": True},
                "name": {"type": "string", "label": "Name", "read_only": True},
            },
            "sample": {"id": "u1", "name": "Ann"},
        },
        "note": {
            "label": "Note",
            "path": "/notes",
            "id_field": "id",
            "fields": {
                "id": {"type": "string", "label": "ID", "read_only": True},
                "text": {"type": "string", "label": "Text", "required": True},
            },
            "sample": {"id": "n1", "text": "Hello"},
        },
    },
    "operations": {
        "get_me": {
            "kind": "auth_test",
            "label": "Get Me",
            "description": "Reads the account the key belongs to.",
            "resource": "me",
            "request": {"method": "GET", "path": "/me"},
        },
        "list_notes": {
            "kind": "list",
            "label": "List Notes",
            "description": "Lists notes.",
            "resource": "note",
            "request": {"method": "GET", "path": "/notes"},
        },
        "get_note": {
            "kind": "search",
            "label": "Get Note",
            "description": "Finds a note by its ID.",
            "resource": "note",
            "request": {"method": "GET", "path": "/notes/{id}"},
            "inputs": [{"name": "id", "in": "path", "required": True}],
            "search": {"max_results": 1},
        },
        "create_note": {
            "kind": "action",
            "crud": "create",
            "label": "Create Note",
            "description": "Creates a note.",
            "resource": "note",
            "request": {"method": "POST", "path": "/notes"},
            "inputs": [{"name": "text", "in": "body", "required": True}],
        },
    },
}

Change = Callable[[dict[str, Any]], object]


def write(folder: Path, *changes: Change) -> Loaded:
    """The tiny spec after each change, written as `folder/spec.yaml` beside its icons, and loaded."""
    (folder / "light.svg").write_text(SVG.format(n=1))
    (folder / "dark.svg").write_text(SVG.format(n=2))
    data = copy.deepcopy(TINY)
    for change in changes:
        change(data)
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return load_spec(path, "spec.yaml")


def auth(**keys: Any) -> Change:
    """Replace the spec's auth block."""
    return lambda data: data.__setitem__("auth", keys)


def fields(**more: Any) -> Change:
    """Replace the connection's fields."""
    return lambda data: data["connection"].__setitem__("fields", more)


def base_url(url: str) -> Change:
    """Replace the app's base URL."""
    return lambda data: data["app"].__setitem__("base_url", url)
