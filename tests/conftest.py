"""Shared fixtures: the repository paths and the Hellotracks model."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "hellotracks.yaml"
DIST = ROOT / "dist"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def model() -> Model:
    """The Hellotracks model, loaded once per test session."""
    return load_model(SPEC, "spec/hellotracks.yaml")
