"""Pinned keys resolve once onto the model and every target reads them; deprecated elements stay, marked (issue 16)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from connector_gen.evolution import compare
from connector_gen.pipeline import load_model, render_all

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"


def _variant(tmp_path: Path, edit: dict[str, str]) -> Path:
    """spec/hellotracks.yaml with each text replaced once, beside its icons."""
    shutil.copytree(ROOT / "spec" / "icons", tmp_path / "icons")
    text = SPEC.read_text("utf-8")
    for old, new in edit.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "spec.yaml"
    path.write_text(text, "utf-8")
    return path


def _unpinned(tmp_path: Path) -> Path:
    text = SPEC.read_text("utf-8")
    return _variant(tmp_path, {text[text.index("\n# Keys of the live") :]: "\n"})


def test_pins_resolve_onto_the_nodes_they_name() -> None:
    model = load_model(SPEC)
    create = model.operation("create_job")
    assert create.pins.get("n8n") == "createJob" and create.pins.get("zapier") is None
    contact = create.input("contact")
    assert contact.pins.get("zapier", "contact.name") == "contactName"
    assert model.connection.field("api_key").pins.get("zapier") == "apiKey"
    assert model.app.pins.get("n8n", "package") == "@hellotracks/n8n-nodes-hellotracks"
    # a dropdown names operations by spec key; it carries their pinned keys for the targets that refer by key
    dropdown = model.operation("update_job").input("id").dropdown
    assert dropdown is not None and dropdown.pins.get("n8n", "search") == "findJob"


def test_a_spec_without_its_pins_is_a_key_change_on_each_pinned_platform(tmp_path: Path) -> None:
    report = compare(SPEC, _unpinned(tmp_path))
    found = {v.change.where: (v.change.old, v.change.new, dict((p, r.severity) for p, r in v.rules)) for v in report.verdicts}
    assert {v.change.kind for v in report.verdicts} == {"key.changed"}
    assert found["zapier:connection.api_key"] == ("apiKey", "api_key", {"zapier": "breaking", "make": "safe", "n8n": "safe"})
    assert found["zapier:create_job.contact.name"][:2] == ("contactName", "contact__name")
    assert found["n8n:package"] == (
        "@hellotracks/n8n-nodes-hellotracks",
        "n8n-nodes-hellotracks",
        {"zapier": "safe", "make": "safe", "n8n": "breaking"},
    )
    assert found["n8n:create_job"][:2] == ("createJob", "create")
    assert found["make:updated_job"] == ("watchJobs", "updatedJob", {"zapier": "safe", "make": "breaking", "n8n": "safe"})
    assert report.blocks(allow_breaking=False)


def test_deprecated_elements_stay_generated_and_are_marked(tmp_path: Path) -> None:
    spec = _variant(
        tmp_path,
        {
            "  delete_job:\n    kind: action\n": "  delete_job:\n    kind: action\n    deprecated: true\n",
            "      notes:\n        type: string\n": "      notes:\n        type: string\n        deprecated: true\n",
            "op: eq\n        choices: [scheduled, accepted, started, success, failed]": (
                "op: eq\n        choices: [scheduled, accepted, started, success,"
                " {value: failed, label: Failed, deprecated: true}]"
            ),
        },
    )
    model = load_model(spec)
    files = render_all(model, ["zapier", "n8n", "make"])
    app = json.loads(files["zapier"][Path("app-definition.json")])
    delete = app["creates"]["delete_job"]
    assert delete["display"]["hidden"] is True and delete["display"]["label"] == "Delete Job (Deprecated)"
    fields = {f["key"]: f for f in app["creates"]["create_job"]["operation"]["inputFields"]}
    assert fields["notes"]["label"] == "Notes (Deprecated)"
    [progress] = [f for f in app["triggers"]["list_jobs"]["operation"]["inputFields"] if f["key"] == "progress"]
    assert {"value": "failed", "label": "Failed (Deprecated)", "sample": "failed"} in progress["choices"]
    job = files["n8n"][Path("nodes/Hellotracks/resources/job/index.ts")]
    assert re.search(r"name: 'Delete \(Deprecated\)',\s+value: 'deleteJob'", job)
    manifest = json.loads(files["make"][Path("makecomapp.json")])
    assert manifest["components"]["module"]["deleteJob"]["label"] == "Delete a job (Deprecated)"
    verdicts = compare(SPEC, spec).verdicts
    assert {v.change.kind for v in verdicts} == {"operation.deprecated", "input.deprecated", "choice.deprecated"}
    assert all(v.worst == "safe" for v in verdicts)
