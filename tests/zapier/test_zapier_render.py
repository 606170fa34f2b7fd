"""The Zapier target's files: layout, pins, determinism, function sources and our publishing lint."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.targets import zapier
from connector_gen.targets.zapier.lint import lint

HARNESS = Path(zapier.__file__).resolve().parents[2] / "smoke" / "harness" / "zapier"


def _functions(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        if "source" in value:
            return [value]
        return [f for v in value.values() for f in _functions(v)]
    if isinstance(value, list):
        return [f for v in value for f in _functions(v)]
    return []


def test_layout(zapier_files: dict[str, str]) -> None:
    top = sorted(name for name in zapier_files if "/" not in name)
    assert top == [".gitignore", "README.md", "app-definition.json", "index.js", "package.json"]
    # Every function is a module in its section's folder; the helpers they share sit once in lib/.
    folders = {name.split("/")[0] for name in zapier_files if "/" in name}
    assert folders == {"triggers", "searches", "creates", "authentication", "middleware", "lib"}
    assert {"lib/request.js", "lib/records.js", "lib/values.js"} <= set(zapier_files)
    # `zapier-platform build` overwrites and then deletes a file of this name.
    assert "definition.json" not in zapier_files
    assert "definition.json" in zapier_files[".gitignore"].splitlines()
    assert "require('./app-definition.json')" in zapier_files["index.js"]
    assert "platformVersion" in zapier_files["index.js"]


def test_core_pinned_exactly_and_same_as_harness(zapier_files: dict[str, str]) -> None:
    package = json.loads(zapier_files["package.json"])
    assert package["dependencies"] == {"zapier-platform-core": zapier.CORE_VERSION}
    assert re.fullmatch(r"\d+\.\d+\.\d+", zapier.CORE_VERSION)
    harness = json.loads((HARNESS / "package.json").read_text())
    assert harness["dependencies"]["zapier-platform-core"] == zapier.CORE_VERSION
    lock = json.loads((HARNESS / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/zapier-platform-core"]["version"] == zapier.CORE_VERSION


def test_two_renders_identical(model: Model) -> None:
    assert render_all(model, ["zapier"]) == render_all(model, ["zapier"])


def test_function_sources(app_sources: dict[str, Any]) -> None:
    functions = _functions(app_sources)
    assert len(functions) >= len(app_sources["triggers"]) + len(app_sources["searches"]) + len(app_sources["creates"]) + 2
    for fn in functions:
        assert set(fn) == {"require", "source"} and fn["require"].startswith("./")
        assert "module.exports = async (" in fn["source"]
        # core >= 17 throws on {{bundle.*}} inside z.request(); curlies live only in requestTemplate / connectionLabel.
        assert "{{" not in fn["source"]
        # A module needs nothing but its own app's lib/ (and core, which hands it z).
        assert set(re.findall(r"require\('([^']+)'\)", fn["source"])) <= {
            "../lib/request",
            "../lib/records",
            "../lib/values",
            "../lib/errors",
            "../lib/connection",
        }


def test_auth_and_headers(model: Model, app_json: dict[str, Any], app_sources: dict[str, Any]) -> None:
    auth = app_json["authentication"]
    assert auth["type"] == "custom"
    [field] = auth["fields"]
    assert field["type"] == "password" and field["required"] is True
    assert model.connection.secrets[0].help_url in field["helpText"]
    assert auth["connectionLabel"] == "{{" + model.connection.label.names[0] + "}}"
    headers = app_json["requestTemplate"]["headers"]
    # The key's header is set by beforeRequest from bundle.authData (the one place every auth placement is made).
    [before] = app_sources["beforeRequest"]
    name = model.auth.headers[0].name
    # Issue 16: the field is stored under its pinned key (the live app's `apiKey`) and read under the spec's key.
    secret = model.connection.secrets[0]
    assert field["key"] == (secret.pins.get("zapier") or secret.key)
    assert f"{json.dumps(name)}: `${{connection.{secret.key} ?? ''}}`" in before["source"]
    assert "const connection = connectionValues(bundle.authData, DERIVED);" in before["source"]
    if field["key"] != secret.key:
        assert {"key": secret.key, "alias": field["key"]} in _derived(before["source"])
    assert headers == dict(model.http.headers)


def test_every_operation_is_offered(model: Model, app_json: dict[str, Any]) -> None:
    where = {"polling_trigger": "triggers", "list": "triggers", "search": "searches", "action": "creates"}
    for op in model.operations:
        if op.kind in where:
            assert op.key in app_json[where[op.kind]], op.key
    hidden = {k for k, t in app_json["triggers"].items() if t["display"].get("hidden")}
    assert hidden == {op.key for op in model.of_kind("list")}
    for op in model.of_kind("search"):
        if op.create_fallback:
            soc = app_json["searchOrCreates"][op.key]
            assert (soc["search"], soc["create"]) == (op.key, op.create_fallback)


def test_dedupe_primary_follows_spec(model: Model, app_json: dict[str, Any]) -> None:
    for op in model.of_kind("polling_trigger"):
        assert op.trigger is not None
        outputs = app_json["triggers"][op.key]["operation"]["outputFields"]
        assert [f["key"] for f in outputs if f.get("primary")] == list(op.trigger.dedupe)


def test_dropdown_inputs(model: Model, app_json: dict[str, Any]) -> None:
    checked = 0
    for op in model.operations:
        for inp in op.inputs:
            if inp.dropdown is None or op.kind not in ("action", "search"):
                continue
            section = "creates" if op.kind == "action" else "searches"
            [field] = [f for f in app_json[section][op.key]["operation"]["inputFields"] if f["key"] == inp.name]
            assert field["dynamic"].split(".")[0] == inp.dropdown.operation
            assert ("search" in field) == (inp.dropdown.search is not None)
            checked += 1
    assert checked >= 4


def test_object_inputs_are_flat(model: Model, app_json: dict[str, Any]) -> None:
    op = next(o for o in model.of_kind("action") if any(i.field.is_object for i in o.inputs))
    keys = [f["key"] for f in app_json["creates"][op.key]["operation"]["inputFields"]]
    obj = next(i for i in op.inputs if i.field.is_object)
    # Issue 16: a sub-field's key is its pinned one (the live app's `contactName`), else `contact__name`.
    flat = [obj.pins.get("zapier", f"{obj.name}.{leaf.name}") or f"{obj.name}__{leaf.name}" for leaf in obj.leaves]
    assert flat == [k for k in keys if k in flat] and len(flat) == len(obj.leaves) > 1


def test_lint_passes(app_sources: dict[str, Any]) -> None:
    assert lint(app_sources) == []


def _first(app: dict[str, Any], section: str) -> dict[str, Any]:
    return next(t for t in app[section].values() if not t["display"].get("hidden"))


def _drop_sample(app: dict[str, Any]) -> None:
    del _first(app, "triggers")["operation"]["sample"]


def _sample_without_id(app: dict[str, Any]) -> None:
    del _first(app, "searches")["operation"]["sample"]["id"]


def _lower_label(app: dict[str, Any]) -> None:
    t = _first(app, "creates")
    t["display"]["label"] = t["display"]["label"].lower()


def _trigger_description(app: dict[str, Any]) -> None:
    _first(app, "triggers")["display"]["description"] = "Fires on new records."


def _bad_dynamic(app: dict[str, Any]) -> None:
    field = next(f for t in app["creates"].values() for f in t["operation"]["inputFields"] if "dynamic" in f)
    field["dynamic"] = "no_such_trigger.id.name"


def _bad_search(app: dict[str, Any]) -> None:
    field = next(f for t in app["creates"].values() for f in t["operation"]["inputFields"] if "search" in f)
    field["search"] = "no_such_search.id"


def _http_url(app: dict[str, Any]) -> None:
    app["authentication"]["test"]["source"] = app["authentication"]["test"]["source"].replace("https://", "http://")


def _wrong_sample_type(app: dict[str, Any]) -> None:
    op = _first(app, "triggers")["operation"]
    field = next(f for f in op["outputFields"] if f["type"] == "integer")
    op["sample"][field["key"]] = "seven"


def _no_iso(app: dict[str, Any]) -> None:
    op = _first(app, "triggers")["operation"]
    op["outputFields"] = [f for f in op["outputFields"] if f["type"] != "datetime"]


def _no_help_link(app: dict[str, Any]) -> None:
    app["authentication"]["fields"][0]["helpText"] = "Paste your key."


@pytest.mark.parametrize(
    "mutate",
    [
        _drop_sample,
        _sample_without_id,
        _lower_label,
        _trigger_description,
        _bad_dynamic,
        _bad_search,
        _http_url,
        _wrong_sample_type,
        _no_iso,
        _no_help_link,
    ],
)
def test_lint_catches(app_sources: dict[str, Any], mutate: Any) -> None:
    broken = copy.deepcopy(app_sources)
    mutate(broken)
    assert lint(broken), f"lint missed {mutate.__name__}"


def _derived(source: str) -> list[dict[str, Any]]:
    """The DERIVED list a module hands connectionValues."""
    line = next(ln for ln in source.splitlines() if ln.startswith("const DERIVED = "))
    return list(json.loads(line.removeprefix("const DERIVED = ").rstrip(";")))
