"""Validate loaded spec data: JSON Schema first, then semantic cross-reference checks."""

from __future__ import annotations

import difflib
import re
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, relevance

from .errors import SpecError, SpecInvalid
from .load import Loaded, escape_pointer_token
from .resources import spec_schema

_PATH_PARAM = re.compile(r"\{([^{}]*)\}")
_TIMESTAMP_TYPES = {"timestamp_ms"}


def _pointer(parts: Any) -> str:
    return "".join(f"/{escape_pointer_token(str(p))}" for p in parts)


def _flatten(error: ValidationError) -> list[ValidationError]:
    """Replace a vague oneOf/anyOf error by the most relevant error among its branches."""
    if error.context and error.validator in ("oneOf", "anyOf"):
        best = max(error.context, key=relevance)
        if len(best.absolute_path) >= len(error.absolute_path):
            return _flatten(best)
    return [error]


def _schema_errors(loaded: Loaded) -> list[SpecError]:
    validator = Draft202012Validator(spec_schema())
    raw = sorted(validator.iter_errors(loaded.data), key=relevance, reverse=True)
    found: list[SpecError] = []
    seen: set[tuple[str, str]] = set()
    for top in raw:
        for error in _flatten(top):
            pointer = _pointer(error.absolute_path)
            for item in _describe(loaded, error, pointer):
                if (item.pointer, item.message) not in seen:
                    seen.add((item.pointer, item.message))
                    found.append(item)
    return found


def _describe(loaded: Loaded, error: ValidationError, pointer: str) -> list[SpecError]:
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted((error.schema.get("properties") or {}).keys())
        known = set(allowed)
        out = []
        for key in error.instance:
            if key in known:
                continue
            hint = difflib.get_close_matches(key, allowed, n=1)
            suffix = f"; did you mean '{hint[0]}'?" if hint else (f"; expected one of {allowed}" if allowed else "")
            child = f"{pointer}/{escape_pointer_token(key)}"
            out.append(loaded.error(child, f"unknown key '{key}'{suffix}", key=True))
        if out:
            return out
    if error.validator == "propertyNames":
        return [loaded.error(pointer, f"invalid key: {error.message}")]
    if error.validator == "required" and isinstance(error.validator_value, list):
        return [loaded.error(pointer, error.message)]
    if error.validator == "pattern":
        return [loaded.error(pointer, f"{error.instance!r} does not match {error.validator_value!r}")]
    if error.validator == "not" and isinstance(error.validator_value, dict):
        keys = _not_keys(error.validator_value)
        present = [k for k in keys if isinstance(error.instance, dict) and k in error.instance]
        if present:
            return [
                loaded.error(f"{pointer}/{escape_pointer_token(k)}", f"'{k}' is not allowed here", key=True)
                for k in present
            ]
    return [loaded.error(pointer, error.message)]


def _not_keys(schema: dict[str, Any]) -> list[str]:
    keys = list(schema.get("required", []))
    for branch in schema.get("anyOf", []):
        keys.extend(branch.get("required", []))
    return keys


def validate(loaded: Loaded) -> None:
    """Raise SpecInvalid listing every schema error, or every semantic error if the schema passes."""
    errors = _schema_errors(loaded)
    if errors:
        raise SpecInvalid(errors)
    from .semantics import semantic_errors  # after the schema: the data now has the expected shape

    errors = semantic_errors(loaded)
    if errors:
        raise SpecInvalid(sorted(errors, key=lambda e: (e.line, e.column)))
