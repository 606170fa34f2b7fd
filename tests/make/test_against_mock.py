"""Checks 3 and 4: the app's IML runs against the embedded mock, and sends exactly the python target's requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connector_gen.make_engine.app import MakeApp, MakeError
from connector_gen.mock import MockServer
from connector_gen.model import Field, Model, Operation
from connector_gen.smoke.compare import diff_requests, normalise
from connector_gen.smoke.executor import Call, Endpoint, Outcome, executors
from connector_gen.smoke.executors.make import MakeExecutor

_BY_TYPE: dict[str, Any] = {
    "string": "smoke",
    "email": "a@example.com",
    "phone": "+14155550100",
    "date": "2026-05-10",
    "time": "09:00",
    "integer": 3,
    "number": 1.5,
    "boolean": True,
    "datetime": 1_777_000_000_000,  # every datetime of the first API is epoch ms
}


def example(fld: Field, sample: dict[str, Any]) -> Any:
    """A value for a field: its example, the sample's value, its first choice, or one by type."""
    if fld.is_object:
        return {sub.name: example(sub, {}) for sub in fld.fields}
    for value in (fld.example, sample.get(fld.name) if len(fld.path) == 1 else None, fld.choices[0] if fld.choices else None):
        if value is not None:
            return value
    if fld.is_epoch:  # the model has no timestamp_ms type any more: epoch ms is a datetime's format
        return _BY_TYPE["datetime"]
    return _BY_TYPE[fld.type]


def inputs_for(op: Operation) -> dict[str, Any]:
    """Every input filled (optional ones too), ids pointing at the seeded sample record."""
    res = op.resource
    found = {}
    for inp in op.inputs:
        if inp.name == res.id_field:
            found[inp.name] = res.sample[res.id_field]
        else:
            found[inp.name] = example(inp.field, res.sample)
    return found


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    with MockServer(model) as server:
        server.seed_samples()
        yield server


def run(model: Model, name: str, app_dir: Path, call: Call, mock: MockServer, key: str | None = None) -> Outcome:
    executor = executors()[name]()
    executor.prepare(model, app_dir.parent / name if name != "make" else app_dir)
    try:
        return executor.run(model, call, Endpoint.for_key(model, mock.base_url, key or mock.api_key, mock.clock_url))
    finally:
        executor.close()


def both(model: Model, app_dir: Path, call: Call, make_inputs: dict[str, Any] | None = None, seed: int = 0) -> tuple[Any, ...]:
    """Run `call` through python and make, each on a fresh mock seeded the same way; outcomes + requests."""
    results: list[tuple[Outcome, list[dict[str, Any]]]] = []
    raw: list[list[dict[str, list[str]]]] = []
    for name in ("python", "make"):
        with MockServer(model) as server:
            server.seed_samples()
            res = call.operation.resource
            if seed and res.id_field:
                server.seed(
                    res.key,
                    [
                        {**{k: v for k, v in res.sample.items() if k != res.id_field}, res.id_field: f"s{i:04d}"}
                        for i in range(seed)
                    ],
                )
            this = call if name == "python" or make_inputs is None else Call(call.operation, {**call.inputs, **make_inputs})
            outcome = run(model, name, app_dir, this, server)
            recorded = server.requests()
            if call.operation.kind != "polling_trigger":
                # normalise() hides every cursor-named query value; outside triggers those values must match too.
                raw.append([r.query for r in recorded])
            results.append((outcome, normalise(recorded, model)))
    assert raw[:1] == raw[1:2]
    return results[0][0], results[1][0], results[0][1], results[1][1]


@pytest.mark.parametrize("fill", ["all inputs", "required inputs only"])
def test_every_operation_sends_the_python_targets_requests(model: Model, app_dir: Path, fill: str) -> None:
    differences = {}
    for op in model.operations:
        inputs = inputs_for(op)
        if fill == "required inputs only":
            inputs = {i.name: inputs[i.name] for i in op.required_inputs}
        ref, got, ref_requests, got_requests = both(model, app_dir, Call(op, inputs))
        assert ref_requests, f"{op.key}: the python target sent nothing"
        diffs = diff_requests(ref_requests, got_requests)
        if diffs:
            differences[op.key] = diffs
        if ref.ok:
            assert got.ok, f"{op.key}: make failed with {got.error}"
            # A trigger's first poll differs by design: python reads from 0, Make a bounded window back from now.
            if op.kind != "polling_trigger":
                assert len(got.records) == len(ref.records), op.key
    assert differences == {}


