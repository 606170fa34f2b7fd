"""The Make target holds nothing API-specific: a renamed API of the same shape renders a valid app with none of the old names."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from connector_gen.pipeline import load_model
from connector_gen.targets import make

ROOT = Path(__file__).resolve().parents[2]
RENAMES = [
    ("hellotracks", "acmefield"),
    ("Hellotracks", "AcmeField"),
    ("jobs", "tickets"),
    ("Jobs", "Tickets"),
    ("job", "ticket"),
    ("Job", "Ticket"),
    ("members", "agents"),
    ("Members", "Agents"),
    ("member", "agent"),
    ("Member", "Agent"),
]


def test_a_renamed_api_renders_a_valid_app_without_the_old_names(
    tmp_path: Path, schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    text = (ROOT / "spec" / "hellotracks.yaml").read_text("utf-8")
    for old, new in RENAMES:
        text = text.replace(old, new)
    (tmp_path / "icons").mkdir()
    for icon in (ROOT / "spec" / "icons").iterdir():
        name = icon.name
        for old, new in RENAMES:
            name = name.replace(old, new)
        shutil.copy(icon, tmp_path / "icons" / name)
    spec = tmp_path / "acmefield.yaml"
    spec.write_text(text, "utf-8")
    files = {str(p): t for p, t in make.render(load_model(spec, "acmefield.yaml")).items()}
    manifest = json.loads(files["makecomapp.json"])
    assert "newTicket" in manifest["components"]["module"] and "listAgents" in manifest["components"]["rpc"]
    for path, content in files.items():
        assert not re.search(r"hellotracks|job|\bmember", path + content, re.IGNORECASE), path
        assert not schema_errors(path, content), path
