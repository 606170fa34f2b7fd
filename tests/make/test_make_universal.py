"""Issue 15: the universal "Make an API call" module, generated for any spec and run against the embedded mock."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connector_gen.make_engine.app import MakeApp, MakeError
from connector_gen.make_engine.iml import Context, IMLError, render
from connector_gen.make_engine.params import validate
from connector_gen.mock import MockServer
from connector_gen.model import Model

FOLDER = "modules/make-api-call/make-api-call"


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    with MockServer(model) as server:
        server.seed_samples()
        yield server


def call(app_dir: Path, mock: MockServer, **given: Any) -> Any:
    app = MakeApp(app_dir)
    parameters = validate(app.parameters("module", "makeApiCall"), {**app.defaults("module", "makeApiCall"), **given})
    now = datetime.fromtimestamp(mock.clock.now() / 1000, UTC)
    result = app.run("module", "makeApiCall", parameters, {"apiKey": mock.api_key}, now, mock.base_url)
    (out,) = result.outputs
    return out.value


def test_one_universal_module_with_makes_label_and_a_relative_url(
    app_files: dict[str, str], model: Model, schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    modules = json.loads(app_files["makecomapp.json"])["components"]["module"]
    universal = {k: v for k, v in modules.items() if v["moduleType"] == "universal"}
    assert list(universal) == ["makeApiCall"]
    assert universal["makeApiCall"]["label"] == "Make an API call"
    assert universal["makeApiCall"]["description"] == "Performs an arbitrary authorized API call."
    comm = json.loads(app_files[f"{FOLDER}.communication.iml.json"])
    assert comm["url"] == "/{{parameters.url}}"  # never absolute: the credentials cannot be sent elsewhere
    params = {p["name"]: p for p in json.loads(app_files[f"{FOLDER}.mappable-params.iml.json"])}
    assert list(params) == ["url", "method", "headers", "qs", "body"]
    assert model.app.base_url.rstrip("/") in params["url"]["help"]
    assert [o["value"] for o in params["method"]["options"]] == ["GET", "POST", "PUT", "PATCH", "DELETE"]
    for path, text in app_files.items():
        if path.startswith(FOLDER):
            assert schema_errors(path, text) == [], path
    groups = json.loads(app_files["modules/groups.json"])
    assert groups[-1] == {"label": "Other", "modules": ["makeApiCall"]}


def test_a_get_sends_the_connection_query_and_headers(model: Model, app_dir: Path, mock: MockServer) -> None:
    path = next(o.request.path for o in model.operations if o.kind == "list" and not o.request.path_params)
    out = call(
        app_dir,
        mock,
        url=path,
        qs=[{"key": "limit", "value": "2"}],
        headers=[{"key": "X-Trace", "value": "t-1"}],
    )
    sent = mock.requests()[-1]
    assert sent.auth == "valid" and sent.method == "GET" and sent.path.endswith(path)
    assert sent.query["limit"] == ["2"] and sent.headers["x-trace"] == "t-1"
    assert out["statusCode"] == 200 and isinstance(out["body"], dict) and "content-type" in out["headers"]


def test_a_post_sends_the_body_text(model: Model, app_dir: Path, mock: MockServer) -> None:
    create = next(o for o in model.of_kind("action") if o.crud == "create" and not o.request.path_params)
    title = next(i.name for i in create.required_inputs)
    body = json.dumps({title: "From the universal module"})
    out = call(app_dir, mock, url=create.request.path, method=create.request.method, body=body)
    assert out["statusCode"] < 300
    assert mock.requests()[-1].body[title] == "From the universal module"


def test_an_absolute_url_stays_on_the_api(app_dir: Path, mock: MockServer) -> None:
    with pytest.raises(MakeError) as caught:
        call(app_dir, mock, url="https://elsewhere.example/steal")
    assert caught.value.status == 404
    sent = mock.requests()[-1]
    assert sent.auth == "valid" and "elsewhere.example" in sent.path  # a path on the API's own host


def test_the_spread_key_merges_a_collection() -> None:
    ctx = Context({"parameters": {"h": [{"key": "A", "value": "1"}]}}, datetime(2026, 1, 1, tzinfo=UTC))
    spec = {"B": "2", "{{...}}": "{{toCollection(parameters.h, 'key', 'value')}}"}
    assert render(spec, ctx) == {"B": "2", "A": "1"}
    assert render({"{{...}}": "{{parameters.none}}"}, ctx) == {}
    with pytest.raises(IMLError, match="must be a collection"):
        render({"{{...}}": "text"}, ctx)


def test_an_operation_cannot_take_the_universal_modules_id() -> None:
    from tests.foundation.test_target_checks import copy_op, problems

    found = [p for p in problems(lambda d: copy_op(d, "delete_job", "make_api_call", "Call")) if p[1].startswith("make:")]
    assert found == [
        ("/operations/make_api_call", "make: Make module id 'makeApiCall' is the universal module's; rename the operation")
    ]
