"""The randomized trigger simulation (tests/sim) on the generated n8n trigger, run by n8n-core's poll with its
workflow static data carried between polls: every paging style once (the cursor formats spread over the specs of
tests/specs/paging/: epoch ms, epoch s, ISO 8601, a trigger without a since parameter, a scoped trigger), and
Hellotracks with small pages; 0 missed, 0 duplicated, a quiet poll is one request. And the named OLD-job case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.smoke.executors.n8n import N8nExecutor

from ..sim import STYLES, World, executor_poller, paging_model, small_pages
from ..sim.cases import old_job_update_is_not_lost
from .test_n8n_paging_specs import write_package

pytestmark = pytest.mark.slow

STYLE_WRITES = 1000
HELLOTRACKS_WRITES = 2000


def _executor(model: Model, root: Path) -> N8nExecutor:
    write_package({str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}, root)
    executor = N8nExecutor()
    executor.prepare(model, root)  # tsc once per package and process: the paging specs' smoke shares it
    return executor


def _simulate(model: Model, executor: N8nExecutor, seed: int, writes: int) -> World:
    with MockServer(model) as mock:
        world = World(mock, list(model.of_kind("polling_trigger")), seed)
        world.run(executor_poller(executor, model, mock, seed), min_writes=writes)
    return world


@pytest.fixture(scope="module", params=STYLES)
def style_executor(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Model, N8nExecutor]]:
    """A paging spec's model and the n8n executor on its package."""
    model = paging_model(str(request.param), ("n8n",))
    executor = _executor(model, tmp_path_factory.mktemp(f"sim-{request.param}") / "n8n")
    yield model, executor
    executor.close()


def test_every_paging_style_misses_nothing_and_duplicates_nothing(style_executor: tuple[Model, N8nExecutor]) -> None:
    model, executor = style_executor
    world = _simulate(model, executor, 41, STYLE_WRITES)
    pag = model.resource("item").pagination
    world.check(min_writes=STYLE_WRITES, paged=pag is not None and pag.pages)


@pytest.fixture(scope="module")
def small_n8n(model: Model, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Model, N8nExecutor]]:
    """Hellotracks with each trigger asking for small pages, as an n8n package loaded in one n8n-core process."""
    small = small_pages(model)
    executor = _executor(small, tmp_path_factory.mktemp("n8n-small-pages"))
    yield small, executor
    executor.close()


@pytest.mark.parametrize("seed", [21, 22])
def test_hellotracks_trigger_simulation(small_n8n: tuple[Model, N8nExecutor], seed: int) -> None:
    small, executor = small_n8n
    _simulate(small, executor, seed, HELLOTRACKS_WRITES).check(min_writes=HELLOTRACKS_WRITES)


def test_old_job_update_is_not_lost(executor: N8nExecutor, model: Model) -> None:
    old_job_update_is_not_lost(executor, model)
