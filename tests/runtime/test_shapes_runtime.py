"""The runtime on every rule of issue 13: fixed bodies, form encoding, no body, date-times, typed choices, answers
read by their Shape (item, `$`, empty), ISO companions, error paths, plain-text errors, rate limits, Retry-After."""

from __future__ import annotations

import dataclasses
import email.utils
import json
import time
from typing import Any
from urllib.parse import parse_qsl

import pytest
import requests

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.model.encoding import parse_form
from connector_gen.pipeline import load_model
from connector_gen.runtime import ApiError, Client, InputError, build, execute

from ..conftest import ROOT

SHAPES = ROOT / "tests" / "specs" / "shapes" / "shapes.yaml"
ORDER = {"id": 1001, "number": "SO-1", "created": 1777540000, "updated_at": "2026-04-30T09:07:40.000Z"}


@pytest.fixture(scope="module")
def shapes() -> Model:
    """The Shapely model (no target checks: only the runtime reads it)."""
    return load_model(SHAPES, "tests/specs/shapes/shapes.yaml", names=())


class Scripted:
    """A session that answers from a script of (status, headers, body) and records what it was sent."""

    def __init__(self, *answers: tuple[int, dict[str, str], Any]) -> None:
        self.answers = list(answers)
        self.sent: list[dict[str, Any]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.sent.append({"method": method, "url": url, **kwargs})
        status, headers, body = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        resp = requests.Response()
        resp.status_code = status
        resp.headers.update(headers)
        resp._content = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
        return resp

    def close(self) -> None:
        return


def _client(model: Model, session: Scripted, sleeps: list[float] | None = None) -> Client:
    sleep = (sleeps if sleeps is not None else []).append
    return Client(model, "https://api.example.test", "sk-test-0123456789", sleep=sleep, session=session)  # type: ignore[arg-type]


def test_a_form_body_carries_fixed_values_first_and_nested_objects_and_arrays(shapes: Model) -> None:
    session = Scripted((200, {}, {"order": ORDER}))
    inputs = {
        "number": "SO-1",
        "customer": {"name": "Ada", "email": "ada@example.com"},
        "status": "2",  # a no-code platform's text: the integer choice 2
        "tags": ["gift", "express"],
        "line_items": [{"sku": "MUG-1", "quantity": "2", "price": 9.5}],
        "metadata": {"channel": "web"},
        "Gift Note": "Hi",
        "deliver_at": "2026-06-01T11:30:00+02:00",
    }
    [record] = execute(_client(shapes, session), shapes.operation("create_order"), inputs).records
    sent = session.sent[0]
    assert sent["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    pairs = parse_qsl(sent["data"].decode())
    assert pairs[0] == ("source", "connector")  # the fixed value, at the top level, before the inputs
    assert ("customer[name]", "Ada") in pairs and ("line_items[0][quantity]", "2") in pairs
    assert [v for k, v in pairs if k == "tags[]"] == ["gift", "express"]
    assert ("Gift Note", "Hi") in pairs  # the API's own name on the wire
    assert parse_form(sent["data"].decode())["deliver_at"] == "2026-06-01T09:30:00.000Z"  # ISO, as toISOString()
    assert record["created_iso"] == "2026-04-30T09:06:40.000Z"  # the companion of an epoch-seconds field
    assert record["created"] == 1777540000 and "updated_at_iso" not in record


def test_a_json_body_types_choices_and_keeps_fixed_values_at_the_top_level(shapes: Model) -> None:
    call = build(shapes.operation("update_order"), {"id": "1001", "status": "3", "deliver_at": "2026-06-01"})
    assert call.path == "/orders/1001" and call.encoding == "json"
    assert call.body == {"notify": False, "status": 3, "deliver_at": "2026-06-01T00:00:00.000Z"}
    wrapped = dataclasses.replace(
        shapes.operation("update_order"), request=dataclasses.replace(shapes.operation("update_order").request, wrap="order")
    )
    assert build(wrapped, {"id": 1, "status": 1}).body == {"notify": False, "order": {"status": 1}}


def test_epoch_filters_take_iso_text_and_bad_date_times_are_refused_with_the_label(shapes: Model) -> None:
    call = build(shapes.operation("list_orders"), {"created[gte]": "2026-04-30T09:06:40Z", "status": "1"})
    assert dict(call.query) == {"sort": "updated", "created[gte]": "1777540000", "status": "1"}
    assert dict(build(shapes.operation("list_orders"), {"created[gte]": 1777540000}).query)["created[gte]"] == "1777540000"
    with pytest.raises(InputError, match="Deliver At must be an ISO 8601 date-time"):
        build(shapes.operation("update_order"), {"id": 1, "deliver_at": "next Tuesday"})
    with pytest.raises(InputError, match=r"Created Since must be .* epoch seconds"):
        build(shapes.operation("list_orders"), {"created[gte]": "yesterday"})


def test_a_post_without_body_inputs_sends_no_body_and_an_empty_answer_hands_on_the_id(shapes: Model) -> None:
    session = Scripted((204, {}, None))
    client = _client(shapes, session)
    closed = execute(client, shapes.operation("close_order"), {"id": "1001"}).records
    assert closed == [{"id": 1001, "success": True}]  # the id typed as the integer it is
    assert session.sent[0]["data"] is None and "Content-Type" not in session.sent[0]["headers"]
    deleted = execute(client, shapes.operation("delete_order"), {"id": 7}).records
    assert deleted == [{"id": 7, "deleted": True}]
    session.answers = [(200, {}, b"OK")]  # anything 2xx: the answer is not read
    assert execute(client, shapes.operation("close_order"), {"id": 1}).records == [{"id": 1, "success": True}]


def test_answers_are_read_by_their_shape(shapes: Model) -> None:
    session = Scripted((200, {}, {"hits": [{"order": ORDER, "score": 1}]}))
    client = _client(shapes, session)
    [found] = execute(client, shapes.operation("find_orders"), {"q": "SO"}).records
    assert found["id"] == 1001 and "score" not in found  # unwrapped at `item`
    assert json.loads(session.sent[0]["data"]) == {"q": "SO"}  # a POST search with a JSON body
    assert session.sent[0]["headers"]["Content-Type"] == "application/json"
    session.answers = [(200, {}, [{"id": "lbl_1", "name": "Gift"}])]
    assert execute(client, shapes.operation("list_labels"), {}).records == [{"id": "lbl_1", "name": "Gift"}]  # `$`
    session.answers = [(200, {}, {"order": {**ORDER, "extra": True}})]
    [got] = execute(client, shapes.operation("get_order"), {"id": 1001}).records
    assert got["extra"] is True  # undeclared fields pass through


def test_error_messages_are_read_at_the_first_path_that_has_text(shapes: Model) -> None:
    errors = {"errors": [{"message": "Number taken."}, {"message": "Bad tag."}, {"message": "Number taken."}]}
    session = Scripted((400, {}, errors))
    with pytest.raises(ApiError) as info:
        execute(_client(shapes, session), shapes.operation("get_order"), {"id": 1})
    assert info.value.message == "Number taken.; Bad tag."  # `errors.*.message` joined, each text once
    session.answers = [(401, {"Content-Type": "text/plain"}, b"invalid token")]
    with pytest.raises(ApiError) as info:
        execute(_client(shapes, session), shapes.operation("get_order"), {"id": 1})
    assert (info.value.status, info.value.message, info.value.kind) == (401, "invalid token", "unauthorized")
    session.answers = [(500, {}, b"<html><body>Oops</body></html>")]
    with pytest.raises(ApiError) as info:
        execute(_client(shapes, session), shapes.operation("create_order"), {"number": "x"})
    assert info.value.message == "Shapely had an internal error."  # a page is no message: the spec's


def test_a_403_the_spec_calls_a_rate_limit_is_retried_after_an_http_date(shapes: Model) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    limited = (403, {"X-RateLimit-Remaining": " 0 ", "Retry-After": when}, {"error": {"message": "Slow down."}})
    session = Scripted(limited, (200, {}, [{"id": "lbl_1", "name": "Gift"}]))
    sleeps: list[float] = []
    assert execute(_client(shapes, session, sleeps), shapes.operation("list_labels"), {}).records
    assert len(session.sent) == 2 and len(sleeps) == 1 and 28 <= sleeps[0] <= 31
    forbidden = Scripted((403, {"X-RateLimit-Remaining": "12"}, {"error": {"message": "Not yours."}}))
    with pytest.raises(ApiError) as info:
        execute(_client(shapes, forbidden), shapes.operation("list_labels"), {})
    assert (len(forbidden.sent), info.value.kind) == (1, "forbidden")  # another 403 is no rate limit
    always = Scripted(limited)
    with pytest.raises(ApiError) as info:
        execute(_client(shapes, always, []), shapes.operation("list_labels"), {})
    assert (info.value.status, info.value.kind, info.value.message) == (403, "rate_limited", "Slow down.")


def test_every_operation_runs_against_the_embedded_mock(shapes: Model) -> None:
    with MockServer(shapes) as mock:
        client = Client(shapes, mock.base_url, mock.api_key)
        made = execute(client, shapes.operation("create_order"), {"number": "SO-5", "tags": ["a"], "status": 2}).records[0]
        assert isinstance(made["id"], int) and made["tags"] == ["a"] and made["status"] == 2
        assert made["created_iso"].endswith("Z")
        sent = mock.requests()[-1]
        assert parse_form(sent.body) == {"source": "connector", "number": "SO-5", "status": "2", "tags": ["a"]}
        assert execute(client, shapes.operation("find_orders"), {"q": "so-5"}).records[0]["id"] == made["id"]
        assert execute(client, shapes.operation("close_order"), {"id": str(made["id"])}).records == [
            {"id": made["id"], "success": True}
        ]
        assert mock.requests()[-1].body is None
        client.close()


def test_a_trigger_polls_an_epoch_seconds_cursor_and_counts_in_milliseconds(shapes: Model) -> None:
    from connector_gen.model import Trigger

    listing = shapes.operation("list_orders")
    trigger = Trigger("created[gte]", "created", ("id",), None, 100, "unordered", pointer="")
    new_order = dataclasses.replace(listing, key="new_order", kind="polling_trigger", trigger=trigger, inputs=())
    model = dataclasses.replace(shapes, operations=(*shapes.operations, new_order))
    with MockServer(model) as mock:
        client = Client(model, mock.base_url, mock.api_key)
        mock.seed("order", [{"number": "SO-1"}])
        start = execute(client, new_order, {})
        assert start.records == [] and start.state is not None
        assert start.state["cursor"] == mock.clock.now() // 1000 * 1000  # seconds, counted in milliseconds
        mock.clock.advance(5000)
        [made] = mock.seed("order", [{"number": "SO-2"}])
        polled = execute(client, new_order, {}, start.state)
        assert [r["number"] for r in polled.records] == ["SO-2"] and polled.records[0]["created_iso"].endswith("Z")
        since = mock.requests()[-1].query["created[gte]"]
        assert since == [str(start.state["cursor"] // 1000 - 1)]  # the cursor minus the overlap, in epoch seconds
        assert execute(client, new_order, {}, polled.state).records == []
        assert made["created"] == polled.state["newest"] // 1000
        client.close()


def test_the_mocks_403_rate_limit_is_waited_out(shapes: Model, fake_time: Any) -> None:
    with MockServer(shapes, timer=fake_time.timer) as mock:
        client = Client(shapes, mock.base_url, mock.api_key, sleep=fake_time.sleep)
        mock.set_rate_limit(1, 5)
        execute(client, shapes.operation("list_labels"), {})
        assert execute(client, shapes.operation("list_labels"), {}).records == []
        assert fake_time.sleeps == [5.0] and [r.path for r in mock.requests()] == ["/labels"] * 3
        client.close()
