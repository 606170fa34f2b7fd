"""Make verdicts backed by runs of the generated app in the IML interpreter: an old scenario's stored mapping."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from connector_gen.make_engine.app import MakeApp
from connector_gen.make_engine.params import ParameterError, validate

from .capture import api, build
from .corpus import CASES, pair

NOW = datetime(2026, 5, 1, tzinfo=UTC)
CONNECTION = {"apiKey": "evolution-test-key"}


def apps(tmp: Path, stem: str) -> tuple[MakeApp, MakeApp]:
    """The Make app of the base spec and of one case's spec."""
    old, new = pair(tmp, next(p for p in CASES if p.stem.endswith(stem)))
    return MakeApp(build(old, "make", tmp / "make-old")), MakeApp(build(new, "make", tmp / "make-new"))


def test_a_renamed_parameter_loses_an_old_scenarios_mapping(tmp_path: Path) -> None:
    # input.renamed: make=breaking. The scenario saved {notes: ...}; the new module reads parameters.instructions.
    before, after = apps(tmp_path, "input-renamed")
    scenario = {"title": "Inspect lights", "notes": "Bring a ladder"}
    with api() as server:
        before.run("module", "createJob", scenario, CONNECTION, NOW, api_base=server.base_url)
        after.run("module", "createJob", scenario, CONNECTION, NOW, api_base=server.base_url)
    old_body, new_body = (s.body for s in server.seen)
    assert old_body == {"title": "Inspect lights", "notes": "Bring a ladder"}
    assert new_body == {"title": "Inspect lights"}  # the mapped value no longer reaches the API


def test_a_new_required_parameter_stops_an_old_scenario(tmp_path: Path) -> None:
    # input.added_required: make=breaking. The old scenario has no value for it: Make's validation refuses the run.
    before, after = apps(tmp_path, "input-added-required")
    scenario = {"id": "j1"}
    assert validate(before.parameters("module", "archiveJob"), scenario) == scenario
    with pytest.raises(ParameterError, match="notes"):
        validate(after.parameters("module", "archiveJob"), scenario)


def test_a_removed_module_is_gone_for_an_old_scenario(tmp_path: Path) -> None:
    # operation.removed: make=breaking. The scenario names the module id, which the new app no longer has.
    before, after = apps(tmp_path, "operation-removed")
    assert before.component("module", "deleteJob")
    with pytest.raises(KeyError, match="deleteJob"):
        after.component("module", "deleteJob")


def test_a_changed_trigger_identity_is_new_to_an_old_scenarios_dedupe(tmp_path: Path) -> None:
    # trigger.dedupe_changed: make=breaking ("changing response.trigger"). Make remembers the trigger ids it has
    # processed; the new module gives the same job another id, so the old scenario processes it again.
    before, after = apps(tmp_path, "dedupe-changed")
    with api() as server:
        old_run = before.run("module", "newJob", {}, CONNECTION, NOW, api_base=server.base_url)
        new_run = after.run("module", "newJob", {}, CONNECTION, NOW, api_base=server.base_url)
    old_ids = [o.trigger_id for o in old_run.outputs]
    new_ids = [o.trigger_id for o in new_run.outputs]
    assert old_ids == ["j1"]
    assert len(new_ids) == 1 and new_ids[0] not in old_ids
