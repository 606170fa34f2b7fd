"""The one definition of the spec's value types: check a value, parse it from text, format it as text.

Validation (spec examples, samples, fixed query values), the mock (bodies, query parameters), the runtime (inputs)
and smoke (records) all judge values here, so a spec that validates cannot fail its own smoke run on a value.
A new field type is one row in `FieldType` and, when it is text with a format, one row in `_FORMATS`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, get_args

FieldType = Literal["string", "integer", "number", "boolean", "date", "time", "timestamp_ms", "email", "phone", "url", "object"]
FIELD_TYPES: tuple[FieldType, ...] = get_args(FieldType)
WHOLE: frozenset[FieldType] = frozenset({"integer", "timestamp_ms"})
RANGED: frozenset[FieldType] = frozenset({"integer", "number"})  # the types min/max apply to
FROM_TEXT: frozenset[FieldType] = frozenset({"integer", "number", "timestamp_ms", "boolean"})  # JSON's non-text types

# A valid value of each scalar type (smoke fills a required input that has no example with it).
EXAMPLES: dict[FieldType, str | int | float | bool] = {
    "string": "smoke",
    "email": "smoke@example.com",
    "phone": "+14155550100",
    "url": "https://example.com",
    "date": "2026-01-01",
    "time": "09:00",
    "integer": 1,
    "number": 1,
    "timestamp_ms": 0,
    "boolean": True,
}

_INT = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# International format: optional +, digits with common separators, 7 to 15 digits in all (E.164's limit).
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]*$")
_URL = re.compile(r"^https?://[^\s/]+\S*$")


class Typed(Protocol):
    """What judging a value needs of a field or filter: its type, range and choices."""

    @property
    def type(self) -> FieldType: ...
    @property
    def minimum(self) -> int | None: ...
    @property
    def maximum(self) -> int | None: ...
    @property
    def choices(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Shape:
    """A `Typed` made from spec data, for validation (which runs before there is a model)."""

    type: FieldType
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    @classmethod
    def of(cls, spec: Mapping[str, Any]) -> Shape:
        """The shape of a field or filter spec (`type`, optional `min`, `max`, `choices`)."""
        return cls(spec["type"], spec.get("min"), spec.get("max"), tuple(spec.get("choices", ())))


@dataclass(frozen=True)
class Problem:
    """Why a value does not fit, in the two wordings users see."""

    must: str  # completes "Field 'x' ..." / "Query parameter 'x' ...": "must be an integer from 0 to 10"
    said: str  # a validation message about the value itself: "11 is above the maximum 10"


def _is_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _is_phone(text: str) -> bool:
    return bool(_PHONE.match(text)) and 7 <= sum(c.isdigit() for c in text) <= 15


@dataclass(frozen=True)
class _Format:
    fits: Callable[[str], bool]
    must: str
    noun: str  # follows "'x' is not"


_FORMATS: dict[FieldType, _Format] = {
    "date": _Format(_is_date, "must be a date in YYYY-MM-DD format", "a date in YYYY-MM-DD format"),
    "time": _Format(lambda t: bool(_TIME.match(t)), "must be a time in HH:mm format (00:00 to 23:59)", "a time in HH:mm format"),
    "email": _Format(lambda t: bool(_EMAIL.match(t)), "must be an email address", "an email address"),
    "phone": _Format(
        _is_phone,
        "must be a phone number in international format, e.g. +14155556789",
        "a phone number in international format (7 to 15 digits), e.g. +14155556789",
    ),
    "url": _Format(lambda t: bool(_URL.match(t)), "must be an http(s) URL", "an http(s) URL"),
}


def range_phrase(t: Typed) -> str:
    """The allowed range as words to follow "must be a number" (" from 1 to 5", " of at least 0"), or ""."""
    if t.minimum is not None and t.maximum is not None:
        return f" from {t.minimum} to {t.maximum}"
    if t.minimum is not None:
        return f" of at least {t.minimum}"
    if t.maximum is not None:
        return f" of at most {t.maximum}"
    return ""


def _number_noun(t: Typed) -> str:
    return "an integer" if t.type in WHOLE else "a number"


def has_json_type(t: Typed, value: Any) -> bool:
    """Whether `value` is of the JSON type that carries `t`'s values (no format, range or choice check)."""
    if t.type in WHOLE:
        return isinstance(value, int) and not isinstance(value, bool)
    if t.type == "number":
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if t.type == "boolean":
        return isinstance(value, bool)
    if t.type == "object":
        return isinstance(value, dict)
    return isinstance(value, str)


def in_range(t: Typed, value: int | float) -> bool:
    """Whether a number lies within `t`'s min/max (a contradictory range is reported on its own, not here)."""
    low, high = t.minimum, t.maximum
    if low is not None and high is not None and low > high:
        return True
    return (low is None or value >= low) and (high is None or value <= high)


def problem(t: Typed, value: Any) -> Problem | None:
    """Why `value` does not fit `t` (type, format, range, choices), or None when it fits."""
    kind = t.type
    if not has_json_type(t, value):
        if kind == "timestamp_ms":
            return Problem("must be an integer timestamp in epoch milliseconds", f"expected an integer, got {value!r}")
        if kind in RANGED:
            return Problem(f"must be {_number_noun(t)}{range_phrase(t)}", f"expected {_number_noun(t)}, got {value!r}")
        if kind == "boolean":
            return Problem("must be true or false", f"expected true or false, got {value!r}")
        if kind == "object":
            return Problem("must be an object", f"expected a mapping of fields, got {value!r}")
        return Problem("must be a string", f"expected a string, got {value!r}")
    if kind == "timestamp_ms" and value < 0:
        return Problem(
            "must be a non-negative integer timestamp in epoch milliseconds",
            f"{value} is not a timestamp in epoch milliseconds (it is negative)",
        )
    fmt = _FORMATS.get(kind)
    if fmt is not None and not fmt.fits(value):
        return Problem(fmt.must, f"{value!r} is not {fmt.noun}")
    if kind in RANGED and not in_range(t, value):
        below = t.minimum is not None and value < t.minimum
        said = f"{value} is below the minimum {t.minimum}" if below else f"{value} is above the maximum {t.maximum}"
        return Problem(f"must be {_number_noun(t)}{range_phrase(t)}", said)
    if t.choices and value not in t.choices:
        return Problem("must be one of " + ", ".join(t.choices), f"{value!r} is not one of {list(t.choices)!r}")
    return None


def parse(t: Typed, text: str) -> Any:
    """The typed value `text` stands for (a query parameter, a no-code platform's text input), else `text` itself.

    Text that does not parse is returned unchanged, so `problem` then says what it should have been.
    """
    if t.type in WHOLE and _INT.match(text):
        return int(text)
    if t.type == "number" and _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    if t.type == "boolean" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def format_text(value: str | int | float | bool) -> str:
    """A value as text (a query parameter): booleans as true/false, numbers and text as they print."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def range_message(t: Typed, label: str) -> str:
    """The one wording every target refuses an out-of-range or non-numeric number input with, before sending."""
    kind = "a whole number" if t.type in WHOLE else "a number"
    return f"{label} must be {kind}{range_phrase(t)}."
