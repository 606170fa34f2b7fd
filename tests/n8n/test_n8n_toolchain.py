"""n8n's own tooling on the generated package: tsc, the node-cli lint rule sets, the verification scanner, the loader."""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.smoke.executors.n8n import N8nExecutor
from connector_gen.targets.n8n.conventions import package_name

pytestmark = pytest.mark.slow


def lint(toolchain: Path, package: Path) -> list[dict[str, Any]]:
    """ESLint with the rule sets `n8n-node lint` enables, as JSON results per file."""
    eslint = toolchain / "node_modules" / "eslint" / "bin" / "eslint.js"
    config = toolchain / "eslint.n8n.config.mjs"
    done = subprocess.run(
        ["node", str(eslint), "-c", str(config), "--format", "json", "."],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.strip(), done.stderr
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def problems(results: list[dict[str, Any]]) -> list[str]:
    """`file: rule: message` for every error and warning."""
    return [f"{Path(r['filePath']).name}: {m.get('ruleId')}: {m['message']}" for r in results for m in r["messages"]]


def scan(toolchain: Path, folder: Path, kind: str) -> dict[str, Any]:
    """@n8n/scan-community-package's analyzePackage on a folder (`source` or `packed` file patterns)."""
    done = subprocess.run(["node", "scan.mjs", str(folder), kind], cwd=toolchain, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_tsc_compiles_every_declared_file(compiled: Path) -> None:
    # compile_package raises on any tsc error; here: the manifest's dist/ paths all exist after the build
    pkg = json.loads((compiled / "package.json").read_text())
    for path in pkg["n8n"]["credentials"] + pkg["n8n"]["nodes"]:
        assert (compiled / path).is_file(), path
    assert sorted(p.name for p in (compiled / "dist" / "icons").iterdir()) == sorted(
        p.name for p in (compiled / "icons").iterdir()
    )


def test_lint_reports_no_problem_and_reads_every_source(compiled: Path, toolchain: Path) -> None:
    results = lint(toolchain, compiled)
    assert problems(results) == []
    linted = {str(Path(r["filePath"]).relative_to(compiled)) for r in results}
    assert "package.json" in linted
    assert any(p.startswith("credentials/") for p in linted)
    assert sum(p.endswith(".node.ts") for p in linted) == 2
    resources = {p for p in linted if "/resources/" in p}
    assert sum(p.endswith("/index.ts") for p in resources) == 2 and len(resources) > 2  # an index and its operations
    assert not any(p.startswith("dist/") for p in linted)


def test_lint_catches_defects_n8n_rejects(compiled: Path, toolchain: Path, model: Model) -> None:
    # the same config must fail a package with known defects, or the clean result above proves nothing
    broken = toolchain / "work" / f"broken-{compiled.name}"
    shutil.rmtree(broken, ignore_errors=True)
    shutil.copytree(compiled, broken, ignore=shutil.ignore_patterns("dist"))
    try:
        pascal = model.app.names.pascal
        node = broken / "nodes" / pascal / f"{pascal}.node.ts"
        node.write_text(node.read_text().replace("\t\tusableAsTool: true,\n", ""))
        cred = broken / "credentials" / f"{pascal}Api.credentials.ts"
        cred.write_text(cred.read_text().replace("password: true", "password: false"))
        # an operation file (not *Description.ts) is read by the parameter rules too: options out of order are flagged
        create = broken / "nodes" / pascal / "resources" / "job" / "create.ts"
        text = create.read_text()
        create.write_text(text.replace("displayName: 'Address',", "displayName: 'Zz Address',", 1))
        pkg = json.loads((broken / "package.json").read_text())
        pkg["peerDependencies"] = {"n8n-workflow": "^2.0.0"}
        (broken / "package.json").write_text(json.dumps(pkg))
        rules = {m.get("ruleId") for r in lint(toolchain, broken) for m in r["messages"]}
        assert "@n8n/community-nodes/node-usable-as-tool" in rules
        assert "@n8n/community-nodes/credential-password-field" in rules
        assert "@n8n/community-nodes/valid-peer-dependencies" in rules
        assert "n8n-nodes-base/node-param-collection-type-unsorted-items" in rules
    finally:
        shutil.rmtree(broken, ignore_errors=True)


def test_verification_scan_passes_on_source_and_packed_tarball(compiled: Path, toolchain: Path, tmp_path: Path) -> None:
    assert scan(toolchain, compiled, "source") == {"passed": True}
    done = subprocess.run(
        ["npm", "pack", "--ignore-scripts", "--json", "--pack-destination", str(tmp_path)],
        cwd=compiled,
        capture_output=True,
        text=True,
        check=True,
    )
    tarball = tmp_path / json.loads(done.stdout)[0]["filename"]
    unpacked = tmp_path / "unpacked"
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="data")
    root = unpacked / "package"
    pkg = json.loads((root / "package.json").read_text())
    for path in pkg["n8n"]["credentials"] + pkg["n8n"]["nodes"]:
        assert (root / path).is_file(), path
    assert not list(root.glob("nodes/**/*.ts")), "sources must not be published, only dist/"
    assert scan(toolchain, root, "packed") == {"passed": True}
    # and the scanner does reject what n8n rejects: runtime dependencies and install scripts
    pkg["dependencies"] = {"left-pad": "1.3.0"}
    pkg["scripts"]["postinstall"] = "node -e 1"
    (root / "package.json").write_text(json.dumps(pkg))
    assert scan(toolchain, root, "packed")["passed"] is False


def test_n8n_loader_loads_both_nodes_and_the_credential(executor: N8nExecutor, model: Model) -> None:
    camel = model.app.names.camel
    assert executor.loaded["packageName"] == package_name(model)  # the pinned (live) package, else n8n-nodes-<app>
    assert executor.loaded["nodes"] == [camel, f"{camel}Trigger"]
    assert executor.loaded["credentials"] == [f"{camel}Api"]
