"""The runtime client against the mock: error mapping, retries, searches, paging, and no API key in logs or errors."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import requests

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.runtime import ApiError, Client, InputError, execute
from connector_gen.runtime.request import HttpCall

from .conftest import FakeTime


def _error(client: Client, model: Model, op: str, inputs: dict[str, Any]) -> ApiError:
    with pytest.raises(ApiError) as info:
        execute(client, model.operation(op), inputs)
    return info.value


def test_validation_error_carries_status_and_the_apis_message(client: Client, model: Model) -> None:
    # Sent as is: the runtime itself refuses an out-of-range input before sending (see the next test).
    with pytest.raises(ApiError) as info:
        client.send(HttpCall("POST", "/jobs", body={"title": "T", "priority": 99}, idempotent=False))
    err = info.value
    assert err.status == 400
    assert err.kind == "invalid_request"
    assert "priority" in err.message and "from 0 to 10" in err.message
    assert err.message in str(err)


def test_an_out_of_range_input_is_refused_before_sending(client: Client, model: Model, mock: MockServer) -> None:
    mock.clear_log()
    with pytest.raises(InputError) as info:
        execute(client, model.operation("create_job"), {"title": "T", "priority": "11"})
    assert str(info.value) == "Priority must be a whole number from 0 to 10. Got 11; nothing was sent."
    assert mock.requests() == []


def test_invalid_key_is_401_with_the_spec_message(model: Model, mock: MockServer, fake_time: FakeTime) -> None:
    bad = Client(model, mock.base_url, "wrong-secret-key", sleep=fake_time.sleep)
    err = _error(bad, model, "validate_connection", {})
    assert (err.status, err.message) == (401, model.http.status(401).message)  # type: ignore[union-attr]
    assert "wrong-secret-key" not in str(err)


def test_read_only_key_gets_403_on_writes(model: Model, mock: MockServer, fake_time: FakeTime) -> None:
    reader = Client(model, mock.base_url, mock.read_only_key, sleep=fake_time.sleep)
    assert execute(reader, model.operation("validate_connection"), {}).records
    err = _error(reader, model, "create_job", {"title": "T"})
    assert err.status == 403 and "read-only" in err.message


def test_headers_are_the_models_and_the_key_is_sent_only_in_its_header(client: Client, model: Model, mock: MockServer) -> None:
    execute(client, model.operation("validate_connection"), {})
    (req,) = mock.requests()
    assert req.auth == "valid"
    for name, value in model.http.headers:
        assert req.headers[name.lower()] == value
    assert mock.api_key not in repr(req.query) + repr(req.body) + req.path


def test_429_is_retried_after_retry_after(client: Client, model: Model, mock: MockServer, fake_time: FakeTime) -> None:
    mock.set_rate_limit(2, window_s=3)
    for _ in range(3):
        assert execute(client, model.operation("validate_connection"), {}).records
    # The third request got 429 with Retry-After: 3 (the window); the client waited exactly that, then succeeded.
    assert fake_time.sleeps == [3.0]
    assert len(mock.requests()) == 4


def test_429_is_retried_even_for_a_post(client: Client, model: Model, mock: MockServer, fake_time: FakeTime) -> None:
    mock.fail_next(1, status=429)
    created = execute(client, model.operation("create_job"), {"title": "T"}).records
    assert len(created) == 1
    assert fake_time.sleeps == [1.0]  # the mock's injected 429 says Retry-After: 1
    assert [r.method for r in mock.requests()] == ["POST", "POST"]


def test_5xx_is_not_retried_for_non_idempotent_requests(
    client: Client, model: Model, mock: MockServer, fake_time: FakeTime
) -> None:
    mock.fail_next(1, status=500)
    err = _error(client, model, "create_job", {"title": "T"})
    assert err.status == 500 and err.message == model.http.status(500).message  # type: ignore[union-attr]
    assert len(mock.requests()) == 1 and fake_time.sleeps == []
    assert mock.records("job") == [mock.records("job")[0]]  # only the seeded sample: nothing was created twice


def test_5xx_and_dropped_connections_are_retried_for_idempotent_requests_with_growing_back_off(
    client: Client, model: Model, mock: MockServer, fake_time: FakeTime
) -> None:
    mock.fail_next(2, status=503)
    mock.fail_next(1, status="drop")
    assert execute(client, model.operation("list_members"), {}).records
    assert len(mock.requests()) == 4
    assert fake_time.sleeps == [0.5, 1.0, 2.0]


def test_retries_are_bounded(client: Client, model: Model, mock: MockServer, fake_time: FakeTime) -> None:
    mock.fail_next(10, status=500)
    err = _error(client, model, "get_job", {"id": "x"})
    assert err.status == 500
    assert len(mock.requests()) == client.max_retries + 1
    assert max(fake_time.sleeps) <= client.max_backoff_s


def test_api_key_never_appears_in_logs_or_errors(model: Model, mock: MockServer, caplog: pytest.LogCaptureFixture) -> None:
    secret = mock.api_key
    caplog.set_level(logging.DEBUG)
    client = Client(model, mock.base_url, secret, sleep=lambda _s: None)
    messages: list[str] = []
    mock.fail_next(1, status=503)
    execute(client, model.operation("validate_connection"), {})
    mock.fail_next(1, status=500)
    for op, inputs in [
        ("create_job", {"title": "T"}),
        ("create_job", {"title": "T", "contact": {"email": "nope"}}),  # the API's 400 (a range the runtime refuses itself)
        ("get_job", {"id": secret}),
    ]:
        try:
            execute(client, model.operation(op), inputs)
        except ApiError as exc:
            messages += [str(exc), repr(exc), exc.message]
    offline = Client(model, "http://127.0.0.1:9", secret, sleep=lambda _s: None, max_retries=1)
    with pytest.raises(ApiError) as info:
        execute(offline, model.operation("validate_connection"), {})
    messages += [str(info.value), repr(offline), repr(client)]
    assert len(messages) >= 9
    logged = [r.getMessage() for r in caplog.records]
    assert any("validate" in m or "/auth" in m for m in logged), "the client logs its requests"
    # get_job with the key as id puts it in a URL path on purpose: only that line may carry it, as a path.
    leaks = [m for m in [*messages, *logged] if secret in m and f"/{secret}" not in m]
    assert leaks == []


class _EchoSession(requests.Session):
    """A session whose server echoes the API key back in error.message (a careless real API)."""

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        key = kwargs["headers"]["API-Key"]
        resp = requests.Response()
        resp.status_code = 401
        resp._content = ('{"error": {"message": "Invalid Hellotracks API key ' + key + '."}}').encode()
        return resp


def test_a_key_echoed_by_the_server_is_redacted(model: Model) -> None:
    client = Client(model, "https://api.invalid/v1", "s3cr3t-value", session=_EchoSession())
    with pytest.raises(ApiError) as info:
        execute(client, model.operation("validate_connection"), {})
    assert "s3cr3t-value" not in str(info.value)
    assert "Invalid Hellotracks API key <redacted>." in str(info.value)


def test_search_misses_are_empty_not_errors(client: Client, model: Model) -> None:
    assert execute(client, model.operation("get_job"), {"id": "does-not-exist"}).records == []
    assert execute(client, model.operation("find_job"), {"externalId": "nobody"}).records == []


def test_exact_match_search_filters_loose_api_matches(client: Client, model: Model, mock: MockServer) -> None:
    mock.seed("member", [{"id": "m2", "username": "worker2@example.com", "email": "worker2@example.com", "name": "Worker Two"}])
    member = model.resource("member").sample
    found = execute(client, model.operation("find_member"), {"query": member["email"]}).records
    assert [m["id"] for m in found] == [member["id"]]
    assert execute(client, model.operation("find_member"), {"query": "worker"}).records == []
    # Both members contain "Worker" but max_results is 1 and neither equals it.
    assert execute(client, model.operation("find_member"), {"query": "Worker Two"}).records[0]["id"] == "m2"


def test_list_reads_every_page(client: Client, model: Model, mock: MockServer) -> None:
    mock.seed("job", [{"title": f"job {i}"} for i in range(230)])
    mock.clear_log()
    records = execute(client, model.operation("list_jobs"), {}).records
    assert len(records) == 231 and len({r["id"] for r in records}) == 231
    assert [r.query.get("skip") for r in mock.requests()] == [None, ["100"], ["200"]]
    assert all(r.query["limit"] == ["100"] for r in mock.requests())


def test_action_returns_the_unwrapped_record(client: Client, model: Model) -> None:
    (job,) = execute(client, model.operation("create_job"), {"title": "T", "contact": {"name": "Ann"}}).records
    assert job["title"] == "T" and job["contact"] == {"name": "Ann"} and "id" in job
    (archived,) = execute(client, model.operation("archive_job"), {"id": job["id"]}).records
    assert archived["archived"] is True
