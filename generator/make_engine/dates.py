"""Make's date functions (`formatDate`, `parseDate`, `addDays`) with the moment.js tokens apps use."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .values import UNDEFINED, empty, iso

__all__ = ["add_days", "format_date", "iso", "parse_date", "to_date"]

_TOKENS = re.compile(r"\[[^\]]*\]|YYYY|YY|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|X|x|ZZ|Z|A|a")
_PARSE = {
    "YYYY": r"(?P<Y>\d{4})",
    "MM": r"(?P<M>\d{2})",
    "M": r"(?P<M>\d{1,2})",
    "DD": r"(?P<D>\d{2})",
    "D": r"(?P<D>\d{1,2})",
    "HH": r"(?P<H>\d{2})",
    "H": r"(?P<H>\d{1,2})",
    "mm": r"(?P<m>\d{2})",
    "m": r"(?P<m>\d{1,2})",
    "ss": r"(?P<s>\d{2})",
    "s": r"(?P<s>\d{1,2})",
    "SSS": r"(?P<S>\d{3})",
    "X": r"(?P<X>-?\d+(?:\.\d+)?)",
    "x": r"(?P<x>-?\d+)",
    "Z": r"(?P<Z>Z|[+-]\d{2}:\d{2})",
    "ZZ": r"(?P<Z>Z|[+-]\d{4})",
}


def _zone(tz: Any) -> Any:
    if tz is None or not isinstance(tz, str) or tz == "":
        return UTC
    return UTC if tz.upper() == "UTC" else ZoneInfo(tz)


def to_date(value: Any) -> datetime:
    """A date from a date, epoch milliseconds or ISO 8601 text (what Make coerces into a date)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000, UTC)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        if re.fullmatch(r"-?\d+", text):
            return datetime.fromtimestamp(int(text) / 1000, UTC)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise ValueError(f"{value!r} is not a date")


def _offset(local: datetime, colon: bool) -> str:
    delta = local.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{':' if colon else ''}{mins:02d}"


def format_date(value: Any, fmt: Any = "YYYY-MM-DDTHH:mm:ss.SSSZ", tz: Any = None) -> Any:
    """`formatDate(date, format, timezone)`; an empty date stays empty (undefined/null pass through)."""
    if empty(value):
        return UNDEFINED
    local = to_date(value).astimezone(_zone(tz))

    def token(m: re.Match[str]) -> str:
        t = m.group(0)
        if t.startswith("["):
            return t[1:-1]
        h12 = local.hour % 12 or 12
        table = {
            "YYYY": f"{local.year:04d}",
            "YY": f"{local.year % 100:02d}",
            "MM": f"{local.month:02d}",
            "M": str(local.month),
            "DD": f"{local.day:02d}",
            "D": str(local.day),
            "HH": f"{local.hour:02d}",
            "H": str(local.hour),
            "hh": f"{h12:02d}",
            "h": str(h12),
            "mm": f"{local.minute:02d}",
            "m": str(local.minute),
            "ss": f"{local.second:02d}",
            "s": str(local.second),
            "SSS": f"{local.microsecond // 1000:03d}",
            "X": str(int(local.timestamp())),
            "x": str(int(local.timestamp() * 1000)),
            "Z": _offset(local, True),
            "ZZ": _offset(local, False),
            "A": "AM" if local.hour < 12 else "PM",
            "a": "am" if local.hour < 12 else "pm",
        }
        return table[t]

    return _TOKENS.sub(token, str(fmt))


def parse_date(text: Any, fmt: Any = None, tz: Any = None) -> Any:
    """`parseDate(text, format, timezone)`: text (or epoch with `X`/`x`) to a date."""
    if empty(text):
        return UNDEFINED
    if fmt is None or empty(fmt):
        return to_date(text)
    pattern, pos, names = "", 0, set()
    for m in _TOKENS.finditer(str(fmt)):
        pattern += re.escape(str(fmt)[pos : m.start()])
        t = m.group(0)
        if t.startswith("["):
            pattern += re.escape(t[1:-1])
        elif t in _PARSE and t[0] not in names:
            pattern += _PARSE[t]
            names.add(t[0])
        else:
            raise ValueError(f"format token {t} is not supported by parseDate")
        pos = m.end()
    pattern += re.escape(str(fmt)[pos:])
    found = re.fullmatch(pattern, str(text))
    if not found:
        raise ValueError(f"{text!r} does not match the format {fmt!r}")
    g = found.groupdict()
    if g.get("X"):
        return datetime.fromtimestamp(float(g["X"]), UTC)
    if g.get("x"):
        return datetime.fromtimestamp(int(g["x"]) / 1000, UTC)
    zone = _zone(tz)
    if g.get("Z"):
        zone = datetime.fromisoformat("2000-01-01T00:00:00" + g["Z"].replace("Z", "+00:00")).tzinfo
    return datetime(
        int(g.get("Y") or 1970),
        int(g.get("M") or 1),
        int(g.get("D") or 1),
        int(g.get("H") or 0),
        int(g.get("m") or 0),
        int(g.get("s") or 0),
        int(g.get("S") or 0) * 1000,
        tzinfo=zone,
    ).astimezone(UTC)


def add_days(value: Any, days: Any) -> datetime:
    """`addDays(date, n)`."""
    return to_date(value) + timedelta(days=float(days))


def add_seconds(value: Any, seconds: Any) -> datetime:
    """`addSeconds(date, n)`."""
    return to_date(value) + timedelta(seconds=float(seconds))
