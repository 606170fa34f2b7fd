"""Every paging spec of tests/specs/paging/ on the Make target: official schemas, and the smoke plan on the mock."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model
from connector_gen.smoke.runner import run_smoke
from connector_gen.targets import make

PAGING = Path(__file__).resolve().parents[1] / "specs" / "paging"
SPECS = sorted(PAGING.glob("*.yaml")) if PAGING.is_dir() else []


@pytest.fixture(scope="module", params=SPECS, ids=[s.stem for s in SPECS])
def paged(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Model, Path]:
    """A paging spec's model and its Make app written to a temporary dist/."""
    model = load_model(request.param, names=["make"])
    dist = tmp_path_factory.mktemp(request.param.stem)
    for rel, text in make.render(model).items():
        target = dist / "make" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return model, dist


def test_there_is_a_paging_spec_per_style() -> None:
    assert {s.stem for s in SPECS} >= {"offset", "page", "cursor", "after_id", "link", "none"}


def test_every_file_passes_its_official_schema(
    paged: tuple[Model, Path], schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    _, dist = paged
    files = {str(p.relative_to(dist / "make")): p.read_text("utf-8") for p in (dist / "make").rglob("*") if p.is_file()}
    found = {path: schema_errors(path, text) for path, text in sorted(files.items())}
    assert {path: errs for path, errs in found.items() if errs} == {}


def test_the_smoke_plan_sends_the_python_targets_requests(paged: tuple[Model, Path]) -> None:
    model, dist = paged
    report = run_smoke(model, ["python", "make"], dist=dist, prefix="cg-smoke-test-")
    for step, _key in report.steps:
        ref, got = report.results[(step, "python")], report.results[(step, "make")]
        assert ref.result == "ok", f"{step}: the reference failed: {ref.detail}"
        assert got.requests == ref.requests, step
        assert got.result == "ok" or any("HTTP 404" in d for d in got.detail), f"{step}: {got.detail}"


def _module(model: Model, key: str) -> dict[str, Any]:
    comp = next(c for c in make.components.components(model) if c.operation is not None and c.operation.key == key)
    return comp.sections


@pytest.mark.skipif(not SPECS, reason="tests/specs/paging/ is not there")
@pytest.mark.parametrize(
    ("spec", "key", "pattern"),
    [
        ("page", "new_item", "'X'"),  # epoch seconds
        ("cursor", "updated_item", "'YYYY-MM-DDTHH:mm:ss.SSS[Z]'"),  # ISO 8601
        ("after_id", "updated_item", "'YYYY-MM-DD'"),  # a date filter: the UTC day
        ("offset", "new_item", "'x'"),  # epoch milliseconds
    ],
)
def test_a_trigger_asks_for_the_window_in_its_filters_format(spec: str, key: str, pattern: str) -> None:
    model = load_model(PAGING / f"{spec}.yaml", names=["make"])
    comm = _module(model, key)["communication"]
    trig = model.operation(key).trigger
    assert trig is not None and trig.cursor_param is not None
    param = trig.cursor_param
    assert comm["qs"][param] == "{{formatDate(addDays(now, -7), " + pattern + ", 'UTC')}}"
    assert "pagination" in comm and "valid" in comm["response"]  # every page of the window, and the page cap


@pytest.mark.skipif(not SPECS, reason="tests/specs/paging/ is not there")
def test_a_trigger_without_a_since_filter_reads_newest_first_down_to_the_window() -> None:
    model = load_model(PAGING / "after_id.yaml", names=["make"])
    comm = _module(model, "new_item")["communication"]
    assert set(comm["qs"]) == {"limit"}
    assert comm["response"]["trigger"]["order"] == "desc"
    assert comm["response"]["trigger"]["date"] == "{{parseDate(item.createdAt, 'X')}}"  # epoch seconds as a date
    assert "addDays(now, -7)" in comm["pagination"]["condition"] and "last(body.data)" in comm["pagination"]["condition"]


@pytest.mark.skipif(not SPECS, reason="tests/specs/paging/ is not there")
def test_a_scoped_trigger_asks_for_its_path_inputs() -> None:
    model = load_model(PAGING / "link.yaml", names=["make"])
    op = next(o for o in model.of_kind("polling_trigger") if o.inputs)
    sections = _module(model, op.key)
    given = {p["name"]: p for p in sections["staticParams"]}
    assert all(given[i.name]["required"] for i in op.inputs)
    assert all(f"parameters.{i.name}" in sections["communication"]["url"] for i in op.inputs)
