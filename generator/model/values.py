"""The one definition of the spec's value types: check a value, parse it from text, format it as text.

Validation (spec examples, samples, fixed query values), the mock (bodies, query parameters), the runtime (inputs)
and smoke (records) all judge values here, so a spec that validates cannot fail its own smoke run on a value.
A new field type is one row in `FieldType` and, when it is text with a format, one row in `_FORMATS`.
Date-times (`datetime` with a wire `format`) are read and written by `instant`, `to_wire` and `iso`, the reference
every target's generated code mirrors: users give ISO 8601 (or a date, or a number in the field's own epoch unit),
the API gets its own format, and epoch values handed on gain an ISO 8601 companion (`Field.iso_key`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol, get_args

from ..frozen import Frozen

FieldType = Literal[
    "string", "integer", "number", "boolean", "date", "time", "datetime", "email", "phone", "url", "object", "array", "map"
]
FIELD_TYPES: tuple[FieldType, ...] = get_args(FieldType)
DatetimeFormat = Literal["iso8601", "epoch_ms", "epoch_s"]
DATETIME_FORMATS: tuple[DatetimeFormat, ...] = get_args(DatetimeFormat)
EPOCH: frozenset[DatetimeFormat] = frozenset({"epoch_ms", "epoch_s"})
# The spec's shorthand: `type: timestamp_ms` is `type: datetime, format: epoch_ms` (the model never sees it).
ALIASES: dict[str, tuple[FieldType, DatetimeFormat]] = {"timestamp_ms": ("datetime", "epoch_ms")}
WHOLE: frozenset[FieldType] = frozenset({"integer"})  # and epoch date-times, see `is_whole`
RANGED: frozenset[FieldType] = frozenset({"integer", "number"})  # the types min/max apply to
CONTAINERS: frozenset[FieldType] = frozenset({"object", "array", "map"})
# Types whose text users expect to match whatever its case (an exact-match search); a field's `case_sensitive` overrides.
CASELESS: frozenset[FieldType] = frozenset({"email"})
Scalar = str | int | float | bool

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
    "boolean": True,
}
# The wire format of a `date` field (ISO 8601's calendar date) as a pattern of tokens: every target that converts
# a user's date (a picker's ISO date-time, "May 10, 2026") writes the day in it, so the tokens are defined once here.
WIRE_DATE = "YYYY-MM-DD"
# A valid value of each date-time wire format.
DATETIME_EXAMPLES: dict[DatetimeFormat, str | int] = {
    "iso8601": "2026-01-01T00:00:00.000Z",
    "epoch_ms": 0,
    "epoch_s": 0,
}

_INT = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# International format: optional +, digits with common separators, 7 to 15 digits in all (E.164's limit).
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]*$")
_URL = re.compile(r"^https?://[^\s/]+\S*$")
# RFC 3339 / ISO 8601 date-time: a date, T or space, a time with optional seconds and fraction, optional offset.
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$")


class Typed(Protocol):
    """What judging a value needs of a field or filter: its type, wire format, range, choices and element."""

    @property
    def type(self) -> FieldType: ...
    @property
    def format(self) -> DatetimeFormat | None: ...
    @property
    def minimum(self) -> int | None: ...
    @property
    def maximum(self) -> int | None: ...
    @property
    def choices(self) -> tuple[Scalar, ...]: ...
    @property
    def items(self) -> Typed | None: ...


def type_of(spec: Mapping[str, Any]) -> tuple[FieldType, DatetimeFormat | None]:
    """The (type, format) a field spec declares, the `timestamp_ms` shorthand resolved; datetime defaults to iso8601."""
    if spec["type"] in ALIASES:
        return ALIASES[spec["type"]]
    kind: FieldType = spec["type"]
    return kind, (spec.get("format", "iso8601") if kind == "datetime" else None)


def choice_values(spec: Mapping[str, Any]) -> tuple[Scalar, ...]:
    """The values of a spec's `choices`, written bare (`open`) or with a label (`{value: 2, label: Open}`)."""
    return tuple(c["value"] if isinstance(c, dict) else c for c in spec.get("choices", ()))


