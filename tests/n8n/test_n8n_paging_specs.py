"""Every spec of tests/specs/paging/ (one per paging style, cursor formats spread over them) as an n8n package:
tsc, n8n's lint rule sets, the verification scanner and the loader pass, and the smoke plan is green on the
embedded mock with the python reference's requests (issue 14). The simulation: test_n8n_simulation.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.compare import diff_requests
from connector_gen.smoke.executors.n8n import N8nExecutor
from connector_gen.smoke.runner import run_smoke

from ..sim import STYLES, paging_model
from .test_n8n_toolchain import lint, problems, scan

pytestmark = pytest.mark.slow


def write_package(files: dict[str, str], root: Path) -> Path:
    """The rendered files under `root` (a package folder)."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module", params=STYLES)
def package(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Model, Path]:
    """A paging spec's model and a dist/ folder holding its rendered n8n package under n8n/."""
    style = str(request.param)
    model = paging_model(style, ("n8n",))
    root = tmp_path_factory.mktemp(f"dist-{style}")
    write_package({str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}, root / "n8n")
    return style, model, root


@pytest.fixture(scope="module")
def prepared(package: tuple[str, Model, Path]) -> Iterator[N8nExecutor]:
    """The n8n executor on the package: compiled with tsc and loaded with n8n's loader."""
    _, model, root = package
    executor = N8nExecutor()
    executor.prepare(model, root)
    yield executor
    executor.close()


def test_tsc_lint_scanner_and_loader_pass(package: tuple[str, Model, Path], prepared: N8nExecutor, toolchain: Path) -> None:
    _, model, root = package
    built = prepared.package
    assert built is not None and (built / "dist" / "package.json").is_file()  # tsc compiled it
    assert problems(lint(toolchain, built)) == []
    assert scan(toolchain, root / "n8n", "source") == {"passed": True}
    camel = model.app.names.camel
    assert prepared.loaded["nodes"] == [camel, f"{camel}Trigger"] and prepared.loaded["credentials"] == [f"{camel}Api"]


def test_smoke_is_green_on_the_embedded_mock(package: tuple[str, Model, Path], prepared: N8nExecutor) -> None:
    _, model, root = package
    # with the python reference: the mock recorded the same requests for every step (a cursor's value may differ)
    report = run_smoke(model, ["python", "n8n"], dist=root, prefix="cg-paging-")
    failures = [f"{step} [{target}]: {r.detail}" for (step, target), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in model.operations}
    for step, _ in report.steps:
        assert diff_requests(report.results[(step, "python")].requests, report.results[(step, "n8n")].requests) == [], step
