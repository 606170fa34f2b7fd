"""The contract mocks are written from their contracts, never from connector-gen: nothing under tests/apis imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
APIS = ("shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github")
FORBIDDEN = "connector_gen"


def imported_modules(path: Path) -> set[str]:
    """Every module name a file imports, statically or through a string passed to __import__/import_module."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if called in ("__import__", "import_module") and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
    return names


@pytest.mark.parametrize("path", sorted(HERE.rglob("*.py")), ids=lambda p: str(p.relative_to(HERE)))
def test_no_file_under_tests_apis_imports_connector_gen(path: Path) -> None:
    bad = {name for name in imported_modules(path) if name == FORBIDDEN or name.startswith(FORBIDDEN + ".")}
    assert not bad, f"{path.relative_to(HERE)} imports {sorted(bad)}; contract mocks must be written from contract.md only"


def test_the_guard_sees_every_kind_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import connector_gen.model\nfrom connector_gen import x\n__import__('connector_gen')\n")
    assert imported_modules(sample) == {"connector_gen.model", "connector_gen"}


@pytest.mark.parametrize("api", APIS)
def test_every_api_folder_is_complete(api: str) -> None:
    folder = HERE / api
    assert {"contract.md", "mock.py", "test_contract.py"} <= {p.name for p in folder.iterdir()}
    contract = (folder / "contract.md").read_text()
    assert "https://" in contract and "Assumed by the mock" in contract
