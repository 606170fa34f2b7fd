"""`connector-gen smoke` through the n8n package: every plan step passes in n8n's engine, and the requests the mock
recorded equal the python reference's for every step (issue check 5; a trigger's cursor value may differ)."""

from __future__ import annotations

import json
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
def dist_root(n8n_files: dict[str, str], toolchain: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist/ folder holding today's rendered n8n package under n8n/."""
    root = tmp_path_factory.mktemp("dist")
    for name, text in n8n_files.items():
        (root / "n8n" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "n8n" / name).write_text(text, encoding="utf-8")
    return root


def test_requests_equal_python_for_every_step(model: Model, dist_root: Path) -> None:
    report = run_smoke(model, ["python", "n8n"], dist=dist_root, prefix="cg-smoke-test-")
    failures = [f"{step} [{target}]: {r.detail}" for (step, target), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in model.operations}
    refused = {s.id for s in build_plan(model, "p-").steps if s.expect.refuse}  # must send nothing
    for step, op_key in report.steps:
        reference, n8n = report.results[(step, "python")], report.results[(step, "n8n")]
        assert n8n.requests or step in refused, f"{step}: the n8n package sent no request"
        assert diff_requests(reference.requests, n8n.requests) == [], step
        trigger = model.operation(op_key).trigger
        if trigger is not None:
            assert all(r["query"].get(trigger.cursor_param) == [CURSOR] for r in n8n.requests)


def test_smoke_command(dist_root: Path) -> None:
    result = CliRunner().invoke(main, ["smoke", "--target", "n8n", "--dist", str(dist_root), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["targets"] == ["n8n"]
    assert all(s["results"]["n8n"]["result"] == "ok" for s in report["steps"])


def test_smoke_command_goes_red_on_a_failing_api(model: Model, dist_root: Path) -> None:
    args = ["smoke", "--target", "n8n", "--dist", str(dist_root), "--json", "--mock-fail", "create_job:500"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    create = next(s for s in report["steps"] if s["step"] == "create_job")["results"]["n8n"]
    assert create["result"] == "fail"
    status = model.http.status(500)
    assert status is not None and any(status.message in d for d in create["detail"])
