"""The generator is general: a second, made-up API of the same shape needs only a new spec.

tests/specs/desk/desk.yaml renames everything (resources, fields, ids, auth header, envelope, error path,
pagination parameters, order direction). Every target renders it with no trace of the first API, and every
executor runs its whole smoke plan green, with requests equal to the python reference's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets
from connector_gen.smoke.executor import executors
from connector_gen.smoke.runner import run_smoke

ROOT = Path(__file__).resolve().parents[2]
DESK = ROOT / "tests" / "specs" / "desk" / "desk.yaml"
# Words of the first API's spec that must not leak into another API's connectors.
FIRST_API = re.compile(r"hellotracks|\bjobs?\b|\bJobs?\b|\bmembers?\b|\bMembers?\b|externalId|assignee|whoami", re.I)


@pytest.fixture(scope="module")
def desk() -> Model:
    return load_model(DESK, "desk.yaml")


@pytest.fixture(scope="module")
def desk_dist(desk: Model, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("desk-dist")
    for target, files in render_all(desk, list(targets())).items():
        for rel, text in files.items():
            path = root / target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def test_no_trace_of_the_first_api(desk_dist: Path) -> None:
    leaks = []
    for path in sorted(p for p in desk_dist.rglob("*") if p.is_file()):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            # GitHub Actions' own `jobs:` key is not an API word
            if FIRST_API.search(line) and line.strip() != "jobs:":
                leaks.append(f"{path.relative_to(desk_dist)}:{number}: {line.strip()}")
    assert leaks == []


@pytest.mark.slow
@pytest.mark.parametrize("target", [name for name in executors() if name != "python"])
def test_every_step_runs_green_with_reference_requests(desk: Model, desk_dist: Path, target: str) -> None:
    report = run_smoke(desk, ["python", target], dist=desk_dist, prefix="cg-generic-")
    failures = [f"{step} [{t}]: {r.detail}" for (step, t), r in report.results.items() if r.result != "ok"]
    assert failures == []
    assert {op for _, op in report.steps} == {op.key for op in desk.operations}
