"""`versions:`: the specs of a connector's earlier platform versions, each loaded through the whole pipeline.

Only n8n renders earlier versions (light node versioning: docs/evolution.md, "n8n node versions"); each listed spec is
loaded, validated and modelled like any spec, its errors located in its own file, a missing file located at the
`spec:` value that names it. A listed spec's own `versions:` block is not read: the newest spec's list is the history.
"""

from __future__ import annotations

from pathlib import Path

from .errors import SpecError, SpecInvalid
from .load import Loaded, load_spec
from .model import Model


def n8n_versions(loaded: Loaded) -> tuple[list[SpecError], tuple[Model, ...]]:
    """The errors of the listed earlier n8n versions, else their models, oldest first."""
    from .validate import validate  # validate calls this module

    errors: list[SpecError] = []
    models: list[Model] = []
    for i, entry in enumerate((loaded.data.get("versions") or {}).get("n8n") or ()):
        pointer = f"/versions/n8n/{i}/spec"
        path = loaded.path.parent / entry["spec"]
        if not path.is_file():
            errors.append(loaded.error(pointer, f"n8n node version {i + 1}: no spec file at {entry['spec']!r}"))
            continue
        display = str(Path(loaded.display).parent / entry["spec"])
        try:
            models.append(validate(load_spec(path, display), ("n8n",), versions=False))
        except SpecInvalid as exc:
            errors.extend(exc.errors)
    return errors, tuple(models)