def test_paging_reads_every_page_like_the_python_target(model: Model, app_dir: Path) -> None:
    op = next(o for o in model.operations if o.paginate)
    pag = op.resource.pagination
    assert pag is not None
    # Make's own result limit (a static parameter) is raised so that paging, not the limit, ends the run.
    ref, got, ref_requests, got_requests = both(model, app_dir, Call(op, {}), {"limit": 1000}, seed=pag.max_page_size + 20)
    assert len(got_requests) == 2
    assert diff_requests(ref_requests, got_requests) == []
    assert [r["id"] for r in got.records] == [r["id"] for r in ref.records]


def test_the_result_limit_stops_paging(model: Model, app_dir: Path, mock: MockServer) -> None:
    op = next(o for o in model.operations if o.paginate)
    outcome = run(model, "make", app_dir, Call(op, {"limit": 1}), mock)
    assert outcome.ok and len(outcome.records) == 1


def test_triggers_emit_once_and_updates_fire_again(model: Model, app_dir: Path, mock: MockServer) -> None:
    create = next(o for o in model.of_kind("action") if o.crud == "create")
    update = next(o for o in model.of_kind("action") if o.crud == "update")
    res = create.resource
    executor = MakeExecutor()
    executor.prepare(model, app_dir)
    made = executor.run(
        model,
        Call(create, {res.title_field or "title": "Watch me"}),
        Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url),
    )
    assert made.ok
    new_id = made.records[0][res.id_field or "id"]
    for op in model.of_kind("polling_trigger"):
        first = executor.run(model, Call(op), Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url))
        assert first.ok, first.error
        flt = op.trigger.filter if op.trigger else None
        ids = [r["id"] for r in first.records]
        assert (new_id in ids) == (flt is None), op.key
        for rec in first.records:
            if flt:
                assert rec[flt.field] == flt.equals
        again = executor.run(
            model, Call(op, state=first.state), Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url)
        )
        assert again.records == [], f"{op.key} emitted again"
        mock.clock.advance(1000)
        executor.run(
            model,
            Call(update, {"id": new_id, res.title_field or "title": "Changed"}),
            Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url),
        )
        third = executor.run(
            model, Call(op, state=again.state), Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url)
        )
        fires_per_update = bool(op.trigger and op.trigger.per_update)
        assert ([r["id"] for r in third.records] == [new_id]) == fires_per_update, op.key
    executor.close()


def test_api_errors_become_typed_make_errors_with_the_api_message(model: Model, app_dir: Path, mock: MockServer) -> None:
    op = next(o for o in model.of_kind("search") if not o.request.path_params)
    call = Call(op, inputs_for(op))
    denied = run(model, "make", app_dir, call, mock, key="not-the-key")
    assert not denied.ok and denied.status == 401
    assert denied.error is not None and denied.error.startswith("InvalidAccessTokenError: [401] ")
    assert "not-the-key" not in denied.error
    mock.fail_next(1, 429)
    limited = run(model, "make", app_dir, call, mock)
    assert limited.error is not None and limited.error.startswith("RateLimitError: [429] Rate limit reached")
    mock.fail_next(1, 500)
    broken = run(model, "make", app_dir, call, mock)
    assert broken.error is not None and broken.error.startswith("RuntimeError: [500] ") and broken.status == 500


