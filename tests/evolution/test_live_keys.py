"""The generated connectors carry the keys of Hellotracks' live hand-written ones (tests/evolution/live/hellotracks.json).

Each platform stores these keys in its users' Zaps, workflows and scenarios; `keys:` in spec/hellotracks.yaml pins them,
and this test reads them back from dist/ and from a fresh build, so neither a stale dist/ nor a target change can drop one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIVE = json.loads((ROOT / "tests/evolution/live/hellotracks.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=["dist", "build"])
def out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ as committed, and a build of spec/hellotracks.yaml into a temporary folder."""
    if request.param == "dist":
        return ROOT / "dist"
    folder = tmp_path_factory.mktemp("live-build")
    cli = [sys.executable, "-m", "generator.cli"]
    subprocess.run([*cli, "build", "--spec", "spec/hellotracks.yaml", "--out", str(folder)], cwd=ROOT, check=True)
    return folder


def _expected(entry: dict[str, Any]) -> set[str]:
    """What the generated connector has: what the live one stores, minus what cannot be adopted, plus new things."""
    return (set(entry["live"]) - set(entry.get("not_adopted", {}))) | set(entry["generated_only"])


def test_zapier_keys(out: Path) -> None:
    app = json.loads((out / "zapier/app-definition.json").read_text("utf-8"))
    live = LIVE["zapier"]
    assert {f["key"] for f in app["authentication"]["fields"]} == _expected(live["auth"])
    for section in ("triggers", "creates", "searches"):
        assert set(app[section]) == _expected(live[section]), section
        assert all(v["key"] == k for k, v in app[section].items())
    for key, entry in live["inputs"].items():
        section = "creates" if key in app["creates"] else "searches"
        got = [f["key"] for f in app[section][key]["operation"]["inputFields"]]
        assert set(got) == _expected(entry), key
        assert [k for k in got if k in entry["live"]] == entry["live"], f"{key}: the live order"


def _options(ts: str) -> list[str]:
    """The option values of a description file's `operation` property."""
    block = re.search(r"name: 'operation',.*?options: \[(.*?)\n\t\t\],", ts, re.S)
    assert block is not None
    return re.findall(r"value: '([^']*)'", block.group(1))


def test_n8n_keys(out: Path) -> None:
    live = LIVE["n8n"]
    package = json.loads((out / "n8n/package.json").read_text("utf-8"))
    assert package["name"] == live["package"]
    node = (out / "n8n/nodes/Hellotracks/Hellotracks.node.ts").read_text("utf-8")
    assert f"name: '{live['node']}'," in node and f"name: '{live['credential']}'," in node
    credential = next((out / "n8n/credentials").glob("*.credentials.ts")).read_text("utf-8")
    assert f"name = '{live['credential']}';" in credential
    assert set(re.findall(r"^\t\t\tname: '([^']*)'", credential, re.M)) == _expected(live["credential_fields"])
    names: set[str] = set()
    for resource, entry in live["operations"].items():
        ts = (out / f"n8n/nodes/Hellotracks/resources/{resource}/index.ts").read_text("utf-8")
        assert set(_options(ts)) == _expected(entry), resource
        for part in (out / f"n8n/nodes/Hellotracks/resources/{resource}").glob("*.ts"):  # the index and each operation's
            names |= set(re.findall(r"name: '([^']*)'", part.read_text("utf-8")))
    # Every live parameter name is a parameter of the generated node (see not_adopted for where it sits).
    assert set(live["parameters"]["live"]) <= names
    assert set(live["parameters"]["generated_only"]) <= names


def test_make_keys(out: Path) -> None:
    live = LIVE["make"]
    manifest = json.loads((out / "make/makecomapp.json").read_text("utf-8"))
    assert list(manifest["components"]["connection"]) == [live["app"]]
    assert set(manifest["components"]["module"]) == _expected(live["modules"])
    params = json.loads(next((out / "make/connections").glob("*/*.params.iml.json")).read_text("utf-8"))
    assert {p["name"] for p in params} == _expected(live["connection"])