def choice_label(value: Scalar) -> str:
    """The label a choice written without one shows: its text with a capital first letter (`open` → `Open`)."""
    text = format_text(value)
    return text[:1].upper() + text[1:]


def choice_labels(spec: Mapping[str, Any]) -> tuple[str, ...]:
    """The labels of a spec's `choices`, parallel to `choice_values`."""
    return tuple(c["label"] if isinstance(c, dict) else choice_label(c) for c in spec.get("choices", ()))


@dataclass(frozen=True, repr=False, eq=False)
class Shape(Frozen):
    """A `Typed` made from spec data, for validation (which runs before there is a model)."""

    type: FieldType
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[Scalar, ...] = ()
    format: DatetimeFormat | None = None
    items: Shape | None = None

    @classmethod
    def of(cls, spec: Mapping[str, Any]) -> Shape:
        """The shape of a field or filter spec (`type`, `format`, optional `min`, `max`, `choices`, `items`)."""
        kind, fmt = type_of(spec)
        items = cls.of(spec["items"]) if isinstance(spec.get("items"), dict) else None
        return cls(kind, spec.get("min"), spec.get("max"), choice_values(spec), fmt, items)


def is_whole(t: Typed) -> bool:
    """Whether `t`'s values are JSON integers: integer fields and epoch date-times."""
    return t.type in WHOLE or (t.type == "datetime" and t.format in EPOCH)


@dataclass(frozen=True, repr=False, eq=False)
class Problem(Frozen):
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


@dataclass(frozen=True, repr=False, eq=False)
class _Format(Frozen):
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


def from_text(t: Typed) -> bool:
    """Whether `t`'s values are JSON numbers or booleans, so text a platform hands over must be parsed first."""
    return is_whole(t) or t.type in ("number", "boolean") or bool(t.choices and not isinstance(t.choices[0], str))


def example(t: Typed) -> Any:
    """A valid value of `t` (smoke fills a required input that has no example with it)."""
    if t.choices:
        return t.choices[0]
    if t.type == "datetime":
        return DATETIME_EXAMPLES[t.format or "iso8601"]
    if t.type == "array":
        return [example(t.items)] if t.items is not None and t.items.type not in CONTAINERS else []
    if t.type in ("object", "map"):
        return {}
    return EXAMPLES.get(t.type, "smoke")


def _number_noun(t: Typed) -> str:
    return "an integer" if is_whole(t) else "a number"


def has_json_type(t: Typed, value: Any) -> bool:
    """Whether `value` is of the JSON type that carries `t`'s values (no format, range or choice check)."""
    if t.choices and not isinstance(t.choices[0], str):  # a choice's values may be numbers or booleans
        return any(value == c and type(value) is type(c) for c in t.choices)
    if is_whole(t):
        return isinstance(value, int) and not isinstance(value, bool)
    if t.type == "number":
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if t.type == "boolean":
        return isinstance(value, bool)
    if t.type in ("object", "map"):
        return isinstance(value, dict)
    if t.type == "array":
        return isinstance(value, list)
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
        if t.choices:
            return Problem(
                "must be one of " + ", ".join(map(format_text, t.choices)), f"{value!r} is not one of {list(t.choices)!r}"
            )
        if kind == "datetime" and t.format in EPOCH:
            unit = "milliseconds" if t.format == "epoch_ms" else "seconds"
            return Problem(f"must be an integer timestamp in epoch {unit}", f"expected an integer, got {value!r}")
        if kind == "array":
            return Problem("must be a list", f"expected a list, got {value!r}")
        if kind == "map":
            return Problem("must be an object of keys and values", f"expected a mapping, got {value!r}")
        if kind in RANGED:
            return Problem(f"must be {_number_noun(t)}{range_phrase(t)}", f"expected {_number_noun(t)}, got {value!r}")
        if kind == "boolean":
            return Problem("must be true or false", f"expected true or false, got {value!r}")
        if kind == "object":
            return Problem("must be an object", f"expected a mapping of fields, got {value!r}")
        return Problem("must be a string", f"expected a string, got {value!r}")
    if kind == "datetime" and t.format in EPOCH and value < 0:
        unit = "milliseconds" if t.format == "epoch_ms" else "seconds"
        return Problem(
            f"must be a non-negative integer timestamp in epoch {unit}",
            f"{value} is not a timestamp in epoch {unit} (it is negative)",
        )
    if kind == "datetime" and t.format == "iso8601" and instant(value, "iso8601") is None:
        return Problem(
            "must be an ISO 8601 date-time, e.g. 2026-05-10T09:00:00Z",
            f"{value!r} is not an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z)",
        )
    if kind == "array" and t.items is not None:
        for index, element in enumerate(value):
            inner = problem(t.items, element)
            if inner is not None:
                return Problem(f"must be a list whose items each {inner.must}", f"item {index}: {inner.said}")
        return None
    fmt = _FORMATS.get(kind)
    if fmt is not None and not fmt.fits(value):
        return Problem(fmt.must, f"{value!r} is not {fmt.noun}")
    if kind in RANGED and not in_range(t, value):
        below = t.minimum is not None and value < t.minimum
        said = f"{value} is below the minimum {t.minimum}" if below else f"{value} is above the maximum {t.maximum}"
        return Problem(f"must be {_number_noun(t)}{range_phrase(t)}", said)
    if t.choices and value not in t.choices:
        shown = ", ".join(map(format_text, t.choices))
        return Problem("must be one of " + shown, f"{value!r} is not one of {list(t.choices)!r}")
    return None


