"""Contract tests of the mock's server side: auth, faults, rate limits, the request log, controls, connections."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from connector_gen.mock import MockServer, RecordedRequest, serve
from connector_gen.model import Model

from .conftest import Client


class FakeTimer:
    """A monotonic clock the test moves by hand, for rate-limit windows."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def timer() -> FakeTimer:
    """A hand-moved timer."""
    return FakeTimer()


@pytest.fixture
def limited(model: Model, timer: FakeTimer) -> Iterator[Client]:
    """A client of a mock whose rate-limit window runs on `timer`."""
    with MockServer(model, timer=timer) as server:
        client = Client(server, model.auth.headers[0].name)
        yield client
        client.session.close()


def test_missing_and_invalid_keys_get_401_without_echoing_the_key(api: Client) -> None:
    assert api.error("GET", "/jobs", 401, key=None) == "Missing or invalid API key."
    resp = api.call("GET", "/jobs", key="secret-value-123")
    assert resp.status_code == 401 and "secret-value-123" not in resp.text
    assert api.error("GET", "/jobs", 401, key="") == "Missing or invalid API key."
    assert api.error("GET", "/nowhere", 401, key=None) == "Missing or invalid API key."  # auth before routing


def test_read_only_key_may_read_but_not_write(api: Client, mock: MockServer) -> None:
    assert api.call("GET", "/jobs", key="read_only").status_code == 200
    message = api.error("POST", "/jobs", 403, key="read_only", json={"title": "t"})
    assert message.startswith("API key does not have access to the requested resource.")
    assert mock.records("job") == []


def test_header_name_is_case_insensitive(api: Client, mock: MockServer, model: Model) -> None:
    resp = api.session.get(mock.base_url + "/jobs", headers={model.auth.headers[0].name.lower(): mock.api_key})
    assert resp.status_code == 200


def test_injected_failures_then_recovery(api: Client, mock: MockServer) -> None:
    mock.fail_next(2)
    assert api.error("GET", "/jobs", 500) == "Hellotracks API is temporarily unavailable."
    assert api.error("POST", "/jobs", 500, json={"title": "t"}) == "Hellotracks API is temporarily unavailable."
    assert mock.records("job") == []  # a failed write changes nothing
    assert api.call("GET", "/jobs").status_code == 200
    mock.fail_next(1, status=503)
    assert api.error("GET", "/jobs", 503) == "Injected failure 503."
    mock.fail_next(1, status=429)
    assert api.call("GET", "/jobs").headers["Retry-After"] == "1"
    with pytest.raises(ValueError):
        mock.fail_next(1, status=200)


def test_dropped_connection_then_recovery(api: Client, mock: MockServer) -> None:
    api.items("/jobs")  # a pooled keep-alive connection exists; the drop must still surface
    mock.fail_next(1, "drop")
    with pytest.raises(requests.ConnectionError):
        api.call("GET", "/jobs")
    assert api.call("GET", "/jobs").status_code == 200
    assert [r.path for r in mock.requests()] == ["/jobs", "/jobs", "/jobs"]


def test_rate_limit_answers_429_with_retry_after_until_the_window_passes(limited: Client, timer: FakeTimer) -> None:
    limited.mock.set_rate_limit(2, 10)
    assert limited.call("GET", "/jobs").status_code == 200  # t=100
    timer.now = 101.0
    assert limited.call("GET", "/jobs").status_code == 200  # t=101
    resp = limited.call("GET", "/jobs")
    assert resp.status_code == 429 and resp.headers["Retry-After"] == "9"
    assert resp.json()["error"]["message"] == "Rate limit reached."
    timer.now = 104.2
    assert limited.call("GET", "/jobs").headers["Retry-After"] == "6"  # rounded up; refused requests do not count
    timer.now = 110.0
    assert limited.call("GET", "/jobs").status_code == 200  # the t=100 request left the window
    resp = limited.call("GET", "/jobs")
    assert resp.status_code == 429 and resp.headers["Retry-After"] == "1"
    limited.mock.set_rate_limit(None)
    assert [limited.call("GET", "/jobs").status_code for _ in range(5)] == [200] * 5


