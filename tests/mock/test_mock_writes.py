"""Contract tests of the mock's writes: validation, upsert, linked write-only fields, update, archive, delete."""

from __future__ import annotations

from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model

from .conftest import Client

WORKER = {"id": "ce2fg4", "username": "worker@example.com", "email": "worker@example.com", "name": "Worker Name"}


def _one(resp: Any) -> dict[str, Any]:
    assert resp.status_code == 200, resp.text
    [item] = resp.json()["data"]["items"]
    return dict(item)


def test_create_returns_the_record_with_server_fields(api: Client, mock: MockServer) -> None:
    body = {
        "title": "Fix light",
        "externalId": "SRC-1",
        "date": "2026-05-10",
        "priority": 10,
        "contact": {"name": "Olivia", "phone": "+14155556789", "email": "o@example.com"},
        "timeWindow": {"start": "09:00", "end": "23:59"},
        "placeId": "p1",
    }
    job = _one(api.call("POST", "/jobs", json=body))
    assert len(job["id"]) == 24
    assert job["createdAt"] == job["updatedAt"] == mock.clock.now()
    assert job["progress"] == "scheduled"  # first of the spec's choices
    assert job["archived"] is False
    assert {k: job[k] for k in ("title", "externalId", "date", "priority", "contact", "placeId")} == {
        k: v for k, v in body.items() if k != "timeWindow"
    }
    assert mock.records("job")[0]["timeWindow"] == body["timeWindow"]


def test_created_records_are_newer_than_older_ones_and_take_the_clock(api: Client, mock: MockServer) -> None:
    first = _one(api.call("POST", "/jobs", json={"title": "a"}))
    mock.clock.advance(1500)
    second = _one(api.call("POST", "/jobs", json={"title": "b"}))
    assert second["createdAt"] == first["createdAt"] + 1500
    assert [j["id"] for j in api.items("/jobs")] == [second["id"], first["id"]]
    mock.clock.set(1_800_000_000_000)
    assert _one(api.call("POST", "/jobs", json={"title": "c"}))["createdAt"] == 1_800_000_000_000


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Field 'title' is required."),
        ({"title": ""}, "Field 'title' must not be empty."),
        ({"title": 5}, "Field 'title' must be a string."),
        ({"title": "t", "date": "2026-13-01"}, "Field 'date' must be a date in YYYY-MM-DD format."),
        ({"title": "t", "date": "10.05.2026"}, "Field 'date' must be a date in YYYY-MM-DD format."),
        ({"title": "t", "timeWindow": {"start": "9:00"}}, "Field 'timeWindow.start' must be a time in HH:mm format"),
        ({"title": "t", "timeWindow": {"end": "24:00"}}, "Field 'timeWindow.end' must be a time in HH:mm format"),
        ({"title": "t", "priority": 11}, "Field 'priority' must be an integer from 0 to 10."),
        ({"title": "t", "priority": -1}, "Field 'priority' must be an integer from 0 to 10."),
        ({"title": "t", "priority": "7"}, "Field 'priority' must be an integer from 0 to 10."),
        ({"title": "t", "priority": True}, "Field 'priority' must be an integer from 0 to 10."),
        ({"title": "t", "contact": {"email": "nope"}}, "Field 'contact.email' must be an email address."),
        ({"title": "t", "contact": {"phone": "call me"}}, "Field 'contact.phone' must be a phone number in international format"),
        ({"title": "t", "contact": "Olivia"}, "Field 'contact' must be an object."),
        ({"title": "t", "contact": {"fax": "1"}}, "Field 'contact.fax' is unknown (accepted: name, phone, email)."),
        ({"title": "t", "color": "red"}, "Field 'color' is unknown (accepted: externalId, title,"),
        ({"title": "t", "progress": "success"}, "Field 'progress' is read-only."),
        ({"title": "t", "id": "abc"}, "Field 'id' is read-only."),
        ({"title": "t", "createdAt": 1}, "Field 'createdAt' is read-only."),
        ({"title": "t", "assignee": WORKER}, "Field 'assignee' is read-only."),
    ],
)
def test_create_rejects_bad_bodies_naming_the_field(api: Client, mock: MockServer, body: dict[str, Any], message: str) -> None:
    assert api.error("POST", "/jobs", 400, json=body).startswith("Invalid request data. " + message)
    assert mock.records("job") == []


def test_body_must_be_a_json_object(api: Client) -> None:
    assert api.error("POST", "/jobs", 400, json=["title"]) == "Invalid request data. Request body must be a JSON object."
    not_json = api.error("POST", "/jobs", 400, data="title=x", headers={"Content-Type": "application/json"})
    assert not_json == "Invalid request data. The request body is not valid JSON."


def test_null_means_not_given(api: Client) -> None:
    job = _one(api.call("POST", "/jobs", json={"title": "t", "notes": None}))
    assert "notes" not in job
    assert api.error("POST", "/jobs", 400, json={"title": None}) == "Invalid request data. Field 'title' is required."


