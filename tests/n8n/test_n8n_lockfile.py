"""Every generated n8n package carries the toolchain's npm lockfile, its root entry that package's own manifest."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from click.testing import CliRunner

from connector_gen.cli import main
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.harness import HERE as HARNESSES
from connector_gen.targets.n8n.package import TOOLCHAIN

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = [ROOT / "dist" / "n8n", *sorted((ROOT / "tests" / "golden").glob("*/n8n"))]


def _json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _rendered(spec: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    files = render_all(load_model(spec, spec.name, ["n8n"]), ["n8n"])["n8n"]
    return json.loads(files[PurePosixPath("package.json")]), json.loads(files[PurePosixPath("package-lock.json")])


def assert_root_is_manifest(pkg: dict[str, Any], lock: dict[str, Any]) -> None:
    """`npm ci` refuses a lockfile whose root differs from package.json; the locked tree has the pinned tools."""
    assert (lock["name"], lock["version"]) == (pkg["name"], pkg["version"])
    root = lock["packages"][""]
    assert (root["name"], root["version"], root["license"]) == (pkg["name"], pkg["version"], pkg["license"])
    assert root["devDependencies"] == pkg["devDependencies"]
    assert root["peerDependencies"] == pkg["peerDependencies"]
    for dep, version in pkg["devDependencies"].items():
        assert lock["packages"][f"node_modules/{dep}"]["version"] == version, dep


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.parent.name)
def test_every_committed_package_has_a_lockfile_in_sync(package: Path) -> None:
    assert_root_is_manifest(_json(package / "package.json"), _json(package / "package-lock.json"))


def test_lockfile_root_follows_the_spec_name_and_version(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    spec = tmp_path / "spec" / "hellotracks.yaml"
    text = spec.read_text(encoding="utf-8")
    assert "  key: hellotracks\n" in text and "  version: 1.0.0\n" in text
    text = re.sub(r"\n    package: [^\n]*", "", text)  # without the pinned package name (issue 16), the name follows the key
    spec.write_text(text.replace("  key: hellotracks\n", "  key: fieldops\n").replace("  version: 1.0.0\n", "  version: 2.3.4\n"))
    pkg, lock = _rendered(spec)
    assert (pkg["name"], pkg["version"]) == ("n8n-nodes-fieldops", "2.3.4")
    assert_root_is_manifest(pkg, lock)
    # the rest of the lock is the toolchain's, whatever the spec
    _, original = _rendered(ROOT / "spec" / "hellotracks.yaml")
    assert {k: v for k, v in lock["packages"].items() if k} == {k: v for k, v in original["packages"].items() if k}


def test_toolchain_manifest_and_lock_agree_and_share_the_harness_pins() -> None:
    manifest, lock = _json(TOOLCHAIN / "package.json"), _json(TOOLCHAIN / "package-lock.json")
    root = lock["packages"][""]
    assert (root["name"], root["version"]) == (manifest["name"], manifest["version"])
    assert root["devDependencies"] == manifest["devDependencies"]
    assert root["peerDependencies"] == manifest["peerDependencies"]
    # the smoke harness compiles and lints with the same TypeScript, ESLint and n8n-workflow the package installs
    harness = _json(HARNESSES / "n8n" / "package.json")["dependencies"]
    for dep in ("eslint", "typescript", "n8n-workflow"):
        assert lock["packages"][f"node_modules/{dep}"]["version"] == harness[dep], dep
    # npm ci checks every tarball against its hash, from the cache or the registry alike
    assert all(entry.get("integrity", "").startswith("sha512-") for name, entry in lock["packages"].items() if name)


def test_check_fails_on_a_stale_or_missing_lockfile(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(ROOT / "dist" / "n8n", out / "n8n")
    args = ["check", "--target", "n8n", "--spec", str(ROOT / "spec" / "hellotracks.yaml"), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    lock = out / "n8n" / "package-lock.json"
    lock.write_text(lock.read_text(encoding="utf-8").replace('"version": "1.0.0"', '"version": "0.9.0"', 1))
    stale = CliRunner().invoke(main, args)
    assert stale.exit_code == 1 and "package-lock.json" in stale.output
    lock.unlink()
    missing = CliRunner().invoke(main, args)
    assert missing.exit_code == 1 and "package-lock.json" in missing.output
