"""Builds are byte-identical across runs and hash seeds, with LF endings and no machine-specific text."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]
DESK = ROOT / "tests" / "specs" / "desk" / "desk.yaml"
GOLDEN_DESK = ROOT / "tests" / "golden" / "desk"


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _build(out: Path, seed: str, *spec: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-m", "connector_gen.cli", "build", "--target", "all", *spec, "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return _tree(out)


def test_two_renders_in_one_process_are_equal(model: Model) -> None:
    names = list(targets())
    assert render_all(model, names) == render_all(model, names)


def test_builds_under_different_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    first = _build(tmp_path / "a", "0")
    second = _build(tmp_path / "b", "1")
    assert first, "the build wrote no files"
    assert first == second


def test_second_api_builds_byte_identical_to_its_golden_record_under_two_hash_seeds(tmp_path: Path) -> None:
    first = _build(tmp_path / "a", "0", "--spec", str(DESK))
    second = _build(tmp_path / "b", "1", "--spec", str(DESK))
    assert first, "the build wrote no files"
    assert first == second == _tree(GOLDEN_DESK)


def test_output_has_no_crlf_absolute_paths_or_secrets(model: Model) -> None:
    rendered = render_all(model, list(targets()))
    second = render_all(load_model(DESK), list(targets()))  # the second API's golden record is committed too
    for target, files in [*rendered.items(), *((f"desk/{t}", f) for t, f in second.items())]:
        for rel, text in files.items():
            where = f"{target}/{rel}"
            assert "\r" not in text, f"{where} has CR characters"
            assert str(ROOT) not in text, f"{where} contains the absolute checkout path"
            assert "test-key" not in text and "readonly-key" not in text, f"{where} contains a mock API key"
