"""Every operation of the generated package run by n8n's own engine (n8n-core) against the embedded mock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor, case_of

pytestmark = pytest.mark.slow


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    """A fresh mock holding each resource's sample."""
    with MockServer(model) as server:
        server.seed_samples()
        yield server


def run(executor: N8nExecutor, model: Model, mock: MockServer, key: str, inputs: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """Run operation `key` with `inputs` (plus raw parameter overrides) through the harness."""
    case = case_of(model, Call(model.operation(key), inputs))
    case.setdefault("parameters", {}).update(extra)
    return executor.raw(model, case, Endpoint.for_key(model, mock.base_url, mock.api_key))


def job_id(model: Model) -> str:
    return str(model.resource("job").sample["id"])


def test_create_sends_nested_objects_and_only_given_fields(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    inputs = {"title": "Fix lights", "contact": {"name": "Ann", "phone": "+14155550100"}, "timeWindow": {"start": "09:00"}}
    inputs |= {"assigneeUsername": "worker@example.com", "priority": 3}
    answer = run(executor, model, mock, "create_job", inputs)
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert (req.method, req.path, req.query, req.auth) == ("POST", "/jobs", {}, "valid")
    assert req.headers[model.auth.headers[0].name.lower()] == "<redacted>"  # the key travelled in the API-Key header
    assert req.body == {
        "title": "Fix lights",
        "contact": {"name": "Ann", "phone": "+14155550100"},
        "timeWindow": {"start": "09:00"},
        "assigneeUsername": "worker@example.com",
        "priority": 3,
    }
    [item] = answer["items"]  # data.items unwrapped into one n8n item
    assert item["title"] == "Fix lights" and item["id"]
    assert answer["sent"][0]["baseURL"] == model.app.base_url  # production URL before the harness's redirect


def test_fields_added_but_left_empty_are_not_sent(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    extra = {"notes": "", "contactName": " ", "contactEmail": "ann@example.com", "timeWindowStart": ""}
    answer = run(executor, model, mock, "create_job", {"title": "T"}, additionalFields=extra)
    assert answer["ok"], answer["error"]
    assert mock.requests()[0].body == {"title": "T", "contact": {"email": "ann@example.com"}}


def test_update_patches_with_id_in_body(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    answer = run(executor, model, mock, "update_job", {"id": job_id(model), "notes": "Bring a ladder"})
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert (req.method, req.path, req.body) == ("PATCH", "/jobs", {"id": job_id(model), "notes": "Bring a ladder"})
    assert answer["items"][0]["notes"] == "Bring a ladder"


@pytest.mark.parametrize(
    ("key", "method", "suffix"), [("archive_job", "POST", "/archive"), ("delete_job", "DELETE", ""), ("get_job", "GET", "")]
)
def test_id_operations_put_the_id_in_the_path(
    executor: N8nExecutor, model: Model, mock: MockServer, key: str, method: str, suffix: str
) -> None:
    answer = run(executor, model, mock, key, {"id": job_id(model)})
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert (req.method, req.path, req.query) == (method, f"/jobs/{job_id(model)}{suffix}", {})
    assert req.body in (None, {}, "")
    assert [i["id"] for i in answer["items"]] == [job_id(model)]


def test_get_of_a_missing_id_is_no_result_not_an_error(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    answer = run(executor, model, mock, "get_job", {"id": "no-such-id"})
    assert answer["ok"] and answer["items"] == []
    assert [r.path for r in mock.requests()] == ["/jobs/no-such-id"]


def test_find_by_external_id_and_find_member(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    sample = model.resource("job").sample
    found = run(executor, model, mock, "find_job", {"externalId": sample["externalId"]})
    assert [i["id"] for i in found["items"]] == [sample["id"]]
    member = model.resource("member").sample
    exact = run(executor, model, mock, "find_member", {"query": member["email"]})
    loose = run(executor, model, mock, "find_member", {"query": member["email"][:4]})  # API matches, exact filter drops
    assert [i["id"] for i in exact["items"]] == [member["id"]] and loose["items"] == []
    queries = [(r.path, r.query) for r in mock.requests()]
    assert queries[0] == ("/jobs", {"includeArchived": ["true"], "limit": ["1"], "externalId": [sample["externalId"]]})
    assert queries[1] == ("/members", {"max": ["50"], "query": [member["email"]]})


def test_get_many_returns_all_pages_with_offset_paging(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("job", [{"title": f"Job {i}"} for i in range(230)])
    answer = run(executor, model, mock, "list_jobs", {})
    assert answer["ok"], answer["error"]
    assert len(answer["items"]) == 231 and len({i["id"] for i in answer["items"]}) == 231
    assert [r.query for r in mock.requests()] == [
        {"limit": ["100"]},
        {"limit": ["100"], "skip": ["100"]},
        {"limit": ["100"], "skip": ["200"]},
    ]
    mock.clear_log()
    limited = run(executor, model, mock, "list_jobs", {}, returnAll=False, limit=5)
    assert len(limited["items"]) == 5
    filtered = run(executor, model, mock, "list_jobs", {"progress": "scheduled"}, returnAll=False, limit=5)
    assert [i["progress"] for i in filtered["items"]] == ["scheduled"]  # only the sample is scheduled
    assert [r.query for r in mock.requests()] == [{"limit": ["5"]}, {"progress": ["scheduled"], "limit": ["5"]}]


def test_dropdown_searches(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    member = model.resource("member").sample
    case = {"kind": "listSearch", "node": "hellotracks", "method": "searchMembers", "filter": "work", "parameters": {}}
    members = executor.raw(model, case, Endpoint.for_key(model, mock.base_url, mock.api_key))
    assert members["items"] == [{"name": member["name"], "value": member["username"]}]
    assert mock.requests()[0].query == {"max": ["50"], "query": ["work"]}
    job = model.resource("job").sample
    hit = executor.raw(
        model,
        {**case, "method": "searchJobs", "filter": job["title"][:8].lower()},
        Endpoint.for_key(model, mock.base_url, mock.api_key),
    )
    miss = executor.raw(
        model, {**case, "method": "searchJobs", "filter": "zzz-nothing"}, Endpoint.for_key(model, mock.base_url, mock.api_key)
    )
    assert hit["items"] == [{"name": job["title"], "value": job["id"]}] and miss["items"] == []


def test_credential_test_passes_and_fails(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    case = case_of(model, Call(model.auth_test))
    good = executor.raw(model, case, Endpoint.for_key(model, mock.base_url, mock.api_key))
    bad = executor.raw(model, case, Endpoint.for_key(model, mock.base_url, "wrong-key"))
    assert good["ok"] and good["sent"][0]["url"] == model.auth_test.request.path
    assert not bad["ok"] and bad["error"]["httpCode"] == "401"
    status = model.http.status(401)
    assert status is not None and status.message in bad["error"]["description"]
    assert "wrong-key" not in str(bad)


@pytest.mark.parametrize("code", [400, 401, 429, 500])
def test_api_errors_surface_error_message(executor: N8nExecutor, model: Model, mock: MockServer, code: int) -> None:
    key = mock.api_key
    if code == 401:
        key = "wrong-key"
    elif code == 429:
        mock.set_rate_limit(0, 60)
    else:
        mock.fail_next(1, status=code)
    call = Call(model.operation("create_job"), {"title": "x"})
    outcome = executor.run(model, call, Endpoint.for_key(model, mock.base_url, key))
    status = model.http.status(code)
    assert status is not None
    assert not outcome.ok and outcome.status == code
    assert outcome.error is not None and status.message in outcome.error
    assert key not in outcome.error  # the API key never shows in error text


def test_missing_required_field_stops_before_any_request(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    answer = run(executor, model, mock, "create_job", {"notes": "no title"})
    assert not answer["ok"] and "Title" in answer["error"]["message"]
    assert mock.requests() == []


def poll(
    executor: N8nExecutor, model: Model, mock: MockServer, key: str, state: dict[str, Any] | None
) -> tuple[list[str], dict[str, Any]]:
    outcome = executor.run(model, Call(model.operation(key), {}, state), Endpoint.for_key(model, mock.base_url, mock.api_key))
    assert outcome.ok, outcome.error
    assert outcome.state is not None
    return [str(r["id"]) for r in outcome.records], outcome.state


def test_triggers_emit_each_event_once_across_polls(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    sample = job_id(model)
    new, new_state = poll(executor, model, mock, "new_job", None)
    upd, upd_state = poll(executor, model, mock, "updated_job", None)
    done, done_state = poll(executor, model, mock, "completed_job", None)
    # Activation only takes note of what exists: nothing fires for records older than the workflow.
    assert (new, upd, done) == ([], [], [])
    assert [ident for ident, _ in new_state["emitted"]] == [json.dumps([sample])]
    assert done_state["emitted"] == []  # a record not yet completed is remembered only once it fires
    cursor = new_state["cursor"]
    assert cursor > 0
    mock.clock.advance(5000)
    [created] = mock.seed("job", [{"title": "Fresh"}])
    mock.clock.advance(5000)
    [finished] = mock.seed("job", [{"title": "Finished", "progress": "success"}])
    new, new_state = poll(executor, model, mock, "new_job", new_state)
    assert sorted(new) == sorted([str(created["id"]), str(finished["id"])]) and new_state["cursor"] > cursor
    assert poll(executor, model, mock, "new_job", new_state)[0] == []
    upd, upd_state = poll(executor, model, mock, "updated_job", upd_state)
    assert sorted(upd) == sorted([str(created["id"]), str(finished["id"])])
    done, done_state = poll(executor, model, mock, "completed_job", done_state)
    assert done == [str(finished["id"])]
    mock.clock.advance(5000)
    executor.run(
        model,
        Call(model.operation("update_job"), {"id": str(created["id"]), "notes": "changed"}),
        Endpoint.for_key(model, mock.base_url, mock.api_key),
    )
    assert poll(executor, model, mock, "updated_job", upd_state)[0] == [str(created["id"])]  # every update fires once
    assert poll(executor, model, mock, "completed_job", done_state)[0] == []
    cursor_requests = [r.query for r in mock.requests() if r.method == "GET"]
    assert all(q["includeArchived"] == ["true"] and q["limit"] == ["100"] for q in cursor_requests)
    assert all(("createdSince" in q) != ("updatedSince" in q) for q in cursor_requests)


def test_manual_fetch_test_event_returns_one_sample(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    mock.seed("job", [{"title": "Another"}])
    case = case_of(model, Call(model.operation("new_job"), {}))
    answer = executor.raw(model, {**case, "mode": "manual"}, Endpoint.for_key(model, mock.base_url, mock.api_key))
    assert answer["ok"] and len(answer["items"]) == 1 and answer["staticData"] == {}


def test_trigger_api_error_is_a_node_api_error(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    mock.fail_next(1, status=500)
    outcome = executor.run(
        model, Call(model.operation("new_job"), {}, None), Endpoint.for_key(model, mock.base_url, mock.api_key)
    )
    status = model.http.status(500)
    assert status is not None and not outcome.ok and outcome.error and status.message in outcome.error
