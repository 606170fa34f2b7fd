"""Issue 13's shapes, types, encodings and error rules through n8n's own engine: tests/specs/shapes/shapes.yaml's
every operation run by n8n-core against the embedded mock (and, for error answers the mock does not give, a canned
server), asserting what the API received and what the node hands on."""

from __future__ import annotations

import email.utils
import json
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from connector_gen.errors import SpecInvalid
from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.model.encoding import parse_form
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.compare import diff_requests
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor, case_of, compile_package
from connector_gen.smoke.harness import ensure_harness
from connector_gen.smoke.runner import run_smoke

from .test_n8n_toolchain import lint, problems, scan

pytestmark = pytest.mark.slow

SPEC = Path(__file__).parents[1] / "specs" / "shapes" / "shapes.yaml"


@pytest.fixture(scope="module")
def shapes() -> Model:
    """The Shapely model: every shape, type and encoding of the spec language."""
    return load_model(SPEC, "tests/specs/shapes/shapes.yaml", names=["n8n"])


@pytest.fixture(scope="module")
def files(shapes: Model) -> dict[str, str]:
    """What the n8n target renders for it."""
    return {str(p): t for p, t in render_all(shapes, ["n8n"])["n8n"].items()}


@pytest.fixture(scope="module")
def sources(files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rendered package written to a folder."""
    root = tmp_path_factory.mktemp("n8n-shapes")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def shapes_executor(shapes: Model, sources: Path) -> Iterator[N8nExecutor]:
    """The package compiled by tsc and loaded by n8n's loader, in one n8n-core process."""
    ex = N8nExecutor()
    ex.prepare(shapes, sources)
    yield ex
    ex.close()


@pytest.fixture
def mock(shapes: Model) -> Iterator[MockServer]:
    with MockServer(shapes) as server:
        server.seed_samples()
        yield server


def run(ex: N8nExecutor, model: Model, base_url: str, key: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Run operation `key` with `inputs` (by API name) through n8n-core against `base_url`."""
    case = case_of(model, Call(model.operation(key), inputs))
    return ex.raw(model, case, Endpoint.for_key(model, base_url, "test-key"))


def body_of(raw: Any) -> Any:
    """A recorded body: form text read back into nested data (all values text), JSON as it came."""
    return parse_form(raw) if isinstance(raw, str) else raw


ORDER = {
    "number": "SO-7",
    "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "status": 2,
    "tags": ["gift", "express"],
    "line_items": [{"sku": "MUG-1", "quantity": 2, "price": 9.5}, {"sku": "CUP-2", "quantity": 1, "price": 4}],
    "metadata": {"channel": "web", "campaign": "spring"},
    "Gift Note": "Happy birthday",
    "due_on": "2026-06-01",
    "deliver_at": "2026-06-01T09:30:00",  # n8n's picker gives no offset: UTC
}


def test_create_sends_the_exact_form_pairs_with_the_fixed_body_first(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer
) -> None:
    answer = run(shapes_executor, shapes, mock.base_url, "create_order", ORDER)
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert (req.method, req.path) == ("POST", "/orders")
    assert req.headers["content-type"].startswith("application/x-www-form-urlencoded")
    sent = body_of(req.body)
    assert next(iter(sent)) == "source"  # the fixed value, at the top level, before the inputs
    assert sent == {
        "source": "connector",
        "number": "SO-7",
        "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
        "status": "2",
        "tags": ["gift", "express"],
        "line_items": [{"sku": "MUG-1", "quantity": "2", "price": "9.5"}, {"sku": "CUP-2", "quantity": "1", "price": "4"}],
        "metadata": {"channel": "web", "campaign": "spring"},
        "Gift Note": "Happy birthday",  # sent under the API's own name (the parameter is giftNote)
        "due_on": "2026-06-01",
        "deliver_at": "2026-06-01T09:30:00.000Z",  # toISOString(), as values.to_wire
    }
    [item] = answer["items"]  # unwrapped from {"order": {...}}
    assert item["number"] == "SO-7" and isinstance(item["id"], int)
    assert isinstance(item["created"], int)  # the raw epoch seconds stay
    assert item["created_iso"] == time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(item["created"]))
    assert "updated_atIso" not in item and "updated_at_iso" not in item  # ISO fields get no companion


def test_update_sends_json_with_the_fixed_body_and_typed_values(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer
) -> None:
    oid = shapes.resource("order").sample["id"]
    inputs = {"id": oid, "status": 3, "tags": ["late"], "line_items": [{"sku": "MUG-1", "quantity": 5, "price": 1.25}]}
    inputs |= {"metadata": {"channel": "phone"}, "deliver_at": "2026-07-01T10:00:00+02:00"}
    answer = run(shapes_executor, shapes, mock.base_url, "update_order", inputs)
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert (req.method, req.path) == ("PATCH", f"/orders/{oid}")
    assert req.body == {
        "notify": False,
        "status": 3,
        "tags": ["late"],
        "line_items": [{"sku": "MUG-1", "quantity": 5, "price": 1.25}],
        "metadata": {"channel": "phone"},
        "deliver_at": "2026-07-01T08:00:00.000Z",
    }
    assert answer["items"][0]["status"] == 3


def test_a_line_item_out_of_range_or_a_bad_date_time_is_refused_before_sending(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer
) -> None:
    oid = shapes.resource("order").sample["id"]
    item = {"id": oid, "line_items": [{"sku": "A", "quantity": 0}]}
    bad_item = run(shapes_executor, shapes, mock.base_url, "update_order", item)
    bad_time = run(shapes_executor, shapes, mock.base_url, "update_order", {"id": oid, "deliver_at": "next Tuesday"})
    assert not bad_item["ok"] and "Quantity must be a whole number of at least 1" in bad_item["error"]["message"]
    assert not bad_time["ok"] and "Deliver At must be an ISO 8601 date-time" in bad_time["error"]["message"]
    assert mock.requests() == []


def test_list_sends_fixed_query_and_bracketed_epoch_filter_and_adds_companions(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer
) -> None:
    answer = run(shapes_executor, shapes, mock.base_url, "list_orders", {"created[gte]": "2026-04-30T09:06:40Z", "status": 1})
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert req.query == {"sort": ["updated"], "created[gte]": ["1777540000"], "status": ["1"], "limit": ["100"]}
    [item] = answer["items"]
    assert item["id"] == shapes.resource("order").sample["id"]
    assert item["created_iso"] == "2026-04-30T09:06:40.000Z"


def test_post_search_unwraps_each_hit_and_get_unwraps_the_record(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer
) -> None:
    sample = shapes.resource("order").sample
    found = run(shapes_executor, shapes, mock.base_url, "find_orders", {"q": "Ada"})
    got = run(shapes_executor, shapes, mock.base_url, "get_order", {"id": sample["id"]})
    miss = run(shapes_executor, shapes, mock.base_url, "get_order", {"id": 999999})
    assert found["ok"] and got["ok"] and miss["ok"], (found["error"], got["error"], miss["error"])
    search, get, _ = mock.requests()
    assert (search.method, search.path, search.body) == ("POST", "/orders/search", {"q": "Ada"})
    assert [i["id"] for i in found["items"]] == [sample["id"]] and "order" not in found["items"][0]
    assert get.path == f"/orders/{sample['id']}" and got["items"][0]["number"] == sample["number"]
    assert got["items"][0]["customer"] == sample["customer"]  # nested and undeclared fields pass through
    assert miss["items"] == []


def test_a_bare_array_answer_becomes_one_item_per_entry(shapes_executor: N8nExecutor, shapes: Model, mock: MockServer) -> None:
    answer = run(shapes_executor, shapes, mock.base_url, "list_labels", {})
    assert answer["ok"], answer["error"]
    assert answer["items"] == [shapes.resource("label").sample]


@pytest.mark.parametrize(("key", "done"), [("close_order", {"success": True}), ("delete_order", {"deleted": True})])
def test_an_empty_answer_hands_on_the_id_and_what_was_done(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer, key: str, done: dict[str, bool]
) -> None:
    oid = shapes.resource("order").sample["id"]
    answer = run(shapes_executor, shapes, mock.base_url, key, {"id": oid})
    assert answer["ok"], answer["error"]
    [req] = mock.requests()
    assert req.method == ("POST" if key == "close_order" else "DELETE") and req.body is None  # no body at all
    assert answer["items"] == [{"id": oid, **done}]  # the id as the integer it is


def test_the_search_dropdown_labels_records_by_a_nested_title(
    shapes_executor: N8nExecutor, shapes: Model, mock: MockServer
) -> None:
    case = {"kind": "listSearch", "node": "shapely", "parameters": {}, "method": "searchOrders"}
    answer = shapes_executor.raw(shapes, case, Endpoint.for_key(shapes, mock.base_url, "test-key"))
    sample = shapes.resource("order").sample
    assert answer["items"] == [{"name": sample["customer"]["name"], "value": str(sample["id"])}]


class Canned(BaseHTTPRequestHandler):
    """Answers every request with the server's one canned (status, headers, body)."""

    def do_GET(self) -> None:
        status, headers, body = self.server.reply  # type: ignore[attr-defined]
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def canned() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def fail(
    ex: N8nExecutor, model: Model, server: ThreadingHTTPServer, status: int, headers: dict[str, str], body: Any
) -> dict[str, Any]:
    """The error n8n raises for a list whose answer is the canned one."""
    raw = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    kind = "text/plain" if isinstance(body, str) else "application/json"
    server.reply = (status, {"Content-Type": kind, **headers}, raw)  # type: ignore[attr-defined]
    answer = run(ex, model, f"http://127.0.0.1:{server.server_address[1]}/v2", "list_labels", {})
    assert not answer["ok"]
    error: dict[str, Any] = answer["error"]
    return error


def test_error_messages_follow_the_error_paths(shapes_executor: N8nExecutor, shapes: Model, canned: ThreadingHTTPServer) -> None:
    errors = {"errors": [{"message": "Bad sku"}, {"message": "No"}, {"message": "No"}]}
    joined = fail(shapes_executor, shapes, canned, 400, {}, errors)
    first = fail(shapes_executor, shapes, canned, 400, {}, {"error": {"message": "Bad"}, "detail": "later"})
    last = fail(shapes_executor, shapes, canned, 422, {}, {"detail": "Too late"})
    text = fail(shapes_executor, shapes, canned, 400, {}, "invalid value for sku")
    assert joined["description"] == "Bad sku; No" and joined["httpCode"] == "400"
    assert first["description"] == "Bad" and last["description"] == "Too late"
    assert text["description"] == "invalid value for sku"


def test_rate_limits_say_so_with_the_retry_after_delay(
    shapes_executor: N8nExecutor, shapes: Model, canned: ThreadingHTTPServer
) -> None:
    rule = fail(shapes_executor, shapes, canned, 403, {"x-ratelimit-remaining": " 0 ", "Retry-After": "30"}, {"detail": "slow"})
    when = email.utils.formatdate(time.time() + 120, usegmt=True)
    dated = fail(shapes_executor, shapes, canned, 429, {"Retry-After": when}, {"detail": "slow"})
    other = fail(shapes_executor, shapes, canned, 403, {"X-RateLimit-Remaining": "5"}, {"detail": "forbidden"})
    assert rule["message"] == "Shapely's rate limit was reached (rate limited; retry after 30 seconds)"
    assert rule["description"] == "slow"
    assert "rate limited; retry after " in dated["message"]
    wait = int(dated["message"].rsplit("after ", 1)[1].split()[0])
    assert 110 <= wait <= 121
    assert "rate limit" not in other["message"] and other["description"] == "forbidden"


def test_the_node_renders_native_parameter_types(files: dict[str, str]) -> None:
    text = "\n".join(t for p, t in files.items() if "/resources/order/" in p)
    assert "type: 'dateTime'" in text and "type: 'fixedCollection'" in text and "multipleValues: true" in text
    assert "name: 'Shipped',\n" in text and "value: 2," in text  # the model's labels, values of their JSON type
    assert "property: '[\"Gift Note\"]'" in text and "name: 'giftNote'" in text
    assert "propertyInDotNotation: false" in text  # created[gte] is one query parameter
    assert "name: 'Close',\n\t\t\t\tvalue: 'close'," in text and "name: 'Update',\n\t\t\t\tvalue: 'update'," in text
    assert "sendRequest('form')" in text and "isoTimes(" in text


def test_lint_scanner_and_loader_accept_the_package(shapes_executor: N8nExecutor, sources: Path) -> None:
    toolchain = ensure_harness("n8n", quiet=True)
    built = compile_package(sources, toolchain)  # tsc: a type error fails here
    try:
        assert problems(lint(toolchain, built)) == []
        assert scan(toolchain, built, "source") == {"passed": True}
    finally:
        shutil.rmtree(built, ignore_errors=True)
    assert shapes_executor.loaded["nodes"] == ["shapely"] and shapes_executor.loaded["credentials"] == ["shapelyApi"]


def variant(tmp_path: Path, old: str, new: str) -> Model:
    """shapes.yaml with one text replaced, loaded with the n8n checks."""
    (tmp_path / "icons").symlink_to(SPEC.parent / "icons")
    (tmp_path / "shapes.yaml").write_text(SPEC.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return load_model(tmp_path / "shapes.yaml", "shapes.yaml", names=["n8n"])


def test_a_list_inside_a_line_item_is_a_located_error(tmp_path: Path) -> None:
    price = "price: {type: number, label: Unit Price, example: 9.5}"
    codes = "\n            codes: {type: array, label: Codes, items: {type: string, label: Code}}"
    with pytest.raises(SpecInvalid) as raised:
        variant(tmp_path, price, price + codes)
    [error] = raised.value.errors
    assert error.pointer == "/resources/order/fields/line_items/items/fields/codes" and error.line == 80
    assert "n8n line items hold single values" in error.message


def test_an_array_of_choices_is_a_multi_options_parameter(tmp_path: Path) -> None:
    tag = "items: {type: string, label: Tag}"
    model = variant(tmp_path, tag, "items: {type: string, label: Tag, choices: [gift, express, fragile]}")
    rendered = render_all(model, ["n8n"])["n8n"]
    order = "\n".join(t for p, t in rendered.items() if "/resources/order/" in str(p))
    tags = order[order.index("name: 'tags'") :]
    assert tags.index("type: 'multiOptions'") < tags.index("name: 'Express'") < tags.index("name: 'Fragile'")
    assert "default: []" in tags[: tags.index("routing")]


def test_smoke_runs_every_operation_and_sends_the_reference_requests(shapes: Model, sources: Path) -> None:
    dist = sources.parent / "dist-shapes"
    if not dist.exists():
        shutil.copytree(sources, dist / "n8n")
    report = run_smoke(shapes, ["python", "n8n"], dist=dist, prefix="cg-shapes-")
    failures = [f"{step} [{target}]: {r.detail}" for (step, target), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in shapes.operations}
    for step, _ in report.steps:
        reference, n8n = report.results[(step, "python")], report.results[(step, "n8n")]
        assert diff_requests(reference.requests, n8n.requests) == [], step
