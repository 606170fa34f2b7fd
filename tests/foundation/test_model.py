"""Derived values of the model: inputs' fields, object leaves, trigger page size, path params, statuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from connector_gen.errors import SpecInvalid
from connector_gen.model import Model
from connector_gen.pipeline import load_model

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"


def test_input_fields_come_from_the_resource(model: Model) -> None:
    create = model.operation("create_job")
    title = create.input("title")
    assert title.field is model.resource("job").field("title")
    assert (title.label, title.required, title.location, title.type) == ("Title", True, "body", "string")
    assert create.input("priority").field.minimum == 0 and create.input("priority").field.maximum == 10
    assert [i.name for i in create.required_inputs] == ["title"]
    assert create.inputs_in("path") == () and len(create.inputs_in("body")) == len(create.inputs)


def test_input_label_and_help_override_the_field(model: Model) -> None:
    query = model.operation("find_member").input("query")
    assert query.label == "Email, Username, Name or ID"
    assert query.help == "The exact email, username, name or member ID to look for."
    assert query.field.type == "string"  # typed like the member filter it feeds


def test_query_inputs_are_typed_like_their_filters(model: Model) -> None:
    list_jobs = model.operation("list_jobs")
    progress = list_jobs.input("progress").field
    assert progress.choices == ("scheduled", "accepted", "started", "success", "failed")
    assert list_jobs.input("createdSince").type == "datetime"
    assert list_jobs.input("createdSince").field.format == "epoch_ms"
    assert list_jobs.input("includeArchived").type == "boolean"
    assert model.resource("job").filter("assigneeUsername").targets == ("assignee.username",)  # type: ignore[union-attr]
    assert model.resource("member").filter("query").targets == ("email", "username", "name", "id")  # type: ignore[union-attr]
    assert model.resource("job").filter("nope") is None


def test_leaves_of_object_inputs(model: Model) -> None:
    contact = model.operation("create_job").input("contact")
    assert contact.field.is_object
    assert [leaf.dotted for leaf in contact.leaves] == ["contact.name", "contact.phone", "contact.email"]
    assert [leaf.names.snake for leaf in contact.leaves] == ["contact_name", "contact_phone", "contact_email"]
    assert [leaf.type for leaf in contact.leaves] == ["string", "phone", "email"]
    title = model.operation("create_job").input("title")
    assert title.leaves == (title.field,)  # a scalar input is its own leaf
    assert model.resource("job").field("timeWindow.end").label == "Time Window End"


def test_trigger_page_size_cursor_and_dedupe(model: Model) -> None:
    new, updated, completed = (model.operation(k).trigger for k in ("new_job", "updated_job", "completed_job"))
    assert new and updated and completed
    assert (new.page_size, new.cursor_param, new.cursor_field, new.dedupe, new.per_update) == (
        100,
        "createdSince",
        "createdAt",
        ("id",),
        False,
    )
    assert updated.per_update and updated.dedupe == ("id", "updatedAt")
    assert completed.filter is not None and (completed.filter.field, completed.filter.equals) == ("progress", "success")
    assert model.operation("create_job").trigger is None


def test_path_params_and_requests(model: Model) -> None:
    assert model.operation("get_job").request.path_params == ("id",)
    assert model.operation("archive_job").request.path_params == ("id",)
    assert model.operation("list_jobs").request.path_params == ()
    assert model.operation("find_job").request.query == (("includeArchived", True), ("limit", 1))
    assert model.operation("delete_job").request.idempotent and not model.operation("create_job").request.idempotent


def test_statuses_sorted_and_looked_up_by_code(model: Model) -> None:
    codes = [s.code for s in model.http.statuses]
    assert codes == sorted(codes) and 404 in codes
    assert model.http.status(404).kind == "not_found"  # type: ignore[union-attr]
    assert model.http.status(418) is None
    assert model.http.items_path == ("data", "items") and model.http.error_paths == (("error", "message"),)


def test_app_resources_and_kinds(model: Model) -> None:
    assert model.spec_file == "hellotracks.yaml"  # a name, never an absolute path
    assert model.app.base_url == "https://api.hellotracks.com/v1"
    assert "\n" not in model.app.description and "  " not in model.app.description
    assert "<svg" in model.app.icon_light and "<svg" in model.app.icon_dark
    assert model.auth_test.key == "validate_connection"
    assert model.resource("account").plural == "Accounts"  # label + "s" when the spec gives none
    assert [f.name for f in model.resource("job").timestamp_fields] == ["createdAt", "updatedAt"]
    assert [o.key for o in model.of_kind("polling_trigger")] == ["new_job", "updated_job", "completed_job"]
    assert model.resource("job").pagination.offset_param == "skip"  # type: ignore[union-attr]
    assert model.resource("member").pagination.offset_param is None  # type: ignore[union-attr]


@pytest.fixture
def spec_copy(tmp_path: Path) -> Path:
    shutil.copytree(SPEC.parent / "icons", tmp_path / "icons")
    return tmp_path / "spec.yaml"


def test_pagination_parameters_as_inputs_get_integer_fields(spec_copy: Path) -> None:
    text = SPEC.read_text("utf-8").replace(
        "      - {name: updatedSince, in: query}\n\n  list_members:",
        "      - {name: updatedSince, in: query}\n      - {name: limit, in: query}\n      - {name: skip, in: query}\n"
        "\n  list_members:",
    )
    spec_copy.write_text(text, "utf-8")
    # Make and n8n refuse an input called `limit` on a list (their own paging parameter); the model itself takes it.
    op = load_model(spec_copy, names=()).operation("list_jobs")
    limit, skip = op.input("limit").field, op.input("skip").field
    assert (limit.type, limit.label, limit.minimum) == ("integer", "Limit", 1)
    assert (skip.type, skip.label, skip.minimum) == ("integer", "Offset", 0)


def test_trigger_page_size_follows_the_fixed_limit(spec_copy: Path) -> None:
    text = SPEC.read_text("utf-8").replace(
        "      query: {includeArchived: true, limit: 100}\n    trigger:\n      cursor: {param: createdSince",
        "      query: {includeArchived: true, limit: 25}\n    trigger:\n      cursor: {param: createdSince",
    )
    spec_copy.write_text(text, "utf-8")
    assert load_model(spec_copy).operation("new_job").trigger.page_size == 25  # type: ignore[union-attr]


def test_model_is_only_built_from_a_valid_spec(spec_copy: Path) -> None:
    spec_copy.write_text(SPEC.read_text("utf-8").replace("limit: 100}", "limit: many}"), "utf-8")
    with pytest.raises(SpecInvalid) as caught:
        load_model(spec_copy)
    assert {e.message for e in caught.value.errors} == {"expected an integer, got 'many'"}
