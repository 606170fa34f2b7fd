"""Smoke holds every request a platform sent to the request summary (smoke/conformance.py): a summary that disagrees
fails the step with a clear message, the real run passes (the Node targets: `connector-gen smoke --target all`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.model.requests import REFERENCE, Dialect, RequestSummary, summaries
from connector_gen.pipeline import load_model
from connector_gen.smoke import conformance
from connector_gen.smoke.compare import CURSOR
from connector_gen.smoke.runner import run_smoke

ROOT = Path(__file__).resolve().parents[2]


def _by(model: Model) -> dict[str, RequestSummary]:
    return {s.operation: s for s in summaries(model)}


def _request(method: str, path: str, query: dict[str, list[str]] | None = None, body: Any = None) -> dict[str, Any]:
    return {"method": method, "path": path, "query": query or {}, "headers": {}, "credentials": {}, "body": body, "auth": "valid"}


def test_the_real_run_matches_the_summary(model: Model) -> None:
    report = run_smoke(model, ["python"])
    assert report.ok, [r.detail for r in report.results.values() if r.result != "ok"]


def test_the_second_api_matches_the_summary() -> None:
    desk = load_model(ROOT / "tests" / "specs" / "desk" / "desk.yaml", "desk.yaml")
    report = run_smoke(desk, ["python"])
    assert report.ok, [r.detail for r in report.results.values() if r.result != "ok"]


def test_a_summary_that_disagrees_fails_the_run(model: Model) -> None:
    expected = _by(model)
    create = expected["create_job"]
    expected["create_job"] = dataclasses.replace(create, method="PUT", body=create.body[1:])
    expected["find_job"] = dataclasses.replace(expected["find_job"], fixed_query=(("includeArchived", False), ("limit", 1)))
    report = run_smoke(model, ["python"], expected=expected)
    assert not report.ok
    failed = {step: r.detail for (step, _), r in report.results.items() if r.result == "fail"}
    assert set(failed) == {"create_job", "find_job", "find_job (miss)"}
    create_detail = "\n".join(failed["create_job"])
    assert "request differs from the summary: request 1 (POST /jobs): method is POST, the summary says PUT" in create_detail
    assert "sends body field(s) title, which the summary does not list (see create_job in REVIEW.md)" in create_detail
    assert "fixed query includeArchived=false is ['true']" in "\n".join(failed["find_job"])


def test_query_names_values_and_cursor(model: Model) -> None:
    s = _by(model)["find_job"]
    ok = _request("GET", "/jobs", {"includeArchived": ["true"], "limit": ["1"], "externalId": ["X-1"]})
    assert conformance.problems(model, s, REFERENCE, [ok], {"externalId": "X-1"}) == []
    wrong = _request("GET", "/jobs", {"includeArchived": ["true"], "limit": ["1"], "externalId": ["x-1"], "q": ["a"]})
    found = conformance.problems(model, s, REFERENCE, [wrong], {"externalId": "X-1"})
    assert any("sends query parameter(s) q, which the summary does not list" in f for f in found)
    assert any("query externalId is ['x-1'], the plan gave 'X-1'" in f for f in found)
    trigger = _by(model)["new_job"]
    polled = {"includeArchived": ["true"], "limit": ["100"]}
    good = _request("GET", "/jobs", {**polled, "createdSince": [CURSOR]})
    bad = _request("GET", "/jobs", {**polled, "createdSince": ["<cursor not in epoch ms: '2026-01-01'>"]})
    assert conformance.problems(model, trigger, REFERENCE, [good], {}) == []
    assert any("since-cursor createdSince" in f for f in conformance.problems(model, trigger, REFERENCE, [bad], {}))


def test_path_method_and_body(model: Model) -> None:
    by = _by(model)
    archive = by["archive_job"]
    assert conformance.problems(model, archive, REFERENCE, [_request("POST", "/jobs/7/archive")], {"id": 7}) == []
    found = conformance.problems(model, archive, REFERENCE, [_request("POST", "/jobs/8/archive", body={"x": 1})], {"id": 7})
    assert any("path parameter {id} is '8', the plan gave '7'" in f for f in found)
    assert any("sends a body {'x': 1}; the summary says no body" in f for f in found)
    wrong_path = conformance.problems(model, archive, REFERENCE, [_request("POST", "/jobs/7")], {"id": 7})
    assert wrong_path and "path is /jobs/7, the summary says /jobs/{id}/archive" in wrong_path[0]
    create = by["create_job"]
    body = {"title": "T", "priority": 3}
    assert (
        conformance.problems(model, create, REFERENCE, [_request("POST", "/jobs", body=body)], {"title": "T", "priority": "3"})
        == []
    )
    found = conformance.problems(model, create, REFERENCE, [_request("POST", "/jobs", body={"form": body})], {"title": "T"})
    assert found and "sends a form body; the summary says json" in found[0]
    found = conformance.problems(model, create, REFERENCE, [_request("POST", "/jobs", body={"title": "U"})], {"title": "T"})
    assert any("body field title is 'U', the plan gave 'T'" in f for f in found)


def test_a_platform_that_leaves_advanced_inputs_out(model: Model) -> None:
    lean = Dialect("lean", since="state", advanced="left_out")
    create = _by(model)["create_job"]
    sent = _request("POST", "/jobs", body={"title": "T", "placeId": "p"})
    assert conformance.problems(model, create, REFERENCE, [sent], {"title": "T", "placeId": "p"}) == []
    found = conformance.problems(model, create, lean, [sent], {"title": "T", "placeId": "p"})
    assert any("sends body field(s) placeId" in f for f in found)


def test_form_and_wrapped_bodies_and_token_requests() -> None:
    stripe = load_model(ROOT / "tests" / "apis" / "stripe" / "spec.yaml", "spec.yaml")
    create = _by(stripe)["create_customer"]
    sent = _request("POST", "/customers", body={"form": {"email": "a@b.co"}})
    assert conformance.problems(stripe, create, REFERENCE, [sent], {"email": "a@b.co"}) == []
    json_sent = _request("POST", "/customers", body={"email": "a@b.co"})
    assert "sends a JSON body; the summary says form" in conformance.problems(stripe, create, REFERENCE, [json_sent], {})[0]
    shopify = load_model(ROOT / "tests" / "apis" / "shopify" / "spec.yaml", "spec.yaml")
    wrapped = _by(shopify)["create_customer"]
    good = _request("POST", "/customers.json", body={"customer": {"email": "a@b.co"}})
    assert conformance.problems(shopify, wrapped, REFERENCE, [good], {"email": "a@b.co"}) == []
    flat = _request("POST", "/customers.json", body={"email": "a@b.co"})
    assert any("sends body field(s) email" in f for f in conformance.problems(shopify, wrapped, REFERENCE, [flat], {}))
    token = {"method": "POST", "path": "/oauth/token", "query": {}, "credentials": {}, "body": {}}  # no "auth": skipped
    assert conformance.problems(shopify, wrapped, REFERENCE, [token], {}) == []


@pytest.mark.parametrize("name", ["python", "zapier", "make", "n8n"])
def test_each_executor_is_held_to_its_own_dialect(name: str) -> None:
    from connector_gen.render import targets

    expected = targets()[name].requests if name in targets() else REFERENCE
    assert conformance.dialect(name) == expected


def test_a_miss_is_an_error_where_the_dialect_says_so() -> None:
    from connector_gen.render import targets
    from connector_gen.smoke.executor import executors

    for name, executor in executors().items():
        assert getattr(executor, "miss_is_error", False) == conformance.dialect(name).miss_is_error, name
    assert targets()["make"].requests.miss_is_error
