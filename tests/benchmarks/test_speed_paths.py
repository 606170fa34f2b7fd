"""The shortcuts taken for speed give what the general paths give: the libyaml event walk, its aliases, shared names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from connector_gen import load
from connector_gen.errors import SpecInvalid
from connector_gen.names import Names

ALIASED = """\
base: &base {label: Job, fields: [a, b]}
list: &items
  - one
  - {two: 2}
copy: *base
again: *items
nested: {inner: *base, text: "API & Integrations"}
"""


def outcome(path: Path) -> tuple[Any, ...]:
    try:
        loaded = load.load_spec(path, "spec.yaml")
    except SpecInvalid as exc:
        return ("invalid", [str(e) for e in exc.errors])
    return ("ok", loaded.data, loaded.values, loaded.keys)


@pytest.mark.skipif(load._FAST_LOADER is None, reason="PyYAML was built without libyaml")
def test_aliases_load_alike_on_both_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(ALIASED, "utf-8")
    fast = outcome(spec)
    assert fast[0] == "ok" and fast[1]["copy"] == fast[1]["base"] and fast[1]["again"] == ["one", {"two": 2}]
    assert fast[2]["/copy/fields/1"] == (1, 38)  # an alias's values sit at the anchor's place, as in the composer
    with monkeypatch.context() as patch:
        patch.setattr(load, "_FAST_LOADER", None)
        assert outcome(spec) == fast


@pytest.mark.skipif(load._FAST_LOADER is None, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "a: &x {b: &y [1, *y]}",  # an alias inside its own anchor: a cycle
        "a: &x 1\nb: &x 2\nc: *x",  # an anchor defined twice
        "a: *nowhere",  # an alias without an anchor
        "a: &x k\n*x : 2",  # an alias as a key
        "a: &x b?c\nd: [*x]",  # a '?' scalar repeated in a flow list
        "a: &x\nb: [*x]",  # an empty value repeated in a flow list
        "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n" for n in range(5)),
        "a: &x {b: {c: {d: 1}}}\n" + "e: " * 1 + "[" * 36 + "*x" + "]" * 36,  # deeper than the limit through an alias
    ],
)
def test_aliases_that_the_composer_refuses_load_alike(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, "utf-8")
    fast = outcome(spec)
    with monkeypatch.context() as patch:
        patch.setattr(load, "_FAST_LOADER", None)
        assert outcome(spec) == fast


def test_names_are_derived_once_and_equal_a_fresh_derivation() -> None:
    first = Names.of("assigneeUsername")
    assert Names.of("assigneeUsername") is first
    assert first == Names(
        "assigneeUsername", "assignee_username", "assigneeUsername", "AssigneeUsername", "assignee-username", "Assignee Username"
    )
    assert Names.of("API-Key").title == "API Key" and Names.of("").snake == "x"


def test_the_console_script_collects_rarely_and_runs_the_cli() -> None:
    probe = "import gc, sys; from connector_gen.__main__ import main; sys.argv = ['connector-gen', '--version']\n"
    probe += "try:\n    main()\nexcept SystemExit as exc:\n    print(gc.get_threshold()[0], exc.code)"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert run.stdout.splitlines()[-1] == "50000 0" and "0.1.0" in run.stdout
