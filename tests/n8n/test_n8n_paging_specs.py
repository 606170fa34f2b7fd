"""Every spec of tests/specs/paging/ (one per paging style, cursor formats spread over them) as an n8n package:
tsc, n8n's lint rule sets, the verification scanner and the loader pass; `smoke --target n8n` is green on the
embedded mock; the randomized trigger simulation runs on n8n-core's poll with its static data (issue 14).

One package per style is compiled once (the smoke run and the simulation share the compiled copy)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.executors.n8n import N8nExecutor
from connector_gen.smoke.runner import run_smoke

from ..sim import STYLES, World, executor_poller, paging_model, small_pages
from .test_n8n_toolchain import lint, problems, scan

pytestmark = pytest.mark.slow

SIM_WRITES = 1000
SIM_SEED = 14
TIMES: dict[str, float] = {}  # the simulation's wall time per style, for the report


def _write(files: dict[str, str], root: Path) -> Path:
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
    _write({str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}, root / "n8n")
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
    report = run_smoke(model, ["n8n"], dist=root, prefix="cg-paging-")
    failures = [f"{step}: {r.detail}" for (step, _), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in model.operations}


def test_the_simulation_misses_nothing_and_duplicates_nothing(package: tuple[str, Model, Path], prepared: N8nExecutor) -> None:
    style, model, _ = package
    small = small_pages(model)
    started = time.monotonic()
    with MockServer(small) as mock:
        world = World(mock, small.of_kind("polling_trigger"), seed=SIM_SEED)
        world.run(executor_poller(prepared, small, mock, seed=SIM_SEED), SIM_WRITES)
    TIMES[style] = time.monotonic() - started
    world.check(SIM_WRITES, paged=small.of_kind("polling_trigger")[0].pagination is not None and style != "none")
