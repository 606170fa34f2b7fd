"""`validate` ok means `build` ok: mutate both specs in many ways; what validates renders on every target (and its JSON
parses), and what does not gives located errors only, never a traceback."""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector_gen.errors import SpecInvalid
from connector_gen.load import load_spec
from connector_gen.pipeline import render_all
from connector_gen.render import targets
from connector_gen.validate import validate

ROOT = Path(__file__).resolve().parents[2]
SPECS = {"hellotracks": ROOT / "spec" / "hellotracks.yaml", "desk": ROOT / "tests" / "specs" / "desk" / "desk.yaml"}
LOCATED = re.compile(r"^\S+\.yaml:[1-9][0-9]*:[1-9][0-9]* /\S*: \S.*$")
Data = dict[str, Any]


def _ops(d: Data, *kinds: str) -> list[Data]:
    return [op for op in d["operations"].values() if not kinds or op["kind"] in kinds]


def _each(items: list[Data], change: Callable[[Data], object]) -> None:
    for item in items:
        change(item)


def _drop(key: str) -> Callable[[Data], None]:
    """Remove `key` from every mapping of the spec (an optional part, or a required one: both must be handled)."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            node.pop(key, None)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    return walk


def _labels(d: Data, length: int) -> None:
    """Distinct resource labels of `length` characters."""
    for i, res in enumerate(d["resources"].values()):
        res["label"] = ("L" * length)[: length - len(str(i))] + str(i)


def _rename_op(d: Data, old: str, new: str) -> None:
    d["operations"] = {new if k == old else k: v for k, v in d["operations"].items()}
    text = json.dumps(d)  # references by name (auth test, dropdowns, create fallbacks) follow the key
    d.update(json.loads(text.replace(f'"{old}"', f'"{new}"')))


def _copy_each(suffix: str) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        for key, op in list(d["operations"].items()):
            if op["kind"] != "auth_test":
                d["operations"][key + suffix] = {**copy.deepcopy(op), "label": f"{op['label']} Again"}

    return change


def _rename_first_input(kind: str, name: str) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        for op in _ops(d, kind):
            if op.get("inputs"):
                op["inputs"][0]["name"] = name
                return

    return change


def _add_id_fields(d: Data) -> None:
    for res in d["resources"].values():
        res["fields"].setdefault("id", {"type": "string", "label": "ID", "read_only": True})


def _choices(extra: list[str]) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        for res in d["resources"].values():
            for spec in [*res["fields"].values(), *(res.get("filters") or {}).values()]:
                if "choices" in spec:
                    spec["choices"] = [*spec["choices"], *extra]

    return change


def _key_at(d: Data, length: int) -> None:
    key = next(k for k, op in d["operations"].items() if op["kind"] == "action")
    _rename_op(d, key, ("x" * length)[:length])


def _resource_key(new: str) -> Callable[[Data], None]:
    def change(d: Data) -> None:
        old = next(k for k in d["resources"] if any(op["resource"] == k and op["kind"] == "action" for op in _ops(d)))
        d["resources"] = {new if k == old else k: v for k, v in d["resources"].items()}
        for op in _ops(d):
            op["resource"] = new if op["resource"] == old else op["resource"]

    return change


MUTATIONS: dict[str, Callable[[Data], object]] = {
    "input-limit-on-list": _rename_first_input("list", "limit"),
    "input-limit-on-action": _rename_first_input("action", "limit"),
    "input-id-on-search": _rename_first_input("search", "id"),
    "input-resource-on-action": _rename_first_input("action", "resource"),
    "field-id-next-to-id-field": _add_id_fields,
    "long-resource-labels": lambda d: _labels(d, 250),
    "resource-label-49": lambda d: _labels(d, 49),
    "resource-label-50": lambda d: _labels(d, 50),
    "long-plurals": lambda d: _each(list(d["resources"].values()), lambda r: r.update(plural="P" * 250)),
    "japanese-trigger-labels": lambda d: [op.update(label=f"新しい仕事{i}") for i, op in enumerate(_ops(d, "polling_trigger"))],
    "japanese-labels-everywhere": lambda d: [op.update(label=f"操作{i}") for i, op in enumerate(_ops(d))],
    "emoji-resource-labels": lambda d: [r.update(label=f"🚀 Thing {i}") for i, r in enumerate(d["resources"].values())],
    "labels-needing-escapes": lambda d: [op.update(label=f'Quote " \\ {{{{x}}}} */ {i}') for i, op in enumerate(_ops(d))],
    "sharp-s-title-case-grows": lambda d: _ops(d, "action")[0].update(label="ß" + "a" * 63),
    "one-character-labels": lambda d: _ops(d, "action")[0].update(label="X"),
    "keys-again-with-underscore": _copy_each("_"),
    "keys-again-with-digit": _copy_each("2"),
    "one-character-key": lambda d: _key_at(d, 1),
    "two-character-key": lambda d: _key_at(d, 2),
    "longest-key": lambda d: _key_at(d, 63),
    "resource-key-trailing-underscore": _resource_key("thing_"),
    "resource-key-one-letter": _resource_key("t"),
    "no-help": _drop("help"),
    "no-plural": _drop("plural"),
    "no-dropdowns": _drop("dropdown"),
    "no-create-fallback": _drop("create_fallback"),
    "no-trigger-filter": lambda d: [op["trigger"].pop("filter", None) for op in _ops(d, "polling_trigger")],
    "no-exact-match": lambda d: [op["search"].pop("exact_match", None) for op in _ops(d, "search")],
    "no-optional-inputs": lambda d: [op.update(inputs=[i for i in op.get("inputs", []) if i.get("required")]) for op in _ops(d)],
    "no-pagination": _drop("pagination"),
    "no-optional-app-parts": lambda d: [d["app"].pop(k, None) for k in ("help_url", "homepage_url", "repository", "categories")],
    "no-filters": _drop("filters"),
    "choices-empty-and-case": _choices(["", "Scheduled", "SCHEDULED"]),
    "choices-unicode": _choices(["日本", "ünïcode"]),
    "long-path": lambda d: [op["request"].update(path="/" + "p" * 600 + op["request"]["path"]) for op in _ops(d, "action")],
    "long-status-messages": lambda d: _each(list(d["http"]["statuses"].values()), lambda s: s.update(message="m" * 1100)),
    "long-items-path": lambda d: d["http"]["response"].update(list=".".join(["level"] * 120)),
    "long-input-labels": lambda d: [i.update(label="I" * 300) for op in _ops(d) for i in op.get("inputs", [])],
    "long-help": lambda d: [i.update(help="H" * 1200) for op in _ops(d) for i in op.get("inputs", [])],
    "unicode-auth-label": lambda d: [f.update(label="認証キー") for f in d["connection"]["fields"].values() if f.get("secret")],
    "unicode-app-name": lambda d: d["app"].update(name="Ünïcödé Äpp"),
    "dropdown-value-list": lambda d: [
        i["dropdown"].update(value="list") for op in _ops(d) for i in op.get("inputs", []) if "dropdown" in i
    ],
}


def _write(name: str, change: Callable[[Data], object], tmp_path: Path) -> Path:
    source = SPECS[name]
    shutil.copytree(source.parent / "icons", tmp_path / "icons")
    data = yaml.safe_load(source.read_text("utf-8"))
    change(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def test_there_are_enough_mutations() -> None:
    assert len(MUTATIONS) >= 30


@pytest.mark.parametrize("spec", sorted(SPECS))
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_validate_ok_means_build_ok(spec: str, mutation: str, tmp_path: Path) -> None:
    path = _write(spec, MUTATIONS[mutation], tmp_path)
    try:
        model = validate(load_spec(path, path.name))
    except SpecInvalid as exc:
        assert exc.errors
        for error in exc.errors:
            assert LOCATED.match(str(error)), str(error)
        return
    rendered = render_all(model, list(targets()))
    for target, files in rendered.items():
        assert files, target
        for rel, text in files.items():
            if rel.suffix == ".json":
                json.loads(text)  # every JSON artifact parses


def test_the_mutations_reach_both_outcomes(tmp_path: Path) -> None:
    outcomes = set()
    for i, change in enumerate(MUTATIONS.values()):
        folder = tmp_path / str(i)
        folder.mkdir()
        try:
            validate(load_spec(_write("hellotracks", change, folder)))
            outcomes.add("ok")
        except SpecInvalid as exc:
            # target checks name their target ("make: ..."); schema and semantic messages do not
            outcomes.add("target" if all(e.message.split(" ", 1)[0].endswith(":") for e in exc.errors) else "spec")
    assert outcomes == {"ok", "target", "spec"}