def parse(t: Typed, text: str) -> Any:
    """The typed value `text` stands for (a query parameter, a no-code platform's text input), else `text` itself.

    Text that does not parse is returned unchanged, so `problem` then says what it should have been.
    """
    if is_whole(t) and _INT.match(text):
        return int(text)
    if t.choices and not isinstance(t.choices[0], str):
        return next((c for c in t.choices if format_text(c) == text), text)
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
    kind = "a whole number" if is_whole(t) else "a number"
    return f"{label} must be {kind}{range_phrase(t)}."


# -- date-times --------------------------------------------------------------------------------------------------


def instant(value: Any, fmt: DatetimeFormat) -> dt.datetime | None:
    """The moment a wire value of format `fmt` stands for (UTC-aware), or None when it is not one."""
    if fmt in EPOCH:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return None
        seconds = value / 1000 if fmt == "epoch_ms" else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not _DATETIME.match(value):
        return None
    text = value.replace("z", "Z").replace("t", "T")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def iso(moment: dt.datetime) -> str:
    """A moment as JavaScript's `Date.toISOString()` writes it (UTC, milliseconds): what every target hands on."""
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def from_user(value: Any, fmt: DatetimeFormat) -> dt.datetime | None:
    """The moment a user's date-time input stands for: ISO 8601 (no offset is UTC), a date (its midnight UTC), or a
    number in the field's own epoch unit (epoch formats only); None when it is none of these."""
    if isinstance(value, str) and _DATE.match(value) and _is_date(value):
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    if fmt in EPOCH:
        number = int(value) if isinstance(value, str) and _INT.match(value) else value
        if isinstance(number, int) and not isinstance(number, bool):
            return instant(number, fmt)
    return instant(value, "iso8601")


def to_wire(moment: dt.datetime, fmt: DatetimeFormat) -> str | int:
    """A moment in the API's format: epoch milliseconds or seconds (whole, floored), or `iso`'s text."""
    ms = math.floor(moment.timestamp() * 1000)
    if fmt == "epoch_ms":
        return ms
    if fmt == "epoch_s":
        return ms // 1000
    return iso(moment)


def iso_companion(value: Any, fmt: DatetimeFormat) -> str | None:
    """The ISO 8601 text handed on beside an epoch value (`Field.iso_key`), or None for ISO fields and bad values."""
    if fmt not in EPOCH:
        return None
    moment = instant(value, fmt)
    return iso(moment) if moment is not None else None


def match_text(value: Any, caseless: bool) -> str:
    """The text an exact-match search compares: trimmed, and lower-cased when the field is caseless.

    Every target's generated filter mirrors this (`String(v).trim()`, then `.toLowerCase()` for caseless fields);
    a missing value matches nothing (the caller skips it).
    """
    text = format_text(value).strip() if isinstance(value, str | int | float | bool) else str(value).strip()
    return text.lower() if caseless else text
