"""Randomized trigger simulation (issues 11 and 14) on the runtime (n8n-core's runs: tests/n8n/test_n8n_simulation.py).

The World (tests/sim/world.py) says what is written and what each trigger must emit; here it runs on Hellotracks
(three seeds) and on every spec of tests/specs/paging/ (every pagination style and cursor format, a trigger
without a since parameter, a trigger scoped by a path input), each trigger asking for small pages.
"""

from __future__ import annotations

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
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


def test_old_job_update_is_not_lost(model: Model) -> None:
    executor = PythonExecutor()
    try:
        old_job_update_is_not_lost(executor, model)
    finally:
        executor.close()
