"""Contract tests of the mock's reads: auth test, collection filters, paging, ordering, get by id."""

from __future__ import annotations

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model

from .conftest import Client

T0 = 1_700_000_000_000


def _jobs(mock: MockServer, *rows: dict[str, object]) -> list[str]:
    """Seed jobs with a title each; returns their ids in seed order."""
    return [r["id"] for r in mock.seed("job", [{"title": f"job {i}", **row} for i, row in enumerate(rows)])]


def test_auth_test_answers_the_sample_in_the_envelope(api: Client, model: Model) -> None:
    assert api.items(model.auth_test.request.path) == [model.auth_test.resource.sample]


def test_auth_test_answers_a_seeded_account_instead(api: Client, mock: MockServer, model: Model) -> None:
    account = {**model.auth_test.resource.sample, "name": "Someone Else"}
    mock.seed(model.auth_test.resource.key, [account])
    assert api.items(model.auth_test.request.path) == [account]


def test_seed_fills_id_timestamps_and_archived(mock: MockServer) -> None:
    [job] = mock.seed("job", [{"title": "x"}])
    assert len(job["id"]) == 24 and int(job["id"], 16) >= 0
    assert job["createdAt"] == job["updatedAt"] == mock.clock.now()
    assert job["archived"] is False
    assert mock.records("job") == [job]


def test_seeded_ids_are_unique_and_duplicates_rejected(mock: MockServer) -> None:
    rows = mock.seed("job", [{"title": "a"}, {"title": "b"}])
    assert rows[0]["id"] != rows[1]["id"]
    with pytest.raises(ValueError, match="already exists"):
        mock.seed("job", [{"title": "fine"}, {"id": rows[0]["id"], "title": "c"}])
    with pytest.raises(ValueError, match="'x' already exists"):
        mock.seed("job", [{"id": "x", "title": "d"}, {"id": "x", "title": "e"}])
    assert [r["title"] for r in mock.records("job")] == ["a", "b"]  # a bad batch stores nothing
    with pytest.raises(ValueError, match="unknown resource"):
        mock.seed("nope", [{}])


def test_list_hides_archived_unless_asked_and_orders_newest_first(api: Client, mock: MockServer) -> None:
    old, archived, new = _jobs(mock, {"createdAt": T0}, {"createdAt": T0 + 1, "archived": True}, {"createdAt": T0 + 2})
    assert [j["id"] for j in api.items("/jobs")] == [new, old]
    assert [j["id"] for j in api.items("/jobs", includeArchived="false")] == [new, old]
    assert [j["id"] for j in api.items("/jobs", includeArchived="true")] == [new, archived, old]


def test_ties_on_the_order_field_are_broken_by_id_descending(api: Client, mock: MockServer) -> None:
    ids = _jobs(mock, {"createdAt": T0, "id": "b" * 24}, {"createdAt": T0, "id": "c" * 24}, {"createdAt": T0, "id": "a" * 24})
    assert [j["id"] for j in api.items("/jobs")] == sorted(ids, reverse=True)


def test_created_since_is_inclusive(api: Client, mock: MockServer) -> None:
    before, at, after = _jobs(mock, {"createdAt": T0 - 1}, {"createdAt": T0}, {"createdAt": T0 + 1})
    assert [j["id"] for j in api.items("/jobs", createdSince=T0)] == [after, at]
    assert before not in [j["id"] for j in api.items("/jobs", createdSince=T0)]


def test_updated_since_sees_every_write_in_the_same_millisecond(api: Client, mock: MockServer) -> None:
    first = api.call("POST", "/jobs", json={"title": "one"}).json()["data"]["items"][0]
    second = api.call("POST", "/jobs", json={"title": "two"}).json()["data"]["items"][0]
    assert first["updatedAt"] == second["updatedAt"] == mock.clock.now()
    cursor = mock.clock.now()
    assert {j["id"] for j in api.items("/jobs", updatedSince=cursor)} == {first["id"], second["id"]}
    mock.clock.advance(1)
    assert api.items("/jobs", updatedSince=mock.clock.now()) == []


def test_eq_filters_on_plain_choice_and_dotted_fields(api: Client, mock: MockServer) -> None:
    a, b = _jobs(
        mock,
        {"progress": "success", "externalId": "X-1", "assignee": {"username": "ann@example.com"}},
        {"progress": "scheduled", "externalId": "X-2", "assignee": {"username": "bob@example.com"}},
    )
    assert [j["id"] for j in api.items("/jobs", progress="success")] == [a]
    assert [j["id"] for j in api.items("/jobs", externalId="X-2")] == [b]
    assert [j["id"] for j in api.items("/jobs", assigneeUsername="ann@example.com")] == [a]
    assert api.items("/jobs", externalId="x-2") == []  # eq is exact


