"""n8n node versions (`versions: n8n:`): located errors, the merged description, and n8n's linter and tsc on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen.errors import SpecInvalid
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.executors.n8n import compile_package
from connector_gen.targets.n8n.versions import merge
from tests.evolution.corpus import CASES, pair

from .test_n8n_toolchain import lint, problems

HISTORY = "\nversions:\n  n8n:\n    - spec: ../base/spec.yaml\n"


def versioned(root: Path, stem: str, history: str = HISTORY) -> Path:
    """The case's changed spec with the base spec as its n8n node version 1."""
    _, new = pair(root, next(p for p in CASES if p.stem.endswith(stem)))
    new.write_text(new.read_text("utf-8") + history, "utf-8")
    return new


def errors(spec: Path) -> list[str]:
    with pytest.raises(SpecInvalid) as caught:
        load_model(spec, "spec.yaml")
    return [str(e) for e in caught.value.errors]


def test_a_missing_version_spec_is_located_at_its_spec_value(tmp_path: Path) -> None:
    spec = versioned(tmp_path, "input-renamed", "\nversions:\n  n8n:\n    - spec: history/v1.yaml\n")
    (found,) = errors(spec)
    assert found.startswith("spec.yaml:") and "/versions/n8n/0/spec" in found
    assert "no spec file at 'history/v1.yaml'" in found


def test_an_invalid_version_spec_is_located_in_its_own_file(tmp_path: Path) -> None:
    spec = versioned(tmp_path, "input-renamed")
    base = tmp_path / "base" / "spec.yaml"
    base.write_text(base.read_text("utf-8").replace("spec_version: 2", "spec_version: 3"), "utf-8")
    (found,) = errors(spec)
    assert found.startswith("../base/spec.yaml:") and "/spec_version" in found


def test_versions_that_light_versioning_cannot_express_are_refused(tmp_path: Path) -> None:
    spec = versioned(tmp_path, "input-renamed")
    base = tmp_path / "base" / "spec.yaml"
    text = base.read_text("utf-8")
    url = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("base_url:"))
    base.write_text(text.replace(url, url.rstrip("/") + "/v0", 1), "utf-8")
    found = errors(spec)
    assert all(e.startswith("spec.yaml:") and "/versions/n8n/0/spec: n8n: node version 1 has another" in e for e in found)
    assert any("another base URL" in e for e in found)  # and the credential, whose test request is sent there


def test_merge_keeps_a_shared_property_once_and_tags_each_variant() -> None:
    a = {"name": "a", "type": "string", "default": ""}
    b1 = {"name": "b", "type": "string", "default": "x", "displayOptions": {"show": {"operation": ["create"]}}}
    b2 = {**b1, "default": "y"}
    old = {"name": "old", "type": "string", "default": ""}
    assert merge([[a, b1, old], [a, b2]]) == [
        a,
        {**b2, "displayOptions": {"show": {"@version": [2], "operation": ["create"]}}},
        {**b1, "displayOptions": {"show": {"@version": [1], "operation": ["create"]}}},
        {**old, "displayOptions": {"show": {"@version": [1]}}},
    ]
    assert merge([[a], [a], [a]]) == [a]
    assert merge([[b1], [b2], [b2]])[0]["displayOptions"]["show"]["@version"] == [2, 3]


@pytest.mark.slow
def test_a_versioned_package_compiles_and_lints_clean(tmp_path: Path, toolchain: Path) -> None:
    spec = versioned(tmp_path, "operation-added-first")
    files = render_all(load_model(spec, "spec.yaml"), ["n8n"])["n8n"]
    source = tmp_path / "package"
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    node = next(t for n, t in files.items() if str(n).endswith(".node.ts") and "Trigger" not in str(n))
    assert "version: [1, 2]," in node
    built = compile_package(source, toolchain)  # raises on any tsc error
    try:
        assert problems(lint(toolchain, built)) == []
    finally:
        import shutil

        shutil.rmtree(built, ignore_errors=True)
