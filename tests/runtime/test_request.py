"""Request building: path params encoded, fixed and mapped query, body without empty inputs, nested grouping."""

from __future__ import annotations

import pytest

from connector_gen.model import Model
from connector_gen.runtime import InputError, build


def test_path_parameter_is_url_encoded(model: Model) -> None:
    call = build(model.operation("archive_job"), {"id": "a/b c?d"})
    assert call.method == "POST"
    assert call.path == "/jobs/a%2Fb%20c%3Fd/archive"
    assert call.body is None
    assert call.idempotent is False


def test_fixed_query_comes_with_mapped_inputs(model: Model) -> None:
    call = build(model.operation("find_job"), {"externalId": "SRP-1"})
    assert dict(call.query) == {"includeArchived": "true", "limit": "1", "externalId": "SRP-1"}
    assert call.body is None and call.idempotent is True


def test_empty_query_inputs_are_not_sent(model: Model) -> None:
    call = build(model.operation("list_jobs"), {"progress": "", "assigneeUsername": None, "includeArchived": "true"})
    assert dict(call.query) == {"includeArchived": "true"}


def test_body_drops_empty_optional_inputs_and_groups_nested_fields(model: Model) -> None:
    inputs = {
        "title": "Fix door",
        "notes": "",
        "address": None,
        "priority": "7",
        "contact": {"name": "Ann", "phone": "", "email": None},
        "timeWindow": {"start": "", "end": ""},
    }
    call = build(model.operation("create_job"), inputs)
    assert call.body == {"title": "Fix door", "priority": 7, "contact": {"name": "Ann"}}


def test_flat_dotted_inputs_are_grouped_like_nested_ones(model: Model) -> None:
    flat = build(model.operation("create_job"), {"title": "T", "contact.name": "Ann", "contact.email": "a@example.com"})
    nested = build(model.operation("create_job"), {"title": "T", "contact": {"name": "Ann", "email": "a@example.com"}})
    assert flat.body == nested.body == {"title": "T", "contact": {"name": "Ann", "email": "a@example.com"}}


def test_update_sends_the_id_in_the_body(model: Model) -> None:
    call = build(model.operation("update_job"), {"id": "j1", "title": "New", "notes": ""})
    assert (call.method, call.path, call.body) == ("PATCH", "/jobs", {"id": "j1", "title": "New"})


@pytest.mark.parametrize(
    ("operation", "inputs", "message"),
    [
        ("create_job", {"notes": "x"}, "'title'"),
        ("create_job", {"title": "   "}, "'title'"),
        ("get_job", {}, "'id'"),
        ("create_job", {"title": "T", "priority": "high"}, "must be an integer"),
    ],
)
def test_bad_inputs_are_refused_before_sending(model: Model, operation: str, inputs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        build(model.operation(operation), inputs)
