"""The Make communication executor on hand-written IML: directives, defaults and failures it must get right."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from connector_gen.make_engine.app import MakeApp, MakeError, load_jsonc
from connector_gen.make_engine.iml import IMLError
from connector_gen.mock import MockServer
from connector_gen.model import Model

from .apps import app_with

NOW = datetime(2026, 5, 28, tzinfo=UTC)


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    with MockServer(model) as server:
        server.seed_samples()
        yield server


def run(app: MakeApp, mock: MockServer, parameters: dict[str, Any] | None = None) -> Any:
    return app.run("module", "probe", parameters or {}, {"apiKey": mock.api_key}, NOW, mock.base_url)


def collection(model: Model) -> str:
    return next(o.request.path for o in model.operations if o.kind == "list" and not o.request.path_params)


def test_jsonc_comments_and_trailing_commas(tmp_path: Path, mock: MockServer, model: Model) -> None:
    url = json.dumps(collection(model))
    text = '{\n  // the list\n  "url": ' + url + ', /* GET */ "method": "GET",\n  "response": {"output": "{{statusCode}}",},\n}'
    assert load_jsonc('{"a": "// not a comment", "b": [1,],}') == {"a": "// not a comment", "b": [1]}
    # Strings that look like trailing commas or comments stay as they are.
    assert load_jsonc('{"x": "A-1,]", "y": "x, }", /* note */ "z": "/* no */"}') == {"x": "A-1,]", "y": "x, }", "z": "/* no */"}
    assert [o.value for o in run(app_with(tmp_path, text), mock).outputs] == [200]


def test_condition_false_sends_nothing_and_temp_is_visible(tmp_path: Path, mock: MockServer, model: Model) -> None:
    comm = [
        {"condition": "{{parameters.go}}", "url": collection(model), "response": {"output": "first"}},
        {"temp": {"who": "{{parameters.name}}"}, "url": collection(model), "response": {"output": "{{temp.who}}"}},
    ]
    result = run(app_with(tmp_path, comm), mock, {"go": False, "name": "Ann"})
    assert [o.value for o in result.outputs] == ["Ann"]
    assert len(mock.requests()) == 1


def test_valid_false_is_an_error_with_its_message(tmp_path: Path, mock: MockServer, model: Model) -> None:
    comm = {"url": collection(model), "response": {"valid": {"condition": "{{false}}", "message": "bad {{statusCode}}"}}}
    app = app_with(tmp_path, comm)
    with pytest.raises(MakeError, match="bad 200"):
        run(app, mock)


def test_an_error_without_a_message_gets_makes_default_text(tmp_path: Path, mock: MockServer) -> None:
    with pytest.raises(MakeError) as caught:
        run(app_with(tmp_path, {"url": "/no/such/route"}), mock)
    assert (caught.value.kind, caught.value.message, caught.value.status) == ("RuntimeError", "Status Code Error: 404", 404)


def test_module_values_override_the_base_and_undefined_headers_are_dropped(
    tmp_path: Path, mock: MockServer, model: Model
) -> None:
    base = {"headers": {"API-Key": "{{connection.apiKey}}", "X-Gone": "{{undefined}}", "X-Base": "b"}, "qs": {}}
    comm = {"url": collection(model), "headers": {"X-Base": "m"}, "response": {"output": "{{body}}"}}
    run(app_with(tmp_path, comm, base), mock)
    headers = mock.requests()[-1].headers
    assert headers["x-base"] == "m" and "x-gone" not in headers and mock.requests()[-1].auth == "valid"


def test_unsupported_directives_fail_loudly(tmp_path: Path, mock: MockServer, model: Model) -> None:
    with pytest.raises(IMLError, match="'wrapper' is not supported"):
        run(app_with(tmp_path, {"url": collection(model), "response": {"wrapper": "{{output}}"}}), mock)
    with pytest.raises(IMLError, match="'repeat' is not supported"):
        run(app_with(tmp_path, {"url": collection(model), "repeat": {}}), mock)


def test_an_iml_error_names_the_file_and_pointer(tmp_path: Path, mock: MockServer, model: Model) -> None:
    with pytest.raises(IMLError) as caught:
        run(app_with(tmp_path, {"url": collection(model), "qs": {"x": "{{nope(1)}}"}}), mock)
    assert str(caught.value).startswith("probe.json#/qs/x: unknown function nope()")
