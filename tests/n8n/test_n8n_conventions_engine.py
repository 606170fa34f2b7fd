"""Issue 15 in n8n's own engine (n8n-core) against the embedded mock: Delete, Simplify, dates, caseless matching."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor, case_of
from connector_gen.targets.n8n.conventions import credential_name, package_name
from connector_gen.targets.n8n.workflow import example_workflow

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
    answer = executor.raw(model, case, Endpoint.for_key(model, mock.base_url, mock.api_key))
    assert answer["ok"], answer["error"]
    return answer


def test_delete_hands_on_deleted_true(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    job = str(model.resource("job").sample["id"])
    answer = run(executor, model, mock, "delete_job", {"id": job})
    assert answer["items"] == [{"id": job, "deleted": True}]
    assert [(r.method, r.path) for r in mock.requests()] == [("DELETE", f"/jobs/{job}")]


def test_simplify_is_on_by_default_and_keeps_at_most_ten_keys(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    job = str(model.resource("job").sample["id"])
    params = case_of(model, Call(model.operation("get_job"), {"id": job}))["parameters"]
    del params["simplify"]  # as the editor adds the node: Simplify at its default
    answer = executor.raw(
        model,
        {**case_of(model, Call(model.operation("get_job"), {"id": job})), "parameters": params},
        Endpoint.for_key(model, mock.base_url, mock.api_key),
    )
    assert answer["ok"], answer["error"]
    [item] = answer["items"]
    assert list(item)[:2] == ["id", "title"] and len(item) <= 10 and item["id"] == job
    raw = run(executor, model, mock, "get_job", {"id": job}, simplify=False)["items"][0]
    assert len(raw) > 10 and "createdAtIso" in raw and set(item) < set(raw)
    listed = run(executor, model, mock, "list_jobs", {}, simplify=True)["items"]
    assert listed and all(len(i) <= 10 for i in listed)


def test_a_picked_date_reaches_the_api_as_its_calendar_day(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    # n8n's dateTime picker holds the day's midnight in the workflow's time zone without an offset; an expression
    # may give one with an offset east of UTC: the API gets the day picked, never the UTC day before
    for picked in ("2026-05-10T00:00:00", "2026-05-10T00:30:00+02:00", "2026-05-10"):
        mock.clear_log()
        run(executor, model, mock, "create_job", {"title": "T"}, additionalFields={"date": picked})
        assert mock.requests()[0].body == {"title": "T", "date": "2026-05-10"}, picked
    case = case_of(model, Call(model.operation("create_job"), {"title": "T"}))
    case["parameters"]["additionalFields"] = {"date": "May 10"}
    refused = executor.raw(model, case, Endpoint.for_key(model, mock.base_url, mock.api_key))
    assert not refused["ok"] and "Date must be a date (YYYY-MM-DD" in refused["error"]["message"]


def test_a_picked_date_time_filter_reaches_the_api_as_epoch_ms(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    run(executor, model, mock, "list_jobs", {}, filters={"createdSince": "2026-05-10T09:00:00"}, returnAll=False, limit=5)
    [req] = mock.requests()
    assert req.query["createdSince"] == ["1778403600000"]  # 2026-05-10T09:00:00Z in epoch milliseconds, as the API takes


def test_search_matches_exactly_but_trimmed_and_caseless(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    member = model.resource("member").sample
    for typed in (member["email"].upper(), member["name"].lower()):
        found = run(executor, model, mock, "find_member", {"query": typed})["items"]
        assert [i["id"] for i in found] == [member["id"]], typed
    # the id is case-sensitive (Search.exact_rules): its upper-case text is another member's id
    assert run(executor, model, mock, "find_member", {"query": str(member["id"]).upper()})["items"] == []


def test_advanced_inputs_sit_in_the_optional_collection(model: Model, n8n_files: dict[str, str]) -> None:
    advanced = [i for op in model.operations for i in op.inputs if i.advanced]
    assert advanced  # Place ID
    for key in ("create_job", "update_job"):
        text = "\n".join(t for p, t in n8n_files.items() if p.endswith(f"/job/{key.split('_')[0]}.ts"))
        collection = text[text.index("type: 'collection'") :]
        assert "name: 'placeId'" in collection and "name: 'placeId'" not in text[: text.index("type: 'collection'")]


def test_the_credential_works_in_the_http_request_node(executor: N8nExecutor, model: Model, mock: MockServer) -> None:
    endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key)
    case = {"kind": "httpRequest", "credential": credential_name(model), "method": "GET", "url": f"{model.app.base_url}/jobs"}
    answer = executor.raw(model, case, endpoint)
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert (req.method, req.path, req.auth) == ("GET", "/jobs", "valid")  # the API-Key header the credential adds
    assert answer["items"][0]["data"]["items"]
    wrong = executor.raw(model, case, Endpoint.for_key(model, mock.base_url, "not-the-key"))
    assert not wrong["ok"] and wrong["error"]["httpCode"] == "401"


def test_the_readme_example_workflow_runs_node_by_node(
    executor: N8nExecutor, model: Model, mock: MockServer, n8n_files: dict[str, str]
) -> None:
    readme = n8n_files["README.md"]
    shown = json.loads(readme.split("## Example workflow")[1].split("```json\n")[1].split("\n```")[0])
    assert shown == example_workflow(model)
    by_name = {n["name"]: n for n in shown["nodes"]}
    order, name = [], next(n["name"] for n in shown["nodes"] if n["type"].endswith("manualTrigger"))
    while name in shown["connections"]:
        name = shown["connections"][name]["main"][0][0]["node"]
        order.append(by_name[name])
    endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key)
    items: list[dict[str, Any]] = [{}]
    for node in order:  # each node as n8n-core runs it, fed the previous node's items
        assert node["type"] == f"{package_name(model)}.{model.app.names.camel}"  # the pinned (live) package
        answer = executor.raw(
            model, {"kind": "action", "node": model.app.names.camel, "parameters": node["parameters"], "input": items}, endpoint
        )
        assert answer["ok"], (node["name"], answer["error"])
        items = answer["items"]
    created = mock.requests()[0]
    assert (created.method, created.path) == ("POST", "/jobs")
    assert [(r.method, r.path) for r in mock.requests()[1:]] == [("GET", f"/jobs/{items[0]['id']}")]
    assert items[0]["title"] == created.body["title"]
