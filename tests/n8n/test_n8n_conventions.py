"""Issue 15: the generated node speaks n8n's vocabulary (names, actions, Delete, Simplify, Get Many paging)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.targets.n8n.paging import has_limit
from connector_gen.targets.n8n.props import node_operations
from connector_gen.targets.n8n.simplify import simple_keys

APIS = Path(__file__).parents[1] / "apis"
_ARTICLE = re.compile(r"^\S+ (a|an|the) ", re.IGNORECASE)


def _resources(files: dict[str, str], folder: str = "") -> str:
    return "\n".join(t for p, t in files.items() if f"/resources/{folder}" in p)


@pytest.mark.parametrize("api", ["hellotracks", "shopify", "hubspot", "stripe", "trello", "mailchimp", "github"])
def test_actions_read_without_articles_in_n8n_names(api: str) -> None:
    spec = Path("spec/hellotracks.yaml") if api == "hellotracks" else APIS / api / "spec.yaml"
    model = load_model(spec)
    for nops in node_operations(model).values():
        for n in nops:
            assert not _ARTICLE.match(n.action), n.action
            assert (
                n.name in {"Create", "Delete", "Get", "Get Many", "Update", "Search"}
                or n.name.startswith("Get by ")
                or (n.op.kind == "action" and n.op.crud not in ("create", "delete", "update"))
            ), n.name
            if n.op.kind == "list":
                assert (n.name, n.value) == ("Get Many", "getAll") and n.action.startswith("Get many ")


def test_hellotracks_operation_names(model: Model) -> None:
    names = {n.op.key: (n.name, n.value, n.action) for nops in node_operations(model).values() for n in nops}

    def value(key: str, derived: str) -> str:  # issue 16: a value the spec pins (a live node's) replaces the derived one
        return model.operation(key).pins.get("n8n") or derived

    assert names["create_job"] == ("Create", value("create_job", "create"), "Create job")
    assert names["find_job"] == ("Get by External ID", value("find_job", "getByExternalId"), "Get job by external ID")
    assert names["get_job"] == ("Get", value("get_job", "get"), "Get job")
    assert names["list_jobs"] == ("Get Many", value("list_jobs", "getAll"), "Get many jobs")
    assert names["find_member"] == ("Search", value("find_member", "search"), "Search members")  # a free-text query


def test_delete_hands_on_deleted_true_not_the_answer(n8n_files: dict[str, str]) -> None:
    delete = _resources(n8n_files, "job/delete.ts")
    assert 'deleted": true } }}' in delete and '"id": $value' in delete
    index = _resources(n8n_files, "job/index.ts")
    options = index.split("name: 'Delete',")[1].split("name: 'Get',")[0]
    assert "rootProperty" not in options and "postReceive: []" in options  # the answer is not unwrapped


def test_records_of_more_than_ten_fields_get_simplify(model: Model, n8n_files: dict[str, str]) -> None:
    job = model.resource("job")
    assert len(job.fields) > 10 and len(model.resource("member").fields) <= 10
    keys = simple_keys(model.operation("get_job"))
    assert keys is not None and len(keys) == 10 and keys[:2] == ("id", "title")  # the id, the required, then in order
    assert "placeId" not in keys  # an advanced field is not among the few
    assert simple_keys(model.operation("delete_job")) is None and simple_keys(model.operation("find_member")) is None
    for name in ("create", "get", "getAll", "getByExternalId", "update", "archive"):
        text = _resources(n8n_files, f"job/{name}.ts")
        assert "name: 'simplify'" in text and "default: true" in text, name
    assert "name: 'simplify'" not in _resources(n8n_files, "member/")
    index = re.sub(r"\s+", "", _resources(n8n_files, "job/index.ts"))
    assert index.count("simplify([" + ",".join(f"'{k}'" for k in keys) + ",])") == 6


@pytest.mark.parametrize("api", ["shopify", "hubspot", "stripe", "trello"])
def test_searches_of_several_records_get_return_all_and_limit(api: str) -> None:
    model = load_model(APIS / api / "spec.yaml")
    files = {str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}
    many = [op for op in model.of_kind("search") if op.search and op.search.max_results > 1 and op.response.many]
    assert many, api
    for op in many:
        assert has_limit(op), op.key
        folder = op.resource.names.camel
        text = _resources(files, f"{folder}/search.ts")
        assert "name: 'returnAll'" in text and "name: 'limit'" in text, op.key
        assert f"'{op.label}', null, " in _resources(files, f"{folder}/index.ts")  # the Limit stops the paging loop


def test_readme_shows_the_http_request_node_and_an_example_workflow(model: Model, n8n_files: dict[str, str]) -> None:
    readme = n8n_files["README.md"]
    assert "## HTTP Request node" in readme and "**Predefined Credential Type**" in readme
    cred = n8n_files[f"credentials/{model.app.names.pascal}Api.credentials.ts"]
    assert "authenticate: IAuthenticateGeneric = {\n\t\ttype: 'generic'," in cred and "test: ICredentialTestRequest" in cred
    assert "## Example workflow" in readme and '"type": "n8n-nodes-base.manualTrigger"' in readme
