"""The rendered n8n package: community-node manifest rules, credential, node shape, docs, determinism (no Node)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from connector_gen.model import Model
from connector_gen.model.pins import Pins
from connector_gen.names import Names
from connector_gen.pipeline import render_all

ROOT = Path(__file__).resolve().parents[2]
MINE = [
    *sorted((ROOT / "generator" / "targets" / "n8n").glob("*.py")),
    ROOT / "generator" / "smoke" / "executors" / "n8n.py",
    *sorted(p for p in (ROOT / "templates" / "n8n").rglob("*") if p.is_file()),
]


def test_manifest_follows_community_node_rules(model: Model, n8n_files: dict[str, str]) -> None:
    pkg = json.loads(n8n_files["package.json"])
    # the spec may pin a scoped name (issue 16: the live `@hellotracks/n8n-nodes-hellotracks`), else n8n-nodes-<key>
    assert pkg["name"] == (model.app.pins.get("n8n", "package") or f"n8n-nodes-{model.app.names.kebab}")
    assert re.fullmatch(r"(@[a-z0-9][a-z0-9._~-]*/)?n8n-nodes-[a-z0-9][a-z0-9._~-]*", pkg["name"])
    assert pkg["version"] == model.app.version and pkg["license"] == "MIT"
    assert "n8n-community-node-package" in pkg["keywords"]
    assert pkg["author"]["name"] and pkg["author"]["email"] and pkg["repository"]["url"]
    assert pkg["files"] == ["dist"]
    assert pkg["peerDependencies"] == {"n8n-workflow": "*"}
    assert "dependencies" not in pkg and "overrides" not in pkg
    assert not {"preinstall", "install", "postinstall", "prepare"} & set(pkg["scripts"])
    assert {"build", "lint"} <= set(pkg["scripts"])
    section = pkg["n8n"]
    assert section["n8nNodesApiVersion"] == 1 and section["strict"] is True
    assert len(section["credentials"]) == 1 and len(section["nodes"]) == 2
    for compiled in section["credentials"] + section["nodes"]:
        # every dist/ path is the compiled form of a rendered TypeScript source
        assert compiled.startswith("dist/") and compiled.endswith(".js")
        assert compiled.removeprefix("dist/").removesuffix(".js") + ".ts" in n8n_files


def test_package_files_are_complete(model: Model, n8n_files: dict[str, str]) -> None:
    key, pascal = model.app.names.kebab, model.app.names.pascal
    for name in [
        "tsconfig.json",
        "eslint.config.mjs",
        ".gitignore",
        "README.md",
        "LICENSE.md",
        "CHANGELOG.md",
        ".github/workflows/ci.yml",
        ".github/workflows/publish.yml",
        f"icons/{key}.svg",
        f"icons/{key}.dark.svg",
        f"nodes/{pascal}/{pascal}.node.json",
        f"nodes/{pascal}Trigger/{pascal}Trigger.node.json",
    ]:
        assert n8n_files[name].strip(), name
    assert n8n_files[f"icons/{key}.svg"] != n8n_files[f"icons/{key}.dark.svg"]
    # node-cli's strict mode compares eslint.config.mjs with its template
    template = "import { config } from '@n8n/node-cli/eslint'; export default config;"
    assert " ".join(n8n_files["eslint.config.mjs"].split()) == template
    assert "--provenance" in n8n_files[".github/workflows/publish.yml"]
    assert "id-token: write" in n8n_files[".github/workflows/publish.yml"]
    assert "npm ci --ignore-scripts" in n8n_files[".github/workflows/ci.yml"]
    assert "dist" in n8n_files[".gitignore"].split()
    codex = json.loads(n8n_files[f"nodes/{pascal}/{pascal}.node.json"])
    assert codex["categories"] == list(model.app.categories)
    assert codex["resources"]["primaryDocumentation"][0]["url"] == model.app.docs_url


def test_credential_uses_generic_header_auth_and_a_test_request(model: Model, n8n_files: dict[str, str]) -> None:
    text = n8n_files[f"credentials/{model.app.names.pascal}Api.credentials.ts"]
    assert f"name = '{model.app.names.camel}Api';" in text
    assert "password: true" in text and "name: 'apiKey'" in text
    assert f"'{model.auth.headers[0].name}': '={{{{$credentials.apiKey}}}}'" in text
    assert f"url: '{model.auth_test.request.path}'" in text and f"baseURL: '{model.app.base_url}'" in text
    assert f"documentationUrl = '{model.connection.secrets[0].help_url}'" in text


def test_action_node_is_declarative_and_complete(model: Model, n8n_files: dict[str, str]) -> None:
    pascal = model.app.names.pascal
    node = n8n_files[f"nodes/{pascal}/{pascal}.node.ts"]
    assert "execute(" not in node and "usableAsTool: true" in node
    assert "inputs: [NodeConnectionTypes.Main]" in node
    descriptions = {k: v for k, v in n8n_files.items() if f"nodes/{pascal}/resources/" in k}
    # per resource an index (operation selector) and one file per operation with fields, as n8n-nodes-starter
    assert {k.rsplit("/", 2)[1] for k in descriptions if k.endswith("/index.ts")} == {"job", "member"}
    job = {k.rsplit("/", 1)[1] for k in descriptions if "/job/" in k}
    assert job == {"index.ts", "archive.ts", "create.ts", "delete.ts", "getByExternalId.ts", "get.ts", "getAll.ts", "update.ts"}
    text = "\n".join(descriptions.values())
    for name in ("Archive", "Create", "Delete", "Get by External ID", "Get", "Get Many", "Update"):
        assert f"name: '{name}'," in text, name
    assert text.count("property: 'data.items'") >= 8  # every operation but Delete unwraps the items
    assert "property: 'contact.name'" in text and "property: 'timeWindow.start'" in text
    assert "searchListMethod: 'searchMembers'" in text and "type: 'resourceLocator'" in text
    assert "pages('resources/job/pagination', 100, 'List Jobs', null)" in text and "emptyOnStatus(404)" in text
    assert "name: 'additionalFields'" in text and "name: 'updateFields'" in text
    assert "required: true" in text


def test_trigger_node_polls_with_the_spec_cursor(model: Model, n8n_files: dict[str, str]) -> None:
    pascal = model.app.names.pascal
    text = n8n_files[f"nodes/{pascal}Trigger/{pascal}Trigger.node.ts"]
    assert "polling: true" in text and "inputs: []" in text and "usableAsTool" not in text
    transport = n8n_files[f"nodes/{pascal}/shared/transport.ts"]  # where the trigger's requests go
    assert f"from '../{pascal}/shared/transport'" in text and "requestPage.call(this" in text
    assert "getWorkflowStaticData('node')" in text and "throw new NodeApiError" in transport
    for op in model.of_kind("polling_trigger"):
        assert op.trigger is not None
        assert f"name: '{op.label}'" in text and f"cursorParam: '{op.trigger.cursor_param}'" in text
    assert "equals: 'success'" in text


def test_readme_documents_install_credentials_operations_and_triggers(model: Model, n8n_files: dict[str, str]) -> None:
    readme = n8n_files["README.md"]
    for heading in ("## Installation", "## Credentials", "## Operations", "## Triggers"):
        assert heading in readme
    for op in model.operations:
        if op.kind != "auth_test":
            assert op.description in readme, op.key


def test_renders_are_identical_and_carry_no_machine_paths(model: Model) -> None:
    first = render_all(model, ["n8n"])["n8n"]
    second = render_all(model, ["n8n"])["n8n"]
    assert first == second
    for path, text in first.items():
        assert "/work/" not in text and "/tmp/" not in text and "test-key" not in text, path


def test_generator_and_templates_name_nothing_api_specific() -> None:
    pattern = re.compile(r"hellotracks|\bjobs?\b|\bmembers?\b|/jobs", re.IGNORECASE)
    for path in MINE:
        # `jobs:` is GitHub Actions' own keyword in the workflow templates
        hits = [line for line in path.read_text("utf-8").splitlines() if pattern.search(line) and line != "jobs:"]
        assert not hits, f"{path}: {hits[:3]}"


def test_names_come_from_the_model(model: Model) -> None:
    # another app of the same shape: every path, class and package name follows the spec's app key
    app = replace(model.app, key="acme_field", names=Names.of("acme_field"), name="Acme Field", pins=Pins())
    other = replace(model, app=app)
    files = {str(p): t for p, t in render_all(other, ["n8n"])["n8n"].items()}
    assert "credentials/AcmeFieldApi.credentials.ts" in files
    assert "nodes/AcmeField/AcmeField.node.ts" in files and "nodes/AcmeFieldTrigger/AcmeFieldTrigger.node.ts" in files
    assert json.loads(files["package.json"])["name"] == "n8n-nodes-acme-field"
    assert "export class AcmeFieldTrigger implements INodeType" in files["nodes/AcmeFieldTrigger/AcmeFieldTrigger.node.ts"]
    assert "name = 'acmeFieldApi';" in files["credentials/AcmeFieldApi.credentials.ts"]
    assert not [p for p in files if model.app.key in p.lower()]