def test_request_log_records_everything_and_redacts_the_key(api: Client, mock: MockServer, model: Model) -> None:
    api.call("POST", "/jobs", json={"title": "t"}, headers={"X-Trace": "abc"})
    api.call("GET", "/jobs", key=None, params={"limit": "5", "progress": ["a", "b"]})
    api.call("GET", "/jobs", key="read_only")
    api.call("PATCH", "/jobs", key="wrong-key", data="not json")
    first, second, third, fourth = mock.requests()
    assert isinstance(first, RecordedRequest)
    assert (first.method, first.path, first.query, first.body, first.auth) == ("POST", "/jobs", {}, {"title": "t"}, "valid")
    assert first.headers[model.auth.headers[0].name.lower()] == "<redacted>" and first.headers["x-trace"] == "abc"
    assert all(name == name.lower() for name in first.headers)
    assert (second.query, second.auth, second.body) == ({"limit": ["5"], "progress": ["a", "b"]}, "missing", None)
    assert model.auth.headers[0].name.lower() not in second.headers
    assert third.auth == "read_only" and third.headers[model.auth.headers[0].name.lower()] == "<redacted>"
    assert (fourth.auth, fourth.body) == ("invalid", "not json")
    assert all(mock.api_key not in repr(r) and mock.read_only_key not in repr(r) for r in mock.requests())
    mock.clear_log()
    assert mock.requests() == []


def test_requests_outside_the_base_path_are_404_and_logged_with_their_full_path(api: Client, mock: MockServer) -> None:
    resp = api.session.get(mock.origin + "/jobs", headers={api.header: mock.api_key})
    assert resp.status_code == 404
    assert mock.requests()[-1].path == "/jobs"
    assert mock.base_url == mock.origin + "/v1"


def test_reset_empties_store_log_faults_and_limits_but_keeps_time(api: Client, mock: MockServer) -> None:
    mock.seed("job", [{"title": "t"}])
    mock.clock.advance(50)
    now = mock.clock.now()
    mock.fail_next(3)
    mock.set_rate_limit(0, 60)
    mock.reset()
    assert (mock.records("job"), mock.requests(), mock.clock.now()) == ([], [], now)
    assert api.call("GET", "/jobs").status_code == 200


def _control(mock: MockServer, method: str, path: str, body: Any = None, prefix: str = "") -> Any:
    resp = requests.request(method, f"{mock.origin}{prefix}/__mock/{path}", json=body, timeout=10)
    return resp.status_code, resp.json()


def test_http_controls(api: Client, mock: MockServer) -> None:
    status, seeded = _control(mock, "POST", "seed", {"resource": "job", "records": [{"title": "a"}, {"title": "b"}]})
    assert status == 200 and [r["title"] for r in seeded["records"]] == ["a", "b"]
    assert _control(mock, "GET", "records/job")[1]["records"] == mock.records("job")
    start = mock.clock.now()
    assert _control(mock, "POST", "clock/advance", {"ms": 25}) == (200, {"now": start + 25})
    assert _control(mock, "GET", "clock") == (200, {"now": start + 25})
    assert _control(mock, "POST", "clock/set", {"ms": 5}) == (200, {"now": 5}) and mock.clock.now() == 5
    assert _control(mock, "POST", "fail-next", {"n": 1, "status": 502})[0] == 200
    assert api.call("GET", "/jobs").status_code == 502
    assert _control(mock, "POST", "rate-limit", {"n": 0, "window_s": 30})[0] == 200
    assert api.call("GET", "/jobs").headers["Retry-After"] == "30"
    assert _control(mock, "POST", "rate-limit", {"n": None})[0] == 200
    api.call("GET", "/jobs", params={"limit": "1"})
    logged = _control(mock, "GET", "requests")[1]["requests"]
    assert [(r["method"], r["path"], r["auth"]) for r in logged] == [("GET", "/jobs", "valid")] * 3
    assert logged[-1]["query"] == {"limit": ["1"]} and logged[-1]["headers"]["api-key"] == "<redacted>"
    assert _control(mock, "POST", "clear-log") == (200, {"ok": True}) and mock.requests() == []
    assert _control(mock, "POST", "reset", prefix=mock.base_path) == (200, {"ok": True})
    assert mock.records("job") == [] and mock.requests() == []  # control requests are never logged


