"""Smoke on the shapes of issue 13: checks know arrays, maps, typed choices and ISO companions and tolerate undeclared
fields; the plan fills every new input type and runs actions beyond CRUD; compare reads form bodies as data."""

from __future__ import annotations

from typing import Any

import pytest

from connector_gen.mock import RecordedRequest
from connector_gen.model import Model
from connector_gen.model.encoding import form_text
from connector_gen.pipeline import load_model
from connector_gen.smoke.checks import outcome_problems, record_problems, undeclared_fields
from connector_gen.smoke.compare import CURSOR, diff_requests, normalise
from connector_gen.smoke.executor import Outcome
from connector_gen.smoke.plan import Expect, Ref, build_plan
from connector_gen.smoke.runner import SmokeReport, StepResult, compare_targets

from ..conftest import ROOT

SHAPES = ROOT / "tests" / "specs" / "shapes" / "shapes.yaml"
RECORD = {
    "id": 1001,
    "number": "SO-1",
    "status": 2,
    "tags": ["gift"],
    "line_items": [{"sku": "MUG-1", "quantity": 2, "price": 9.5}],
    "metadata": {"channel": "web"},
    "created": 1777540000,
    "created_iso": "2026-04-30T09:06:40.000Z",
    "updated_at": "2026-04-30T09:07:40.000Z",
}


@pytest.fixture(scope="module")
def shapes() -> Model:
    """The Shapely model (no target checks)."""
    return load_model(SHAPES, "tests/specs/shapes/shapes.yaml", names=())


def test_a_record_of_every_new_type_has_no_problem_and_extra_fields_are_only_noted(shapes: Model) -> None:
    order = shapes.resource("order")
    assert record_problems(order, {**RECORD, "score": 3}) == []
    assert undeclared_fields(order, [{**RECORD, "score": 3}]) == ["score"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": "2"}, "'status' should be one of 1, 2, 3"),
        ({"tags": "gift"}, "'tags' should be a list of string"),
        ({"line_items": [{"sku": "MUG-1", "quantity": "2"}]}, "'line_items.0.quantity' should be integer"),
        ({"metadata": ["web"]}, "'metadata' should be map"),
        ({"created": "1777540000"}, "'created' should be datetime (epoch_s)"),
        ({"created_iso": "2026-04-30T09:06:40Z"}, "'created_iso' is '2026-04-30T09:06:40Z', expected '2026-04-30T09:06:40.000Z'"),
    ],
)
def test_checks_know_the_new_types(shapes: Model, change: dict[str, Any], problem: str) -> None:
    found = record_problems(shapes.resource("order"), {**RECORD, **change})
    assert found[0].startswith(problem), found


def test_the_plan_fills_new_inputs_in_the_users_form_and_closes_the_created_record(shapes: Model) -> None:
    plan = build_plan(shapes, "pre-", mock=True)
    create = plan.step("create_order")
    assert create.inputs["tags"] == ["gift", "express"] and create.inputs["metadata"] == {"channel": "web"}
    assert create.inputs["status"] == 1 and create.inputs["line_items"] == [{"sku": "MUG-1", "quantity": 2, "price": 9.5}]
    assert create.inputs["deliver_at"] == "2026-06-01T09:30:00.000Z"  # ISO text, as a user gives it
    assert create.expect.values["deliver_at"] == "2026-06-01T09:30:00.000Z"  # as the API echoes it
    close, delete = plan.step("close_order"), plan.step("delete_order")
    me = Ref("create_order", "id")
    assert close.inputs == {"id": me} and close.expect.values == {"id": me, "success": True}
    assert delete.expect.values == {"id": me, "deleted": True} and not delete.expect.answer_is_record
    ops = [s.id for s in plan.steps]
    assert ops.index("update_order") < ops.index("close_order") < ops.index("delete_order")


def test_an_empty_answer_must_hand_on_the_id_and_the_flag(shapes: Model) -> None:
    op = shapes.operation("close_order")
    expect = Expect(min_records=1, max_records=1, values={"id": 1001, "success": True}, answer_is_record=False)
    assert outcome_problems(op, expect, Outcome(True, [{"id": 1001, "success": True}], status=204)) == []
    (problem,) = outcome_problems(op, expect, Outcome(True, [{"id": "1001", "success": True}], status=204))
    assert "'id' is '1001', expected 1001" in problem


def _req(body: Any, content_type: str) -> RecordedRequest:
    headers = {"content-type": content_type, "authorization": "<redacted>"}
    return RecordedRequest("POST", "/orders", {}, headers, body, "valid")  # type: ignore[arg-type]


def test_form_bodies_compare_as_data_whatever_the_order_of_their_fields(shapes: Model) -> None:
    form = "application/x-www-form-urlencoded"
    a = {"source": "connector", "number": "SO-1", "tags": ["a", "b"], "customer": {"name": "Ada"}}
    b = {"customer": {"name": "Ada"}, "tags": ["a", "b"], "number": "SO-1", "source": "connector"}
    ref = normalise([_req(form_text(a), form)], shapes)
    assert diff_requests(ref, normalise([_req(form_text(b), form)], shapes)) == []
    swapped = normalise([_req(form_text({**a, "tags": ["b", "a"]}), form)], shapes)
    assert diff_requests(ref, swapped)  # the order within a list is the API's to read
    as_json = normalise([_req(a, "application/json")], shapes)
    assert diff_requests(ref, as_json)  # JSON where the API takes a form is a difference


def test_a_cursor_in_epoch_seconds_is_a_placeholder(shapes: Model) -> None:
    import dataclasses

    from connector_gen.model import Trigger

    listing = shapes.operation("list_orders")
    trig = Trigger("created[gte]", "created", ("id",), None, 100, "unordered", pointer="")
    model = dataclasses.replace(shapes, operations=(dataclasses.replace(listing, kind="polling_trigger", trigger=trig),))
    req = RecordedRequest("GET", "/orders", {"created[gte]": ["1777540000"]}, {}, None, "valid")  # type: ignore[arg-type]
    assert normalise([req], model)[0]["query"]["created[gte]"] == [CURSOR]
    bad = RecordedRequest("GET", "/orders", {"created[gte]": ["soon"]}, {}, None, "valid")  # type: ignore[arg-type]
    assert "not in epoch s" in normalise([bad], model)[0]["query"]["created[gte]"][0]


def test_what_an_empty_answer_hands_on_is_compared_across_targets() -> None:
    report = SmokeReport("mock", ["python", "zapier"], [("close_order", "close_order")])
    report.results[("close_order", "python")] = StepResult("close_order", "close_order", "python", "ok", handed_on=[{"id": 1}])
    other = StepResult("close_order", "close_order", "zapier", "ok", handed_on=[{"id": 1, "success": True}])
    report.results[("close_order", "zapier")] = other
    compare_targets(report)
    assert other.result == "fail" and "handed on" in other.detail[0]
