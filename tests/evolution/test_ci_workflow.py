"""The GitHub workflow .github/workflows/connectors.yml: its triggers and permissions, and its steps run locally.

The `run:` steps run in order, as the runner runs them (`bash --noprofile --norc -eo pipefail`, a step's `if:`
evaluated on the outcomes so far), in a clone of a tiny repository: `main` holds a spec with its dist/, and each
branch changes the spec. The `uses:` steps are replaced by their local equivalent: checkout is the clone (all
history, origin/main included), setup-python and `pip install .` are this test's venv (its bin/ first on PATH); the
comment script is checked, not run (it needs GitHub's API).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.foundation.corpus import BASE, CORPUS, spec_text

from .corpus import CASES, case

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "connectors.yml"
VENV_BIN = Path(sys.prefix) / "bin"
SAFE = next(p for p in CASES if p.stem.endswith("input-added"))  # safe on every platform
BREAKING = next(p for p in CASES if p.stem.endswith("operation-removed"))  # breaking on Zapier and Make
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
# What the runner would put in the expressions of a pull request from a branch of the same repository into main.
GITHUB = {
    "github.base_ref": "main",
    "github.repository": "acme/connectors",
    "github.event.pull_request.head.repo.full_name": "acme/connectors",
    "github.event.pull_request.number": "7",
}


def workflow() -> dict[str, Any]:
    """The workflow as parsed YAML (PyYAML reads the key `on` as the boolean True: YAML 1.1)."""
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    data["on"] = data.pop(True)
    return data


def steps() -> list[dict[str, Any]]:
    """The one job's steps."""
    (job,) = workflow()["jobs"].values()
    return list(job["steps"])


def step(id_: str) -> dict[str, Any]:
    """The step with this id."""
    return next(s for s in steps() if s.get("id") == id_)


# -- the workflow as a file -------------------------------------------------------------------------------------------


def test_it_runs_on_pull_requests_that_touch_the_spec_with_least_privilege() -> None:
    data = workflow()
    assert list(data["on"]) == ["pull_request"]
    paths = data["on"]["pull_request"]["paths"]
    assert {"spec/**", "templates/**", "generator/**", "dist/**", ".github/workflows/connectors.yml"} <= set(paths)
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    (job,) = data["jobs"].values()
    assert "permissions" not in job  # the workflow's permissions are the job's


def test_actions_are_pinned_by_major_version_and_no_secret_is_used() -> None:
    uses = [s["uses"] for s in steps() if "uses" in s]
    assert uses == ["actions/checkout@v4", "actions/setup-python@v5", "actions/github-script@v7"]
    assert step("checkout")["with"] == {"fetch-depth": 0}  # diff --base needs origin/<base> and its history
    text = WORKFLOW.read_text("utf-8")
    assert "secrets." not in text  # github-script uses the job's GITHUB_TOKEN; nothing is echoed
    for s in steps():  # expressions reach scripts through env only: a branch name is never spliced into bash
        assert "${{" not in s.get("run", ""), s.get("id")


def test_the_comment_step_posts_or_updates_one_comment_with_the_report() -> None:
    comment = step("comment")
    script = comment["with"]["script"]
    assert "readFileSync('report.md'" in script
    assert "<!-- connector-gen diff -->" in script  # the marker that finds the previous comment to update
    assert "github.rest.issues.createComment" in script and "github.rest.issues.updateComment" in script
    assert "github.paginate(github.rest.issues.listComments" in script
    assert "github-token" not in comment["with"]  # the default: the job's GITHUB_TOKEN with the permissions above
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]  # forks: read-only


