"""A second, made-up API (tests/specs/desk/desk.yaml) through the Zapier target: ids not named `id`,
other auth header, items path and pagination. Its app must pass Zapier's validators, our lint and smoke."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from connector_gen.errors import SpecInvalid
from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.compare import diff_requests
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.smoke.plan import build_plan
from connector_gen.smoke.runner import run_smoke
from connector_gen.targets import zapier
from connector_gen.targets.zapier.lint import lint

pytestmark = pytest.mark.slow

DESK = Path(__file__).resolve().parents[1] / "specs" / "desk" / "desk.yaml"


def _with_dropdowns(spec: dict[str, Any]) -> None:
    # The desk spec has no search, paged list or dropdown; this variant adds them so every template is exercised.
    ops = spec["operations"]
    ops["list_tickets"] = {
        "kind": "list",
        "label": "List Tickets",
        "description": "Lists tickets.",
        "resource": "ticket",
        "request": {"method": "GET", "path": "/tickets", "query": {"withClosed": True}},
    }
    ops["get_ticket"] = {
        "kind": "search",
        "label": "Get Ticket",
        "description": "Finds a ticket by its key.",
        "resource": "ticket",
        "request": {"method": "GET", "path": "/tickets/{key}"},
        "inputs": [{"name": "key", "in": "path", "required": True}],
        "search": {"max_results": 1, "not_found_status": 404},
    }
    by_key = {"operation": "list_tickets", "value": "key", "label": "subject", "search": "get_ticket"}
    for key in ("edit_ticket", "close_ticket", "drop_ticket", "get_ticket"):
        ops[key]["inputs"][0]["dropdown"] = by_key
    owner = next(i for i in ops["open_ticket"]["inputs"] if i["name"] == "ownerEmail")
    owner["dropdown"] = {"operation": "list_agents", "value": "email", "label": "handle"}


@pytest.fixture(scope="module", params=["desk", "desk+dropdowns"])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Model:
    """The desk spec's model, as committed and with a search, a paged list and dropdowns added."""
    if request.param == "desk":
        return load_model(DESK)
    root = tmp_path_factory.mktemp("desk-spec")
    shutil.copytree(DESK.parent / "icons", root / "icons")
    spec = yaml.safe_load(DESK.read_text(encoding="utf-8"))
    _with_dropdowns(spec)
    (root / "desk.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return load_model(root / "desk.yaml")


@pytest.fixture(scope="module")
def desk_dist(desk: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The desk spec's Zapier app written under <dist>/zapier/."""
    root = tmp_path_factory.mktemp("desk-dist")
    (root / "zapier").mkdir()
    for path, text in render_all(desk, ["zapier"])["zapier"].items():
        (root / "zapier" / str(path)).parent.mkdir(parents=True, exist_ok=True)  # modules sit in folders
        (root / "zapier" / str(path)).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def desk_app(desk_dist: Path) -> dict[str, Any]:
    """The parsed app definition."""
    data: dict[str, Any] = json.loads((desk_dist / "zapier" / zapier.DEFINITION_FILE).read_text(encoding="utf-8"))
    return data


def test_results_carry_id_copied_from_id_field(desk: Model, desk_app: dict[str, Any], desk_dist: Path) -> None:
    for section in ("triggers", "searches", "creates"):
        for key, item in desk_app[section].items():
            op = item["operation"]
            id_field = desk.operation(key).resource.id_field
            assert id_field not in (None, "id")
            assert op["sample"]["id"] == op["sample"][id_field], key
            keys = [f["key"] for f in op["outputFields"]]
            assert "id" in keys and id_field in keys, key
            module = (desk_dist / "zapier" / op["perform"]["require"]).read_text(encoding="utf-8")
            assert "withId(" in module and f'"{id_field}"' in module, key


def test_dropdowns_point_at_the_real_value_field(desk: Model, desk_app: dict[str, Any]) -> None:
    fields = [
        f
        for s in ("triggers", "searches", "creates")
        for i in desk_app[s].values()
        for f in i["operation"].get("inputFields", [])
    ]
    dynamic = {f["key"]: f["dynamic"] for f in fields if "dynamic" in f}
    searches = {f["key"]: f["search"] for f in fields if "search" in f}
    if not any(op.kind == "search" for op in desk.operations):
        assert dynamic == {}
        return
    # The stored value is the API's own field (`key`, `email`), never Zapier's `id` copy.
    assert dynamic == {"key": "list_tickets.key.subject", "ownerEmail": "list_agents.email.handle"}
    assert searches == {"key": "get_ticket.key"}


def test_lint_passes(desk_app: dict[str, Any]) -> None:
    assert lint(desk_app) == []


def test_exported_schema_accepts_app(desk_app: dict[str, Any], harness: Path) -> None:
    exported = json.loads((harness / "node_modules" / "zapier-platform-schema" / "exported-schema.json").read_text())
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in exported["schemas"].values()
    )
    validator = Draft4Validator(exported["schemas"]["AppSchema"], registry=registry)
    loaded = {**desk_app, "version": "1.0.0", "platformVersion": zapier.CORE_VERSION}
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(loaded)] == []


def test_js_validators_accept_app(desk: Model, desk_dist: Path, harness: Path) -> None:
    ex = ZapierExecutor()
    ex.prepare(desk, desk_dist)
    try:
        assert ex.validate() == {"schema": [], "core": []}
    finally:
        ex.close()


def test_smoke_green_and_requests_equal_python(desk: Model, desk_dist: Path, harness: Path) -> None:
    report = run_smoke(desk, ["python", "zapier"], dist=desk_dist, prefix="cg-smoke-desk-")
    failures = [f"{step} [{target}]: {r.detail}" for (step, target), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in desk.operations}
    refused = {s.id for s in build_plan(desk, "p-").steps if s.expect.refuse}  # must send nothing
    for step, _ in report.steps:
        reference, zap = report.results[(step, "python")], report.results[(step, "zapier")]
        assert zap.requests or step in refused, f"{step}: the Zapier app sent no request"
        assert diff_requests(reference.requests, zap.requests) == []


def test_a_separate_id_field_next_to_id_is_refused(tmp_path: Path) -> None:
    # Copying `handle` into `id` would overwrite the API's own `id`, and Zapier would dedupe on the wrong value.
    shutil.copytree(DESK.parent / "icons", tmp_path / "icons")
    spec = yaml.safe_load(DESK.read_text(encoding="utf-8"))
    spec["resources"]["agent"]["fields"]["id"] = {"type": "string", "label": "ID", "read_only": True}
    (tmp_path / "desk.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    # Refused by validation now (the Zapier target's check), before anything renders.
    with pytest.raises(SpecInvalid, match="'agent' has a field named 'id' but its id_field is 'handle'"):
        render_all(load_model(tmp_path / "desk.yaml"), ["zapier"])
