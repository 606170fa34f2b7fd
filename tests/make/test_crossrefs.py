"""Check 2: our own cross-reference checks of the Make app (paths, ids, references, IML variables and functions)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from connector_gen.make_engine.iml import KNOWN_FUNCTIONS, check_braces, expressions, references

MODULE_ID = re.compile(r"^[a-zA-Z][0-9a-zA-Z]{2,63}$")  # modules and RPCs (remote name = local id)
CONNECTION_ID = re.compile(r"^[a-zA-Z][0-9a-zA-Z-]{1,33}[0-9a-zA-Z]$")
BLOCKS = {
    "communication": "communication",
    "epoch": "epoch",
    "staticParams": "static-params",
    "mappableParams": "mappable-params",
    "interface": "interface",
    "samples": "samples",
    "scope": "scope",
    "params": "params",
}
# Root variables each kind of file may use (Make's documented IML context for that section).
RESPONSE_VARS = {"body", "headers", "statusCode", "item", "now", "timestamp", "temp", "iterate"}
ALLOWED = {
    "base": {"connection", "now", "timestamp", "body", "headers", "statusCode", "temp"},
    "connection": {"parameters", *RESPONSE_VARS},
    "module": {"parameters", "connection", "pagination", *RESPONSE_VARS},
    "rpc": {"parameters", "connection", "pagination", *RESPONSE_VARS},
}


def kebab(local_id: str) -> str:
    return re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", local_id).lower()


@pytest.fixture(scope="module")
def manifest(app_files: dict[str, str]) -> dict[str, Any]:
    return dict(json.loads(app_files["makecomapp.json"]))


def components(manifest: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for kind, found in manifest["components"].items():
        for local_id, meta in found.items():
            yield kind, local_id, meta


def test_every_code_file_exists_and_every_file_is_listed(manifest: dict[str, Any], app_files: dict[str, str]) -> None:
    listed = {p for p in manifest["generalCodeFiles"].values() if p}
    for _, _, meta in components(manifest):
        listed |= {p for p in meta["codeFiles"].values() if p}
    assert sorted(listed - set(app_files)) == []
    assert sorted(set(app_files) - listed - {"makecomapp.json", ".gitignore"}) == []


def test_ids_and_file_names_follow_the_editor_rules(manifest: dict[str, Any]) -> None:
    for kind, local_id, meta in components(manifest):
        rule = CONNECTION_ID if kind in ("connection", "webhook") else MODULE_ID
        assert rule.match(local_id), f"{kind} id {local_id!r} breaks Make's rule {rule.pattern}"
        for key, path in meta["codeFiles"].items():
            if path and kind == "function":  # custom IML functions are JavaScript: <id>.code.js, <id>.test.js
                assert path == f"functions/{kebab(local_id)}/{kebab(local_id)}.{key}.js"
            elif path:
                assert path == f"{kind}s/{kebab(local_id)}/{kebab(local_id)}.{BLOCKS[key]}.iml.json"


def test_references_point_at_existing_components(manifest: dict[str, Any], app_files: dict[str, str]) -> None:
    comps = manifest["components"]
    for kind, local_id, meta in components(manifest):
        if kind in ("module", "rpc"):
            assert meta["connection"] in comps["connection"], f"{local_id}: unknown connection"
        if meta.get("moduleType") == "instant_trigger":
            assert meta.get("webhook") in comps["webhook"]
        if meta.get("moduleType") == "trigger":
            assert {"epoch", "communication"} <= set(meta["codeFiles"])
        if meta.get("moduleType") == "action":
            assert meta.get("actionCrud") in ("create", "read", "update", "delete")
    targets = re.findall(r'"rpc://([^"]+)"', "".join(t for p, t in app_files.items() if p.endswith(".json")))
    assert targets, "expected at least one rpc:// dropdown"
    assert sorted({t for t in targets if t not in comps["rpc"]}) == []


def test_groups_list_every_module_once(manifest: dict[str, Any], app_files: dict[str, str]) -> None:
    grouped = [m for g in json.loads(app_files["modules/groups.json"]) for m in g["modules"]]
    assert sorted(grouped) == sorted(manifest["components"]["module"])
    assert len(grouped) == len(set(grouped))


def _files_by_context(manifest: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    yield "base", "general", manifest["generalCodeFiles"]["base"]
    for kind, local_id, meta in components(manifest):
        for path in meta["codeFiles"].values():
            if path and kind != "function":
                yield kind, local_id, path


def test_iml_is_balanced_and_uses_only_known_variables_and_functions(manifest: dict[str, Any], app_files: dict[str, str]) -> None:
    problems = []
    seen = 0
    known = KNOWN_FUNCTIONS | set(manifest["components"]["function"])  # the app's own custom IML functions
    for context, local_id, path in _files_by_context(manifest):
        data = json.loads(app_files[path])
        for text in _strings(data):
            check_braces(text, path)
        for expr in expressions(data):
            seen += 1
            roots, calls = references(expr)
            bad_roots = {r for r in roots if "." not in r} - ALLOWED[context]
            bad_calls = calls - known
            if bad_roots or bad_calls:
                problems.append(f"{path} ({local_id}): {{{{{expr}}}}} uses {sorted(bad_roots | bad_calls)}")
    assert seen > 50  # the app really is full of IML, so this test looked at it
    assert problems == []


def test_module_iml_reads_only_parameters_the_module_defines(manifest: dict[str, Any], app_files: dict[str, str]) -> None:
    connection_params = {
        p["name"]
        for meta in manifest["components"]["connection"].values()
        for p in json.loads(app_files[meta["codeFiles"]["params"]])
    }
    for kind in ("module", "rpc"):
        for local_id, meta in manifest["components"][kind].items():
            files = meta["codeFiles"]
            names = {
                p["name"]
                for key in ("staticParams", "mappableParams", "params")
                if files.get(key)
                for p in json.loads(app_files[files[key]])
            }
            for key in ("communication", "epoch"):
                if not files.get(key):
                    continue
                for expr in expressions(json.loads(app_files[files[key]])):
                    roots, _ = references(expr)
                    for root in roots:
                        head, _, name = root.partition(".")
                        if head == "parameters" and name:
                            assert name in names, f"{local_id}: {{{{{expr}}}}} reads undefined parameter {name!r}"
                        if head == "connection" and name:
                            assert name in connection_params, f"{local_id}: unknown connection.{name}"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


def test_base_and_connection_keep_to_their_own_variables(manifest: dict[str, Any], app_files: dict[str, str]) -> None:
    base = app_files[manifest["generalCodeFiles"]["base"]]
    assert "parameters." not in base and "{{connection." in base
    for meta in manifest["components"]["connection"].values():
        communication = app_files[meta["codeFiles"]["communication"]]
        assert "connection." not in communication and "{{parameters." in communication
        assert json.loads(communication)["url"].startswith("https://")


def test_the_cross_reference_checks_catch_a_broken_reference() -> None:
    # The checks above must be able to fail: an unknown variable and an unknown function are reported.
    roots, calls = references("ifempty(secrets.key, noSuchFunction(item.id))")
    assert {r for r in roots if "." not in r} - ALLOWED["module"] == {"secrets"}
    assert calls - KNOWN_FUNCTIONS == {"noSuchFunction"}
