"""The randomized trigger simulation (tests/sim) on Zapier's own core with Zapier's dedupe reproduced: each paging
style of tests/specs/paging/ once (their since formats spread over the styles), and Hellotracks' OLD-job case.
0 missed, 0 duplicated, a quiet poll (after the clock moved past the 7-day window) = 1 request."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import POLL_WINDOW_DAYS, Model, Operation
from connector_gen.pipeline import render_all
from connector_gen.smoke.executors.zapier import ZapierExecutor

from ..sim import STYLES, Poller, World, executor_poller, wide_pages
from ..sim.cases import old_job_update_is_not_lost

pytestmark = pytest.mark.slow
# Zapier asks for the last 7 days on every poll: a quiet poll is one request once the clock is past that window.
PAST_WINDOW_MS = (POLL_WINDOW_DAYS + 1) * 86_400_000
MIN_WRITES = 1000
PAGING = Path(__file__).parents[1] / "specs" / "paging"
# Every Zapier poll reads its whole window, which here holds every record (the run spans hours, not 7 days): pages
# of PAGE records keep a poll to a few requests (the wall time) while later polls still read more than two pages;
# a trigger keeping a third of the records (a filter) asks for FILTERED_PAGE.
PAGE, FILTERED_PAGE = 100, 30


def zapier_model(style: str, root: Path) -> Model:
    """The paging spec of `style` with pages of PAGE records (its limit's max and the triggers' fixed limit)."""
    return wide_pages(style, root, ("zapier",), PAGE, FILTERED_PAGE)


def turned_on(poll: Poller) -> Poller:
    """Zapier's turn-on: the first poll of a Zap (no dedupe table yet) fills the table and fires nothing
    (bundle.meta.isPopulatingDedupe); the executor's first poll hands on what it read, as "Test trigger" does."""

    def first_fires_nothing(op: Operation, state: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        records, after = poll(op, state)
        return ([] if state is None else records), after

    return first_fires_nothing


def _executor(model: Model, root: Path) -> ZapierExecutor:
    (root / "zapier").mkdir(parents=True)
    for path, text in render_all(model, ["zapier"])["zapier"].items():
        (root / "zapier" / str(path)).parent.mkdir(parents=True, exist_ok=True)  # modules sit in folders
        (root / "zapier" / str(path)).write_text(text, encoding="utf-8")
    executor = ZapierExecutor()
    executor.prepare(model, root)
    return executor


@pytest.mark.parametrize("style", STYLES)
def test_zapier_trigger_simulation_for_every_paging_style(style: str, tmp_path: Path) -> None:
    model = zapier_model(style, tmp_path)
    executor = _executor(model, tmp_path / "dist")
    started = time.monotonic()
    try:
        with MockServer(model) as mock:
            world = World(mock, list(model.of_kind("polling_trigger")), 41, quiet_advance_ms=PAST_WINDOW_MS)
            world.run(turned_on(executor_poller(executor, model, mock, 41)), min_writes=MIN_WRITES)
    finally:
        executor.close()
    pag = next(op.pagination for op in model.of_kind("polling_trigger"))
    print(f"zapier simulation {style}: {time.monotonic() - started:.1f} s", world.report())
    world.check(min_writes=MIN_WRITES, paged=pag is not None and pag.pages)


def test_old_job_update_is_not_lost_on_zapier(executor: ZapierExecutor, model: Model) -> None:
    old_job_update_is_not_lost(executor, model)
