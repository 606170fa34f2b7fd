"""Zapier's own validators on the generated app: the exported JSON Schema (Python) and the JS validators."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from connector_gen.model import Model
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.targets import zapier

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def app_validator(harness: Path) -> Draft4Validator:
    """A validator for AppSchema from the pinned zapier-platform-schema's exported-schema.json."""
    exported = json.loads((harness / "node_modules" / "zapier-platform-schema" / "exported-schema.json").read_text())
    assert exported["version"] == zapier.CORE_VERSION
    # Sub-schemas refer to each other as "/FooSchema": register each under its id.
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in exported["schemas"].values()
    )
    return Draft4Validator(exported["schemas"]["AppSchema"], registry=registry)


def _as_loaded(app: dict[str, Any]) -> dict[str, Any]:
    # What index.js exports: the JSON plus the two versions.
    return {**app, "version": "1.0.0", "platformVersion": zapier.CORE_VERSION}


def test_exported_schema_accepts_app(app_validator: Draft4Validator, app_json: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in app_validator.iter_errors(_as_loaded(app_json))]
    assert errors == []


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("triggers", "new_job", "key"), "new job"),
        (("authentication", "type"), "token"),
        (("creates", "create_job", "display", "label"), "x" * 70),
        (("afterResponse",), [{"source": "throw new Error('no result')"}]),
    ],
)
def test_exported_schema_rejects_broken_app(
    app_validator: Draft4Validator, app_json: dict[str, Any], where: tuple[str, ...], value: Any
) -> None:
    broken = copy.deepcopy(_as_loaded(app_json))
    node = broken
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    assert list(app_validator.iter_errors(broken))


def test_js_validators_accept_app(executor: ZapierExecutor) -> None:
    assert executor.validate() == {"schema": [], "core": []}


def test_js_validators_reject_broken_app(model: Model, app_dir: Path, tmp_path: Path, harness: Path) -> None:
    # A functional constraint that the exported JSON Schema cannot express: a visible trigger needs a description.
    shutil.copytree(app_dir, tmp_path, dirs_exist_ok=True)
    app = json.loads((tmp_path / "app-definition.json").read_text())
    del app["triggers"]["new_job"]["display"]["description"]
    (tmp_path / "app-definition.json").write_text(json.dumps(app))
    ex = ZapierExecutor()
    ex.prepare(model, tmp_path)
    try:
        found = ex.validate()
    finally:
        ex.close()
    assert any("description" in e for e in found["schema"])
    assert any("description" in e for e in found["core"])
