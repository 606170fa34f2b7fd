"""Golden test: the committed dist/ is exactly what the spec renders to today."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen.compare import compare
from connector_gen.model import Model
from connector_gen.pipeline import render_all
from connector_gen.render import targets

DIST = Path(__file__).resolve().parents[2] / "dist"
REGENERATE = "connector-gen build --target all"


@pytest.mark.parametrize("target", list(targets()))
def test_dist_matches_spec(model: Model, target: str) -> None:
    rendered = render_all(model, [target])
    assert rendered[target], f"target {target} rendered no files"
    differences = compare(DIST, rendered)
    report = "\n".join(f"{d.status}: {d.path}\n{d.diff}" for d in differences)
    assert not differences, f"dist/{target}/ is stale; regenerate with `{REGENERATE}`\n{report}"
