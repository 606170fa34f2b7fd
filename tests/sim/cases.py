"""Named trigger cases every executor runs against Hellotracks on the embedded mock (issue 14)."""

from __future__ import annotations

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Executor

from .pollers import executor_poller


def old_job_update_is_not_lost(executor: Executor, model: Model) -> None:
    """Create OLD, +1 h, create 120 jobs, update OLD (and complete it): Updated Job emits the update and Completed
    Job the completion, although more than one page of newer jobs sits in front of OLD in the API's order."""
    updated, completed = model.operation("updated_job"), model.operation("completed_job")
    with MockServer(model) as mock:
        poll = executor_poller(executor, model, mock)
        _, up_state = poll(updated, None)
        _, done_state = poll(completed, None)
        [old] = mock.seed("job", [{"title": "OLD"}])
        mock.clock.advance(1000)
        _, up_state = poll(updated, up_state)
        _, done_state = poll(completed, done_state)
        mock.clock.advance(3_600_000)
        mock.seed("job", [{"title": f"job {i}"} for i in range(120)])
        mock.clock.advance(1000)
        change = mock.change("job", old["id"], {"notes": "changed after 120 newer jobs", "progress": "success"})
        mock.clock.advance(1000)
        emitted, _ = poll(updated, up_state)
        assert [r["updatedAt"] for r in emitted if r["id"] == old["id"]] == [change["updatedAt"]]
        assert len(emitted) == 121  # the 120 new jobs are changes too
        done, _ = poll(completed, done_state)
        assert [r["id"] for r in done] == [old["id"]]
