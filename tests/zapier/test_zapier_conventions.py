"""Zapier's conventions a reviewer checks (issue 15): Find searches, the Delete notice, per-operation samples,
search-powered fields, ISO 8601 beside epoch outputs, date pickers, caseless exact matches and advanced inputs."""

from __future__ import annotations

from typing import Any

from connector_gen.model import Model
from connector_gen.targets.zapier.conventions import DELETE_NOTICE


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
