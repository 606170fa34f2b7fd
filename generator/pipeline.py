"""The stages in order: load -> validate -> model -> render; nothing here writes or prints."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .load import load_spec
from .model import Model
from .render import Files, targets
from .validate import validate


def load_model(spec: Path, display: str | None = None, names: Iterable[str] | None = None) -> Model:
    """Load, validate and model a spec file, checking the named targets' limits (default: all); raises SpecInvalid."""
    return validate(load_spec(spec, display), names)


def render_all(model: Model, names: Iterable[str]) -> dict[str, Files]:
    """Render the named targets of a model that passed their checks; a RenderError here is an internal bug."""
    registry = targets()
    return {name: registry[name].render(model) for name in names}


def render_pages(model: Model, names: Iterable[str]) -> Files:
    """The pages about every target that sit directly in dist/ (REVIEW.md), when `names` are all the targets."""
    from . import review  # after the registry: the page reads every target's request dialect

    return review.render(model) if set(names) >= set(targets()) else {}
