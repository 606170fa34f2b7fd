"""Locate files that ship with connector-gen: templates and the spec schema."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding `templates/` and `spec/`: inside the installed wheel, or the source checkout."""
    for candidate in (_PACKAGE, _PACKAGE.parent):
        if (candidate / "spec" / "capability-spec.schema.json").is_file():
            return candidate
    raise RuntimeError(f"connector-gen data files are missing next to {_PACKAGE}; reinstall the package")


def templates_dir() -> Path:
    """The root of the Jinja templates."""
    return data_root() / "templates"


@lru_cache(maxsize=1)
def spec_schema() -> dict[str, Any]:
    """The capability spec's JSON Schema."""
    data: dict[str, Any] = json.loads((data_root() / "spec" / "capability-spec.schema.json").read_text("utf-8"))
    return data
