"""Make's validation of a module's parameters before it runs: required values, types, ranges, patterns, options."""

from __future__ import annotations

import re
from typing import Any

from .dates import to_date
from .values import empty

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class ParameterError(Exception):
    """One or more parameters failed Make's validation; the text lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"Validation failed for {len(problems)} parameter(s). " + " ".join(problems))


def _number(spec: dict[str, Any], value: Any, where: str) -> tuple[Any, str | None]:
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        text = value.strip()
        value = float(text) if "." in text else int(text)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value, f"Parameter '{where}' must be a number."
    if spec["type"] in ("integer", "uinteger") and not float(value).is_integer():
        return value, f"Parameter '{where}' must be a whole number."
    if spec["type"] == "uinteger" and value < 0:
        return value, f"Parameter '{where}' must not be negative."
    return (int(value) if spec["type"] != "number" else value), None


def _check(spec: dict[str, Any], value: Any, where: str, problems: list[str]) -> Any:
    kind = spec.get("type", "text")
    if kind in ("integer", "uinteger", "number"):
        value, problem = _number(spec, value, where)
        if problem:
            problems.append(problem)
            return value
    elif kind == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
        value = value.lower() == "true"
    elif kind == "date":
        try:
            to_date(value)
        except (ValueError, TypeError, OverflowError):
            problems.append(f"Parameter '{where}' must be a date.")
    elif kind == "collection" and isinstance(value, dict):
        return check_parameters(spec.get("spec", []), value, problems, where + ".")
    elif kind == "select" and isinstance(spec.get("options"), list):
        allowed = [o.get("value") for o in spec["options"] if isinstance(o, dict)]
        if value not in allowed:
            problems.append(f"Parameter '{where}' must be one of {', '.join(map(str, allowed))}.")
    rules = spec.get("validate") or {}
    if "min" in rules and isinstance(value, int | float) and value < rules["min"]:
        problems.append(f"Parameter '{where}' must be at least {rules['min']}.")
    if "max" in rules and isinstance(value, int | float) and value > rules["max"]:
        problems.append(f"Parameter '{where}' must be at most {rules['max']}.")
    if "pattern" in rules and isinstance(value, str) and not re.search(rules["pattern"], value):
        problems.append(f"Parameter '{where}' does not match the pattern {rules['pattern']}.")
    return value


def check_parameters(
    specs: list[dict[str, Any]], values: dict[str, Any], problems: list[str], prefix: str = ""
) -> dict[str, Any]:
    """`values` with text coerced to each parameter's type; problems are appended (empty ones are left out)."""
    out = dict(values)
    for spec in specs:
        name = spec["name"]
        value = values.get(name)
        if empty(value) or value is None or value == {}:
            if spec.get("required"):
                problems.append(f"Missing value of required parameter '{prefix}{name}'.")
            out.pop(name, None)  # an unfilled field reaches the app as undefined
            continue
        out[name] = _check(spec, value, prefix + name, problems)
        if out[name] == {} and spec.get("type") == "collection":
            out.pop(name)  # a collection with nothing filled in is not sent either
    return out


def validate(specs: list[dict[str, Any]], values: dict[str, Any]) -> dict[str, Any]:
    """Validate and coerce parameters as Make does before a module runs; raises ParameterError."""
    problems: list[str] = []
    out = check_parameters(specs, values, problems)
    if problems:
        raise ParameterError(problems)
    return out
