"""A one-module Make app written from a communication, for the interpreter tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from connector_gen.make_engine.app import MakeApp


def app_with(tmp_path: Path, communication: Any, base: dict[str, Any] | None = None) -> MakeApp:
    """A one-module app whose communication is `communication`."""
    manifest = {
        "fileVersion": 1,
        "generalCodeFiles": {"base": "base.json", "common": None, "readme": None, "groups": None},
        "components": {"module": {"probe": {"codeFiles": {"communication": "probe.json"}}}, "connection": {}, "rpc": {}},
        "origins": [],
    }
    (tmp_path / "makecomapp.json").write_text(json.dumps(manifest))
    (tmp_path / "base.json").write_text(json.dumps(base or {"headers": {"API-Key": "{{connection.apiKey}}"}}))
    (tmp_path / "probe.json").write_text(communication if isinstance(communication, str) else json.dumps(communication))
    return MakeApp(tmp_path)
