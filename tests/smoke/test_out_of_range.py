"""The out-of-range step: every executor must refuse a number outside its field's range before sending anything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from connector_gen.model import Model
from connector_gen.runtime import ApiError
from connector_gen.runtime.request import HttpCall, build
from connector_gen.smoke import executor as registry
from connector_gen.smoke.checks import outcome_problems
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.python import PythonExecutor
from connector_gen.smoke.plan import Ref, build_plan
from connector_gen.smoke.report import table
from connector_gen.smoke.runner import run_smoke

STEP = "update_job (out of range)"


class _SendsAnyway(PythonExecutor):
    """Like a connector that only limits its editor: the out-of-range value goes out and the API refuses it."""

    name = "sends-anyway"

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        if call.inputs.get("priority") != 11:
            return super().run(model, call, endpoint)
        ok = build(call.operation, {k: v for k, v in call.inputs.items() if k != "priority"})
        try:
            self._client(model, endpoint).send(HttpCall(ok.method, ok.path, ok.query, {**(ok.body or {}), "priority": 11}))
        except ApiError as exc:
            return Outcome(ok=False, error=str(exc), status=exc.status)
        return Outcome(ok=True, records=[])


@pytest.fixture
def sloppy() -> Iterator[None]:
    registry._REGISTRY["sends-anyway"] = _SendsAnyway
    yield
    registry._REGISTRY.pop("sends-anyway", None)


def test_the_plan_updates_the_created_record_with_a_value_above_the_maximum(model: Model) -> None:
    step = build_plan(model, "p-").step(STEP)
    assert step.operation.key == "update_job"
    assert step.inputs == {"id": Ref("create_job", "id"), "priority": 11}
    assert step.expect.refuse is not None and step.expect.refuse.bound == "10"
    assert "Priority" in step.expect.refuse.names


@pytest.mark.parametrize(
    ("outcome", "wanted"),
    [
        (Outcome(ok=False, error="Priority must be a whole number from 0 to 10."), []),
        (Outcome(ok=False, error="BundleValidationError: Parameter 'priority' must be at most 10."), []),
        (Outcome(ok=True, records=[{"id": "x"}]), ["an out-of-range input was accepted"]),
        (Outcome(ok=False, error="Something went wrong"), ["does not name the field", "does not name the allowed range"]),
    ],
)
def test_a_refusal_names_the_field_and_its_range(model: Model, outcome: Outcome, wanted: list[str]) -> None:
    step = build_plan(model, "p-").step(STEP)
    problems = outcome_problems(step.operation, step.expect, outcome)
    assert len(problems) == len(wanted) and all(w in p for w, p in zip(wanted, problems, strict=True)), problems


def test_a_request_that_reaches_the_api_fails_the_step(model: Model, sloppy: None) -> None:
    report = run_smoke(model, ["python", "sends-anyway"])
    assert report.results[(STEP, "python")].result == "ok", table(report)
    assert report.results[(STEP, "python")].requests == []
    sloppy_result = report.results[(STEP, "sends-anyway")]
    assert sloppy_result.result == "fail"
    assert any("reached the API" in d for d in sloppy_result.detail), sloppy_result.detail
