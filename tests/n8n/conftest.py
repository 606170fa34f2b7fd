"""Fixtures for the n8n target's tests: the rendered package, n8n's toolchain, the compiled copy and the executor."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.executors.n8n import N8nExecutor, compile_package
from connector_gen.smoke.harness import ensure_harness


@pytest.fixture(scope="session")
def n8n_files(model: Model) -> dict[str, str]:
    """What the n8n target renders today, by relative path."""
    return {str(path): text for path, text in render_all(model, ["n8n"])["n8n"].items()}


@pytest.fixture(scope="session")
def package_src(n8n_files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered package written to a temporary folder (the golden test guards dist/ separately)."""
    root = tmp_path_factory.mktemp("n8n-package")
    for name, text in n8n_files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def toolchain() -> Path:
    """n8n-core, n8n-workflow, TypeScript, ESLint and n8n's lint plugins, from the committed lockfile."""
    return ensure_harness("n8n", quiet=True)


@pytest.fixture(scope="session")
def compiled(package_src: Path, toolchain: Path) -> Iterator[Path]:
    """The package compiled with tsc inside the toolchain folder (so it shares n8n-core's n8n-workflow)."""
    built = compile_package(package_src, toolchain)
    yield built
    shutil.rmtree(built, ignore_errors=True)


@pytest.fixture(scope="session")
def executor(model: Model, package_src: Path) -> Iterator[N8nExecutor]:
    """The n8n smoke executor, prepared on the rendered package (one Node process for the session)."""
    ex = N8nExecutor()
    ex.prepare(model, package_src)
    yield ex
    ex.close()
