"""dist/n8n's own GitHub workflow, run step by step offline: `npm ci` from its lockfile, build, lint, pack."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector_gen.smoke.harness import HarnessUnavailable, install, npm_cache

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "dist" / "n8n"
# npm, not the workflow, decides these: no progress output, no update check, no colours in the captured text
ENV = {"NO_COLOR": "1", "npm_config_update_notifier": "false", "npm_config_fund": "false", "npm_config_audit": "false"}


def workflow(name: str) -> dict[str, Any]:
    """A generated workflow file of dist/n8n, parsed."""
    data: dict[str, Any] = yaml.safe_load((PACKAGE / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return data


def run_steps(name: str) -> list[str]:
    """The `run:` commands of the workflow's only job, in order."""
    (job,) = workflow(name)["jobs"].values()
    return [step["run"] for step in job["steps"] if "run" in step]


def test_ci_installs_from_the_lockfile_then_lints_and_builds() -> None:
    steps = run_steps("ci.yml")
    assert steps[0].startswith("npm ci"), "the workflow must install exactly the committed lockfile"
    assert steps[1:] == ["npm run lint", "npm run build"]
    assert (PACKAGE / "package-lock.json").is_file(), "npm ci fails with EUSAGE without a lockfile"


def test_publish_runs_from_a_tag_with_provenance_and_the_token_from_secrets() -> None:
    flow = workflow("publish.yml")
    (job,) = flow["jobs"].values()
    steps = run_steps("publish.yml")
    # n8n: from May 1st 2026 every community node is published from a GitHub Action with a provenance statement
    assert flow["permissions"]["id-token"] == "write"
    assert flow[True]["push"]["tags"], "publishing starts from a release tag"  # YAML 1.1 reads the key `on` as True
    assert steps[:3] == run_steps("ci.yml")
    assert steps[-1] == "npm publish --provenance --access public"
    publish = next(s for s in job["steps"] if s.get("run") == steps[-1])
    assert publish["env"]["NODE_AUTH_TOKEN"] == "${{ secrets.NPM_TOKEN }}"


def _npm(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **ENV}
    return subprocess.run(shlex.split(command), cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _tail(done: subprocess.CompletedProcess[str]) -> str:
    return "\n".join((done.stdout + done.stderr).splitlines()[-20:])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/n8n's package.json + lockfile installed by the workflow's own `npm ci`, once per content hash."""
    source = tmp_path_factory.mktemp("n8n-lock")
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(PACKAGE / name, source / name)
    ci = [*shlex.split(run_steps("ci.yml")[0]), "--no-audit", "--no-fund", "--loglevel=error", "--cache", str(npm_cache())]
    started = time.monotonic()
    try:
        folder = install(source, "n8n-package", [*ci, "--offline"], quiet=True)
    except HarnessUnavailable as exc:
        if "ENOTCACHED" not in str(exc):
            raise
        # a clean machine: the first install fills the project's npm cache, every later one is offline
        folder = install(source, "n8n-package", [*ci, "--prefer-offline"], quiet=True)
    print(f"npm ci (or its cached install): {time.monotonic() - started:.1f}s")
    return folder


@pytest.mark.slow
def test_workflow_steps_build_lint_and_pack_offline(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "n8n"
    shutil.copytree(PACKAGE, work)
    # the installed tree of exactly this lockfile; a link keeps a run from copying ~600 packages
    (work / "node_modules").symlink_to(installed / "node_modules", target_is_directory=True)
    for command in run_steps("ci.yml")[1:]:
        started = time.monotonic()
        done = _npm(command, work)
        print(f"{command}: {time.monotonic() - started:.1f}s")
        assert done.returncode == 0, f"{command} failed:\n{_tail(done)}"
    done = _npm("npm pack --dry-run --json --ignore-scripts", work)
    assert done.returncode == 0, _tail(done)
    packed = {f["path"] for f in json.loads(done.stdout)[0]["files"]}
    # what n8n installs: the compiled dist/, the manifest, README and licence; never sources or the lockfile
    assert {p.split("/")[0] for p in packed} == {"dist", "package.json", "README.md", "LICENSE.md"}
    pkg = json.loads((work / "package.json").read_text(encoding="utf-8"))
    for path in pkg["n8n"]["credentials"] + pkg["n8n"]["nodes"]:
        assert path in packed, path
    assert not [p for p in packed if p.endswith(".ts") and not p.endswith(".d.ts")]
