"""Zapier's conventions a reviewer checks (issue 15): Find searches, the Delete notice, per-operation samples,
search-powered fields, ISO 8601 beside epoch outputs, date pickers, caseless exact matches and advanced inputs."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model, values
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.targets.zapier.conventions import DELETE_NOTICE, form_inputs


def run(executor: ZapierExecutor, model: Model, mock: MockServer, key: str, **inputs: Any) -> Outcome:
    """Run operation `key` with `inputs` (by API name) in zapier-platform-core against `mock`."""
    call = Call(model.operation(key), inputs, None)
    return executor.run(model, call, Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url))


def _op(app: dict[str, Any], section: str, key: str) -> dict[str, Any]:
    op: dict[str, Any] = app[section][key]
    return op


def test_searches_are_find_not_get(model: Model, app_json: dict[str, Any]) -> None:
    labels = {key: s["display"]["label"] for key, s in app_json["searches"].items()}
    assert labels == {"find_job": "Find Job", "find_member": "Find Member", "get_job": "Find Job by ID"}
    assert not any(label.startswith("Get ") for label in labels.values())


def test_delete_carries_the_irreversibility_copy_field(app_json: dict[str, Any]) -> None:
    first = _op(app_json, "creates", "delete_job")["operation"]["inputFields"][0]
    assert first["key"] == DELETE_NOTICE and first["type"] == "copy"
    assert "cannot be undone" in first["helpText"]
    others = [k for k, c in app_json["creates"].items() if any(f["key"] == DELETE_NOTICE for f in c["operation"]["inputFields"])]
    assert others == ["delete_job"]  # archive is recoverable: no notice


def test_each_operation_has_its_own_sample(model: Model, app_json: dict[str, Any]) -> None:
    assert _op(app_json, "triggers", "completed_job")["operation"]["sample"]["progress"] == "success"
    assert _op(app_json, "triggers", "new_job")["operation"]["sample"]["progress"] == "scheduled"
    for section in ("triggers", "searches", "creates"):
        for key, item in app_json[section].items():
            sample = item["operation"]["sample"]
            for name, value in model.operation(key).sample.items():
                if name in sample:
                    assert sample[name] == value, (key, name)


def test_assignee_is_search_powered(app_json: dict[str, Any]) -> None:
    for key in ("create_job", "update_job"):
        [field] = [f for f in _op(app_json, "creates", key)["operation"]["inputFields"] if f["key"] == "assigneeUsername"]
        assert field["dynamic"] == "list_members.username.name"
        assert field["search"] == "find_member.username"


def test_epoch_outputs_gain_iso_8601(model: Model, app_json: dict[str, Any]) -> None:
    op = _op(app_json, "triggers", "new_job")["operation"]
    types = {f["key"]: f["type"] for f in op["outputFields"]}
    for fld in model.resource("job").timestamp_fields:
        assert types[fld.iso_key] == "datetime"
        assert op["sample"][fld.iso_key].endswith("Z")


def test_date_inputs_are_date_pickers(app_json: dict[str, Any], zapier_files: dict[str, str]) -> None:
    for key in ("create_job", "update_job"):
        [field] = [f for f in _op(app_json, "creates", key)["operation"]["inputFields"] if f["key"] == "date"]
        assert field["type"] == "datetime"
    # The wire format comes from the model (values.WIRE_DATE), the one definition every target reads.
    [rule] = [line for line in zapier_files["lib/values.js"].splitlines() if line.startswith('  "job.date"')]
    assert json.loads(rule.split(": ", 1)[1].rstrip(","))["format"] == values.WIRE_DATE == "YYYY-MM-DD"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("given", "sent"),
    [("May 10, 2026", "2026-05-10"), ("2026-05-10T10:00", "2026-05-10"), ("2026-05-10T23:30:00-07:00", "2026-05-10")],
)
def test_a_mapped_date_reaches_the_api_as_its_date(
    executor: ZapierExecutor, model: Model, mock: MockServer, given: str, sent: str
) -> None:
    out = run(executor, model, mock, "create_job", title="Inspect", date=given)
    assert out.ok, out.error
    [request] = mock.requests()
    assert request.body["date"] == sent


@pytest.mark.slow
def test_a_date_that_is_none_is_refused_before_sending(executor: ZapierExecutor, model: Model, mock: MockServer) -> None:
    out = run(executor, model, mock, "create_job", title="Inspect", date="someday")
    assert not out.ok and "Date must be a date" in (out.error or "")
    assert mock.requests() == []


@pytest.mark.slow
def test_find_member_matches_caseless_and_sends_the_text_trimmed(
    executor: ZapierExecutor, model: Model, mock: MockServer
) -> None:
    mock.seed("member", [{"username": "worker@example.com", "email": "worker@example.com", "name": "Worker Name"}])
    found = run(executor, model, mock, "find_member", query="WORKER@EXAMPLE.COM")
    assert found.ok and [r["username"] for r in found.records] == ["worker@example.com"], found
    mock.clear_log()
    padded = run(executor, model, mock, "find_member", query="  worker@example.com ")
    assert [r["username"] for r in padded.records] == ["worker@example.com"]
    [request] = mock.requests()
    assert request.query["query"] == ["worker@example.com"]


def test_exact_rules_follow_the_spec(model: Model, zapier_files: dict[str, str]) -> None:
    rules = [list(rule) for rule in model.operation("find_member").search.exact_rules]  # type: ignore[union-attr]
    assert f'"rules": {json.dumps(rules)}' in zapier_files["searches/find_member.js"]
    assert ["id", False] in rules and ["email", True] in rules


def test_optional_advanced_inputs_are_left_out(model: Model, app_json: dict[str, Any], zapier_files: dict[str, str]) -> None:
    # Zapier has no advanced section: Place ID (advanced, optional) is in no form and no module's inputs.
    assert model.operation("create_job").input("placeId").advanced
    for section in ("triggers", "searches", "creates"):
        for key, item in app_json[section].items():
            assert all(f["key"] != "placeId" for f in item["operation"].get("inputFields", [])), key
    assert not any('"key": "placeId"' in text for name, text in zapier_files.items() if name.endswith(".js"))
    assert "left out of the forms: Place ID (`placeId`)" in zapier_files["README.md"]


def test_required_advanced_inputs_stay(model: Model) -> None:
    op = model.operation("create_job")
    title = op.input("title")
    forced = dataclasses.replace(op, inputs=tuple(dataclasses.replace(i, advanced=True) for i in op.inputs))
    assert title in op.inputs and dataclasses.replace(title, advanced=True) in form_inputs(forced)
    assert all(i.required for i in form_inputs(forced))


def test_readme_cites_current_check_ids_not_requirement_numbers(zapier_files: dict[str, str]) -> None:
    readme = zapier_files["README.md"]
    assert "https://docs.zapier.com/platform/publish/integration-checks-reference" in readme
    for check in (
        "D002 Provide Link in Help Text for Auth Fields",
        "D004 ID Fields Should Have Dynamic Dropdowns",
        'D010 Missing "ID" Field in Static Sample Data',
        "D021 Trigger Description Requirements",
        "D023 ISO-8601 Date/Time Format in Static Sample",
        "T001–T006",
    ):
        assert check in readme, check
    # The publishing requirements are cited by heading; their section numbers have moved before.
    assert not re.search(r"requirements? \d", readme)
    assert 'Triggers: "Update triggers"' in readme and "Actions: Zapier discourages delete actions" in readme
