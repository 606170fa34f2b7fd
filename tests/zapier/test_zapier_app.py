"""The generated Zapier app run by zapier-platform-core (NODE_ENV=test, output checks on) against the mock."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer, RecordedRequest
from connector_gen.model import Model, values
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.targets.zapier.pages import POLL_WINDOW_MS

pytestmark = pytest.mark.slow
DAY = 86_400_000


def iso_ms(ms: int) -> str:
    """Epoch milliseconds as JavaScript's `Date.toISOString()` writes them (values.iso, the one reference)."""
    moment = values.instant(ms, "epoch_ms")
    assert moment is not None
    return values.iso(moment)


def run(
    executor: ZapierExecutor,
    model: Model,
    mock: MockServer,
    key: str,
    state: Any = None,
    api_key: str | None = None,
    **inputs: Any,
) -> Outcome:
    """Run operation `key` with `inputs` against `mock`."""
    call = Call(model.operation(key), inputs, state)
    return executor.run(model, call, Endpoint.for_key(model, mock.base_url, api_key or mock.api_key, mock.clock_url))


def only(mock: MockServer) -> RecordedRequest:
    """The one request the mock received since the last clear."""
    [req] = mock.requests()
    return req


def job(title: str, **extra: Any) -> dict[str, Any]:
    return {"title": title, **extra}


