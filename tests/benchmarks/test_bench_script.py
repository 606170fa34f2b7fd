"""`scripts/bench --quick` runs end to end and prints its table (a benchmark, not a timed test: nothing is judged)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_quick_prints_every_target() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench"), "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = (
        "import floor",
        "build / floor (Hellotracks)",
        "build after an edit / floor (Hellotracks)",
        "check / floor (Hellotracks)",
        "peak memory",
        "cost per operation",
    )
    for row in rows:
        assert row in result.stdout, result.stdout
    assert result.stdout.count("(quick: not judged)") == 7
