"""Drive the Todoist contract mock with plain requests, exactly as tests/apis/todoist/contract.md describes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
import requests

from .mock import TodoistMock


@pytest.fixture
def todoist() -> Iterator[TodoistMock]:
    with TodoistMock() as mock:
        yield mock


def url(mock: TodoistMock, path: str) -> str:
    return f"{mock.base_url}/api/v1/{path}"


def auth(mock: TodoistMock) -> dict[str, str]:
    return {"Authorization": f"Bearer {mock.token}"}


def test_auth_test_reads_the_user(todoist: TodoistMock) -> None:
    resp = requests.get(url(todoist, "user"), headers=auth(todoist), timeout=5)
    assert resp.status_code == 200
    user = resp.json()
    assert isinstance(user["id"], str) and user["full_name"] and user["inbox_project_id"] == todoist.inbox_id


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer 0000"}, {"Authorization": "Basic abc"}])
def test_missing_or_wrong_token_is_401_with_an_error_object(todoist: TodoistMock, headers: dict[str, str]) -> None:
    resp = requests.get(url(todoist, "tasks"), headers=headers, timeout=5)
    assert resp.status_code == 401
    body = resp.json()
    assert body["error"] and body["http_code"] == 401 and body["error_tag"] == "AUTH_INVALID_TOKEN"
    assert todoist.token not in resp.text


def test_the_retired_rest_v2_answers_410(todoist: TodoistMock) -> None:
    resp = requests.get(f"{todoist.base_url}/rest/v2/tasks", headers=auth(todoist), timeout=5)
    assert (resp.status_code, resp.text) == (410, "This endpoint is deprecated")


def test_create_takes_json_with_labels_priority_and_a_utc_due_datetime(todoist: TodoistMock) -> None:
    body = {"content": "Buy milk", "labels": ["errand", "shopping"], "priority": 4, "due_datetime": "2026-06-01T09:30:00.000Z"}
    resp = requests.post(url(todoist, "tasks"), json=body, headers=auth(todoist), timeout=5)
    assert resp.status_code == 200
    task = resp.json()
    assert isinstance(task["id"], str) and len(task["id"]) == 16
    assert task["labels"] == ["errand", "shopping"] and task["priority"] == 4
    assert task["due"] == {"date": "2026-06-01T09:30:00Z", "timezone": "UTC", "string": "2026-06-01 09:30", "lang": "en",
                           "is_recurring": False}  # fmt: skip
    assert task["project_id"] == todoist.inbox_id and task["checked"] is False
    added = datetime.fromisoformat(task["added_at"].replace("Z", "+00:00"))
    assert added.utcoffset() is not None and task["added_at"].endswith("Z") and "." in task["added_at"]


@pytest.mark.parametrize(
    ("body", "argument"),
    [
        ({}, "content"),
        ({"content": "x", "priority": 5}, "priority"),
        ({"content": "x", "priority": "4"}, "priority"),
        ({"content": "x", "labels": "errand"}, "labels"),
        ({"content": "x", "due_datetime": "tomorrow"}, "due_datetime"),
        ({"content": "x", "due_date": "2026-06-01", "due_datetime": "2026-06-01T09:30:00Z"}, "due"),
    ],
)
def test_bad_arguments_are_400_naming_them(todoist: TodoistMock, body: dict[str, object], argument: str) -> None:
    resp = requests.post(url(todoist, "tasks"), json=body, headers=auth(todoist), timeout=5)
    assert resp.status_code == 400
    err = resp.json()
    assert err["http_code"] == 400 and err["error_extra"]["argument"] == argument
    assert err["error_tag"] in ("ARGUMENT_MISSING", "INVALID_ARGUMENT_VALUE")


def test_a_post_body_must_be_json(todoist: TodoistMock) -> None:
    resp = requests.post(url(todoist, "tasks"), data={"content": "x"}, headers=auth(todoist), timeout=5)
    assert resp.status_code == 400 and todoist.tasks == {}


def test_get_update_close_reopen_delete(todoist: TodoistMock) -> None:
    (task,) = todoist.seed(tasks=[{"content": "Plan", "labels": ["work"]}])
    one = url(todoist, f"tasks/{task['id']}")
    assert requests.get(one, headers=auth(todoist), timeout=5).json()["content"] == "Plan"

    updated = requests.post(one, json={"content": "Plan more", "priority": 2}, headers=auth(todoist), timeout=5)
    assert updated.status_code == 200
    assert (updated.json()["content"], updated.json()["priority"], updated.json()["labels"]) == ("Plan more", 2, ["work"])
    assert updated.json()["updated_at"] > task["updated_at"]

    closed = requests.post(f"{one}/close", headers=auth(todoist), timeout=5)
    assert (closed.status_code, closed.content) == (204, b"")
    assert requests.get(one, headers=auth(todoist), timeout=5).json()["checked"] is True
    listed = requests.get(url(todoist, "tasks"), headers=auth(todoist), timeout=5).json()["results"]
    assert task["id"] not in [t["id"] for t in listed]  # only active tasks are listed

    reopened = requests.post(f"{one}/reopen", headers=auth(todoist), timeout=5)
    assert (reopened.status_code, reopened.content) == (204, b"")
    assert requests.get(one, headers=auth(todoist), timeout=5).json()["checked"] is False

    deleted = requests.delete(one, headers=auth(todoist), timeout=5)
    assert (deleted.status_code, deleted.content) == (204, b"")
    gone = requests.get(one, headers=auth(todoist), timeout=5)
    assert gone.status_code == 404 and gone.json()["error"] == "Task not found"
    assert requests.post(f"{one}/close", headers=auth(todoist), timeout=5).status_code == 404
    # Close and reopen were sent without a body, as the contract says.
    assert all(e.body == b"" for e in todoist.log if e.path.endswith(("/close", "/reopen")))


def test_an_update_does_not_move_and_no_date_clears_the_due(todoist: TodoistMock) -> None:
    work = todoist.add_project("Work")
    (task,) = todoist.seed(tasks=[{"content": "x", "due_date": "2026-06-01"}])
    one = url(todoist, f"tasks/{task['id']}")
    assert task["due"]["date"] == "2026-06-01"
    moved = requests.post(one, json={"project_id": work, "due_string": "no date"}, headers=auth(todoist), timeout=5)
    assert moved.json()["project_id"] == todoist.inbox_id and moved.json()["due"] is None


def test_list_pages_by_cursor_until_it_is_null(todoist: TodoistMock) -> None:
    made = todoist.seed(5)
    seen: list[str] = []
    params: dict[str, str] = {"limit": "2"}
    pages = 0
    while True:
        body = requests.get(url(todoist, "tasks"), params=params, headers=auth(todoist), timeout=5).json()
        seen += [t["id"] for t in body["results"]]
        pages += 1
        if body["next_cursor"] is None:
            break
        params = {"limit": "2", "cursor": body["next_cursor"]}
    assert pages == 3 and seen == [t["id"] for t in made]
    assert requests.get(url(todoist, "tasks"), params={"limit": "201"}, headers=auth(todoist), timeout=5).status_code == 400


def test_list_filters_by_project_and_label(todoist: TodoistMock) -> None:
    work = todoist.add_project("Work")
    todoist.seed(tasks=[{"content": "a", "project_id": work, "labels": ["x"]}, {"content": "b", "labels": ["y"]}])
    by_project = requests.get(url(todoist, "tasks"), params={"project_id": work}, headers=auth(todoist), timeout=5)
    assert [t["content"] for t in by_project.json()["results"]] == ["a"]
    by_label = requests.get(url(todoist, "tasks"), params={"label": "y"}, headers=auth(todoist), timeout=5)
    assert [t["content"] for t in by_label.json()["results"]] == ["b"]
    unknown = requests.post(url(todoist, "tasks"), json={"content": "c", "project_id": "nope"}, headers=auth(todoist), timeout=5)
    assert unknown.status_code == 404


def test_deleting_a_parent_deletes_its_subtasks(todoist: TodoistMock) -> None:
    (parent,) = todoist.seed(tasks=[{"content": "parent"}])
    todoist.seed(tasks=[{"content": "child", "parent_id": parent["id"]}])
    requests.delete(url(todoist, f"tasks/{parent['id']}"), headers=auth(todoist), timeout=5)
    assert todoist.tasks == {}


def test_429_carries_the_error_object_and_retry_after(todoist: TodoistMock) -> None:
    todoist.throttle(1)
    resp = requests.get(url(todoist, "tasks"), headers=auth(todoist), timeout=5)
    assert resp.status_code == 429
    assert resp.json()["error_extra"]["retry_after"] == 5 and resp.headers["Retry-After"] == "5"
    assert requests.get(url(todoist, "tasks"), headers=auth(todoist), timeout=5).status_code == 200
