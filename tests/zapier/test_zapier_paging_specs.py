"""Every spec of tests/specs/paging/ (one per paging style) through the Zapier target: core's validate, Zapier's
schema and our lint accept the app, and the smoke plan on the embedded mock sends exactly the python reference's
requests (every page of every list, search and poll) and every step passes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.compare import diff_requests
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.smoke.runner import run_smoke
from connector_gen.targets.zapier.lint import lint

from ..sim import STYLES, paging_model

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=STYLES)
def paged(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, harness: Path
) -> Iterator[tuple[Model, Path]]:
    """A paging spec's model (checked for Zapier) and its app written under <dist>/zapier/."""
    model = paging_model(request.param, ("zapier",))
    root = tmp_path_factory.mktemp(f"paging-{request.param}")
    (root / "zapier").mkdir()
    for path, text in render_all(model, ["zapier"])["zapier"].items():
        (root / "zapier" / str(path)).parent.mkdir(parents=True, exist_ok=True)  # modules sit in folders
        (root / "zapier" / str(path)).write_text(text, encoding="utf-8")
    yield model, root


def test_validators_and_lint_accept_app(paged: tuple[Model, Path]) -> None:
    model, root = paged
    app: dict[str, Any] = json.loads((root / "zapier" / "app-definition.json").read_text(encoding="utf-8"))
    assert lint(app) == []
    ex = ZapierExecutor()
    ex.prepare(model, root)
    try:
        assert ex.validate() == {"schema": [], "core": []}
    finally:
        ex.close()


def test_smoke_sends_the_reference_requests(paged: tuple[Model, Path]) -> None:
    model, root = paged
    report = run_smoke(model, ["python", "zapier"], dist=root, prefix="cg-smoke-paging-")
    failures = [f"{step} [{target}]: {r.detail}" for (step, target), r in report.results.items() if r.result != "ok"]
    assert failures == []
    for step, _ in report.steps:
        reference, zap = report.results[(step, "python")], report.results[(step, "zapier")]
        assert diff_requests(reference.requests, zap.requests) == [], step
