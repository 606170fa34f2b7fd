"""Issue 11: an API that echoes the key in its errors; no target shows it anywhere, and the API's message still does.

The echoing API (`EchoingMock`: the mock's `echo_key_in_errors` switch and a distinctive key with characters that
change under URL encoding) fails every create and update and refuses member lists, so each target meets errors
carrying the key raw and URL-encoded. Checked: `connector-gen smoke --target all` (with and without --json) as a
subprocess, the runner in process, the Zapier and n8n executors' outcomes, the mock's request log, dist/, and
harnesses that die with the key in a Node stack trace.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint, executors
from connector_gen.smoke.executors import n8n as n8n_executor
from connector_gen.smoke.executors import zapier as zapier_executor
from connector_gen.smoke.harness import ensure_harness
from connector_gen.smoke.plan import build_plan
from connector_gen.smoke.report import table
from connector_gen.smoke.runner import resolve, run_smoke

from .conftest import KEY, EchoingMock, leaked

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHOWN = "(API key sent: <redacted>; as in a URL: <redacted>)"  # what is left of the echo
UNAVAILABLE = "Hellotracks API is temporarily unavailable."  # the API's own message for a 500


@pytest.fixture
def echoing(model: Model) -> Iterator[EchoingMock]:
    """The echoing API, seeded with the samples."""
    with EchoingMock(model) as api:
        api.seed_samples()
        yield api


def _logged(api: EchoingMock) -> str:
    return json.dumps([r.to_json() for r in api.requests()])


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
def test_smoke_command_never_prints_the_key(echoing: EchoingMock, as_json: bool) -> None:
    args = ["smoke", "--target", "all", "--spec", "spec/hellotracks.yaml", "--dist", "dist"]
    args += ["--base-url", echoing.base_url, "--api-key", KEY] + (["--json"] if as_json else [])
    run = subprocess.run([sys.executable, "-m", "connector_gen.cli", *args], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr[-3000:]  # creates fail: a red run, with reasons
    assert leaked(run.stdout) == [] and leaked(run.stderr) == []
    assert leaked(_logged(echoing)) == [] and echoing.requests(), "the mock's log keeps no key either"
    targets = list(executors())
    if as_json:
        report = json.loads(run.stdout)
        assert sorted(report["targets"]) == sorted(targets)
        create = next(s for s in report["steps"] if s["step"] == "create_job")["results"]
        for target in targets:  # the API's message surfaces on every target, the key replaced
            assert create[target]["result"] == "fail"
            assert any(UNAVAILABLE in d and SHOWN in d for d in create[target]["detail"]), (target, create[target])
    else:
        rows = run.stdout.splitlines()
        for target in targets:
            assert any(f"create_job [{target}]" in row and UNAVAILABLE in row and SHOWN in row for row in rows), target
    for target in targets:  # progress lines on stderr carry the same redacted reason
        assert any(line.startswith(f"[{target}] create_job") and SHOWN in line for line in run.stderr.splitlines()), target


def test_the_runner_keeps_the_key_out_of_results_requests_progress_and_cleanup(model: Model, echoing: EchoingMock) -> None:
    lines: list[str] = []
    targets = list(executors())
    report = run_smoke(model, targets, dist=ROOT / "dist", base_url=echoing.base_url, api_key=KEY, progress=lines.append)
    assert not report.ok
    everything = "\n".join([*lines, *table(report), json.dumps(report.to_json()), *report.cleanup, repr(report)])
    assert leaked(everything) == [] and leaked(_logged(echoing)) == []
    for target in targets:
        detail = report.results[("create_job", target)].detail
        assert any(UNAVAILABLE in d and SHOWN in d for d in detail), (target, detail)
        members = report.results[("list_members", target)].detail
        assert any(SHOWN in d for d in members), (target, members)  # a 400 (not retried) as well as a 500


@pytest.mark.parametrize("name", ["zapier", "n8n"])
def test_node_executors_outcomes_hold_no_key(model: Model, echoing: EchoingMock, name: str) -> None:
    executor = executors()[name]()
    executor.prepare(model, ROOT / "dist" / name)
    plan = {s.operation.key: s for s in build_plan(model, "cg-secrets-", mock=True).steps}
    try:
        outcomes = [
            executor.run(
                model, Call(plan[op].operation, resolve(plan[op].inputs, {})), Endpoint.for_key(model, echoing.base_url, KEY)
            )
            for op in ("create_job", "list_members", "validate_connection")
        ]
    finally:
        executor.close()
    create, members, whoami = outcomes
    assert not create.ok and create.error is not None and UNAVAILABLE in create.error and SHOWN in create.error
    assert not members.ok and SHOWN in (members.error or "")
    assert whoami.ok and whoami.records  # a success is untouched
    assert leaked(repr(outcomes)) == []


def test_dist_holds_no_test_key() -> None:
    for path in (ROOT / "dist").rglob("*"):
        if path.is_file():
            assert leaked(path.read_text(encoding="utf-8", errors="replace")) == [], path
    home = ensure_harness("n8n", quiet=True) / "work" / "home"  # n8n's user folder: nothing may be kept there
    for path in home.rglob("*") if home.is_dir() else ():
        if path.is_file():
            assert leaked(path.read_text(encoding="utf-8", errors="replace")) == [], path


CRASHING_ZAPIER = r"""
const lines = require('readline').createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.cmd === 'definition') {
    const definition = { authentication: { fields: [{ key: 'api_key', type: 'password' }] } };
    process.stdout.write('@@connector-gen@@ ' + JSON.stringify({ ok: true, definition }) + '\n');
    return;
  }
  const [key] = Object.values(msg.bundle.authData);  // the one asked field, under whatever key the app pins
  process.stdout.write(`GET /jobs headers: {"API-Key": "${key}"}\n`);  // not an answer: dropped unseen
  const url = `/jobs?k=${encodeURIComponent(key)}`;
  process.stderr.write(`Error: socket hang up\n    at send (headers: {"API-Key": "${key}"}, url: ${url})\n`);
  process.exit(7);
});
"""

CRASHING_N8N = r"""
const fs = require('fs');
const out = Number(process.env.HARNESS_FD);
let runs = 0;
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.cmd === 'load') { fs.writeSync(out, JSON.stringify({ ok: true, nodes: [] }) + '\n'); return; }
  const key = msg.credentials.apiKey;
  if (runs++ === 0) {
    const stack = `Error: bad header ${key}\n    at request (${encodeURIComponent(key)})`;
    fs.writeSync(out, JSON.stringify({ ok: false, fatal: { message: `bad header ${key}` }, stack }) + '\n');
    return;
  }
  process.stderr.write(`TypeError: cannot read\n    at authenticate ({"API-Key":"${key}"})\n`);
  process.exit(9);
});
"""


def test_a_zapier_harness_that_dies_shows_its_stack_trace_redacted(
    model: Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "harness.js").write_text(CRASHING_ZAPIER)
    monkeypatch.setattr(zapier_executor, "ensure_harness", lambda name: tmp_path)
    executor = zapier_executor.ZapierExecutor()
    executor.prepare(model, ROOT / "dist" / "zapier")
    try:
        with pytest.raises(zapier_executor.ZapierHarnessError) as info:
            executor.run(
                model, Call(model.operation("validate_connection")), Endpoint.for_key(model, "http://127.0.0.1:9/v1", KEY)
            )
    finally:
        executor.close()
    text = str(info.value)
    assert "code 7" in text and "Error: socket hang up" in text and '"API-Key": "<redacted>"' in text
    assert "k=<redacted>" in text and leaked(text) == []


def test_an_n8n_harness_fatal_error_and_death_are_redacted(model: Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "run-n8n-node.cjs").write_text(CRASHING_N8N)
    monkeypatch.setattr(n8n_executor, "ensure_harness", lambda name: tmp_path)
    monkeypatch.setattr(n8n_executor, "compile_package", lambda source, harness: tmp_path / "pkg")
    executor = n8n_executor.N8nExecutor()
    executor.prepare(model, ROOT / "dist" / "n8n")
    call = Call(model.operation("validate_connection"))
    try:
        with pytest.raises(n8n_executor.N8nHarnessError) as fatal:
            executor.run(model, call, Endpoint.for_key(model, "http://127.0.0.1:9/v1", KEY))
        with pytest.raises(n8n_executor.N8nHarnessError) as died:
            executor.run(model, call, Endpoint.for_key(model, "http://127.0.0.1:9/v1", KEY))
    finally:
        executor.close()
    assert "bad header <redacted>" in str(fatal.value) and "at request (<redacted>)" in str(fatal.value)
    assert "code 9" in str(died.value) and '{"API-Key":"<redacted>"}' in str(died.value)
    assert leaked(str(fatal.value) + str(died.value)) == []
