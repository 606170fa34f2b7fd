"""n8n verdicts backed by runs in n8n-core: an old workflow stores only the parameters that differ from defaults."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model
from connector_gen.smoke.executor import Endpoint
from connector_gen.smoke.executors.n8n import N8nExecutor
from connector_gen.targets.n8n.conventions import node_name
from connector_gen.targets.n8n.props import node_parameters

from .capture import Api, api, build
from .corpus import CASES, pair

pytestmark = pytest.mark.slow
KEY = {"api_key": "evolution-test-key"}


def run(spec: Path, out: Path, server: Api, parameters: dict[str, Any]) -> dict[str, Any]:
    """Render the spec's n8n package, load it in n8n-core and run the action node with a saved workflow's parameters."""
    model: Model = load_model(spec, "spec.yaml")
    executor = N8nExecutor()
    executor.prepare(model, build(spec, "n8n", out))
    try:
        case = {"kind": "action", "node": node_name(model, model.operation("create_job")), "parameters": parameters}
        return executor.raw(model, case, Endpoint.of(model, server.base_url, KEY))
    finally:
        executor.close()


@pytest.fixture()
def server() -> Iterator[Api]:
    with api() as running:
        yield running


def test_a_moved_default_operation_changes_what_an_old_workflow_runs(tmp_path: Path, server: Api) -> None:
    # default.changed job.operation: n8n=needs-new-version. The workflow was saved with Create Job, the default
    # then, so n8n stored no resource and no operation: only the title. The new node's default is Close Job.
    old, new = pair(tmp_path, next(p for p in CASES if p.stem.endswith("operation-added-first")))
    saved = {"title": "Inspect lights"}
    before = run(old, tmp_path / "n8n-old", server, saved)
    assert before["ok"], before
    assert [(s.method, s.path, s.body) for s in server.seen] == [("POST", "/v1/jobs", {"title": "Inspect lights"})]
    server.seen.clear()
    after = run(new, tmp_path / "n8n-new", server, saved)
    # the same saved workflow now selects Close Job, which needs a Job ID: it stops and creates nothing
    assert not after["ok"]
    assert 'Parameter "Job ID" is required' in after["error"]["message"]
    assert server.seen == []


def test_a_renamed_parameter_drops_an_old_workflows_value(tmp_path: Path, server: Api) -> None:
    # input.renamed: n8n=needs-new-version. The workflow saved the optional field under its old name; the new node
    # has no parameter of that name, so n8n-core drops the value and the request goes without it.
    old, new = pair(tmp_path, next(p for p in CASES if p.stem.endswith("input-renamed")))
    model = load_model(old, "spec.yaml")
    saved = node_parameters(model, model.operation("create_job"), {"title": "Inspect lights", "notes": "Bring a ladder"})
    assert run(old, tmp_path / "n8n-old", server, saved)["ok"]
    assert run(new, tmp_path / "n8n-new", server, saved)["ok"]
    old_body, new_body = (s.body for s in server.seen)
    assert old_body == {"title": "Inspect lights", "notes": "Bring a ladder"}
    assert new_body == {"title": "Inspect lights"}


def versioned(root: Path, stem: str) -> tuple[Path, Path]:
    """The base spec and the case's changed spec shipped as n8n node version 2 (`versions: n8n:` lists the base)."""
    old, new = pair(root, next(p for p in CASES if p.stem.endswith(stem)))
    new.write_text(new.read_text("utf-8") + "\nversions:\n  n8n:\n    - spec: ../base/spec.yaml\n", "utf-8")
    return old, new


def run_at(spec: Path, out: Path, server: Api, runs: list[tuple[int, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Run the action node once per (typeVersion, saved parameters) in one n8n-core process."""
    model: Model = load_model(spec, "spec.yaml")
    executor = N8nExecutor()
    executor.prepare(model, build(spec, "n8n", out))
    try:
        node = node_name(model, model.operation("create_job"))
        endpoint = Endpoint.of(model, server.base_url, KEY)
        return [
            executor.raw(model, {"kind": "action", "node": node, "typeVersion": v, "parameters": p}, endpoint) for v, p in runs
        ]
    finally:
        executor.close()


def test_node_version_2_keeps_a_version_1_workflow_on_its_default_operation(tmp_path: Path, server: Api) -> None:
    # the same change as above, shipped as node version 2: a workflow saved at typeVersion 1 stored only the title
    # and still creates a job; a new workflow (typeVersion 2) gets Close Job as its default
    _, new = versioned(tmp_path, "operation-added-first")
    saved = {"title": "Inspect lights"}
    old_run, new_run = run_at(new, tmp_path / "n8n-v2", server, [(1, saved), (2, saved)])
    assert old_run["ok"], old_run
    assert [(s.method, s.path, s.body) for s in server.seen] == [("POST", "/v1/jobs", {"title": "Inspect lights"})]
    assert not new_run["ok"]
    assert 'Parameter "Job ID" is required' in new_run["error"]["message"]
    assert len(server.seen) == 1


def test_node_version_2_keeps_a_version_1_workflows_renamed_parameter(tmp_path: Path, server: Api) -> None:
    # input.renamed shipped as node version 2: the typeVersion 1 workflow's value under the old name is still sent;
    # a typeVersion 2 workflow saves and sends the new name
    old, new = versioned(tmp_path, "input-renamed")
    before, after = load_model(old, "spec.yaml"), load_model(new, "spec.yaml")
    inputs = {"title": "Inspect lights", "notes": "Bring a ladder"}
    saved_v1 = node_parameters(before, before.operation("create_job"), inputs)
    renamed = next(
        i.name
        for i in after.operation("create_job").inputs
        if i.name not in {x.name for x in before.operation("create_job").inputs}
    )
    saved_v2 = node_parameters(after, after.operation("create_job"), {"title": "Inspect lights", renamed: "Bring a ladder"})
    runs = run_at(new, tmp_path / "n8n-v2", server, [(1, saved_v1), (2, saved_v2), (2, saved_v1)])
    assert all(r["ok"] for r in runs), runs
    bodies = [s.body for s in server.seen]
    assert bodies[0] == inputs
    assert bodies[1] == {"title": "Inspect lights", renamed: "Bring a ladder"}
    assert bodies[2] == {"title": "Inspect lights"}  # version 2 has no parameter of the old name
