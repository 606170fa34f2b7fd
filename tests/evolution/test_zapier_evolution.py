"""Zapier verdicts backed by runs in zapier-platform-core: an old Zap's bundle against the new app version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.targets.zapier.conventions import method_of

from .capture import Api, api, build
from .corpus import CASES, pair

pytestmark = pytest.mark.slow
KEY = {"api_key": "evolution-test-key"}


def invoke(spec: Path, out: Path, server: Api, operation: str, input_data: dict[str, Any]) -> dict[str, Any]:
    """Render the spec's Zapier app and run one operation in core with a stored Zap's inputData."""
    model: Model = load_model(spec, "spec.yaml")
    executor = ZapierExecutor()
    executor.prepare(model, build(spec, "zapier", out))
    try:
        endpoint = Endpoint.of(model, server.base_url, KEY)
        bundle = {"authData": executor.auth_data(model, endpoint), "inputData": input_data, "meta": {}}
        return executor.invoke(method_of(model.operation(operation)), bundle, endpoint, model)
    finally:
        executor.close()


def test_a_renamed_input_no_longer_reaches_the_request(tmp_path: Path) -> None:
    # input.renamed: zapier=breaking. The Zap stored inputData under the old key; the new app reads the new one.
    old, new = pair(tmp_path, next(p for p in CASES if p.stem.endswith("input-renamed")))
    zap = {"title": "Inspect lights", "notes": "Bring a ladder"}
    with api() as server:
        assert invoke(old, tmp_path / "zapier-old", server, "create_job", zap)["ok"]
        assert invoke(new, tmp_path / "zapier-new", server, "create_job", zap)["ok"]
    old_body, new_body = (s.body for s in server.seen)
    assert old_body == {"title": "Inspect lights", "notes": "Bring a ladder"}
    assert new_body == {"title": "Inspect lights"}  # the mapped value is silently lost


def poll(spec: Path, out: Path, server: Api, state: dict[str, Any] | None) -> Outcome:
    """One poll of New Job in core, with Zapier's dedupe of the Zap's seen identities (`state`) emulated."""
    model: Model = load_model(spec, "spec.yaml")
    executor = ZapierExecutor()
    executor.prepare(model, build(spec, "zapier", out))
    try:
        return executor.run(model, Call(model.operation("new_job"), state=state), Endpoint.of(model, server.base_url, KEY))
    finally:
        executor.close()


def test_a_changed_dedupe_identity_fires_an_old_record_again(tmp_path: Path) -> None:
    # trigger.dedupe_changed: zapier=breaking. The Zap's dedupe table holds the old identities; the new app's
    # identity of the same API record is not among them, so the record triggers the Zap a second time.
    old, new = pair(tmp_path, next(p for p in CASES if p.stem.endswith("dedupe-changed")))
    with api() as server:
        first = poll(old, tmp_path / "zapier-old", server, None)
        again = poll(old, tmp_path / "zapier-old-2", server, first.state)
        after = poll(new, tmp_path / "zapier-new", server, first.state)
    assert [r["id"] for r in first.records] == ["j1"]
    assert again.records == []  # the old version sees the record once
    assert len(after.records) == 1  # the new version hands the same job on again
    assert after.records[0]["id"] == "j1"  # the same record: its `id` is unchanged, but Zapier's primary key now
    assert first.state and after.state  # also covers createdAt (outputFields `primary`), a key the Zap never saw
    assert set(after.state["seen"]) - set(first.state["seen"]) == {'["j1", 1777540000000]'}
