"""The stages in order: load -> validate -> model -> render; nothing here writes or prints."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .load import load_spec
from .model import Model, build_model
from .render import Files, targets
from .validate import validate


def load_model(spec: Path, display: str | None = None) -> Model:
    """Load, validate and model a spec file; raises SpecInvalid with every error."""
    loaded = load_spec(spec, display)
    validate(loaded)
    return build_model(loaded)


def render_all(model: Model, names: Iterable[str]) -> dict[str, Files]:
    """Render the named targets in memory; raises RenderError on the first failure."""
    registry = targets()
    return {name: registry[name].render(model) for name in names}
