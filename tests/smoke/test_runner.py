"""The smoke runner: real-API mode cleans up even on failure; several targets are compared request by request."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.smoke import executor as registry
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.python import PythonExecutor
from connector_gen.smoke.report import table
from connector_gen.smoke.runner import run_smoke

from .conftest import TickingMock


class _FailingDelete(PythonExecutor):
    """The reference executor, except that deleting reports a failure without sending anything."""

    name = "no-delete"

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        if call.operation.crud == "delete":
            return Outcome(ok=False, error="delete refused by the test")
        return super().run(model, call, endpoint)


class _StringNumbers(PythonExecutor):
    """Like a careless connector: sends integers as text, which the API happens to reject or accept."""

    name = "strings"

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        inputs: dict[str, Any] = {
            k: (str(v) if isinstance(v, int) and not isinstance(v, bool) else v) for k, v in call.inputs.items()
        }
        if call.operation.crud == "create":
            inputs["notes"] = "changed by the target"
        return super().run(model, Call(call.operation, inputs, call.state), endpoint)


class _Copy(PythonExecutor):
    name = "copy"


@pytest.fixture
def extra_executors() -> Iterator[None]:
    """Register test executors for one test only."""
    added = {"no-delete": _FailingDelete, "strings": _StringNumbers, "copy": _Copy}
    registry._REGISTRY.update(added)
    yield
    for name in added:
        registry._REGISTRY.pop(name, None)


def test_real_api_mode_tags_records_and_cleans_up_even_when_a_step_fails(model: Model, extra_executors: None) -> None:
    with TickingMock(model) as api:  # stands in for the real API: the runner does not know it is a mock
        api.seed_samples()
        before = api.records("job")
        report = run_smoke(model, ["no-delete", "python"], base_url=api.base_url, api_key=api.api_key, prefix="t1-")
        assert report.mode == "api" and not report.ok
        assert report.results[("delete_job", "no-delete")].result == "fail"
        assert report.results[("delete_job", "python")].result == "ok"
        assert all(r.result == "ok" for (s, t), r in report.results.items() if t == "python"), table(report)
        assert any("delete_job" in note and "done" in note for note in report.cleanup), report.cleanup
        assert api.records("job") == before, "every record the run created is gone, the account's own ones untouched"
        created = [r for r in api.requests() if r.method == "POST" and r.path == "/jobs"]
        assert {r.body["externalId"] for r in created} == {"t1-no-delete-1", "t1-python-1"}


def test_targets_are_compared_with_the_python_reference(model: Model, extra_executors: None) -> None:
    report = run_smoke(model, ["python", "copy", "strings"], dist=Path("dist"))
    assert all(r.result == "ok" for (s, t), r in report.results.items() if t in ("python", "copy")), table(report)
    create = report.results[("create_job", "strings")]
    assert create.result == "fail"
    assert any("requests differ from python" in d and "body" in d and "changed by the target" in d for d in create.detail)
    lines = table(report)
    assert lines[0].split() == ["step", "python", "copy", "strings"]
    assert lines[-1].startswith("smoke FAILED")


def test_an_executor_that_cannot_be_prepared_fails_every_step_with_the_reason(model: Model, extra_executors: None) -> None:
    class _Broken(PythonExecutor):
        name = "broken"

        def prepare(self, model: Model, dist: Path) -> None:
            raise RuntimeError(f"no artifact in {dist}")

    registry._REGISTRY["broken"] = _Broken
    try:
        report = run_smoke(model, ["broken"], dist=Path("nowhere"))
    finally:
        registry._REGISTRY.pop("broken", None)
    assert not report.ok
    assert all(r.result == "fail" and "no artifact in nowhere/broken" in r.detail[0] for r in report.results.values())