def test_contains_filter_is_case_insensitive_over_every_listed_field(api: Client, mock: MockServer) -> None:
    mock.seed(
        "member",
        [
            {"id": "m1", "username": "ann", "email": "ann@example.com", "name": "Ann Lee"},
            {"id": "m2", "username": "bob", "email": "bob@corp.test", "name": "Bob Stone"},
        ],
    )
    assert {m["id"] for m in api.items("/members", query="EXAMPLE")} == {"m1"}
    assert {m["id"] for m in api.items("/members", query="stone")} == {"m2"}
    assert {m["id"] for m in api.items("/members", query="m2")} == {"m2"}
    assert {m["id"] for m in api.items("/members", query="")} == {"m1", "m2"}
    assert api.items("/members", query="nobody") == []


def test_offset_pagination_pages_through_in_order(api: Client, mock: MockServer) -> None:
    ids = _jobs(mock, *({"createdAt": T0 + i} for i in range(5)))
    newest_first = list(reversed(ids))
    pages = [[j["id"] for j in api.items("/jobs", limit=2, skip=skip)] for skip in (0, 2, 4, 6)]
    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:5], []]


def test_limit_defaults_to_the_maximum_page_size(api: Client, mock: MockServer, model: Model) -> None:
    size = model.resource("job").pagination.max_page_size  # type: ignore[union-attr]
    _jobs(mock, *({"createdAt": T0 + i} for i in range(size + 3)))
    assert len(api.items("/jobs")) == size
    assert len(api.items("/jobs", limit=size)) == size


def test_limit_only_paging_uses_its_own_parameter(api: Client, mock: MockServer) -> None:
    mock.seed("member", [{"id": f"m{i}", "name": f"M {i}"} for i in range(3)])
    assert [m["id"] for m in api.items("/members", max=2)] == ["m0", "m1"]  # no order field: insertion order
    assert api.error("GET", "/members", 400, params={"skip": 1}).startswith("Unknown query parameter 'skip'")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"createdSince": "abc"},
            "Query parameter 'createdSince' must be an integer timestamp in epoch milliseconds (got 'abc').",
        ),
        ({"updatedSince": "-5"}, "Query parameter 'updatedSince' must be a non-negative integer timestamp in epoch milliseconds"),
        ({"limit": "0"}, "Query parameter 'limit' must be an integer from 1 to 100 (got '0')."),
        ({"limit": "101"}, "Query parameter 'limit' must be an integer from 1 to 100 (got '101')."),
        ({"limit": "ten"}, "Query parameter 'limit' must be an integer from 1 to 100 (got 'ten')."),
        ({"skip": "-1"}, "Query parameter 'skip' must be an integer from 0 or more (got '-1')."),
        ({"progress": "done"}, "Query parameter 'progress' must be one of scheduled, accepted, started, success, failed"),
        ({"includeArchived": "yes"}, "Query parameter 'includeArchived' must be true or false (got 'yes')."),
        ({"color": "red"}, "Unknown query parameter 'color' (accepted: createdSince,"),
        ({"limit": ["1", "2"]}, "Query parameter 'limit' is given more than once."),
    ],
)
def test_bad_query_values_get_a_precise_400(api: Client, params: dict[str, object], message: str) -> None:
    assert api.error("GET", "/jobs", 400, params=params).startswith(message)


def test_get_by_id_and_unknown_id(api: Client, mock: MockServer) -> None:
    [job_id] = _jobs(mock, {"externalId": "E"})
    assert [j["id"] for j in api.items(f"/jobs/{job_id}")] == [job_id]
    message = api.error("GET", "/jobs/" + "0" * 24, 404)
    assert message.startswith("The requested record does not exist.") and "0" * 24 in message


def test_unknown_routes_and_methods_are_404(api: Client) -> None:
    assert "No route for GET /nothing" in api.error("GET", "/nothing", 404)
    assert "No route for PUT /jobs" in api.error("PUT", "/jobs", 404, json={})
    assert "No route for GET /jobs/x/archive" in api.error("GET", "/jobs/x/archive", 404)


def test_answers_leave_out_write_only_fields_but_the_store_keeps_them(api: Client, mock: MockServer) -> None:
    api.call("POST", "/jobs", json={"title": "t", "timeWindow": {"start": "09:00", "end": "10:00"}, "assigneeUsername": "z@x.io"})
    [stored] = mock.records("job")
    assert stored["timeWindow"] == {"start": "09:00", "end": "10:00"} and stored["assigneeUsername"] == "z@x.io"
    [shown] = api.items("/jobs")
    assert "timeWindow" not in shown and "assigneeUsername" not in shown
