"""A second, made-up API (tests/specs/desk/desk.yaml: no dropdowns, other ids, envelope, auth header) yields an n8n
package that compiles and passes the same lint rule sets as the first API's."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.executors.n8n import compile_package

pytestmark = pytest.mark.slow

DESK = Path(__file__).resolve().parents[1] / "specs" / "desk" / "desk.yaml"


@pytest.fixture(scope="module")
def desk_compiled(toolchain: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    files = render_all(load_model(DESK, "desk.yaml"), ["n8n"])["n8n"]
    src = tmp_path_factory.mktemp("desk-n8n")
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    built = compile_package(src, toolchain)
    yield built
    shutil.rmtree(built, ignore_errors=True)


def test_a_package_without_dropdowns_has_no_list_search_module(desk_compiled: Path) -> None:
    assert not list(desk_compiled.glob("nodes/*/listSearch.ts"))
    assert "listSearch" not in next(desk_compiled.glob("nodes/*/*.node.ts")).read_text()


def test_lint_reports_no_problem(desk_compiled: Path, toolchain: Path) -> None:
    eslint = toolchain / "node_modules" / "eslint" / "bin" / "eslint.js"
    done = subprocess.run(
        ["node", str(eslint), "-c", str(toolchain / "eslint.n8n.config.mjs"), "--format", "json", "."],
        cwd=desk_compiled,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip(), done.stderr
    results = json.loads(done.stdout)
    assert len(results) >= 4, "lint read too few sources"
    found = [f"{Path(r['filePath']).name}: {m.get('ruleId')}: {m['message']}" for r in results for m in r["messages"]]
    assert found == []