def test_the_steps_are_the_ci_contract() -> None:
    runs = {s["id"]: s.get("run", "").strip() for s in steps()}
    assert list(runs) == ["checkout", "python", "install", "build", "dist", "diff", "summary", "comment"]
    assert runs["install"] == "pip install ."
    assert runs["build"] == "connector-gen build --target all"
    assert 'connector-gen diff --base "origin/$BASE_REF" --format markdown > report.md' in runs["diff"]
    assert step("diff")["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs["summary"]


# -- the steps, run locally -------------------------------------------------------------------------------------------

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
TOKEN = re.compile(r"\s*(?:(&&|\|\||==|!=|!|\(|\))|'([^']*)'|([A-Za-z_][\w.-]*)\(\)|([A-Za-z_][\w.-]*))")


@dataclass
class Run:
    """One local run of the job: each step's outcome and outputs, the summary, the job's log."""

    cwd: Path
    outcomes: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    summary: str = ""
    log: list[str] = field(default_factory=list)
    github: dict[str, str] = field(default_factory=lambda: dict(GITHUB))

    @property
    def failed(self) -> bool:
        """Whether a step has failed (what `success()` and `failure()` look at)."""
        return "failure" in self.outcomes.values()

    def value(self, name: str) -> str:
        """A context value: github.* from GITHUB, steps.<id>.outcome / steps.<id>.outputs.<key> from this run."""
        if name in self.github:
            return self.github[name]
        parts = name.split(".")
        if parts[0] == "steps" and parts[2:3] == ["outcome"]:
            return self.outcomes.get(parts[1], "")
        if parts[0] == "steps" and parts[2:3] == ["outputs"]:
            return self.outputs.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"the test does not know the expression context {name!r}")

    def evaluate(self, condition: str) -> bool:
        """A step's `if:` (the subset of GitHub's expression language the workflow uses), as a boolean."""
        inner = EXPRESSION.fullmatch(condition.strip())
        text = inner.group(1) if inner else condition
        calls = {"success": not self.failed, "failure": self.failed, "always": True, "cancelled": False}
        python: list[str] = []
        pos = 0
        while pos < len(text.rstrip()):
            match = TOKEN.match(text, pos)
            assert match, f"cannot read {text[pos:]!r}"
            op, string, call, name = match.groups()
            if op:
                python.append({"&&": "and", "||": "or", "!": "not"}.get(op, op))
            elif string is not None:
                python.append(repr(string))
            else:
                python.append(repr(calls[call]) if call else repr(self.value(name)))
            pos = match.end()
        return bool(eval(" ".join(python), {"__builtins__": {}}))

    def substitute(self, text: str) -> str:
        """`${{ name }}` replaced by its value."""
        return EXPRESSION.sub(lambda m: self.value(m.group(1).strip()), text)


