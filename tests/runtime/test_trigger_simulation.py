"""Randomized trigger simulation (issues 11 and 14) on the runtime, and on the generated n8n trigger run by n8n-core.

The World (tests/sim/world.py) says what is written and what each trigger must emit; here it runs on Hellotracks
(three seeds) and on every spec of tests/specs/paging/ (every pagination style and cursor format, a trigger
without a since parameter, a trigger scoped by a path input), each trigger asking for small pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.executors.n8n import N8nExecutor
from connector_gen.smoke.executors.python import PythonExecutor

from ..sim import STYLES, World, executor_poller, paging_model, small_pages
from ..sim.cases import old_job_update_is_not_lost


def run_world(model: Model, seed: int, executor: object, min_writes: int) -> World:
    """One simulation of every trigger of `model` through `executor`."""
    with MockServer(model) as mock:
        world = World(mock, list(model.of_kind("polling_trigger")), seed)
        world.run(executor_poller(executor, model, mock, seed), min_writes=min_writes)  # type: ignore[arg-type]
    return world


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_runtime_trigger_simulation(model: Model, seed: int) -> None:
    small = small_pages(model)
    executor = PythonExecutor()
    try:
        world = run_world(small, seed, executor, 2000)
    finally:
        executor.close()
    world.check(min_writes=2000)


@pytest.mark.parametrize("style", STYLES)
def test_runtime_trigger_simulation_for_every_paging_style(style: str) -> None:
    model = paging_model(style)
    executor = PythonExecutor()
    try:
        world = run_world(model, 31, executor, 1000)
    finally:
        executor.close()
    pag = model.resource("item").pagination
    world.check(min_writes=1000, paged=pag is not None and pag.pages)


@pytest.fixture(scope="module")
def small_n8n(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Model, N8nExecutor]]:
    """The n8n package rendered from the small-page model, compiled and loaded in one n8n-core process."""
    small = small_pages(model)
    root = tmp_path_factory.mktemp("n8n-small-pages")
    for path, text in render_all(small, ["n8n"])["n8n"].items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        Path(root / path).write_text(text, encoding="utf-8")
    executor = N8nExecutor()
    executor.prepare(small, root)
    yield small, executor
    executor.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [21, 22])
def test_n8n_trigger_simulation(small_n8n: tuple[Model, N8nExecutor], seed: int) -> None:
    small, executor = small_n8n
    world = run_world(small, seed, executor, 2000)
    world.check(min_writes=2000)


def test_old_job_update_is_not_lost(model: Model) -> None:
    executor = PythonExecutor()
    try:
        old_job_update_is_not_lost(executor, model)
    finally:
        executor.close()
