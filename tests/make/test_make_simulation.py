"""The randomized trigger simulation (tests/sim) on the Make app run by the IML interpreter with Make's dedupe:
each paging style once, the since formats spread over the specs (epoch ms, epoch s, ISO 8601, date, none)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import POLL_WINDOW_DAYS, Model, Operation
from connector_gen.smoke.executors.make import FROM_NOW, MakeExecutor
from connector_gen.targets import make

from ..sim import STYLES, World, executor_poller, wide_pages

# Every Make poll reads every page of its 7-day window, which here holds every record (the run spans hours): pages
# of 100 (30 for the filtered trigger) keep a poll to a few requests while later polls still read more than two.
WRITES = 1000
DAY_MS = 86_400_000


def _app(model: Model, root: Path) -> MakeExecutor:
    for rel, text in make.render(model).items():
        target = root / "make" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    executor = MakeExecutor()
    executor.prepare(model, root)
    return executor


@pytest.mark.parametrize("style", STYLES)
def test_make_trigger_simulation_for_every_paging_style(style: str, tmp_path: Path) -> None:
    model = wide_pages(style, tmp_path, ("make",))
    executor = _app(model, tmp_path / "dist")
    started = time.monotonic()
    try:
        with MockServer(model) as mock:
            # The quiet polls come after Make's window has moved past every change: one page, one request.
            world = World(mock, list(model.of_kind("polling_trigger")), 41, quiet_advance_ms=(POLL_WINDOW_DAYS + 1) * DAY_MS)
            poll = executor_poller(executor, model, mock, 41)

            def turned_on(op: Operation, state: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
                # Turning the trigger on: Make's "Choose where to start: From now on".
                return poll(op, FROM_NOW if state is None else state)

            world.run(turned_on, min_writes=WRITES)
    finally:
        executor.close()
    pag = model.resource("item").pagination
    world.check(min_writes=WRITES, paged=pag is not None and pag.pages)
    took = round(time.monotonic() - started, 1)
    print(json.dumps({"style": style, "seconds": took, "writes": world.writes, "triggers": world.report()}))
