"""Validate loaded spec data: JSON Schema first, then semantic cross-reference checks, then each target's limits."""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import SpecError, SpecInvalid
from .load import Loaded, escape_pointer_token
from .model import Model, build_model
from .render import targets
from .resources import spec_schema

if TYPE_CHECKING:  # jsonschema is imported only when a spec is invalid: it finds and words the errors
    from jsonschema.exceptions import ValidationError

# The schema's patterns in words; a regex is the last resort in a message.
_PATTERNS = {
    "^[a-z][a-z0-9_]{0,62}$": "lower-case letters, digits and underscores, starting with a letter (at most 63)",
    "^[A-Za-z][A-Za-z0-9_]{0,62}$": "letters, digits and underscores, starting with a letter (at most 63)",
    "^https://[^\\s]+$": "an https:// URL without spaces",
    "^[a-z][a-z0-9]{1,28}[a-z0-9]$": "3 to 30 lower-case letters and digits, starting with a letter",
    "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$": "a version like 1.0.0",
    "^[^/].*\\.svg$": "a relative path to an .svg file",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "an email address",
    "^[A-Za-z][A-Za-z0-9-]*$": "letters, digits and dashes, starting with a letter",
    "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$": "a dotted path of names such as data.items",
    "^[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*$": "a field name or a dotted path such as contact.name",
    "^[A-Za-z][A-Za-z0-9]{2,63}$": "a Make id: 3 to 64 letters and digits, starting with a letter",
    "^(@[a-z0-9][a-z0-9._~-]*/)?n8n-nodes-[a-z0-9][a-z0-9._~-]*$": (
        "an n8n community package name: n8n-nodes-<name> or @<scope>/n8n-nodes-<name>, in lower case"
    ),
    "^[45][0-9][0-9]$": "an HTTP error status from 400 to 599",
    "^\\S(.{0,62}\\S)?$": "1 to 64 characters, without spaces at either end",
    "^[A-Za-z_$][A-Za-z0-9_.$\\[\\]-]{0,126}$": (
        "a parameter name: letters, digits and _ . $ - [ ], starting with a letter, _ or $"
    ),
    "^(\\$|[^.\\s]+(\\.[^.\\s]+)*)$": "a dotted path such as data.items (an integer indexes an array; $ is the whole body)",
    "^/[A-Za-z0-9_/{}.-]*$": "a path starting with / (letters, digits, _ - . / and {param})",
}
_TYPES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "nothing",
}


@functools.cache
def _schema() -> dict[str, Any]:
    return spec_schema()  # read once per process: error messages look into it too


def _pointer(parts: Sequence[Any]) -> str:
    return "".join(f"/{escape_pointer_token(str(p))}" for p in parts)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _got(value: Any) -> str:
    """How a YAML user would name `value`'s type."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return f"the string {_short(value)}"


def _or(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _flatten(error: ValidationError) -> list[ValidationError]:
    """Replace a vague oneOf/anyOf error by the most relevant error among its branches."""
    from jsonschema.exceptions import relevance

    if error.context and error.validator in ("oneOf", "anyOf") and not _required_choice(error):
        best = max(error.context, key=relevance)
        if len(best.absolute_path) >= len(error.absolute_path):
            return _flatten(best)
    return [error]


def _required_choice(error: ValidationError) -> list[str]:
    """For `oneOf: [{required: [a]}, {required: [b]}]`, the keys [a, b]; else []."""
    branches = error.validator_value
    if error.validator != "oneOf" or not isinstance(branches, list):
        return []
    if not all(isinstance(b, dict) and set(b) == {"required"} and len(b["required"]) == 1 for b in branches):
        return []
    return [b["required"][0] for b in branches]


def _subschema(path: Sequence[Any]) -> Any:
    """The schema node at an absolute schema path, following local $refs as jsonschema does."""
    root = _schema()
    node: Any = root
    for part in path:
        while isinstance(node, dict) and "$ref" in node:
            node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
        node = node[part]
    return node


def _condition(error: ValidationError) -> tuple[str, str, Any] | None:
    """For an error inside `if/then/else`, (branch, property, value) of the `if: {properties: {p: {const: v}}}`."""
    path = list(error.absolute_schema_path)
    for i in range(len(path) - 1, 0, -1):
        if path[i] in ("then", "else"):
            cond = _subschema(path[:i]).get("if", {}).get("properties", {})
            for prop, sub in cond.items():
                if isinstance(sub, dict) and "const" in sub:
                    return (str(path[i]), prop, sub["const"])
    return None


# Where Python's `re` and the gate's ECMA-262 regexes disagree on the schema's patterns (`\s` in [^\s]), Python is the
# stricter only for these characters: text holding one (JSON-escaped, in a dump) skips the gate.
_GATE_BLIND = re.compile(r"\\u001[cdefCDEF]|\x85")


@functools.cache
def _gate() -> Any:
    """A compiled Rust validator (jsonschema-rs) for the schema, or None without it; it only answers valid or not."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.Draft202012Validator(_schema())


