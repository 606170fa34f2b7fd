"""`connector-gen smoke` through the Zapier app: every plan step passes, and the requests the mock recorded
equal the python reference's for every step (issue check 5; a trigger's cursor value may differ, not its name)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from connector_gen.cli import main
from connector_gen.model import Model
from connector_gen.smoke.compare import CURSOR, diff_requests
from connector_gen.smoke.plan import build_plan
from connector_gen.smoke.runner import run_smoke

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist_root(app_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist/ folder holding today's rendered Zapier app under zapier/."""
    root = tmp_path_factory.mktemp("dist")
    shutil.copytree(app_dir, root / "zapier")
    return root


def test_requests_equal_python_for_every_step(model: Model, dist_root: Path, harness: Path) -> None:
    report = run_smoke(model, ["python", "zapier"], dist=dist_root, prefix="cg-smoke-test-")
    failures = [f"{step} [{target}]: {r.detail}" for (step, target), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in model.operations}
    refused = {s.id for s in build_plan(model, "p-").steps if s.expect.refuse}  # must send nothing
    for step, op_key in report.steps:
        reference, zapier = report.results[(step, "python")], report.results[(step, "zapier")]
        assert zapier.requests or step in refused, f"{step}: the Zapier app sent no request"
        assert diff_requests(reference.requests, zapier.requests) == []
        trigger = model.operation(op_key).trigger
        if trigger is not None:
            assert [r["query"].get(trigger.cursor_param) for r in zapier.requests] == [[CURSOR]]


def test_smoke_command(dist_root: Path, harness: Path) -> None:
    result = CliRunner().invoke(main, ["smoke", "--target", "zapier", "--dist", str(dist_root), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["targets"] == ["zapier"]
    assert all(s["results"]["zapier"]["result"] == "ok" for s in report["steps"])


def test_smoke_command_goes_red_on_a_failing_api(dist_root: Path, harness: Path) -> None:
    args = ["smoke", "--target", "zapier", "--dist", str(dist_root), "--json", "--mock-fail", "create_job:500"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    create = next(s for s in report["steps"] if s["step"] == "create_job")["results"]["zapier"]
    assert create["result"] == "fail"
    assert any("temporarily unavailable" in d for d in create["detail"])
