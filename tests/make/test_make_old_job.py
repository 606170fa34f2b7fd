"""The measured OLD-job case of issue 14 on the Make app run by the IML interpreter with Make's trigger dedupe."""

from __future__ import annotations

from pathlib import Path

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.make import MakeExecutor

HOUR_MS = 3_600_000


def test_old_job_update_is_not_lost(model: Model, app_dir: Path) -> None:
    # Create OLD, an hour later 120 jobs, then update OLD: the update sits past the first page of the window.
    op = model.operation("updated_job")
    executor = MakeExecutor()
    executor.prepare(model, app_dir.parent)
    try:
        with MockServer(model) as mock:
            endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key, clock=mock.clock_url)
            [old] = mock.seed("job", [{"title": "OLD"}])
            mock.clock.advance(HOUR_MS)
            mock.seed("job", [{"title": f"job {i}"} for i in range(120)])
            first = executor.run(model, Call(op, {}, None), endpoint)
            assert first.ok, first.error
            assert len(first.records) == 100  # Make's Limit: 100 per cycle, oldest first; the rest waits
            second = executor.run(model, Call(op, {}, first.state), endpoint)
            assert len(second.records) == 21 and second.ok
            mock.clock.advance(1000)
            changed = mock.change("job", old["id"], {"title": "OLD, changed"})
            mock.clear_log()
            third = executor.run(model, Call(op, {}, second.state), endpoint)
            assert third.ok, third.error
            assert [(r["id"], r["updatedAt"]) for r in third.records] == [(old["id"], changed["updatedAt"])]
            assert len(mock.requests()) == 2  # the window holds 121 jobs: two pages of 100
    finally:
        executor.close()