def test_http_control_errors(mock: MockServer) -> None:
    status, body = _control(mock, "POST", "seed", {"records": []})
    assert status == 400 and "needs 'resource'" in body["error"]["message"]
    status, body = _control(mock, "POST", "seed", {"resource": "nope", "records": []})
    assert status == 400 and "unknown resource 'nope'" in body["error"]["message"]
    assert _control(mock, "POST", "clock/advance", {"ms": -1})[0] == 400
    assert _control(mock, "POST", "fail-next", {"status": "explode"})[0] == 400
    assert _control(mock, "GET", "nothing")[0] == 404


def test_keep_alive_serves_two_requests_on_one_connection(api: Client, mock: MockServer) -> None:
    assert api.call("GET", "/jobs").status_code == 200
    assert api.call("POST", "/jobs", json={"title": "t"}).status_code == 200
    assert mock.connections_opened == 1
    conn = http.client.HTTPConnection("127.0.0.1", mock.port, timeout=10)
    headers = {api.header: mock.api_key}
    conn.request("GET", "/v1/jobs", headers=headers)
    first = conn.getresponse()
    assert first.status == 200 and first.getheader("Content-Length") == str(len(first.read()))
    sock = conn.sock
    conn.request("GET", "/v1/jobs?limit=x", headers=headers)
    second = conn.getresponse()
    assert second.status == 400 and second.read()
    assert conn.sock is sock and sock is not None  # not reopened
    conn.close()
    assert mock.connections_opened == 2


def test_chunked_request_bodies_are_read(mock: MockServer, api: Client) -> None:
    resp = api.call("POST", "/jobs", data=iter([b'{"title": ', b'"chunked"}']), headers={"Content-Type": "application/json"})
    assert resp.status_code == 200 and resp.json()["data"]["items"][0]["title"] == "chunked"
    assert mock.requests()[-1].body == {"title": "chunked"}


def test_concurrent_requests_from_threads(mock: MockServer, model: Model) -> None:
    errors: list[str] = []

    def worker(n: int) -> None:
        with requests.Session() as session:
            for i in range(10):
                resp = session.post(
                    mock.base_url + "/jobs",
                    json={"title": f"{n}-{i}"},
                    headers={model.auth.headers[0].name: mock.api_key},
                    timeout=10,
                )
                if resp.status_code != 200:
                    errors.append(resp.text)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    jobs = mock.records("job")
    assert len(jobs) == 80 and len({j["id"] for j in jobs}) == 80
    assert {j["title"] for j in jobs} == {f"{n}-{i}" for n in range(8) for i in range(10)}
    assert len(mock.requests()) == 80


def test_serve_runs_until_stopped_and_reports_through_the_callback(model: Model) -> None:
    ready: list[str] = []
    got = threading.Event()
    stop = threading.Event()

    def on_ready(mock: MockServer) -> None:
        ready.append(mock.origin)
        ready.append(mock.base_url)
        ready.append(mock.api_key)
        got.set()

    thread = threading.Thread(target=serve, args=(model, 0, on_ready, stop))
    thread.start()
    try:
        assert got.wait(10)
        jobs = requests.get(ready[1] + "/jobs", headers={model.auth.headers[0].name: ready[2]}, timeout=10).json()
        assert jobs["data"]["items"] == [model.resource("job").sample]
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    with pytest.raises(requests.ConnectionError):
        requests.get(ready[0] + "/__mock/clock", timeout=5)


def test_a_record_the_mock_cannot_order_is_a_500_not_a_dead_connection(api: Client, mock: MockServer) -> None:
    mock.seed("job", [{"title": "a", "createdAt": 5}, {"title": "b", "createdAt": "yesterday"}])
    assert api.error("GET", "/jobs", 500).startswith("Mock internal error: TypeError")
    assert api.call("GET", "/jobs/none").status_code == 404  # the same connection still answers


def test_the_mock_prints_nothing(model: Model, capfd: pytest.CaptureFixture[str]) -> None:
    with MockServer(model) as server:
        client = Client(server, model.auth.headers[0].name)
        client.items("/jobs")
        server.fail_next(1, "drop")
        with pytest.raises(requests.ConnectionError):
            client.call("GET", "/jobs")
        client.call("GET", "/nowhere", key=None)
        client.session.close()
    assert capfd.readouterr() == ("", "")
