"""tests/specs/shapes/shapes.yaml through the Zapier target: every shape, type, encoding and error rule of issue 13
rendered natively, accepted by Zapier's validators and our lint, and run by zapier-platform-core."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl

import pytest
import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from connector_gen.errors import SpecInvalid
from connector_gen.mock import MockServer
from connector_gen.model import Model, encoding, values
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.targets.zapier.conventions import flat_inputs
from connector_gen.targets.zapier.lint import lint

pytestmark = pytest.mark.slow

Served = tuple[str, type["_Answers"]]
SHAPES = Path(__file__).resolve().parents[1] / "specs" / "shapes" / "shapes.yaml"


@pytest.fixture(scope="module")
def shapes() -> Model:
    """The Shapely model, checked by the Zapier target's limits."""
    return load_model(SHAPES, "tests/specs/shapes/shapes.yaml", names=["zapier"])


@pytest.fixture(scope="module")
def shapes_dir(shapes: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Shapely Zapier app written to a temporary folder."""
    root = tmp_path_factory.mktemp("zapier-shapes")
    for path, text in render_all(shapes, ["zapier"])["zapier"].items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)  # modules sit in folders
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def definition(shapes_dir: Path) -> dict[str, Any]:
    """The parsed app-definition.json."""
    data: dict[str, Any] = json.loads((shapes_dir / "app-definition.json").read_text())
    return data


@pytest.fixture(scope="module")
def shapes_executor(shapes: Model, shapes_dir: Path, harness: Path) -> Iterator[ZapierExecutor]:
    """One Zapier executor running the Shapely app."""
    ex = ZapierExecutor()
    ex.prepare(shapes, shapes_dir)
    yield ex
    ex.close()


def _inputs(definition: dict[str, Any], section: str, key: str) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for f in definition[section][key]["operation"]["inputFields"]}


def _outputs(definition: dict[str, Any], section: str, key: str) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for f in definition[section][key]["operation"]["outputFields"]}


# -- Zapier's validators and our lint ---------------------------------------------------------------------------


def test_zapier_validators_and_lint_accept_the_build(
    definition: dict[str, Any], shapes_executor: ZapierExecutor, harness: Path
) -> None:
    exported = json.loads((harness / "node_modules" / "zapier-platform-schema" / "exported-schema.json").read_text())
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in exported["schemas"].values()
    )
    validator = Draft4Validator(exported["schemas"]["AppSchema"], registry=registry)
    loaded = {**definition, "version": "0.1.0", "platformVersion": exported["version"]}
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(loaded)] == []
    assert shapes_executor.validate() == {"schema": [], "core": []}
    assert lint(definition) == []


# -- inputs ------------------------------------------------------------------------------------------------------


def test_inputs_are_native_zapier_fields(definition: dict[str, Any]) -> None:
    create = _inputs(definition, "creates", "create_order")
    assert create["deliver_at"]["type"] == "datetime"
    tags = {"key": "tags", "label": "Tags", "type": "string", "required": False, "helpText": "Words to find the order by."}
    assert create["tags"] == {**tags, "list": True}
    items = create["line_items"]
    assert "type" not in items and "list" not in items
    assert [(c["key"], c["type"], c["label"]) for c in items["children"]] == [
        ("sku", "string", "SKU"),
        ("quantity", "integer", "Quantity"),
        ("price", "number", "Unit Price"),
    ]
    assert create["metadata"]["dict"] is True
    # The model's labels; values as text (Zapier's choice schema), sent in their JSON type.
    assert create["status"]["choices"] == [
        {"value": "1", "label": "Open", "sample": "1"},
        {"value": "2", "label": "Shipped", "sample": "2"},
        {"value": "3", "label": "Closed", "sample": "3"},
    ]
    # Names that are no identifiers get safe keys; their labels stay.
    assert create["gift_note"]["label"] == "Gift Note"
    assert {"customer__name", "customer__email"} <= set(create)
    listing = _inputs(definition, "triggers", "list_orders")
    assert listing["created_gte"]["type"] == "datetime" and listing["created_gte"]["label"] == "Created Since"
    # The nested title field labels the dynamic dropdown, by the flattened key Zapier reads results with.
    assert _inputs(definition, "creates", "close_order")["id"]["dynamic"] == "list_orders.id.customer__name"


def test_executor_hands_inputs_as_zapier_does(shapes: Model) -> None:
    given = {
        "number": "SO-1",
        "customer": {"name": "Ada"},
        "status": 2,
        "line_items": [{"sku": "MUG-1", "quantity": 2}],
        "Gift Note": "Hi",
        "deliver_at": "2026-06-01T09:30:00Z",
    }
    assert flat_inputs(shapes.operation("create_order"), given) == {
        "number": "SO-1",
        "customer__name": "Ada",
        "status": "2",
        "line_items": [{"sku": "MUG-1", "quantity": 2}],
        "gift_note": "Hi",
        "deliver_at": "2026-06-01T09:30:00Z",
    }
    assert flat_inputs(shapes.operation("list_orders"), {"created[gte]": 1777540000}) == {"created_gte": "1777540000"}


# -- outputs -----------------------------------------------------------------------------------------------------


def test_outputs_declare_companions_lists_and_line_items(definition: dict[str, Any], shapes: Model) -> None:
    out = _outputs(definition, "searches", "get_order")
    assert out["created"]["type"] == "integer"
    assert out["created_iso"] == {"key": "created_iso", "label": "Created (ISO 8601)", "type": "datetime"}
    assert out["updated_at"]["type"] == "datetime" and "updated_at_iso" not in out
    assert out["tags"]["list"] is True and out["metadata"]["dict"] is True
    assert {"line_items[]sku", "line_items[]quantity", "line_items[]price", "customer__name"} <= set(out)
    sample = definition["searches"]["get_order"]["operation"]["sample"]
    assert sample["created_iso"] == values.iso_companion(sample["created"], "epoch_s") == "2026-04-30T09:06:40.000Z"


# -- errors, against a server that answers what each test says ------------------------------------------------


class _Answers(BaseHTTPRequestHandler):
    answer: tuple[int, dict[str, str], str] = (200, {}, "{}")
    hits: ClassVar[list[str]] = []
    bodies: ClassVar[list[str | None]] = []

    def _reply(self) -> None:
        type(self).hits.append(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        type(self).bodies.append(self.rfile.read(length).decode() if length else None)
        status, headers, body = type(self).answer
        data = body.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = _reply

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, type[_Answers]]]:
    """A loopback server whose next answers a test sets."""
    handler = type("Answers", (_Answers,), {"hits": [], "bodies": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v2", handler
    httpd.shutdown()


def _fail(ex: ZapierExecutor, shapes: Model, server: Served, answer: tuple[int, dict[str, str], str]) -> dict[str, Any]:
    base, handler = server
    handler.answer = answer
    endpoint = Endpoint.for_key(shapes, base, "k-123")
    bundle = {"authData": {"api_key": "k-123"}, "inputData": {"id": "1001"}, "meta": {}}
    reply = ex.invoke("searches.get_order.operation.perform", bundle, endpoint, shapes)
    assert reply["ok"] is False
    error: dict[str, Any] = reply["error"]
    return {"name": error["name"], **json.loads(error["message"])}


def test_error_message_by_error_paths(shapes_executor: ZapierExecutor, shapes: Model, server: Served) -> None:
    texts = ["Number is taken", "SKU is unknown", "Number is taken"]
    joined = json.dumps({"errors": [{"message": text} for text in texts]})
    error = _fail(shapes_executor, shapes, server, (400, {"Content-Type": "application/json"}, joined))
    assert (error["name"], error["message"], error["status"]) == ("AppError", "Number is taken; SKU is unknown", 400)
    # The first path that yields text wins; `detail` is the third.
    second = '{"error": {}, "detail": "Disk full"}'
    error = _fail(shapes_executor, shapes, server, (500, {"Content-Type": "application/json"}, second))
    assert error["message"] == "Disk full"
    # A plain-text body is the message; markup is not, so the spec's status message stands in.
    error = _fail(shapes_executor, shapes, server, (400, {"Content-Type": "text/plain"}, "  invalid id  "))
    assert error["message"] == "invalid id"
    error = _fail(shapes_executor, shapes, server, (500, {"Content-Type": "text/html"}, "<html>oops</html>"))
    assert error["message"] == "Shapely had an internal error."


def test_rate_limits_throttle_with_retry_after(shapes_executor: ZapierExecutor, shapes: Model, server: Served) -> None:
    body = json.dumps({"error": {"message": "Slow down"}})
    error = _fail(shapes_executor, shapes, server, (429, {"Retry-After": "17"}, body))
    assert (error["name"], error["message"], error["delay"]) == ("ThrottledError", "Slow down", 17)
    # A 403 is a rate limit when the spec's rule says so (header name any case, value trimmed); Retry-After a date.
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    error = _fail(shapes_executor, shapes, server, (403, {"x-ratelimit-remaining": " 0 ", "Retry-After": when}, body))
    assert error["name"] == "ThrottledError" and error["message"] == "Slow down"
    assert 100 <= error["delay"] <= 121
    # Without the header it is the forbidden error it says.
    error = _fail(shapes_executor, shapes, server, (403, {}, body))
    assert (error["name"], error["message"], error["status"]) == ("AppError", "Slow down", 403)
    assert error["code"] == "ForbiddenError"


def test_bad_date_time_is_refused_before_sending(shapes_executor: ZapierExecutor, shapes: Model, server: Served) -> None:
    base, handler = server
    endpoint = Endpoint.for_key(shapes, base, "k-123")
    handler.hits.clear()
    for text in ("soon", "2026-02-30", "2026-06-01T25:00:00Z", "1777540000"):
        call = Call(shapes.operation("update_order"), {"id": 1001, "deliver_at": text})
        out = shapes_executor.run(shapes, call, endpoint)
        assert not out.ok and out.error is not None
        assert "Deliver At must be a date and time in ISO 8601" in out.error, text
    assert handler.hits == []


@pytest.mark.parametrize(
    "text",
    [
        "2026-06-01T10:30:00+01:00",
        "2026-06-01T09:30Z",
        "2026-06-01 09:30:15.123456",
        "2026-06-01t09:30:00z",
        "2026-06-01T09:30:00-0230",
        "2026-06-01T09:30:00.123456789Z",
        "2026-06-01",
        "1969-12-31T23:59:59.999Z",
    ],
)
def test_date_times_go_out_as_values_to_wire_says(
    shapes_executor: ZapierExecutor, shapes: Model, server: Served, text: str
) -> None:
    base, handler = server
    handler.answer = (200, {"Content-Type": "application/json"}, "{}")
    endpoint = Endpoint.for_key(shapes, base, "k-123")
    handler.hits.clear()
    handler.bodies.clear()
    out = shapes_executor.run(shapes, Call(shapes.operation("update_order"), {"id": 1001, "deliver_at": text}), endpoint)
    assert out.ok, out.error
    moment = values.from_user(text, "iso8601")
    assert moment is not None
    body = handler.bodies[-1]
    assert body is not None and json.loads(body) == {"notify": False, "deliver_at": values.to_wire(moment, "iso8601")}
    # An epoch-seconds filter: the same moment (or a number in its own unit) as whole seconds, floored.
    for given in (text, "1777540000"):
        handler.hits.clear()
        out = shapes_executor.run(shapes, Call(shapes.operation("list_orders"), {"created[gte]": given}), endpoint)
        assert out.ok, out.error
        sent = values.from_user(given, "epoch_s")
        assert sent is not None
        [hit] = handler.hits
        assert f"created%5Bgte%5D={values.to_wire(sent, 'epoch_s')}&" in hit + "&", hit


def test_colliding_safe_keys_are_located_errors(tmp_path: Path) -> None:
    spec = yaml.safe_load(SHAPES.read_text())
    order = spec["resources"]["order"]["fields"]
    order["line_items"]["items"]["fields"]["quantity!"] = {"type": "integer", "label": "Quantity Again"}
    order["gift note"] = {"type": "string", "label": "Gift Note Again"}
    spec["operations"]["create_order"]["inputs"].append({"name": "gift note", "in": "body"})
    (tmp_path / "shapes.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    (tmp_path / "icons").symlink_to(SHAPES.parent / "icons")
    with pytest.raises(SpecInvalid) as raised:
        load_model(tmp_path / "shapes.yaml", names=["zapier"])
    text = str(raised.value)
    assert "/resources/order/fields/line_items/items/fields/quantity!: zapier: Zapier line-item key 'quantity'" in text
    clash = "Zapier input key 'gift_note' is also the key of input 'Gift Note'"
    assert f"/operations/create_order/inputs/9/name: zapier: {clash}" in text


# -- every operation against the embedded mock -------------------------------------------------------------------


@pytest.fixture()
def shapes_mock(shapes: Model) -> Iterator[MockServer]:
    """A fresh embedded mock of the Shapely API."""
    with MockServer(shapes) as server:
        yield server


def _run(ex: ZapierExecutor, shapes: Model, mock: MockServer, key: str, **inputs: Any) -> Outcome:
    endpoint = Endpoint.for_key(shapes, mock.base_url, mock.api_key, mock.clock_url)
    return ex.run(shapes, Call(shapes.operation(key), inputs), endpoint)


ORDER: dict[str, Any] = {
    "number": "SO-7",
    "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "status": 2,
    "tags": ["gift", "express"],
    "line_items": [{"sku": "MUG-1", "quantity": 2, "price": 9.5}, {"sku": "CUP-2", "quantity": 1}],
    "metadata": {"channel": "web", "campaign": "spring"},
    "Gift Note": "Happy birthday",
    "due_on": "2026-06-01",
    "deliver_at": "2026-06-01T10:30:00+01:00",
}


def test_every_operation_against_the_mock(shapes_executor: ZapierExecutor, shapes: Model, shapes_mock: MockServer) -> None:
    mock, ex = shapes_mock, shapes_executor
    created = _run(ex, shapes, mock, "create_order", **ORDER)
    assert created.ok, created.error
    [sent] = mock.requests()
    # Form-encoded, fixed values first, exactly the pairs of model/encoding.form_pairs for the typed body.
    assert sent.headers["content-type"] == "application/x-www-form-urlencoded"
    typed = {"source": "connector", **ORDER, "deliver_at": "2026-06-01T09:30:00.000Z"}
    assert isinstance(sent.body, str) and parse_qsl(sent.body) == encoding.form_pairs(typed)
    [order] = created.records
    assert isinstance(order["id"], int) and order["status"] == 2 and order["line_items"][1] == {"sku": "CUP-2", "quantity": 1}
    assert order["created_iso"] == values.iso_companion(order["created"], "epoch_s")
    oid = order["id"]

    mock.clear_log()
    updated = _run(ex, shapes, mock, "update_order", id=oid, status=3, deliver_at="2026-06-02")
    assert updated.ok, updated.error
    [sent] = mock.requests()
    assert (sent.method, sent.path) == ("PATCH", f"/orders/{oid}")
    # The fixed value at the top level, before the inputs; the choice in its JSON type; the date at midnight UTC.
    assert list(sent.body.items()) == [("notify", False), ("status", 3), ("deliver_at", "2026-06-02T00:00:00.000Z")]
    assert updated.records[0]["status"] == 3

    mock.clear_log()
    listed = _run(ex, shapes, mock, "list_orders", status=3, **{"created[gte]": "2026-04-01T00:00:00Z"})
    assert listed.ok, listed.error
    [sent] = mock.requests()
    assert sent.query == {"sort": ["updated"], "limit": ["100"], "status": ["3"], "created[gte]": ["1775001600"]}
    assert [r["id"] for r in listed.records] == [oid]

    mock.clear_log()
    found = _run(ex, shapes, mock, "find_orders", q="Lovelace")
    assert found.ok, found.error
    [sent] = mock.requests()
    assert (sent.method, sent.path, sent.body) == ("POST", "/orders/search", {"q": "Lovelace"})
    # Each hit's record is unwrapped from `order`, with its companion.
    assert [(r["id"], r["number"], "order" in r) for r in found.records] == [(oid, "SO-7", False)]
    assert found.records[0]["created_iso"] == order["created_iso"]

    got = _run(ex, shapes, mock, "get_order", id=oid)
    assert got.ok and got.records[0]["number"] == "SO-7" and got.records[0]["created_iso"] == order["created_iso"]

    mock.clear_log()
    closed = _run(ex, shapes, mock, "close_order", id=oid)
    assert closed.ok, closed.error
    [sent] = mock.requests()
    assert (sent.method, sent.path, sent.body) == ("POST", f"/orders/{oid}/close", None)
    assert "content-type" not in sent.headers
    # An empty answer hands on the id acted on, typed as the API's, and what happened.
    assert closed.records == [{"id": oid, "success": True}]
    deleted = _run(ex, shapes, mock, "delete_order", id=oid)
    assert deleted.ok and deleted.records == [{"id": oid, "deleted": True}]
    missing = _run(ex, shapes, mock, "get_order", id=oid)
    assert missing.ok and missing.records == []

    mock.seed("label", [{"id": "lbl_1", "name": "Gift"}, {"id": "lbl_2", "name": "Rush"}])
    labels = _run(ex, shapes, mock, "list_labels")
    assert labels.ok and [r["name"] for r in labels.records] == ["Gift", "Rush"]


def test_undeclared_fields_pass_through(shapes_executor: ZapierExecutor, shapes: Model, shapes_mock: MockServer) -> None:
    shapes_mock.seed("order", [{"id": 5, "number": "SO-5", "created": 1777540000, "courier": {"name": "Bike"}}])
    got = _run(shapes_executor, shapes, shapes_mock, "get_order", id=5)
    assert got.ok, got.error
    assert got.records[0]["courier"] == {"name": "Bike"} and got.records[0]["created_iso"] == "2026-04-30T09:06:40.000Z"


def test_a_missing_path_input_is_refused_before_sending(
    shapes_executor: ZapierExecutor, shapes: Model, shapes_mock: MockServer
) -> None:
    out = _run(shapes_executor, shapes, shapes_mock, "close_order")
    assert not out.ok and out.error is not None and "Order ID is required" in out.error
    assert shapes_mock.requests() == []
