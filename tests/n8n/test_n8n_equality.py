"""Issue check 5: for every operation n8n sends exactly the requests the reference `python` executor sends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Field, Model, Operation, values
from connector_gen.smoke.compare import diff_requests, normalise
from connector_gen.smoke.executor import Call, Endpoint, Executor, executors
from connector_gen.smoke.executors.n8n import N8nExecutor

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reference(model: Model) -> Iterator[Executor]:
    """The python executor every target is compared with."""
    ex = executors()["python"]()
    yield ex
    ex.close()


def example(model: Model, op: Operation, fld: Field) -> Any:
    """A value for a field: its example, the resource sample's value, or one typed default."""
    if fld.is_object:
        return {s.name: example(model, op, s) for s in fld.fields}
    sample = op.resource.sample.get(fld.name) if len(fld.path) == 1 else None
    value = fld.example if fld.example is not None else sample
    if value is None:
        value = values.example(fld) if fld.choices or fld.type in ("boolean", "datetime", "integer") else "x"
    return value


def full_inputs(model: Model, op: Operation) -> dict[str, Any]:
    """Every input filled in, ids pointing at the seeded sample."""
    inputs = {i.name: example(model, op, i.field) for i in op.inputs}
    if op.resource.id_field and op.resource.id_field in inputs:
        inputs[op.resource.id_field] = op.resource.sample[op.resource.id_field]
    return inputs


def requests_of(model: Model, ex: Executor, steps: list[Callable[[MockServer], Call | None]]) -> list[dict[str, Any]]:
    """Run `steps` (each may change the mock, then returns a Call or None) on a fresh mock; the normalised log."""
    with MockServer(model) as mock:
        mock.seed_samples()
        state: dict[str, Any] | None = None
        for step in steps:
            call = step(mock)
            if call is None:
                continue
            call.state = state
            outcome = ex.run(model, call, Endpoint.for_key(model, mock.base_url, mock.api_key))
            assert outcome.ok, f"{ex.name}: {call.operation.key}: {outcome.error}"
            state = outcome.state
        return normalise(mock.requests(), model)


def operations(model: Model) -> list[Operation]:
    return [op for op in model.operations if op.kind != "polling_trigger"]


def test_every_operation_sends_the_reference_requests(model: Model, reference: Executor, executor: N8nExecutor) -> None:
    checked = 0
    for op in operations(model):
        full = full_inputs(model, op)
        for inputs in ({k: v for k, v in full.items() if op.input(k).required}, full):
            steps: list[Callable[[MockServer], Call | None]] = [lambda _mock, op=op, inputs=inputs: Call(op, dict(inputs))]
            ref = requests_of(model, reference, steps)
            got = requests_of(model, executor, steps)
            assert ref, op.key
            assert diff_requests(ref, got) == [], f"{op.key} with {sorted(inputs)}"
            checked += 1
    assert checked == 2 * len(operations(model))


def test_paging_sends_the_reference_requests(model: Model, reference: Executor, executor: N8nExecutor) -> None:
    op = next(o for o in model.of_kind("list") if o.paginate)

    def seed_many(mock: MockServer) -> None:
        mock.seed(op.resource.key, [{op.resource.title_field or "name": f"r{i}"} for i in range(205)])

    steps: list[Callable[[MockServer], Call | None]] = [lambda mock: seed_many(mock), lambda _mock: Call(op, {})]
    ref = requests_of(model, reference, steps)
    assert len(ref) == 3
    assert diff_requests(ref, requests_of(model, executor, steps)) == []


@pytest.mark.parametrize("key", ["new_job", "updated_job", "completed_job"])
def test_trigger_polls_send_the_reference_requests(model: Model, reference: Executor, executor: N8nExecutor, key: str) -> None:
    op = model.operation(key)
    resource = op.resource

    def change(mock: MockServer, progress: str) -> None:
        mock.clock.advance(3000)
        mock.seed(resource.key, [{resource.title_field or "name": f"changed {progress}", "progress": progress}])

    steps: list[Callable[[MockServer], Call | None]] = [
        lambda _mock: Call(op, {}),
        lambda _mock: Call(op, {}),
        lambda mock: change(mock, "started"),
        lambda _mock: Call(op, {}),
        lambda mock: change(mock, "success"),
        lambda _mock: Call(op, {}),
    ]
    ref = requests_of(model, reference, steps)
    got = requests_of(model, executor, steps)
    assert len(ref) == 4 and op.trigger is not None
    assert all(r["query"][op.trigger.cursor_param] == ["<cursor>"] for r in ref)
    assert diff_requests(ref, got) == []