def test_create_with_an_existing_upsert_value_updates_that_record(api: Client, mock: MockServer) -> None:
    first = _one(api.call("POST", "/jobs", json={"title": "old", "externalId": "SRC-9", "notes": "keep"}))
    mock.clock.advance(10)
    again = _one(api.call("POST", "/jobs", json={"title": "new", "externalId": "SRC-9"}))
    assert again["id"] == first["id"]
    assert (again["title"], again["notes"]) == ("new", "keep")
    assert again["createdAt"] == first["createdAt"] and again["updatedAt"] == first["updatedAt"] + 10
    assert len(mock.records("job")) == 1
    other = _one(api.call("POST", "/jobs", json={"title": "other", "externalId": "SRC-10"}))
    assert other["id"] != first["id"] and len(mock.records("job")) == 2


def test_write_only_link_fills_the_object_from_a_matching_record(api: Client, mock: MockServer) -> None:
    mock.seed("member", [WORKER])
    job = _one(api.call("POST", "/jobs", json={"title": "t", "assigneeUsername": WORKER["username"]}))
    assert job["assignee"] == WORKER
    assert [j["id"] for j in api.items("/jobs", assigneeUsername=WORKER["username"])] == [job["id"]]


def test_write_only_link_without_a_match_keeps_the_value(api: Client) -> None:
    job = _one(api.call("POST", "/jobs", json={"title": "t", "assigneeUsername": "ghost@example.com"}))
    assert job["assignee"] == {"username": "ghost@example.com"}


def test_update_is_partial_merges_objects_and_bumps_updated(api: Client, mock: MockServer) -> None:
    job = _one(api.call("POST", "/jobs", json={"title": "t", "notes": "n", "contact": {"name": "A", "phone": "+15550001111"}}))
    mock.clock.advance(7)
    changed = _one(api.call("PATCH", "/jobs", json={"id": job["id"], "notes": "m", "contact": {"phone": "+15550002222"}}))
    assert changed["id"] == job["id"] and changed["title"] == "t" and changed["notes"] == "m"
    assert changed["contact"] == {"name": "A", "phone": "+15550002222"}
    assert changed["updatedAt"] == job["updatedAt"] + 7 and changed["createdAt"] == job["createdAt"]


def test_update_can_assign_through_the_link(api: Client, mock: MockServer) -> None:
    mock.seed("member", [WORKER])
    job = _one(api.call("POST", "/jobs", json={"title": "t"}))
    assert "assignee" not in job
    assert _one(api.call("PATCH", "/jobs", json={"id": job["id"], "assigneeUsername": WORKER["email"]}))["assignee"] == WORKER


def test_update_errors(api: Client) -> None:
    assert api.error("PATCH", "/jobs", 400, json={"title": "x"}) == "Invalid request data. Field 'id' is required."
    missing = api.error("PATCH", "/jobs", 404, json={"id": "f" * 24, "title": "x"})
    assert missing == f"The requested record does not exist. No Job with id '{'f' * 24}'."
    assert api.error("PATCH", "/jobs", 400, json={"id": "x", "priority": 99}).endswith(
        "Field 'priority' must be an integer from 0 to 10."
    )


def test_archive_sets_the_flag_bumps_updated_and_hides_the_record(api: Client, mock: MockServer) -> None:
    job = _one(api.call("POST", "/jobs", json={"title": "t"}))
    mock.clock.advance(3)
    archived = _one(api.call("POST", f"/jobs/{job['id']}/archive"))
    assert archived["archived"] is True and archived["updatedAt"] == job["updatedAt"] + 3
    assert api.items("/jobs") == []
    assert [j["id"] for j in api.items("/jobs", includeArchived="true", updatedSince=archived["updatedAt"])] == [job["id"]]
    assert "No Job with id 'nope'" in api.error("POST", "/jobs/nope/archive", 404)


def test_delete_removes_and_returns_the_record(api: Client, mock: MockServer) -> None:
    keep, gone = (_one(api.call("POST", "/jobs", json={"title": t})) for t in ("keep", "gone"))
    assert _one(api.call("DELETE", f"/jobs/{gone['id']}")) == gone
    assert [r["id"] for r in mock.records("job")] == [keep["id"]]
    assert "No Job with id" in api.error("DELETE", f"/jobs/{gone['id']}", 404)
    assert api.error("GET", f"/jobs/{gone['id']}", 404)


def test_archive_and_delete_accept_no_other_fields(api: Client, mock: MockServer) -> None:
    [job] = mock.seed("job", [{"title": "t"}])
    message = api.error("POST", f"/jobs/{job['id']}/archive", 400, json={"title": "x"})
    assert message == "Invalid request data. Field 'title' is not accepted when you archive a Job."
    assert mock.records("job")[0]["archived"] is False


def test_no_query_parameters_on_write_routes(api: Client) -> None:
    assert api.error("POST", "/jobs", 400, params={"dryRun": "1"}, json={"title": "t"}).startswith(
        "Unknown query parameter 'dryRun'"
    )


def test_every_operation_of_the_model_has_a_route(mock: MockServer, model: Model) -> None:
    from connector_gen.mock.api import routes

    table = {(r.method, r.template) for r in routes(model)}
    assert table == {(op.request.method, op.request.path) for op in model.operations}
