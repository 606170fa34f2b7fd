"""The smoke plan through the make executor next to the python reference: same requests at every step."""

from __future__ import annotations

from pathlib import Path

from connector_gen.model import Model
from connector_gen.smoke.runner import run_smoke


def test_smoke_plan_runs_and_requests_equal_python(model: Model, app_dir: Path) -> None:
    report = run_smoke(model, ["python", "make"], dist=app_dir.parent, prefix="cg-smoke-test-")
    assert len(report.steps) > 10
    misses = {}
    for step, key in report.steps:
        ref, got = report.results[(step, "python")], report.results[(step, "make")]
        assert ref.result == "ok", f"{step}: the reference failed: {ref.detail}"
        assert not [d for d in got.detail if "requests differ" in d], f"{step}: {got.detail}"
        assert got.requests == ref.requests, step
        op = model.operation(key)
        if got.result != "ok":
            misses[step] = got.detail
            # The one accepted difference: Make treats a not-found status as an error, the python target as a miss.
            assert op.search and op.search.not_found_status, f"{step}: {got.detail}"
            assert all(f"(HTTP {op.search.not_found_status})" in d for d in got.detail), got.detail
    assert len(misses) <= sum(1 for o in model.of_kind("search") if o.search and o.search.not_found_status)
