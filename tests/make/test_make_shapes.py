"""Issue 13 on Make: tests/specs/shapes builds, passes Make's schemas, and every operation runs in our IML
interpreter against the embedded mock, sending what the spec says and handing on what the policy says."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector_gen.make_engine.app import MakeApp, MakeError
from connector_gen.make_engine.iml import Context
from connector_gen.mock import MockServer
from connector_gen.mock.record import RecordedRequest
from connector_gen.model import Model, encoding, values
from connector_gen.pipeline import load_model
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.make import MakeExecutor
from connector_gen.targets import make
from connector_gen.targets.make.check import check

SHAPES = Path(__file__).resolve().parents[1] / "specs" / "shapes" / "shapes.yaml"
NOW = datetime(2026, 5, 1, tzinfo=UTC)
ORDER = {
    "number": "SO-7",
    "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "status": 2,
    "tags": ["gift", "express"],
    "line_items": [{"sku": "MUG-1", "quantity": 2, "price": 9.5}, {"sku": "TEA-2", "quantity": 1, "price": 4}],
    "metadata": {"channel": "web", "campaign": "spring"},
    "Gift Note": "Happy birthday & more",
    "due_on": "2026-06-01",
    "deliver_at": "2026-06-01T11:30:00+02:00",
}


@pytest.fixture(scope="module")
def shapes() -> Model:
    return load_model(SHAPES, names=["make"])


@pytest.fixture(scope="module")
def shapes_files(shapes: Model) -> dict[str, str]:
    return {str(path): text for path, text in make.render(shapes).items()}


@pytest.fixture(scope="module")
def shapes_dir(shapes_files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shapes") / "make"
    for rel, text in shapes_files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


@pytest.fixture
def mock(shapes: Model) -> Iterator[MockServer]:
    with MockServer(shapes) as server:
        server.seed_samples()
        yield server


def run(shapes: Model, app: Path, mock: MockServer, key: str, **inputs: Any) -> tuple[Outcome, RecordedRequest]:
    executor = MakeExecutor()
    executor.prepare(shapes, app)
    mock.clear_log()
    try:
        outcome = executor.run(shapes, Call(shapes.operation(key), inputs), Endpoint.for_key(shapes, mock.base_url, mock.api_key))
    finally:
        executor.close()
    sent = mock.requests()
    assert sent, f"{key}: nothing reached the mock ({outcome.error})"
    return outcome, sent[-1]


def test_the_build_passes_makes_schemas_and_needs_no_guard(
    shapes: Model, shapes_files: dict[str, str], schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    assert check(shapes) == []
    found = {path: schema_errors(path, text) for path, text in sorted(shapes_files.items())}
    assert {path: errors for path, errors in found.items() if errors} == {}
    manifest = json.loads(shapes_files["makecomapp.json"])
    assert sorted(manifest["components"]["function"]) == ["formEncode", "isoDates"]


def test_parameters_are_makes_native_types(shapes_files: dict[str, str]) -> None:
    params = {p["name"]: p for p in json.loads(shapes_files["modules/create-order/create-order.mappable-params.iml.json"])}
    assert params["status"]["type"] == "select"
    assert params["status"]["options"] == [
        {"label": "Open", "value": 1},
        {"label": "Shipped", "value": 2},
        {"label": "Closed", "value": 3},
    ]
    assert params["tags"] == {**params["tags"], "type": "array", "spec": {"type": "text", "label": "Tag"}}
    assert [s["name"] for s in params["line_items"]["spec"]] == ["sku", "quantity", "price"]
    assert params["metadata"]["type"] == "array" and [s["name"] for s in params["metadata"]["spec"]] == ["key", "value"]
    assert params["deliver_at"]["type"] == "date" and "time" not in params["deliver_at"]
    assert params["due_on"] == {**params["due_on"], "type": "date", "time": False}
    assert "Gift Note" in params  # Make's parameter names may hold any character; the API's goes on the wire
    interface = {f["name"]: f for f in json.loads(shapes_files["modules/get-order/get-order.interface.iml.json"])}
    assert interface["created_iso"] == {"name": "created_iso", "type": "date", "label": "Created (ISO 8601)"}
    assert interface["tags"]["spec"] == {"type": "text", "label": "Tag"}
    assert interface["metadata"]["type"] == "any"
    rpc = json.loads(shapes_files["rpcs/list-orders/list-orders.communication.iml.json"])
    assert rpc["response"]["output"]["label"] == "{{ifempty(item.customer.name, item.id)}}"


def test_a_form_create_sends_the_models_pairs_and_hands_on_iso_companions(
    shapes: Model, shapes_dir: Path, mock: MockServer
) -> None:
    outcome, sent = run(shapes, shapes_dir, mock, "create_order", **ORDER)
    assert outcome.ok, outcome.error
    assert sent.method == "POST" and sent.headers["content-type"] == "application/x-www-form-urlencoded"
    wire = {
        "source": "connector",
        **ORDER,
        "deliver_at": "2026-06-01T09:30:00.000Z",  # values.to_wire: toISOString() in UTC
    }
    expected = encoding.parse_form(encoding.form_text(wire))
    got = sent.body if isinstance(sent.body, dict) else encoding.parse_form(str(sent.body))
    assert got == expected
    record = outcome.records[0]
    assert isinstance(record["id"], int) and record["Gift Note"] == ORDER["Gift Note"]
    moment = values.instant(record["created"], "epoch_s")
    assert moment is not None and record["created_iso"] == values.iso(moment)


def test_a_json_update_sends_fixed_values_at_the_top_and_numbers_as_numbers(
    shapes: Model, shapes_dir: Path, mock: MockServer
) -> None:
    order_id = mock.records("order")[0]["id"]
    outcome, sent = run(
        shapes, shapes_dir, mock, "update_order", id=order_id, status=3, metadata={"a": "b"}, deliver_at="2026-07-01"
    )
    assert outcome.ok, outcome.error
    assert sent.method == "PATCH" and sent.path == f"/orders/{order_id}"
    assert sent.body == {"notify": False, "status": 3, "metadata": {"a": "b"}, "deliver_at": "2026-07-01T00:00:00.000Z"}
    assert outcome.records[0]["status"] == 3


def test_lists_searches_and_bare_arrays(shapes: Model, shapes_dir: Path, mock: MockServer) -> None:
    outcome, sent = run(shapes, shapes_dir, mock, "list_orders", **{"created[gte]": "2020-01-01T00:00:00Z"})
    assert outcome.ok and outcome.records, outcome.error
    assert sent.query["sort"] == ["updated"] and sent.query["created[gte]"] == ["1577836800"]
    assert all("created_iso" in r for r in outcome.records)
    name = mock.records("order")[0]["customer"]["name"]
    outcome, sent = run(shapes, shapes_dir, mock, "find_orders", q=name[:3])
    assert outcome.ok and outcome.records, outcome.error
    assert sent.method == "POST" and sent.body == {"q": name[:3]}
    assert "order" not in outcome.records[0] and "id" in outcome.records[0]  # unwrapped from hits[].order
    outcome, _ = run(shapes, shapes_dir, mock, "list_labels")
    assert outcome.ok and [r["id"] for r in outcome.records] == [r["id"] for r in mock.records("label")]


def test_empty_answers_hand_on_the_id_and_what_happened(shapes: Model, shapes_dir: Path, mock: MockServer) -> None:
    order_id = mock.records("order")[0]["id"]
    outcome, sent = run(shapes, shapes_dir, mock, "close_order", id=order_id)
    assert outcome.ok, outcome.error
    assert sent.method == "POST" and sent.path == f"/orders/{order_id}/close" and sent.body in (None, "")
    assert "content-type" not in sent.headers
    assert outcome.records == [{"id": order_id, "success": True}]
    outcome, sent = run(shapes, shapes_dir, mock, "delete_order", id=order_id)
    assert outcome.ok and outcome.records == [{"id": order_id, "deleted": True}], outcome.error


def _error(app: MakeApp, status: int, body: Any, headers: dict[str, str] | None = None) -> MakeError:
    ctx = Context({"body": body, "headers": headers or {}, "statusCode": status}, NOW, app.functions)
    with pytest.raises(MakeError) as raised:
        app._check({"error": app.base["response"]["error"]}, ctx, "base")
    return raised.value


def test_errors_read_every_path_join_lists_and_know_rate_limits(shapes_dir: Path) -> None:
    app = MakeApp(shapes_dir)
    assert _error(app, 400, {"error": {"message": "Bad number"}}).message == "[400] Bad number"
    joined = _error(app, 422, {"errors": [{"message": "a"}, {"message": "b"}, {"message": "a"}]})
    assert joined.kind == "RuntimeError" and joined.message == "[422] a; b"
    assert _error(app, 404, {"detail": "No order 9"}).message == "[404] No order 9"
    assert _error(app, 500, "upstream timed out\n").message == "[500] upstream timed out"
    assert _error(app, 500, "<html>oops</html>").message == "[500] Request failed."  # markup is no message
    limited = _error(app, 403, {"detail": "slow down"}, {"x-ratelimit-remaining": " 0 "})
    assert limited.kind == "RateLimitError" and limited.message == "[403] slow down"
    denied = _error(app, 403, {}, {"x-ratelimit-remaining": "12"})  # issue 15: access denied, not an invalid token
    assert denied.kind == "RuntimeError" and denied.message.startswith("[403] Access denied")
    waited = _error(app, 429, {}, {"retry-after": "120"})
    assert waited.kind == "RateLimitError" and waited.message == "[429] Shapely's rate limit was reached. (retry after 120 s)"
    when = "Wed, 21 Oct 2026 07:28:00 GMT"
    assert _error(app, 429, {}, {"retry-after": when}).message.endswith(f"(retry after {when})")


def test_the_custom_functions_pass_their_own_tests(shapes_files: dict[str, str]) -> None:
    # Make's IML tests: `it(name, fn)` with Node's assert (developers.make.com ... apps-sdk/iml-tests).
    for name in ("form-encode", "iso-dates"):
        code = shapes_files[f"functions/{name}/{name}.code.js"]
        tests = shapes_files[f"functions/{name}/{name}.test.js"]
        harness = "const assert = require('assert'); const it = (label, fn) => fn();\n" + code + "\n" + tests
        done = subprocess.run(["node", "-e", harness], capture_output=True, text=True, check=False, timeout=60)
        assert done.returncode == 0, done.stderr


def test_a_form_of_scalars_and_objects_uses_makes_own_urlencoded_body(tmp_path: Path) -> None:
    # Without lists or maps the pairs are plain key=value (objects as name[key]): Make's `type: urlencoded` says
    # exactly those, so the app needs no custom function for them.
    spec = yaml.safe_load(SHAPES.read_text("utf-8"))
    keep = ("number", "customer", "status", "Gift Note", "due_on", "deliver_at")
    create = spec["operations"]["create_order"]
    create["inputs"] = [i for i in create["inputs"] if i["name"] in keep]
    shutil.copytree(SHAPES.parent / "icons", tmp_path / "icons")
    (tmp_path / "flat.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    model = load_model(tmp_path / "flat.yaml", names=["make"])
    root = tmp_path / "dist" / "make"
    for rel, text in make.render(model).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    comm = json.loads((root / "modules/create-order/create-order.communication.iml.json").read_text("utf-8"))
    assert comm["type"] == "urlencoded" and "formEncode" not in json.dumps(comm)
    given = {k: v for k, v in ORDER.items() if k in keep}
    with MockServer(model) as server:
        outcome, sent = run(model, root, server, "create_order", **given)
    assert outcome.ok, outcome.error
    wire = {"source": "connector", **given, "deliver_at": "2026-06-01T09:30:00.000Z"}
    got = sent.body if isinstance(sent.body, dict) else encoding.parse_form(str(sent.body))
    assert got == encoding.parse_form(encoding.form_text(wire))
