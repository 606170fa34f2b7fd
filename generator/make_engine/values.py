"""Values and functions of Make's IML: JavaScript-like truthiness, equality and arithmetic, and the function library."""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote


class _Undefined:
    """JavaScript's `undefined`: a missing value, dropped from qs, headers and body."""

    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()


def iso(value: datetime) -> str:
    """Make's text form of a date: ISO 8601 in UTC with milliseconds."""
    utc = value.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


# -- values ------------------------------------------------------------------------------------


def truthy(value: Any) -> bool:
    """JavaScript truthiness."""
    if value is UNDEFINED or value is None or value is False:
        return False
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value != 0 and not math.isnan(value)
    return not (isinstance(value, str) and value == "")


def empty(value: Any) -> bool:
    """What `ifempty` treats as empty: undefined, null, an empty string or an empty array."""
    return value is UNDEFINED or value is None or value == "" or value == []


def to_text(value: Any) -> str:
    """A value as it appears inside mixed text."""
    if value is UNDEFINED or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):  # JavaScript's String(NaN), String(Infinity)
            return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def number(value: Any) -> float | int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if value is None or value == "":
        return 0
    try:
        return float(value) if "." in str(value) else int(str(value))
    except ValueError:
        return math.nan


def same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    if a is UNDEFINED or b is UNDEFINED:
        return a is b
    num = (int, float)
    if isinstance(a, num) and isinstance(b, num):
        return bool(a == b)
    return type(a) is type(b) and bool(a == b)


def arith(op: str, a: Any, b: Any) -> Any:
    if op == "+" and (isinstance(a, str) or isinstance(b, str)):
        return to_text(a) + to_text(b)
    x, y = number(a), number(b)
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if y == 0:
        return math.nan if x == 0 or op == "%" else math.copysign(math.inf, x)
    if op == "/":
        result = x / y
        return int(result) if result.is_integer() and isinstance(x, int) and isinstance(y, int) else result
    rest = math.fmod(x, y)  # JS keeps the dividend's sign, like fmod
    return int(rest) if isinstance(x, int) and isinstance(y, int) else rest


def compare(op: str, a: Any, b: Any) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        x, y = a.timestamp(), b.timestamp()
        return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
    if isinstance(a, str) and isinstance(b, str):
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    p, q = number(a), number(b)
    return {"<": p < q, "<=": p <= q, ">": p > q, ">=": p >= q}[op]


def get_key(container: Any, key: Any) -> Any:
    """`container.key` / `container[key]`; anything missing is undefined."""
    if isinstance(container, Mapping):
        return container.get(str(key), UNDEFINED)
    if isinstance(container, list):
        if key == "length":
            return len(container)
        index = number(key)
        if isinstance(index, int) and 0 <= index < len(container):
            return container[index]
    if isinstance(container, str) and key == "length":
        return len(container)
    return UNDEFINED


# -- functions (the date ones are added by iml.py; `if` is evaluated lazily by the interpreter) --


def _get(obj: Any, path: Any = UNDEFINED) -> Any:
    # Make's get() numbers array items from 1 in its path argument.
    for part in to_text(path).split(".") if path is not UNDEFINED else []:
        if isinstance(obj, list) and part.isdigit():
            obj = obj[int(part) - 1] if 0 < int(part) <= len(obj) else UNDEFINED
        else:
            obj = get_key(obj, part)
    return obj


def _omit(coll: Any, *keys: Any) -> Any:
    return {k: v for k, v in coll.items() if k not in keys} if isinstance(coll, Mapping) else coll


def _pick(coll: Any, *keys: Any) -> Any:
    return {k: v for k, v in coll.items() if k in keys} if isinstance(coll, Mapping) else coll


def _length(value: Any) -> int:
    return len(value) if isinstance(value, str | list | dict) else 0


def _join(items: Any, sep: Any = ",") -> str:
    return to_text(sep).join(to_text(i) for i in items) if isinstance(items, list) else to_text(items)


def _encode_url(text: Any) -> str:
    # JavaScript's encodeURIComponent, which Make's encodeURL() is.
    return quote(to_text(text), safe="-_.!~*'()")