def run_job(cwd: Path, tmp: Path) -> Run:
    """Run the workflow's steps in `cwd` (a checkout of the pull request), in order, as the runner would."""
    run = Run(cwd)
    for n, s in enumerate(steps()):
        id_ = s["id"]
        if not run.evaluate(s.get("if", "success()")):
            run.outcomes[id_] = "skipped"
            continue
        if "uses" in s or id_ == "install":
            # checkout: `cwd` is the clone; setup-python and `pip install .`: the venv running this test has
            # connector-gen installed; the comment needs GitHub's API (its script is checked above).
            run.outcomes[id_] = "success"
            continue
        output, summary = tmp / f"output-{n}", tmp / f"summary-{n}"
        output.touch()
        summary.touch()
        script = tmp / f"step-{n}.sh"
        script.write_text(s["run"], "utf-8")
        env = {
            **os.environ,
            **{k: run.substitute(str(v)) for k, v in s.get("env", {}).items()},
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        run.log.append(f"== {id_} (exit {done.returncode})\n{done.stdout}{done.stderr}")
        run.outcomes[id_] = "success" if done.returncode == 0 else "failure"
        run.outputs[id_] = dict(line.split("=", 1) for line in output.read_text("utf-8").splitlines() if "=" in line)
        run.summary += summary.read_text("utf-8")  # the runner joins the steps' summaries into the job's
    return run


def git(*args: str, cwd: Path) -> None:
    """A git command in `cwd` that must succeed."""
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def build(cwd: Path) -> None:
    """`connector-gen build --target all` in `cwd`, as a user regenerates dist/ before committing."""
    subprocess.run([str(VENV_BIN / "connector-gen"), "build", "--target", "all"], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny repository: main = a spec and its dist/; branch safe, breaking (dist/ rebuilt) and stale (not)."""
    repo = tmp_path_factory.mktemp("upstream")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, timeout=60)
    shutil.copytree(CORPUS / "icons", repo / "icons")
    spec = repo / "spec" / "api.yaml"
    spec.parent.mkdir()
    spec.write_text(BASE.read_text("utf-8"), "utf-8")
    build(repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "base", cwd=repo)
    for branch, path, rebuild in (("safe", SAFE, True), ("breaking", BREAKING, True), ("stale", SAFE, False)):
        git("checkout", "-qb", branch, "main", cwd=repo)
        spec.write_text(spec_text(case(path)), "utf-8")
        if rebuild:
            build(repo)
        git("commit", "-qam", branch, cwd=repo)
    git("checkout", "-q", "main", cwd=repo)
    return repo


def pull_request(upstream: Path, branch: str, tmp: Path) -> Run:
    """The job run on a pull request of `branch` into main: a full clone (fetch-depth 0) checked out at the branch."""
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True, timeout=60)
    git("checkout", "-q", branch, cwd=clone)
    return run_job(clone, tmp)


def test_a_safe_change_passes_and_publishes_its_report(upstream: Path, tmp_path: Path) -> None:
    run = pull_request(upstream, "safe", tmp_path)
    log = "\n".join(run.log)
    assert set(run.outcomes.values()) == {"success"} and len(run.outcomes) == len(steps()), log
    assert run.outputs["diff"] == {"status": "0"}
    report = (run.cwd / "report.md").read_text("utf-8")
    assert report.splitlines()[:3] == ["## connector-gen diff", "", "1 change (1 safe); version 1.0.0 -> 1.0.0"]
    assert "| `input.added` | `find_job.progress` | safe | safe | safe |" in report.splitlines()
    assert run.summary == report


def test_a_breaking_change_fails_the_diff_step_after_writing_the_report(upstream: Path, tmp_path: Path) -> None:
    run = pull_request(upstream, "breaking", tmp_path)
    log = "\n".join(run.log)
    assert run.outcomes["dist"] == "success", log
    assert (run.outcomes["diff"], run.outputs["diff"]) == ("failure", {"status": "1"}), log
    assert run.outcomes["summary"] == "success" and run.outcomes["comment"] == "success", log  # published anyway
    report = (run.cwd / "report.md").read_text("utf-8")
    assert report.splitlines()[2] == "1 change (1 breaking); version 1.0.0 -> 1.0.0"
    assert "| `operation.removed` | `delete_job` | **breaking** | **breaking** | **needs-new-version** |" in report
    assert "bump the app's major version or pass --allow-breaking" in report  # diff's own advice, in the comment
    assert run.summary == report
    assert run.failed  # the job is red


def test_a_stale_dist_fails_the_check_and_the_report_is_still_published(upstream: Path, tmp_path: Path) -> None:
    run = pull_request(upstream, "stale", tmp_path)
    log = "\n".join(run.log)
    assert (run.outcomes["build"], run.outcomes["dist"]) == ("success", "failure"), log
    assert "::error::dist/ is stale" in log
    assert run.outcomes["diff"] == "success" and run.outcomes["summary"] == "success", log
    assert "| `input.added` | `find_job.progress` | safe | safe | safe |" in run.summary


def test_a_pull_request_from_a_fork_gets_the_summary_but_no_comment() -> None:
    run = Run(Path("."), outcomes={"install": "success", "diff": "failure"})
    assert run.evaluate(step("comment")["if"])
    run.github["github.event.pull_request.head.repo.full_name"] = "someone/connectors"  # its token is read-only
    assert not run.evaluate(step("comment")["if"])
    assert run.evaluate(step("summary")["if"])


def test_the_readme_documents_the_evolution_workflow() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Evolving a spec\n", 1)[1].split("\n## ", 1)[0]
    for needed in ("connector-gen diff --base main", "`safe`", "`needs-new-version`", "`breaking`", "--allow-breaking"):
        assert needed in section, needed
    assert "app.version" in section and ".github/workflows/connectors.yml" in section and "docs/evolution.md" in section
    assert (ROOT / "docs" / "evolution.md").is_file()
