"""Fixtures of the Make suite: the rendered app on disk (from the model, not dist/) and Make's official schemas."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from connector_gen.make_engine.app import load_jsonc
from connector_gen.model import Model
from connector_gen.targets import make

SCHEMAS = Path(__file__).resolve().parents[2].parent / "shared" / "platform-schemas" / "make"
SCHEMA_BASE = "https://schemas.invalid/make/"


@pytest.fixture(scope="session")
def app_files(model: Model) -> dict[str, str]:
    """The Make target's files for the Hellotracks model, by relative path."""
    return {str(path): text for path, text in make.render(model).items()}


@pytest.fixture(scope="session")
def app_dir(app_files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered app written to a temporary folder (what `build` writes to dist/make/)."""
    root = tmp_path_factory.mktemp("dist") / "make"
    for rel, text in app_files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return root


@pytest.fixture(scope="session")
def schemas() -> dict[str, Draft7Validator]:
    """A validator per official schema file, all sharing one registry so relative $refs resolve."""
    if not SCHEMAS.is_dir():
        pytest.skip(f"Make's official schemas are not available at {SCHEMAS} (they live outside the repository)")
    docs: dict[str, Any] = {p.name: json.loads(p.read_text("utf-8")) for p in sorted(SCHEMAS.glob("*.json"))}
    registry: Registry[Any] = Registry().with_resources(
        (SCHEMA_BASE + name, Resource.from_contents(doc, default_specification=DRAFT7)) for name, doc in docs.items()
    )
    return {name: Draft7Validator({"$ref": SCHEMA_BASE + name}, registry=registry) for name in docs}


# The schemas' README: which official schema checks which file (suffixes are tried in order).
SCHEMA_FOR = (
    ("makecomapp.json", "makecomapp.schema.json"),
    ("general/base.iml.json", "base.json"),
    ("modules/groups.json", "groups.json"),
    (".oauth-communication.iml.json", "api-oauth.json"),
    (".communication.iml.json", "api.json"),
    (".scope-list.iml.json", "scopes.json"),
    (".default-scope.iml.json", "scope.json"),
    (".params.iml.json", "parameters.json"),
    (".mappable-params.iml.json", "parameters.json"),
    (".static-params.iml.json", "parameters.json"),
    (".interface.iml.json", "parameters.json"),
    (".samples.iml.json", "samples.json"),
    (".epoch.iml.json", "epoch.json"),
    (".scope.iml.json", "scope.json"),
)
NOT_JSON = ("README.md", ".gitignore")


def schema_of(path: str) -> str:
    """The official schema file for one app file."""
    for suffix, schema in SCHEMA_FOR:
        if path == suffix or path.endswith(suffix):
            return schema
    raise AssertionError(f"{path}: no official schema is mapped to this file")


def errors(validator: Draft7Validator, data: Any) -> list[str]:
    """Readable schema errors (the best match first)."""
    found = list(validator.iter_errors(data))
    if not found:
        return []
    best = best_match(found)
    return [f"{'/'.join(map(str, best.absolute_path))}: {best.message}"] + [e.message for e in found[1:5]]


@pytest.fixture(scope="session")
def schema_errors(schemas: dict[str, Draft7Validator]) -> Callable[[str, str], list[str] | None]:
    """Errors of one app file against its official schema; None for the files that are not JSON."""

    def check(path: str, text: str) -> list[str] | None:
        if path in NOT_JSON or path.endswith(".js"):  # custom IML functions are JavaScript; no schema covers them
            return None
        return errors(schemas[schema_of(path)], load_jsonc(text))

    return check
