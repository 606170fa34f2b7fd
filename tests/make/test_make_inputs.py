"""Issue 15: advanced inputs, exact matches as users expect them (trimmed, caseless where the field is) and samples."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connector_gen.make_engine.iml import Context, render
from connector_gen.mock import MockServer
from connector_gen.model import Model, values
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.make import MakeExecutor
from connector_gen.targets.make import conventions
from connector_gen.targets.make.blocks import kebab

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def _section(files: dict[str, str], local_id: str, block: str) -> Any:
    return json.loads(files[f"modules/{kebab(local_id)}/{kebab(local_id)}.{block}.iml.json"])


def test_advanced_inputs_are_advanced_parameters_at_the_bottom(app_files: dict[str, str], model: Model) -> None:
    marked = 0
    for op in model.operations:
        if op.kind not in ("action", "search", "list") or not op.inputs:
            continue
        params = _section(app_files, conventions.module_id(op), "mappable-params")
        flags = [bool(p.get("advanced")) for p in params]
        assert {p["name"]: bool(p.get("advanced")) for p in params} == {i.name: i.advanced for i in op.inputs}, op.key
        assert flags == sorted(flags), f"{op.key}: an advanced parameter above a standard one"
        marked += sum(flags)
    assert marked >= 2  # Place ID on Create and Update Job


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    with MockServer(model) as server:
        server.seed_samples()
        yield server


def _find(model: Model, app_dir: Path, mock: MockServer, text: str) -> Outcome:
    op = next(o for o in model.of_kind("search") if o.search and o.search.exact_input)
    assert op.search is not None and op.search.exact_input is not None
    ex = MakeExecutor()
    ex.prepare(model, app_dir)
    try:
        endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url)
        return ex.run(model, Call(op, {op.search.exact_input: text}), endpoint)
    finally:
        ex.close()


@pytest.mark.parametrize("typed", ["WORKER@EXAMPLE.COM", "Worker@Example.com"])
def test_find_member_matches_an_email_in_any_case_and_spacing(typed: str, model: Model, app_dir: Path, mock: MockServer) -> None:
    outcome = _find(model, app_dir, mock, typed)
    assert outcome.ok, outcome.error
    assert [r["email"] for r in outcome.records] == ["worker@example.com"]


def test_a_case_sensitive_field_still_compares_exactly(model: Model, app_dir: Path, mock: MockServer) -> None:
    op = next(o for o in model.of_kind("search") if o.search and o.search.exact_input)
    assert op.search is not None
    strict = [f for f, caseless in op.search.exact_rules if not caseless]
    assert strict, "the spec keeps a case-sensitive exact field"
    value = str(op.resource.sample[strict[0]])
    assert [r[strict[0]] for r in _find(model, app_dir, mock, value).records] == [op.resource.sample[strict[0]]]
    if value.upper() != value:
        assert _find(model, app_dir, mock, value.upper()).records == []


def test_the_generated_condition_mirrors_match_text(app_files: dict[str, str], model: Model) -> None:
    op = next(o for o in model.of_kind("search") if o.search and o.search.exact_input)
    assert op.search is not None
    condition = _section(app_files, conventions.module_id(op), "communication")["response"]["iterate"]["condition"]
    for name, caseless in op.search.exact_rules:
        trimmed = f"trim(toString(item.{name}))"
        assert (f"lower({trimmed})" if caseless else trimmed) in condition
    # The interpreter evaluates it as values.match_text compares (the API itself may not trim what it searches).
    member = dict(op.resource.sample)
    for typed in (" WORKER@example.com ", "worker@example.com"):
        ctx = Context({"item": member, "parameters": {op.search.exact_input: typed}}, NOW)
        expected = any(values.match_text(member[f], c) == values.match_text(typed, c) for f, c in op.search.exact_rules)
        assert render(condition, ctx) is expected is True
    ctx = Context({"item": {**member, "email": None, "username": None}, "parameters": {"query": "nobody"}}, NOW)
    assert render(condition, ctx) is False


def test_samples_show_what_each_operation_fixes(app_files: dict[str, str], model: Model) -> None:
    for op in model.operations:
        if op.kind not in ("polling_trigger", "action", "search", "list") or op.response.empty:
            continue
        sample = _section(app_files, conventions.module_id(op), "samples")
        assert {k: v for k, v in sample.items() if k in op.sample} == op.sample, op.key
    completed = next(o for o in model.of_kind("polling_trigger") if o.trigger and o.trigger.filter)
    assert completed.trigger is not None and completed.trigger.filter is not None
    flt = completed.trigger.filter
    assert _section(app_files, conventions.module_id(completed), "samples")[flt.field] == flt.equals
