"""The compiled schema gate only lets through what jsonschema passes; jsonschema still finds and words every error."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from connector_gen import validate
from connector_gen.errors import SpecInvalid
from connector_gen.load import load_spec
from connector_gen.resources import spec_schema

ROOT = Path(__file__).resolve().parents[2]
PATTERNS = ("spec/*.yaml", "tests/specs_with_errors/*/spec.yaml", "tests/mock/specs/*.yaml")
SPECS = sorted(p for pattern in PATTERNS for p in ROOT.glob(pattern))


def _loaded(path: Path) -> object:
    try:
        return load_spec(path)
    except SpecInvalid:
        return None


@pytest.mark.parametrize("path", SPECS, ids=[p.relative_to(ROOT).as_posix() for p in SPECS])
def test_gate_passes_only_what_jsonschema_passes(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _loaded(path)
    if loaded is None:
        pytest.skip("does not load")
    data = loaded.data  # type: ignore[attr-defined]
    if validate._passes_gate(data):
        assert not list(Draft202012Validator(spec_schema()).iter_errors(data))
    fast = validate._schema_errors(loaded)  # type: ignore[arg-type]
    monkeypatch.setattr(validate, "_passes_gate", lambda data: False)
    assert fast == validate._schema_errors(loaded)  # type: ignore[arg-type]


def test_the_hellotracks_spec_passes_the_gate() -> None:
    if validate._gate() is None:
        pytest.skip("jsonschema-rs is not installed")
    assert validate._passes_gate(load_spec(ROOT / "spec" / "hellotracks.yaml").data)


@pytest.mark.parametrize("text", ["https://a\x1cb", "https://a\x85b"])
def test_text_the_gate_reads_differently_goes_to_jsonschema(text: str) -> None:
    assert not validate._passes_gate({"app": {"base_url": text}})
