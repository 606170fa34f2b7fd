"""Request comparison across targets: normalised requests, cursor placeholders, readable differences."""

from __future__ import annotations

from connector_gen.mock import RecordedRequest
from connector_gen.model import Model
from connector_gen.smoke.compare import CURSOR, diff_requests, normalise


def _req(
    path: str, query: dict[str, list[str]], body: object = None, method: str = "GET", auth: str = "valid"
) -> RecordedRequest:
    return RecordedRequest(method, path, query, {"api-key": "<redacted>"}, body, auth)  # type: ignore[arg-type]


def test_trigger_cursor_values_become_a_placeholder_but_keep_their_name(model: Model) -> None:
    trig = model.operation("new_job").trigger
    assert trig is not None
    a = normalise([_req("/jobs", {trig.cursor_param: ["1780000000000"], "limit": ["100"]})], model)
    b = normalise([_req("/jobs", {"limit": ["100"], trig.cursor_param: ["1780000009999"]})], model)
    assert a == b
    assert a[0]["query"][trig.cursor_param] == [CURSOR]
    other = normalise([_req("/jobs", {"updatedSince": ["1780000000000"], "limit": ["100"]})], model)
    assert diff_requests(a, other)  # a different cursor parameter is a difference


def test_a_cursor_not_in_epoch_ms_is_reported(model: Model) -> None:
    good = normalise([_req("/jobs", {"createdSince": ["1780000000000"]})], model)
    iso = normalise([_req("/jobs", {"createdSince": ["2026-05-28T20:26:40Z"]})], model)
    (problem,) = diff_requests(good, iso)
    assert "createdSince" in problem and "epoch ms" in problem


def test_path_query_body_and_auth_differences_are_named(model: Model) -> None:
    ref = normalise([_req("/jobs", {}, {"title": "T", "priority": 7}, "POST")], model)
    assert diff_requests(ref, normalise([_req("/jobs", {}, {"title": "T", "priority": 7}, "POST")], model)) == []
    (body,) = diff_requests(ref, normalise([_req("/jobs", {}, {"title": "T", "priority": "7"}, "POST")], model))
    assert "body" in body and '"7"' in body
    (auth,) = diff_requests(ref, normalise([_req("/jobs", {}, {"title": "T", "priority": 7}, "POST", "missing")], model))
    assert "auth" in auth
    (count,) = diff_requests(ref, [*ref, *ref])
    assert "sent 2 requests" in count and "extra" in count
