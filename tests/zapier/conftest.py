"""Fixtures for the Zapier target's tests: the rendered app, its Node harness and the executor running it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.smoke.harness import ensure_harness
from connector_gen.targets.zapier.modules import with_sources


@pytest.fixture(scope="session")
def zapier_files(model: Model) -> dict[str, str]:
    """What the zapier target renders today, by relative path."""
    return {str(path): text for path, text in render_all(model, ["zapier"])["zapier"].items()}


@pytest.fixture(scope="session")
def app_json(zapier_files: dict[str, str]) -> dict[str, Any]:
    """The parsed app-definition.json."""
    data: dict[str, Any] = json.loads(zapier_files["app-definition.json"])
    return data


@pytest.fixture(scope="session")
def app_sources(app_json: dict[str, Any], zapier_files: dict[str, str]) -> dict[str, Any]:
    """The definition with each required module's text beside its `require` (as `source`)."""
    data: dict[str, Any] = with_sources(app_json, zapier_files)
    return data


@pytest.fixture(scope="session")
def app_dir(zapier_files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered app written to a temporary folder (tests run today's render, the golden test guards dist/)."""
    root = tmp_path_factory.mktemp("zapier-app")
    for name, text in zapier_files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)  # modules sit in folders
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def harness() -> Path:
    """The installed Zapier harness (npm ci from its committed lockfile on first use)."""
    return ensure_harness("zapier", quiet=True)


@pytest.fixture(scope="session")
def executor(model: Model, app_dir: Path, harness: Path) -> Iterator[ZapierExecutor]:
    """One Zapier executor (one Node process) for the session."""
    ex = ZapierExecutor()
    ex.prepare(model, app_dir)
    yield ex
    ex.close()


@pytest.fixture()
def mock(model: Model) -> Iterator[MockServer]:
    """A fresh mock of the API."""
    with MockServer(model) as server:
        yield server