@dataclass(frozen=True)
class Regex:
    """An IML regular expression literal (`/pattern/flags`), JavaScript syntax."""

    source: str
    flags: str

    def compiled(self) -> re.Pattern[str]:
        """The pattern for Python's `re` (the JavaScript subset both read alike; named groups translated)."""
        options = (re.IGNORECASE if "i" in self.flags else 0) | (re.MULTILINE if "m" in self.flags else 0)
        options |= re.DOTALL if "s" in self.flags else 0
        return re.compile(re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", self.source), options)


def _replace(text: Any, search: Any, replacement: Any) -> str:
    # Make's replace(): a text is replaced everywhere; a regex once, or everywhere with the g flag; $1 is a group.
    subject, new = to_text(text), to_text(replacement)
    if not isinstance(search, Regex):
        return subject.replace(to_text(search), new)

    def fill(m: re.Match[str]) -> str:
        return re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", new).replace("$&", m.group(0))

    return search.compiled().sub(fill, subject, count=0 if "g" in search.flags else 1)


def _base64(text: Any) -> str:
    return base64.b64encode(to_text(text).encode("utf-8")).decode("ascii")


# -- functions of Make's array, text and math libraries (help.make.com/array-functions, /string-functions,
# /math-functions), as custom apps use them: what each documents, nothing more.


def _map(items: Any, key: Any) -> Any:
    # map(complex array; key): the values at `key` (raw variable names, dots for nested keys) of each element.
    if not isinstance(items, list):
        return UNDEFINED
    found = (_get(item, key) for item in items)
    return [v for v in found if v is not UNDEFINED and v is not None]


def _distinct(items: Any) -> Any:
    # distinct(array): duplicates removed, first occurrence kept.
    if not isinstance(items, list):
        return items
    out: list[Any] = []
    for item in items:
        if not any(same(item, seen) for seen in out):
            out.append(item)
    return out


def _to_collection(items: Any, key: Any, value: Any) -> Any:
    # toCollection(array; key; value): an array of key/value collections as one collection.
    if not isinstance(items, list):
        return UNDEFINED
    out: dict[str, Any] = {}
    for item in items:
        name = get_key(item, key)
        if name is not UNDEFINED and name is not None:
            out[to_text(name)] = get_key(item, value)
    return out


def _parse_number(text: Any, separator: Any = ".") -> Any:
    # parseNumber(number; decimal separator): text to a number (NaN when it is none); numbers stay as they are.
    if isinstance(text, int | float) and not isinstance(text, bool):
        return text
    raw = to_text(text).strip().replace(to_text(separator), ".") if separator != "." else to_text(text).strip()
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    try:
        return float(raw)
    except ValueError:
        return math.nan


def _index_of(text: Any, search: Any, start: Any = 0) -> int:
    # indexOf(string; value; [start]): the position of the first match, or -1.
    return to_text(text).find(to_text(search), int(number(start)))


def _substring(text: Any, start: Any, end: Any = UNDEFINED) -> str:
    # substring(text; start; end): JavaScript's String.prototype.substring.
    subject = to_text(text)
    lo = max(0, int(number(start)))
    hi = len(subject) if end is UNDEFINED else max(0, int(number(end)))
    lo, hi = min(lo, hi), max(lo, hi)
    return subject[lo:hi]


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "map": _map,
    "distinct": _distinct,
    "toCollection": _to_collection,
    "parseNumber": _parse_number,
    "indexOf": _index_of,
    "substring": _substring,
    "trim": lambda s: to_text(s).strip(),
    "replace": _replace,
    "base64": _base64,
    "encodeURL": _encode_url,
    "ifempty": lambda a, b=UNDEFINED: b if empty(a) else a,
    "get": _get,
    "omit": _omit,
    "pick": _pick,
    "length": _length,
    "first": lambda items: items[0] if isinstance(items, list) and items else UNDEFINED,
    "last": lambda items: items[-1] if isinstance(items, list) and items else UNDEFINED,
    "join": _join,
    "lower": lambda s: to_text(s).lower(),
    "upper": lambda s: to_text(s).upper(),
    "toString": to_text,
}
