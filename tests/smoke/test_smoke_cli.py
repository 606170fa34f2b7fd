"""`connector-gen smoke` end to end on the embedded mock, and `connector-gen mock`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import requests
from click.testing import CliRunner

from connector_gen.cli import main
from connector_gen.model import Model

from .conftest import TickingMock

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["smoke", "--spec", str(ROOT / "spec/hellotracks.yaml"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_smoke_passes_on_the_embedded_mock(model: Model) -> None:
    code, out, err = _run("--target", "python")
    assert code == 0, out + err
    for op in model.operations:
        assert any(line.startswith(op.key) and " ok " in line + " " for line in out.splitlines()), op.key
    assert "smoke passed" in out and "FAIL" not in out
    assert "[python] create_job" in err  # a progress line per step on stderr


def test_smoke_json_is_machine_readable(model: Model) -> None:
    code, out, _err = _run("--target", "python", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["ok"] is True and report["mode"] == "mock" and report["targets"] == ["python"]
    steps = {s["step"]: s for s in report["steps"]}
    assert {s["operation"] for s in report["steps"]} == {o.key for o in model.operations}
    create = steps["create_job"]["results"]["python"]
    assert create["result"] == "ok"
    (req,) = create["requests"]
    assert (req["method"], req["path"], req["auth"]) == ("POST", "/jobs", "valid")
    assert req["body"]["contact"]["name"] == model.resource("job").field("contact.name").example
    for op in model.of_kind("polling_trigger"):  # every trigger fires on its first poll, and never again
        assert steps[f"{op.key} (poll 1)"]["results"]["python"]["records"] >= 1
        assert steps[f"{op.key} (poll 2)"]["results"]["python"]["records"] == 0


def test_smoke_fails_with_a_clear_table_when_the_mock_fails_an_operation() -> None:
    code, out, _err = _run("--target", "python", "--mock-fail", "create_job")
    assert code == 1
    rows = {line.split()[0]: line for line in out.splitlines() if line and not line.startswith(("-", "step"))}
    assert "FAIL" in rows["create_job"]
    assert "skip" in rows["update_job"]  # what needed the created record is skipped, not silently passed
    assert "ok" in rows["validate_connection"]
    assert "FAIL create_job [python]: failed: Hellotracks API is temporarily unavailable. (HTTP 500)" in out
    assert "smoke FAILED" in out


def test_an_idempotent_operation_survives_one_server_error_by_retrying() -> None:
    code, out, _err = _run("--target", "python", "--mock-fail", "get_job:500")
    assert code == 0, out


def test_smoke_runs_against_a_real_api_given_by_environment_variables(model: Model) -> None:
    with TickingMock(model) as api:
        api.seed_samples()
        env = {"CONNECTOR_GEN_BASE_URL": api.base_url, "CONNECTOR_GEN_API_KEY": api.api_key}
        result = CliRunner().invoke(main, ["smoke", "--target", "python", "--spec", str(ROOT / "spec/hellotracks.yaml")], env=env)
        assert result.exit_code == 0, result.stdout + result.stderr
        assert "(api; python)" in result.stdout
        assert api.api_key not in result.stdout + result.stderr
        assert len(api.records("job")) == 1, "only the account's own record is left"


def test_smoke_usage_errors_exit_2() -> None:
    assert _run("--target", "nope")[0] == 2
    assert _run("--mock-fail", "no_such_operation")[0] == 2
    assert _run("--base-url", "http://127.0.0.1:9/v1")[0] == 2  # an API key must come with it


def test_mock_command_serves_the_api_until_stopped() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "connector_gen.cli", "mock", "--port", "0", "--spec", str(ROOT / "spec/hellotracks.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert "mock Hellotracks API at http://127.0.0.1:" in first, first + (
            proc.stderr.read() if proc.poll() is not None else ""
        )
        base = first.split(" at ")[1].strip()
        key_line = proc.stdout.readline()
        key = key_line.split(":", 1)[1].split()[0]
        resp = requests.get(base + "/jobs", headers={"API-Key": key}, timeout=10)
        assert resp.status_code == 200 and len(resp.json()["data"]["items"]) == 1  # seeded with the sample
    finally:
        proc.terminate()
        proc.wait(timeout=10)