def _passes_gate(data: Any) -> bool:
    """True only when the spec surely passes the schema; the gate errs, if ever, on the side of the slow path."""
    gate = _gate()
    if gate is None or _GATE_BLIND.search(json.dumps(data, ensure_ascii=False)):
        return False
    try:
        return bool(gate.is_valid(data))
    except Exception:  # e.g. text the Rust side cannot hold (a lone surrogate): jsonschema decides
        return False


def _schema_errors(loaded: Loaded) -> list[SpecError]:
    if _passes_gate(loaded.data):
        return []
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_schema())
    found: list[SpecError] = []
    seen: set[tuple[str, str]] = set()
    for top in validator.iter_errors(loaded.data):
        for error in _flatten(top):
            for item in _describe(loaded, error, _pointer(error.absolute_path)):
                if (item.pointer, item.message) not in seen:
                    seen.add((item.pointer, item.message))
                    found.append(item)
    old = [e for e in found if e.message == _OLD_VERSION]
    if old:  # every other error of a version 1 spec is a renamed key: the migration note covers them all
        return old
    # File order within the phase: the user reads top to bottom, like a compiler's output.
    return sorted(found, key=lambda e: (e.line, e.column))


def _hint(word: str, choices: Sequence[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # only an error suggests a name

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_keys(loaded: Loaded, error: ValidationError, pointer: str) -> list[SpecError]:
    allowed = sorted((error.schema.get("properties") or {}) if isinstance(error.schema, dict) else {})
    required = error.schema.get("required", []) if isinstance(error.schema, dict) else []
    instance: dict[str, Any] = error.instance if isinstance(error.instance, dict) else {}
    out = []
    for key in instance:
        if key in allowed:
            continue
        hint = _hint(key, allowed)
        if hint and hint in required and hint not in instance:
            suffix = f"; did you mean '{hint}' (a required key)?"
        elif hint:
            suffix = f"; did you mean '{hint}'?"
        else:
            suffix = f"; expected one of {allowed}" if allowed else ""
        out.append(loaded.error(f"{pointer}/{escape_pointer_token(key)}", f"unknown key '{key}'{suffix}", key=True))
    return out


def _missing(loaded: Loaded, error: ValidationError, pointer: str) -> list[SpecError]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    allowed = list(schema.get("properties") or {})
    cond = _condition(error)
    keys: Any = error.validator_value
    out = []
    for key in keys:
        if key in instance:
            continue
        typos = [k for k in instance if k not in allowed and _hint(k, [key])]
        if typos and allowed:
            continue  # reported as "unknown key ...; did you mean '<key>'"
        why = f" (needed when {cond[1]} is {cond[2]!r})" if cond and cond[0] == "then" else ""
        out.append(loaded.error(pointer, f"missing required key '{key}'{why}", key=True))
    return out


def _not_allowed(loaded: Loaded, error: ValidationError, pointer: str) -> list[SpecError]:
    keys = _not_keys(error.validator_value) if isinstance(error.validator_value, dict) else []
    present = [k for k in keys if isinstance(error.instance, dict) and k in error.instance]
    cond = _condition(error)
    if cond and cond[0] == "then":
        rule = f"is not allowed when {cond[1]} is {cond[2]!r}"
    elif cond:
        actual = error.instance.get(cond[1]) if isinstance(error.instance, dict) else None
        rule = f"is only allowed when {cond[1]} is {cond[2]!r}" + (f", not {actual!r}" if actual is not None else "")
    else:
        rule = "is not allowed here"
    return [loaded.error(f"{pointer}/{escape_pointer_token(k)}", f"'{k}' {rule}", key=True) for k in present]


def _describe(loaded: Loaded, error: ValidationError, pointer: str) -> list[SpecError]:
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "additionalProperties" and isinstance(instance, dict):
        found = _unknown_keys(loaded, error, pointer)
        if found:
            return found
    if kind == "required" and isinstance(value, list):
        return _missing(loaded, error, pointer)
    if kind == "not":
        found = _not_allowed(loaded, error, pointer)
        if found:
            return found
    choice = _required_choice(error)
    if choice and isinstance(instance, dict):
        present = [k for k in choice if k in instance]
        if present:
            return [loaded.error(f"{pointer}/{present[1]}", f"use either {_or([repr(k) for k in choice])}, not both", key=True)]
        return [loaded.error(pointer, f"missing required key: one of {_or([repr(k) for k in choice])}", key=True)]
    if kind == "pattern":  # also reached for keys: propertyNames descends into each key with no path of its own
        desc = _PATTERNS.get(str(value), f"text matching the pattern {value!r}")
        if _is_key(error):
            child = f"{pointer}/{escape_pointer_token(str(instance))}"
            return [loaded.error(child, f"invalid key {_short(instance)}: use {desc}", key=True)]
        return [loaded.error(pointer, f"expected {desc}, got {_short(instance)}")]
    if kind == "dependentRequired" and isinstance(value, dict) and isinstance(instance, dict):
        key = next(k for k in value if k in instance)
        needed = [repr(n) for n in value[key] if n not in instance]
        return [loaded.error(f"{pointer}/{escape_pointer_token(key)}", f"'{key}' needs {_or(needed)} beside it", key=True)]
    if kind == "const" and pointer == "/spec_version" and instance == 1:
        return [loaded.error(pointer, _OLD_VERSION)]
    return [loaded.error(pointer, _message(error))]


# A spec of the first key set gets one pointer to the migration instead of a guess per renamed key.
_OLD_VERSION = (
    "must be 2, got the number 1: version 1 specs migrate mechanically (auth becomes connection + auth, "
    "http.items_path becomes http.response), as docs/spec-language.md shows under 'Migration from version 1'"
)


def _is_key(error: ValidationError) -> bool:
    """Whether the error is about a mapping key (it sits under `propertyNames` in the schema)."""
    return "propertyNames" in list(error.absolute_schema_path)


def _message(error: ValidationError) -> str:
    kind = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    if kind == "type":
        wanted = [value] if isinstance(value, str) else list(value)
        return f"expected {_or([_TYPES.get(t, t) for t in wanted])}, got {_got(instance)}"
    if kind == "enum" and isinstance(value, list):
        hint = _hint(instance, [str(v) for v in value]) if isinstance(instance, str) else None
        return f"{_short(instance)} is not one of {value}" + (f"; did you mean '{hint}'?" if hint else "")
    if kind == "const":
        return f"must be {value!r}, got {_got(instance)}"
    if kind == "minLength" and value == 1:
        return "must not be empty"
    if kind == "maxLength" and isinstance(instance, str):
        return f"is {len(instance)} characters long; at most {value} are allowed"
    if kind in ("minProperties", "minItems"):
        noun = ("entry", "entries") if kind == "minProperties" else ("item", "items")
        return f"needs at least {value} {noun[0] if value == 1 else noun[1]}"
    if kind == "uniqueItems" and isinstance(instance, list):
        twice = sorted({repr(v) for v in instance if instance.count(v) > 1})
        return f"{', '.join(twice)} is listed more than once"
    if kind == "minimum":
        return f"{instance!r} is below the minimum {value}"
    if kind == "maximum":
        return f"{instance!r} is above the maximum {value}"
    return error.message


def _not_keys(schema: dict[str, Any]) -> list[str]:
    keys = list(schema.get("required", []))
    for branch in schema.get("anyOf", []):
        keys.extend(branch.get("required", []))
    return keys


def validate(loaded: Loaded, names: Iterable[str] | None = None, *, versions: bool = True) -> Model:
    """The model of a valid spec; else SpecInvalid with every schema error, or every semantic error, or every limit
    of the named targets (default: all) that the spec breaks, in that order of phases.

    With `versions`, the specs its `versions:` block lists are validated too (their errors before the targets')."""
    errors = _schema_errors(loaded)
    if errors:
        raise SpecInvalid(errors)
    from .semantics import semantic_errors  # after the schema: the data now has the expected shape

    errors = semantic_errors(loaded)
    if errors:
        raise SpecInvalid(sorted(errors, key=lambda e: (e.line, e.column)))
    model = build_model(loaded)
    if versions and loaded.data.get("versions"):
        from .versions import n8n_versions

        errors, earlier = n8n_versions(loaded)
        if errors:
            raise SpecInvalid(errors)
        model = dataclasses.replace(model, n8n_versions=earlier)
    errors = target_errors(loaded, model, names)
    if errors:
        raise SpecInvalid(errors)
    return model


def target_errors(loaded: Loaded, model: Model, names: Iterable[str] | None = None) -> list[SpecError]:
    """Every limit of the named targets (default: all) the model breaks, named by target and located in the file."""
    registry = targets()
    chosen = list(registry.values()) if names is None else [registry[n] for n in names]
    found: dict[tuple[str, str], SpecError] = {}
    for target in chosen:
        for error in target.check(model):
            located = _locate(loaded, error.pointer, f"{target.name}: {error.message}")
            found.setdefault((located.pointer, located.message), located)
    return sorted(found.values(), key=lambda e: (e.line, e.column, e.message))


def _locate(loaded: Loaded, pointer: str, message: str) -> SpecError:
    """An error at `pointer`: at the key of a mapping or list entry (where it starts), else at the value."""
    node: Any = loaded.data
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            node = None
    return loaded.error(pointer, message, key=isinstance(node, dict | list))
