"""Hellotracks' Zapier triggers read every page of their window: the measured OLD-job case of issue 14, on Zapier's
own core with its dedupe reproduced, against the embedded mock; and a quiet poll stays one request."""

from __future__ import annotations

from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.zapier import ZapierExecutor

pytestmark = pytest.mark.slow
HOUR = 3_600_000


def _poll(executor: ZapierExecutor, model: Model, mock: MockServer, key: str, state: Any) -> Outcome:
    call = Call(model.operation(key), {}, state)
    out = executor.run(model, call, Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url))
    assert out.ok, out.error
    return out


def test_old_job_update_is_not_lost(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    # Create OLD, +1 h, create 120 jobs, update OLD: one page of 100 (the API's order, newest created first) does not
    # hold OLD; the poll reads the window's second page, so the update is emitted.
    [old] = mock.seed("job", [{"title": "OLD"}])
    first = _poll(executor, model, mock, "updated_job", None)  # Zap turned on: Zapier's dedupe notes what exists
    mock.clock.advance(HOUR)
    mock.seed("job", [{"title": f"job {n}"} for n in range(120)])
    mock.clock.advance(1000)
    assert executor.run(
        model,
        Call(model.operation("update_job"), {"id": old["id"], "notes": "changed"}, None),
        Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url),
    ).ok
    mock.clear_log()
    second = _poll(executor, model, mock, "updated_job", first.state)
    assert [r["title"] for r in second.records if r["id"] == old["id"]] == ["OLD"]
    assert len(second.records) == 121  # 120 new jobs and OLD's update, each once
    assert [int(r.query.get("skip", ["0"])[0]) for r in mock.requests()] == [0, 100]
    times = [r["updatedAt"] for r in second.records]
    assert times == sorted(times, reverse=True)  # newest first, as Zapier requires
    # Nothing changed since: the same window again hands on nothing new.
    assert _poll(executor, model, mock, "updated_job", second.state).records == []


def test_quiet_poll_is_one_request(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("job", [{"title": f"job {n}"} for n in range(3)])
    first = _poll(executor, model, mock, "new_job", None)
    mock.clear_log()
    assert _poll(executor, model, mock, "new_job", first.state).records == []
    assert len(mock.requests()) == 1