def test_a_missing_record_is_an_error_in_make(model: Model, app_dir: Path, mock: MockServer) -> None:
    # Make treats every 4xx as an error (a scenario adds an error handler to ignore it); the python target
    # returns no records instead. The requests are the same; this difference is documented in the report.
    op = next(o for o in model.of_kind("search") if o.search and o.search.not_found_status)
    outcome = run(model, "make", app_dir, Call(op, {i.name: "no-such-id" for i in op.required_inputs}), mock)
    assert not outcome.ok and outcome.status == op.search.not_found_status  # type: ignore[union-attr]
    assert "no-such-id" in (outcome.error or "")


def test_connection_test_and_rpcs_run_against_the_mock(model: Model, app_dir: Path, mock: MockServer) -> None:
    app = MakeApp(app_dir)
    now = datetime.fromtimestamp(mock.clock.now() / 1000, UTC)
    manifest = app.manifest["components"]
    (conn_id,) = manifest["connection"]
    test = app.test_connection(conn_id, {"apiKey": mock.api_key}, now, mock.base_url)
    assert test.metadata["value"] and test.data and mock.requests()[-1].auth == "valid"
    with pytest.raises(MakeError) as caught:
        app.test_connection(conn_id, {"apiKey": "wrong"}, now, mock.base_url)
    assert caught.value.kind == "InvalidAccessTokenError" and "wrong" not in str(caught.value)
    assert manifest["rpc"], "the app has dropdown RPCs"
    executor = MakeExecutor()
    executor.prepare(model, app_dir)
    for rpc_id in manifest["rpc"]:
        op = next(o for o in model.of_kind("list") if o.names.camel == rpc_id)
        records = run(model, "python", app_dir, Call(op), mock).records
        options = executor.run_rpc(model, Call(op), Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url))
        assert options.ok and options.records, rpc_id
        dropdown = next(i.dropdown for o in model.operations for i in o.inputs if i.dropdown and i.dropdown.operation == op.key)
        assert dropdown is not None
        assert [o["value"] for o in options.records] == [r[dropdown.value] for r in records]
        assert all(set(o) == {"label", "value"} and o["label"] for o in options.records)
    executor.close()


def test_rpcs_send_the_requests_of_their_list_operation(model: Model, app_dir: Path) -> None:
    app = MakeApp(app_dir)
    for rpc_id in app.manifest["components"]["rpc"]:
        op = next(o for o in model.of_kind("list") if o.names.camel == rpc_id)
        _, _, ref_requests, _ = both(model, app_dir, Call(op, {}))
        with MockServer(model) as server:
            server.seed_samples()
            now = datetime.fromtimestamp(server.clock.now() / 1000, UTC)
            app.run("rpc", rpc_id, {}, {"apiKey": server.api_key}, now, server.base_url)
            assert diff_requests(ref_requests, normalise(server.requests(), model)) == [], rpc_id


def test_make_validates_parameters_before_sending(model: Model, app_dir: Path, mock: MockServer) -> None:
    create = next(o for o in model.of_kind("action") if o.crud == "create")
    bounded = next(i for i in create.inputs if i.field.maximum is not None)
    title = next(i for i in create.required_inputs)
    missing = run(model, "make", app_dir, Call(create, {}), mock)
    assert not missing.ok and f"Missing value of required parameter '{title.name}'" in (missing.error or "")
    too_big = run(model, "make", app_dir, Call(create, {title.name: "x", bounded.name: (bounded.field.maximum or 0) + 1}), mock)
    assert not too_big.ok and f"'{bounded.name}' must be at most" in (too_big.error or "")
    assert mock.requests() == []  # Make refuses before sending anything
    as_text = run(model, "make", app_dir, Call(create, {title.name: "x", bounded.name: str(bounded.field.maximum)}), mock)
    assert as_text.ok and mock.requests()[-1].body[bounded.name] == bounded.field.maximum  # text coerced to a number


def test_path_values_are_encoded_like_the_python_target(model: Model, app_dir: Path) -> None:
    op = next(o for o in model.operations if o.request.path_params and o.request.method == "GET")
    _, _, ref_requests, got_requests = both(model, app_dir, Call(op, {op.request.path_params[0]: "a/b c?d"}))
    assert diff_requests(ref_requests, got_requests) == []
    assert got_requests[0]["path"].count("/") == op.request.path.count("/")
