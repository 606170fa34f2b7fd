"""Issue 15: Make's module conventions in the generated app, and their behaviour in the interpreter.

A Get is an action (`actionCrud: read`), no action iterates and an empty answer hands on what the action did,
labels follow Make's current naming convention (sentence case), RPC-backed selects open in edit mode, a 403 is
access denied (not an invalid token), and a dropdown's RPC lists records whatever else the module's form holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from connector_gen.make_engine.app import MakeApp, load_jsonc
from connector_gen.make_engine.connection import ConnectionRunner
from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.make import MakeExecutor
from connector_gen.targets.make import conventions
from connector_gen.targets.make.blocks import kebab
from tests.apis.trello.mock import TrelloMock

from .test_make_contracts import build, executor

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
APPS = [GOLDEN.parent.parent / "dist" / "make", *sorted(p for p in GOLDEN.glob("*/make") if p.is_dir())]


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    with MockServer(model) as server:
        server.seed_samples()
        yield server


def _modules(files: dict[str, str]) -> dict[str, tuple[dict[str, Any], Any]]:
    manifest = json.loads(files["makecomapp.json"])["components"]["module"]
    return {k: (v, load_jsonc(files[v["codeFiles"]["communication"]])) for k, v in manifest.items()}


def test_hellotracks_labels_and_types_follow_makes_convention(app_files: dict[str, str]) -> None:
    found = {k: (m["label"], m["moduleType"], m.get("actionCrud")) for k, (m, _) in _modules(app_files).items()}
    assert found == {
        "newJob": ("Watch new jobs", "trigger", None),
        "watchJobs": ("Watch updated jobs", "trigger", None),  # the live app's module id (spec keys:)
        "completedJob": ("Watch completed jobs", "trigger", None),
        "createJob": ("Create a job", "action", "create"),
        "updateJob": ("Update a job", "action", "update"),
        "archiveJob": ("Archive a job", "action", "update"),
        "deleteJob": ("Delete a job", "action", "delete"),
        "findJob": ("Search jobs", "search", None),
        "findMember": ("Search members", "search", None),
        "getJob": ("Get a job", "action", "read"),
        "listJobs": ("List jobs", "search", None),
        "listMembers": ("List members", "search", None),
        "makeApiCall": ("Make an API call", "universal", None),
    }


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.parent.name)
def test_actions_hand_on_one_bundle_and_rpc_selects_open_in_edit_mode(app: Path) -> None:
    files = {str(p.relative_to(app)): p.read_text("utf-8") for p in app.rglob("*.json")}
    for key, (meta, comm) in _modules(files).items():
        requests_ = comm if isinstance(comm, list) else [comm]
        if meta["moduleType"] in ("action", "universal"):
            assert all("iterate" not in r.get("response", {}) and "limit" not in r.get("response", {}) for r in requests_), key
        if meta["moduleType"] == "action" and meta["actionCrud"] == "read":
            assert all(r["method"] == "GET" for r in requests_), key
        for name in ("mappableParams", "staticParams"):
            path = meta["codeFiles"].get(name)
            for param in json.loads(files[path]) if path else []:
                if str(param.get("options", "")).startswith("rpc://"):
                    assert param["mode"] == "edit", (key, param["name"])
    errors = json.loads(files["general/base.iml.json"])["response"]["error"]
    assert "InvalidAccessTokenError" not in json.dumps(errors.get("403", {}))


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.parent.name)
def test_labels_are_sentence_case(app: Path) -> None:
    # Make: "Module labels follow sentence case. Only the first word is capitalized." (acronyms stay as they are).
    manifest = json.loads((app / "makecomapp.json").read_text("utf-8"))["components"]["module"]
    for meta in manifest.values():
        first, *rest = meta["label"].split()
        assert first[0].isupper() and all(w.islower() or w.isupper() or not w.isalpha() for w in rest), meta["label"]


def test_the_get_module_hands_on_the_record(model: Model, app_dir: Path, mock: MockServer) -> None:
    op = next(o for o in model.operations if conventions.is_get(o))
    rid = op.resource.sample[op.resource.id_field or "id"]
    executor_ = MakeExecutor()
    executor_.prepare(model, app_dir)
    outcome = executor_.run(model, Call(op, {"id": rid}), Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url))
    executor_.close()
    assert outcome.ok and [r["id"] for r in outcome.records] == [rid]


def test_an_empty_answer_hands_on_what_the_action_did(model: Model, app_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    update = next(o for o in model.of_kind("action") if o.crud == "update")
    app = MakeApp(app_dir)
    empty = requests.Response()
    empty.status_code, empty._content = 204, b""
    monkeypatch.setattr(app.session, "request", lambda *a, **k: empty)
    now = datetime(2026, 5, 1, tzinfo=UTC)
    result = app.run("module", conventions.module_id(update), {"id": "j_1", "title": "x"}, {"apiKey": "k"}, now)
    assert [o.value for o in result.outputs] == [{"id": "j_1", "success": True}]


def test_a_403_is_access_denied_not_an_invalid_token(model: Model, app_dir: Path, mock: MockServer) -> None:
    op = next(o for o in model.of_kind("list") if not o.request.path_params)
    executor_ = MakeExecutor()
    executor_.prepare(model, app_dir)
    mock.fail_next(1, 403)
    outcome = executor_.run(model, Call(op, {}), Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url))
    executor_.close()
    assert not outcome.ok and outcome.status == 403
    assert outcome.error is not None and outcome.error.startswith("RuntimeError: [403] ")


def test_a_dropdown_lists_every_record_whatever_the_form_holds(model: Model, app_dir: Path, mock: MockServer) -> None:
    # Make calls an RPC with the module's parameters: Update Job's new assignee and progress must not filter the
    # job dropdown (before issue 15 they did, and picking the assignee first emptied the list).
    update = next(o for o in model.of_kind("action") if o.crud == "update")
    rpc_id = next(i.dropdown.operation for i in update.inputs if i.name == "id" and i.dropdown)
    form = {"assigneeUsername": "nobody@example.com", "progress": "failed", "includeArchived": False, "title": "New"}
    app = MakeApp(app_dir)
    now = datetime.fromtimestamp(mock.clock.now() / 1000, UTC)
    local = model.operation(rpc_id).names.camel
    every = app.run("rpc", local, {}, {"apiKey": mock.api_key}, now, mock.base_url).outputs
    with_form = app.run("rpc", local, form, {"apiKey": mock.api_key}, now, mock.base_url).outputs
    assert every and [o.value for o in with_form] == [o.value for o in every]
    assert set(mock.requests()[-1].query) <= {"limit", "skip", "max"}
    assert json.loads((app_dir / f"rpcs/{kebab(local)}/{kebab(local)}.params.iml.json").read_text()) == []


def test_trello_contract_get_is_an_action_and_the_universal_module_carries_the_key(
    tmp_path: Path, schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    model, files, root = build("trello", tmp_path)
    assert {p: e for p, e in ((p, schema_errors(p, t)) for p, t in files.items()) if e} == {}
    meta = json.loads(files["makecomapp.json"])["components"]["module"]["getCard"]
    assert (meta["moduleType"], meta["actionCrud"]) == ("action", "read")
    with TrelloMock() as mock:
        for ex in executor(model, root):
            endpoint = Endpoint.of(model, f"{mock.base_url}/1", {"api_key": mock.key, "token": mock.token})
            conn = ex._prepare_run(model, endpoint)
            now = datetime.now(UTC)
            params = {"url": "/members/me", "method": "GET", "qs": [{"key": "fields", "value": "id"}]}
            (out,) = ConnectionRunner(ex.app).run("module", "makeApiCall", params, conn, now).outputs
            assert out.value["statusCode"] == 200 and out.value["body"]["id"] == mock.member_id
            sent = [e for e in mock.requests_to("/members/me") if "__mock" not in e.path][-1]
            assert sent.query == {"key": [mock.key], "token": [mock.token], "fields": ["id"]}
