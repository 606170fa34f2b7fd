"""Zapier verdicts backed by runs in zapier-platform-core: an old Zap's bundle against the new app version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model
from connector_gen.smoke.executor import Endpoint
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
