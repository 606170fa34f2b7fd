"""Check 1: every file of the Make app parses and passes Make's official schema for it (0 errors)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from jsonschema import Draft7Validator


def test_every_file_passes_its_official_schema(
    app_files: dict[str, str], schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    results = {path: schema_errors(path, text) for path, text in sorted(app_files.items())}
    assert {path: found for path, found in results.items() if found} == {}
    checked = [path for path, found in results.items() if found is not None]
    scripts = [path for path in app_files if path.endswith(".js")]  # custom IML functions: JavaScript, no schema
    assert len(checked) == len(app_files) - 2 - len(scripts)  # all but README.md, .gitignore and the functions


@pytest.mark.parametrize(
    ("schema", "bad"),
    [
        ("parameters.json", [{"name": "x", "type": "no-such-type"}]),
        ("api.json", {"url": "/x", "method": "POST"}),  # a write without body
        ("api.json", {"url": "/x", "response": {"trigger": {"id": "{{item.id}}", "type": "date", "order": "desc"}}}),
        ("api.json", {"url": "/x", "response": {"no-such-directive": 1}}),
        ("makecomapp.schema.json", {"fileVersion": 1, "generalCodeFiles": {}, "components": {}, "origins": []}),
    ],
)
def test_the_schemas_reject_known_mistakes(schema: str, bad: Any, schemas: dict[str, Draft7Validator]) -> None:
    # Proves the validators are wired up (refs resolve, strictness applies), so a pass above means something.
    assert list(schemas[schema].iter_errors(bad)) != []


def test_the_manifest_is_plain_json_with_all_component_keys(app_files: dict[str, str]) -> None:
    manifest = json.loads(app_files["makecomapp.json"])
    assert set(manifest["components"]) == {"connection", "webhook", "module", "rpc", "function", "endpoint"}
    assert manifest["fileVersion"] == 1 and manifest["origins"] == []
