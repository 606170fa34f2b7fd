"""The template bytecode cache never changes output: cold, warm, damaged or unwritable, the render is the same."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from connector_gen import render
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.render import targets, to_json


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    render.environment.cache_clear()  # environments hold their compiled templates: start each case cold
    yield
    render.environment.cache_clear()
    monkeypatch.undo()


def _render(model: Model) -> dict[str, render.Files]:
    render.environment.cache_clear()
    return render_all(model, list(targets()))


def test_cold_warm_damaged_and_unwritable_caches_render_alike(
    model: Model, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: None
) -> None:
    monkeypatch.setenv("CONNECTOR_GEN_CACHE", str(tmp_path / "cache"))
    cold = _render(model)
    written = list((tmp_path / "cache").rglob("*.cache"))
    assert written, "the cache stored no bytecode"
    assert _render(model) == cold  # warm
    for path in written:
        path.write_bytes(path.read_bytes()[:20] + b"damaged")
    assert _render(model) == cold
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CONNECTOR_GEN_CACHE", str(blocker))
    assert _render(model) == cold


def test_indented_json_is_byte_identical_to_json_dumps() -> None:
    value = {"a": [1, 2.5, True, None, {"é": "<>&'\u2028\n"}], "b": {}, "c": [], "d": ({"x": -0.0},), "e": 10**30}
    assert to_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert to_json({1: "non-text key"}) == json.dumps({1: "non-text key"}, indent=2, ensure_ascii=False)
