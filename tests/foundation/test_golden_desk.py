"""Golden test of the second API: tests/golden/desk/ is exactly what tests/specs/desk/desk.yaml renders to today.

dist/ is the golden record of the Hellotracks spec (test_golden.py); this one guards how a spec with other names,
ids, envelope and auth header renders, so a change to a template or target shows up here as a reviewed diff too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen import review
from connector_gen.compare import compare
from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]
DESK = ROOT / "tests" / "specs" / "desk" / "desk.yaml"
GOLDEN = ROOT / "tests" / "golden" / "desk"
REGENERATE = "connector-gen build --spec tests/specs/desk/desk.yaml --out tests/golden/desk"  # from the repository root


@pytest.fixture(scope="module")
def desk() -> Model:
    """The made-up help-desk model."""
    return load_model(DESK, "desk.yaml")


@pytest.mark.parametrize("target", list(targets()))
def test_golden_record_matches_spec(desk: Model, target: str) -> None:
    rendered = render_all(desk, [target])
    assert rendered[target], f"target {target} rendered no files"
    differences = compare(GOLDEN, rendered)
    report = "\n".join(f"{d.status}: {d.path}\n{d.diff}" for d in differences)
    if differences:
        pytest.fail(f"tests/golden/desk/{target}/ is stale; regenerate with `{REGENERATE}`\n{report}", pytrace=False)


def test_golden_record_has_only_target_folders() -> None:
    """A target that is renamed or dropped must not leave its old folder behind."""
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted([*targets(), review.FILE.name])  # and the review page (issue 15)
