"""Zapier publishing rules that Zapier's own validators do not check offline (integration checks D0xx)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ...names import title_case

_SECTIONS = ("triggers", "searches", "creates")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_MD_LINK = re.compile(r"\[[^\]]+\]\(https://[^)\s]+\)")
_URL = re.compile(r"\bhttps?://[^\s\"'`)]+")
_PREFIX = {"triggers": "Triggers when ", "searches": "Finds "}


def _walk_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _walk_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _walk_strings(v)]
    return []


def _flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}__"))
        else:
            out[prefix + key] = value
    return out


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "datetime":
        try:
            return isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None
        except ValueError:
            return False
    return isinstance(value, str)


def _description(section: str, where: str, text: str) -> list[str]:
    errors = []
    prefix = _PREFIX.get(section)
    if prefix and not text.startswith(prefix):
        errors.append(f"{where}: description must start with {prefix.strip()!r}")
    first = text.split(" ", 1)[0]
    if section == "creates" and not (first[:1].isupper() and first.endswith("s")):
        errors.append(f"{where}: an action's description starts with a plural verb ('Creates ...')")
    if not text.endswith("."):
        errors.append(f"{where}: description must end with a period")
    return errors


def _operation(app: dict[str, Any], section: str, key: str, item: dict[str, Any]) -> list[str]:
    where = f"{section}.{key}"
    errors: list[str] = []
    if item.get("key") != key or not _KEY.match(key):
        errors.append(f"{where}: key must be snake_case and equal its map key")
    display, op = item.get("display", {}), item.get("operation", {})
    label = display.get("label", "")
    if display.get("hidden"):
        return errors
    if label != title_case(label) or len(label) > 64:
        errors.append(f"{where}: label {label!r} must be title case and at most 64 characters")
    errors += _description(section, where, display.get("description", ""))
    sample = op.get("sample")
    if not isinstance(sample, dict):
        return [*errors, f"{where}: a visible operation needs a static sample"]
    if "id" not in sample:
        errors.append(f"{where}: the sample needs an id")
    flat = _flatten(sample)
    outputs = op.get("outputFields", [])
    for field in outputs:
        if not field.get("label"):
            errors.append(f"{where}: output field {field.get('key')} needs a label")
        value = flat.get(field.get("key"))
        # A list field's sample is a list of values of its type.
        items = value if field.get("list") and isinstance(value, list) else [value]
        if field.get("key") in flat and not all(_type_ok(field.get("type", "string"), v) for v in items):
            errors.append(f"{where}: sample value of {field['key']} does not match type {field.get('type', 'string')}")
    if isinstance(sample.get("id"), str | int) and not any(f.get("key") == "id" for f in outputs):
        errors.append(f"{where}: outputFields should describe id")
    for name, value in flat.items():
        # Zapier's date checks want ISO-8601: an epoch-ms value needs a datetime companion field.
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value > 10**11
            and not any(
                f.get("type") == "datetime" and str(f.get("key", "")).startswith(name) and f.get("key") != name for f in outputs
            )
        ):
            errors.append(f"{where}: {name} looks like an epoch timestamp without an ISO-8601 datetime companion")
    return errors


def _references(app: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    for section in _SECTIONS:
        for key, item in app.get(section, {}).items():
            for field in item.get("operation", {}).get("inputFields", []):
                where = f"{section}.{key}.inputFields.{field.get('key')}"
                if "dynamic" in field:
                    trigger, _, rest = str(field["dynamic"]).partition(".")
                    target = app.get("triggers", {}).get(trigger)
                    value, _, label = rest.partition(".")
                    if target is None:
                        errors.append(f"{where}: dynamic trigger {trigger!r} does not exist")
                    else:
                        # Zapier reads a nested value of the results by its flattened key (`customer__name`).
                        sample = _flatten(target.get("operation", {}).get("sample", {}))
                        errors += [f"{where}: {trigger} records have no {k!r}" for k in (value, label) if k not in sample]
                if "search" in field:
                    search = str(field["search"]).partition(".")[0]
                    if search not in app.get("searches", {}):
                        errors.append(f"{where}: search {search!r} does not exist")
                    if "dynamic" not in field:
                        errors.append(f"{where}: a search-connected field also needs a dynamic dropdown")
    for key, soc in app.get("searchOrCreates", {}).items():
        if soc.get("search") not in app.get("searches", {}) or soc.get("create") not in app.get("creates", {}):
            errors.append(f"searchOrCreates.{key}: search and create must exist")
    return errors


def _auth(app: dict[str, Any]) -> list[str]:
    auth = app.get("authentication", {})
    errors = []
    secrets = {f["key"] for f in auth.get("fields", []) if f.get("type") == "password"}
    # D002 is about secrets: a user must be told where their key or token lives. Settings need no link.
    for field in auth.get("fields", []):
        if field.get("key") in secrets and not _MD_LINK.search(field.get("helpText", "")):
            errors.append(f"authentication.fields.{field.get('key')}: help text needs a markdown link to where the key is")
    label = str(auth.get("connectionLabel", ""))
    if not label or any(s in label for s in secrets):
        errors.append("authentication.connectionLabel: must be set and must not show a secret")
    return errors


def lint(app: dict[str, Any]) -> list[str]:
    """Every publishing-rule violation in a Zapier app definition (an empty list when it passes)."""
    errors = [e for s in _SECTIONS for k, item in app.get(s, {}).items() for e in _operation(app, s, k, item)]
    errors += _references(app)
    errors += _auth(app)
    urls = sorted(set(_URL.findall(" ".join(_walk_strings(app)))))
    errors += [f"URL must use https: {url}" for url in urls if url.startswith("http:")]
    return errors
