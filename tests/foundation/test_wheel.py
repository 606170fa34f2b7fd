"""The wheel (not an editable install) carries templates and the schema, and builds from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # build from a copy: building in place would leave build/ and *.egg-info in the checkout
    src = out / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".git", "node_modules", ".venv", "build", "*.egg-info", "dist"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(src)], cwd=out)
    (found,) = out.glob("connector_gen-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "connector_gen/cli.py" in names
    assert "connector_gen/spec/capability-spec.schema.json" in names
    assert any(n.startswith("connector_gen/templates/") for n in names)
    assert not any(n.startswith("generator/") for n in names), "the import name must be connector_gen only"
    assert not any("hellotracks" in n for n in names), "the wheel must not carry an API's spec"


@pytest.mark.slow
def test_installed_wheel_builds_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # dependencies come from the system site packages when present, else from the package index
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp_path)
    py = venv / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "--quiet", str(wheel)], cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = _run([str(py), "-c", "import connector_gen; print(connector_gen.__file__)"], cwd=elsewhere, env=env).stdout
    assert str(venv) in where, f"imported from {where.strip()}, not from the installed wheel"
    spec = ROOT / "spec" / "hellotracks.yaml"
    _run([str(venv / "bin" / "connector-gen"), "validate", str(spec)], cwd=elsewhere, env=env)
    _run([str(venv / "bin" / "connector-gen"), "build", "--spec", str(spec), "--out", "out"], cwd=elsewhere, env=env)
    written = [p for p in (elsewhere / "out").rglob("*") if p.is_file()]
    assert written, "the installed wheel built no files"
