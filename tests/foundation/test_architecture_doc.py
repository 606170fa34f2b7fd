"""docs/architecture.md's layout table names every module of the package's top level and every subpackage."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "generator"


def layout() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    start = text.index("## Layout")
    return text[start : text.index("\n## ", start + 1)]


def test_every_top_level_module_is_named_in_the_layout() -> None:
    named = set(re.findall(r"`([a-z_]+\.py)`", layout()))
    modules = {p.name for p in SOURCE.glob("*.py") if p.name != "__init__.py"}
    assert sorted(modules - named) == [], "add these modules to the layout table in docs/architecture.md"


def names_for(package: str) -> set[str]:
    """How the table may name a package: `a/b/`, or `a/<t>/` for one of several alike (targets, harnesses)."""
    generic = package.rsplit("/", 1)[0] + "/<t>" if "/" in package else package
    return {f"`{package}/`", f"`{generic}/`", f"`{package}/<t>/`", f"`{package}/<t>.py`"}


def test_every_subpackage_is_named_in_the_layout() -> None:
    table = layout()
    packages = sorted(p.parent.relative_to(SOURCE).as_posix() for p in SOURCE.glob("*/**/__init__.py"))
    assert "targets/n8n" in packages and "model" in packages
    missing = [p for p in packages if not any(name in table for name in names_for(p))]
    assert missing == [], "add these packages to the layout table in docs/architecture.md"