def test_every_request_sends_key_and_headers(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    out = run(executor, model, mock, "validate_connection")
    assert out.ok, out.error
    req = only(mock)
    assert (req.method, req.path, req.query, req.auth) == ("GET", "/auth/whoami", {}, "valid")
    assert req.headers["accept"] == "application/json" and req.headers["content-type"] == "application/json"
    assert req.headers["api-key"] == "<redacted>"
    [account] = out.records
    # Zapier's backend renders the string connection label over the test's result; core cannot run it.
    label = executor.definition["authentication"]["connectionLabel"]
    rendered = re.sub(r"\{\{(\w+)\}\}", lambda m: str(account.get(m.group(1), "")), label)
    assert rendered == account[model.connection.label.names[0]]
    assert rendered and mock.api_key not in rendered


def test_bad_key_is_an_authentication_error(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    out = run(executor, model, mock, "validate_connection", api_key="wrong-key")
    assert not out.ok and out.status == 401
    assert out.error == "AppError: " + model.http.status(401).message  # type: ignore[union-attr]
    assert "wrong-key" not in (out.error or "")


def test_new_job_polls_window_newest_first(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    now = mock.clock.now()
    mock.seed("job", [job("old", createdAt=now - 8 * DAY), job("a", createdAt=now - 2 * DAY), job("b", createdAt=now - DAY)])
    out = run(executor, model, mock, "new_job")
    assert out.ok, out.error
    assert [r["title"] for r in out.records] == ["b", "a"]
    assert all(r["id"] for r in out.records)
    # The middleware's ISO companions are what the static sample shows (same text as JS toISOString()).
    assert [r["createdAtIso"] for r in out.records] == [iso_ms(r["createdAt"]) for r in out.records]
    assert iso_ms(1_777_540_060_123) == "2026-04-30T09:07:40.123Z"
    req = only(mock)
    assert (req.method, req.path) == ("GET", "/jobs")
    assert req.query == {"createdSince": [str(now - POLL_WINDOW_MS)], "includeArchived": ["true"], "limit": ["100"]}
    # Zapier's dedupe: a second poll hands on nothing new.
    again = run(executor, model, mock, "new_job", state=out.state)
    assert again.ok and again.records == []


def test_updated_job_fires_once_per_update(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    [seeded] = mock.seed("job", [job("first")])
    first = run(executor, model, mock, "updated_job")
    assert [r["id"] for r in first.records] == [seeded["id"]]
    assert only(mock).query["updatedSince"] == [str(mock.clock.now() - POLL_WINDOW_MS)]
    assert run(executor, model, mock, "updated_job", state=first.state).records == []
    mock.clock.advance(60_000)
    assert run(executor, model, mock, "update_job", id=seeded["id"], notes="changed").ok
    second = run(executor, model, mock, "updated_job", state=first.state)
    assert [(r["id"], r["notes"]) for r in second.records] == [(seeded["id"], "changed")]


def test_completed_job_keeps_success_only(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("job", [job("done", progress="success"), job("open", progress="scheduled"), job("bad", progress="failed")])
    out = run(executor, model, mock, "completed_job")
    assert [r["title"] for r in out.records] == ["done"]
    # Issue 14: the API is asked for progress=success; the client-side filter stays.
    assert set(only(mock).query) == {"updatedSince", "includeArchived", "limit", "progress"}
    assert only(mock).query["progress"] == ["success"]


def test_create_job_body(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    out = run(
        executor,
        model,
        mock,
        "create_job",
        title="Fix",
        priority="7",
        notes="  ",
        address=None,
        contact={"name": "Ann", "phone": ""},
        timeWindow={"start": "09:00"},
    )
    assert out.ok, out.error
    req = only(mock)
    assert (req.method, req.path, req.query) == ("POST", "/jobs", {})
    assert req.body == {"title": "Fix", "priority": 7, "contact": {"name": "Ann"}, "timeWindow": {"start": "09:00"}}
    [record] = out.records
    assert record["id"] and record["title"] == "Fix" and record["priority"] == 7


@pytest.mark.parametrize("priority", ["11", "-1", "2.5", "high"])
def test_create_job_rejects_bad_priority(executor: ZapierExecutor, model: Model, mock: MockServer, priority: str) -> None:
    out = run(executor, model, mock, "create_job", title="Fix", priority=priority)
    assert not out.ok and "Priority must be a whole number from 0 to 10." in (out.error or "")
    assert mock.requests() == []


def test_update_archive_delete(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    [seeded] = mock.seed("job", [job("x")])
    out = run(executor, model, mock, "update_job", id=seeded["id"], title="y", priority=3)
    assert out.ok and out.records[0]["title"] == "y"
    req = only(mock)
    assert (req.method, req.path, req.body) == ("PATCH", "/jobs", {"id": seeded["id"], "title": "y", "priority": 3})
    mock.clear_log()
    out = run(executor, model, mock, "archive_job", id=seeded["id"])
    assert out.ok and out.records[0]["id"] == seeded["id"] and out.records[0]["archived"] is True
    assert (only(mock).method, only(mock).path, only(mock).body) == ("POST", f"/jobs/{seeded['id']}/archive", None)
    mock.clear_log()
    out = run(executor, model, mock, "delete_job", id=seeded["id"])
    assert out.ok and len(out.records) == 1 and out.records[0]["id"] == seeded["id"]
    assert (only(mock).method, only(mock).path) == ("DELETE", f"/jobs/{seeded['id']}")


def test_searches_hit_and_miss(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    [seeded] = mock.seed("job", [job("x", externalId="EXT-1")])
    mock.seed(
        "member",
        [
            {"username": "ann@example.com", "email": "ann@example.com", "name": "Ann"},
            {"username": "annabel@example.com", "email": "annabel@example.com", "name": "Annabel"},
        ],
    )
    assert [r["id"] for r in run(executor, model, mock, "find_job", externalId="EXT-1").records] == [seeded["id"]]
    assert only(mock).query == {"externalId": ["EXT-1"], "includeArchived": ["true"], "limit": ["1"]}
    miss = run(executor, model, mock, "find_job", externalId="nope")
    assert miss.ok and miss.records == []
    assert [r["name"] for r in run(executor, model, mock, "find_member", query="Ann").records] == ["Ann"]
    assert mock.requests()[-1].query == {"query": ["Ann"], "max": ["50"]}
    assert run(executor, model, mock, "find_member", query="An").records == []  # contains-match only: not exact
    assert [r["id"] for r in run(executor, model, mock, "get_job", id=seeded["id"]).records] == [seeded["id"]]
    gone = run(executor, model, mock, "get_job", id="missing")
    assert gone.ok and gone.records == []


def test_dropdown_triggers(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("member", [{"username": "ann@example.com", "name": "Ann"}])
    mock.seed("job", [job("x")])
    assert [r["username"] for r in run(executor, model, mock, "list_members").records] == ["ann@example.com"]
    assert [r["title"] for r in run(executor, model, mock, "list_jobs").records] == ["x"]


@pytest.mark.parametrize("status", [400, 403, 500])
def test_errors_carry_api_message(executor: ZapierExecutor, model: Model, mock: MockServer, status: int) -> None:
    mock.fail_next(1, status)
    out = run(executor, model, mock, "find_job", externalId="x")
    assert not out.ok and out.status == status
    assert model.http.status(status).message in (out.error or "")  # type: ignore[union-attr]


def test_read_only_key_gets_forbidden_message(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    out = run(executor, model, mock, "create_job", api_key=mock.read_only_key, title="x")
    assert not out.ok and out.status == 403 and "read-only" in (out.error or "")


def test_rate_limit_throttles(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    mock.set_rate_limit(0, 60)
    out = run(executor, model, mock, "new_job")
    assert not out.ok and out.status == 429
    assert out.error == "ThrottledError: " + model.http.status(429).message  # type: ignore[union-attr]


def test_core_output_checks_are_on(model: Model, app_dir: Path, tmp_path: Path, harness: Path) -> None:
    # NODE_ENV=test makes core's output checks throw: a trigger whose records lack an id must fail, not pass quietly.
    shutil.copytree(app_dir, tmp_path, dirs_exist_ok=True)
    app = json.loads((tmp_path / "app-definition.json").read_text())
    (tmp_path / "triggers" / "new_job.js").write_text("module.exports = async () => [{ name: 'no id' }];\n")
    (tmp_path / "app-definition.json").write_text(json.dumps(app))
    ex = ZapierExecutor()
    ex.prepare(model, tmp_path)
    try:
        with MockServer(model) as mock:
            out = run(ex, model, mock, "new_job")
    finally:
        ex.close()
    assert not out.ok and "id" in (out.error or ""), out
    assert 'Got a result missing the "id" property' in (out.error or "") or "triggerHasId" in (out.error or ""), out.error
