"""The four real-API specs of tests/apis as models, without the targets' checks (which refuse them until each
target renders every auth kind; smoke's plan and connection do not depend on rendering)."""

from __future__ import annotations

import functools
from pathlib import Path

from connector_gen.load import load_spec
from connector_gen.model import Model
from connector_gen.validate import validate

APIS_DIR = Path(__file__).resolve().parents[1] / "apis"
APIS = ("shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github")


@functools.cache
def api_model(api: str) -> Model:
    """The model of tests/apis/<api>/spec.yaml (schema and semantic checks only)."""
    path = APIS_DIR / api / "spec.yaml"
    return validate(load_spec(path, str(path)), ())
