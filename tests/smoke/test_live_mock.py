"""`connector-gen mock` runs a live clock: `connector-gen smoke --base-url` against it passes, updated triggers too."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"


@pytest.fixture
def served() -> Iterator[tuple[str, str, str]]:
    """A `connector-gen mock` subprocess: (base URL, API key, control origin)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "connector_gen.cli", "mock", "--port", "0", "--spec", str(SPEC)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert " at http://127.0.0.1:" in first, first + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
        base = first.split(" at ")[1].strip()
        key = proc.stdout.readline().split(":", 1)[1].split()[0]
        yield base, key, base.rsplit("/", 1)[0]
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl-C: the command ends quietly
        assert proc.wait(timeout=20) in (0, 1, -signal.SIGINT)
        for pipe in (proc.stdout, proc.stderr):
            if pipe:
                pipe.close()


def test_smoke_passes_against_the_mock_command(served: tuple[str, str, str]) -> None:
    base, key, _origin = served
    env = {**os.environ, "CONNECTOR_GEN_API_KEY": key}
    command = [sys.executable, "-m", "connector_gen.cli", "smoke", "--target", "python", "--spec", str(SPEC)]
    for _ in range(2):  # twice against one mock: the second run meets the first run's leftovers and still passes
        result = subprocess.run(
            [*command, "--base-url", base, "--json"], capture_output=True, text=True, timeout=300, env=env, cwd=ROOT
        )
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        steps = {s["step"]: s["results"]["python"] for s in report["steps"]}
        updated = [s for s in steps if s.startswith("updated_")]
        assert len(updated) >= 3 and all(steps[s]["result"] == "ok" for s in updated), {s: steps[s] for s in updated}
        assert report["ok"] is True and report["mode"] == "api"


def test_the_mock_command_clock_runs_and_writes_get_increasing_stamps(served: tuple[str, str, str]) -> None:
    base, key, origin = served
    first = requests.get(f"{origin}/__mock/clock", timeout=10).json()["now"]
    assert abs(first - time.time() * 1000) < 600_000  # it starts from the wall clock (a build is not 10 min old)
    made = [requests.post(f"{base}/jobs", json={"title": f"t{n}"}, headers={"API-Key": key}, timeout=10) for n in range(5)]
    stamps = [r.json()["data"]["items"][0]["updatedAt"] for r in made]
    assert stamps == sorted(set(stamps)) and stamps[0] >= first  # distinct and increasing, even within one ms
    assert requests.get(f"{origin}/__mock/clock", timeout=10).json()["now"] >= stamps[-1]
    held = requests.post(f"{origin}/__mock/clock/live", json={"live": False}, timeout=10).json()
    assert held["live"] is False and requests.get(f"{origin}/__mock/clock", timeout=10).json()["now"] == held["now"]
