"""Benchmarks of the build pipeline (speed with pytest-benchmark, peak memory with tracemalloc).

They measure and report; they assert nothing about time. Run them with:
    .venv/bin/pytest tests/benchmarks --benchmark-enable
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

from connector_gen.load import load_spec
from connector_gen.model import build_model
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets
from connector_gen.validate import validate

SPEC = Path(__file__).resolve().parents[2] / "spec" / "hellotracks.yaml"


def test_bench_load_and_validate(benchmark: Any) -> None:
    def run() -> int:
        loaded = load_spec(SPEC)
        validate(loaded)
        return len(build_model(loaded).operations)

    assert benchmark(run) > 0


def test_bench_render_all_targets(benchmark: Any) -> None:
    model = load_model(SPEC)
    names = list(targets())
    result = benchmark(render_all, model, names)
    assert set(result) == set(names)


def test_bench_peak_memory_of_a_full_render(benchmark: Any) -> None:
    def run() -> int:
        tracemalloc.start()
        render_all(load_model(SPEC), list(targets()))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return peak

    peak = benchmark.pedantic(run, rounds=3, iterations=1)
    benchmark.extra_info["peak_bytes"] = peak
    assert peak > 0
