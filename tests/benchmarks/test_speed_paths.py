"""The shortcuts taken for speed give what the general paths give: the libyaml walk, its node freeing, shared names."""

from __future__ import annotations

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


def test_only_text_that_may_hold_an_anchor_keeps_the_nodes() -> None:
    anchors = ["a: &x 1", "- &x [1]", '{"a":&x 1}', "&a {b: 1}", "[&x 1]", "k:\n  &x\n  v: 1"]
    plain = ["help: API & Integrations", "url: https://h/?a=1&b=2", "x: a&b", "t: '&'"]
    assert all(load._ANCHOR.search(text) for text in anchors)
    assert not any(load._ANCHOR.search(text) for text in plain)


def test_names_are_derived_once_and_equal_a_fresh_derivation() -> None:
    first = Names.of("assigneeUsername")
    assert Names.of("assigneeUsername") is first
    assert first == Names(
        "assigneeUsername", "assignee_username", "assigneeUsername", "AssigneeUsername", "assignee-username", "Assignee Username"
    )
    assert Names.of("API-Key").title == "API Key" and Names.of("").snake == "x"
