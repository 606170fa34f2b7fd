"""`connector-gen diff` as a user runs it: exit codes, text and Markdown, --base REF, an invalid side."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.foundation.corpus import BASE, CORPUS, spec_text

from .corpus import CASES, case, materialise

ROOT = Path(__file__).resolve().parents[2]
REMOVED = next(p for p in CASES if p.stem.endswith("operation-removed"))  # breaking on Zapier and Make
DEFAULT = next(p for p in CASES if p.stem.endswith("operation-added-first"))  # needs-new-version on n8n only


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command line (a hang guard only)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "connector_gen.cli", "diff", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


def specs(tmp: Path, path: Path, version: str | None = None) -> tuple[str, str]:
    """The base and a case's spec under `tmp`, the new one's app version optionally replaced."""
    text = spec_text(case(path))
    if version:
        text = text.replace("  version: 1.0.0\n", f"  version: {version}\n", 1)
    materialise(tmp, "base", BASE.read_text("utf-8"))
    materialise(tmp, "new", text)
    return "base/spec.yaml", "new/spec.yaml"


def test_no_change_exits_0(tmp_path: Path) -> None:
    materialise(tmp_path, "base", BASE.read_text("utf-8"))
    done = cli("base/spec.yaml", "base/spec.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "no changes; version 1.0.0 -> 1.0.0\n", "")


def test_a_breaking_change_exits_1_with_the_report_grouped_by_change(tmp_path: Path) -> None:
    done = cli(*specs(tmp_path, REMOVED), cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "1 change (1 breaking); version 1.0.0 -> 1.0.0"
    assert lines[2] == "[breaking] operation.removed delete_job"
    assert lines[3].startswith("  zapier breaking: keep the old key hidden and add a new one")
    assert lines[4].startswith("  make   breaking: keep the old Make module deprecated")
    assert lines[5].startswith("  n8n    needs-new-version: add an n8n node version")
    assert "bump the app's major version or pass --allow-breaking" in done.stderr
    assert "Traceback" not in done.stderr


def test_allow_breaking_or_a_major_bump_acknowledges_it(tmp_path: Path) -> None:
    old, new = specs(tmp_path, REMOVED)
    assert cli(old, new, "--allow-breaking", cwd=tmp_path).returncode == 0
    shutil.rmtree(tmp_path / "new")
    old, new = specs(tmp_path, REMOVED, version="2.0.0")
    done = cli(old, new, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "1 change (1 breaking); version 1.0.0 -> 2.0.0 (major bumped)"
    shutil.rmtree(tmp_path / "new")
    old, new = specs(tmp_path, REMOVED, version="1.1.0")  # a minor does not acknowledge a break
    assert cli(old, new, cwd=tmp_path).returncode == 1


def test_needs_new_version_alone_exits_0(tmp_path: Path) -> None:
    done = cli(*specs(tmp_path, DEFAULT), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "2 changes (1 needs-new-version, 1 safe); version 1.0.0 -> 1.0.0"


def test_markdown_is_a_table_for_a_pull_request_comment(tmp_path: Path) -> None:
    done = cli(*specs(tmp_path, REMOVED), "--format", "markdown", "--allow-breaking", cwd=tmp_path)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[:3] == ["## connector-gen diff", "", "1 change (1 breaking); version 1.0.0 -> 1.0.0"]
    assert "| change | where | zapier | make | n8n |" in lines
    assert "| `operation.removed` | `delete_job` | **breaking** | **breaking** | **needs-new-version** |" in lines
    assert any(line.startswith("- **zapier**: keep the old key hidden") and "](https://" in line for line in lines)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    materialise(tmp_path, "base", BASE.read_text("utf-8"))
    assert cli("base/spec.yaml", cwd=tmp_path).returncode == 2
    assert cli("--base", "HEAD", "base/spec.yaml", "base/spec.yaml", cwd=tmp_path).returncode == 2
    assert cli("base/spec.yaml", "base/spec.yaml", "--format", "html", cwd=tmp_path).returncode == 2
    not_a_repo = cli("--base", "HEAD", "base/spec.yaml", cwd=tmp_path)
    assert not_a_repo.returncode == 2 and "--base HEAD:" in not_a_repo.stderr
    no_spec = cli("--base", "HEAD", cwd=tmp_path)  # no spec/ folder here to take the one spec from
    assert no_spec.returncode == 2 and "name the spec: --base HEAD SPEC" in no_spec.stderr


def test_an_invalid_side_is_located_and_exits_1(tmp_path: Path) -> None:
    materialise(tmp_path, "base", BASE.read_text("utf-8"))
    materialise(tmp_path, "bad", BASE.read_text("utf-8").replace("    kind: auth_test\n", "    kind: auth_tset\n"))
    done = cli("base/spec.yaml", "bad/spec.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0].startswith("bad/spec.yaml:")
    assert " /operations/validate_connection/kind: " in done.stderr.splitlines()[0]
    assert done.stdout == ""


def test_base_ref_reads_the_spec_as_it_was_committed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "spec").mkdir(parents=True)
    shutil.copytree(CORPUS / "icons", repo / "icons")
    spec = repo / "spec" / "api.yaml"
    spec.write_text(BASE.read_text("utf-8"), "utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "base"], check=True)
    assert cli("--base", "HEAD", cwd=repo).returncode == 0  # the one spec/*.yaml, unchanged
    spec.write_text(spec_text(case(REMOVED)), "utf-8")
    done = cli("--base", "HEAD", "spec/api.yaml", cwd=repo)
    assert done.returncode == 1
    assert "[breaking] operation.removed delete_job" in done.stdout.splitlines()
    unknown = cli("--base", "no-such-ref", cwd=repo)
    assert unknown.returncode == 2 and "--base no-such-ref: no commit 'no-such-ref' in this repository" in unknown.stderr


def test_a_spec_that_is_new_since_the_base_is_a_report_not_an_error(tmp_path: Path) -> None:
    # The first pull request that adds the spec: the workflow's diff step must pass, and say why nothing can break.
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-q", "--allow-empty", "-m", "empty"], check=True)
    (repo / "spec").mkdir()
    shutil.copytree(CORPUS / "icons", repo / "icons")
    (repo / "spec" / "api.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    text = cli("--base", "HEAD", cwd=repo)
    assert text.returncode == 0, text.stderr
    assert text.stdout == "spec/api.yaml is new since HEAD: no Zap, scenario or workflow uses it yet.\n"
    markdown = cli("--base", "HEAD", "--format", "markdown", cwd=repo)
    assert markdown.returncode == 0 and markdown.stdout.startswith("## connector-gen diff\n\nspec/api.yaml is new since HEAD")
