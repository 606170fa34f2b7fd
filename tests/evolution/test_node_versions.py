"""`versions: n8n:` in diff: the n8n changes a new node version ships are marked shipped, everything else unchanged."""

from __future__ import annotations

from pathlib import Path

from connector_gen.evolution import compare

from .corpus import CASES, lines, pair


def versioned(root: Path, stem: str) -> tuple[Path, Path]:
    """The base spec and the case's changed spec shipped as n8n node version 2."""
    old, new = pair(root, next(p for p in CASES if p.stem.endswith(stem)))
    new.write_text(new.read_text("utf-8") + "\nversions:\n  n8n:\n    - spec: ../base/spec.yaml\n", "utf-8")
    return old, new


def test_a_new_node_version_ships_the_n8n_changes(tmp_path: Path) -> None:
    old, plain = pair(tmp_path / "plain", next(p for p in CASES if p.stem.endswith("input-renamed")))
    _, new = versioned(tmp_path / "versioned", "input-renamed")
    before, after = compare(old, plain), compare(old, new)
    assert lines(after) == lines(before)  # the same changes and severities: n8n still needs the version it now has
    for was, now in zip(before.verdicts, after.verdicts, strict=True):
        assert was.on("zapier") == now.on("zapier") and was.on("make") == now.on("make")
        if was.on("n8n").severity == "needs-new-version":
            assert now.on("n8n").action == "shipped as n8n node version 2"
            assert now.on("n8n").source == was.on("n8n").source
    assert any(v.on("n8n").action == "shipped as n8n node version 2" for v in after.verdicts)
    assert "shipped as n8n node version 2" in "\n".join(after.markdown())


def test_the_same_node_version_ships_nothing(tmp_path: Path) -> None:
    _, new = versioned(tmp_path, "input-renamed")
    report = compare(new, new)
    assert report.verdicts == ()


def test_a_trigger_change_is_not_shipped_by_the_action_node(tmp_path: Path) -> None:
    # the trigger node has one version (docs/evolution.md, Limits): its changes keep the plain advice
    old, new = versioned(tmp_path, "dedupe-changed")
    report = compare(old, new)
    dedupe = [v for v in report.verdicts if v.change.kind == "trigger.dedupe_changed"]
    assert dedupe and all(v.on("n8n").action.startswith("add an n8n node version") for v in dedupe)
