"""How answers are read: records by a `Shape`, the user-facing error message, rate limits and `Retry-After`.

The reference the runtime, the mock and smoke use; each target's generated code mirrors these rules (and the
cross-target smoke comparison holds them to it). Paths are tuples of segments: a key, an integer index into an
array, and, in error paths only, `*` for every element of an array.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from .http import Http, Shape

_DECIMAL = re.compile(r"^[0-9]+\.[0-9]+$")
MAX_ERROR_TEXT = 500  # a plain-text error body longer than this is cut (an HTML error page is not a message)


def dig(body: Any, path: tuple[str, ...]) -> Any:
    """The value at `path` inside `body` (integer segments index arrays), or None when the path is not there."""
    here = body
    for segment in path:
        if isinstance(here, list) and segment.lstrip("-").isdigit():
            index = int(segment)
            here = here[index] if -len(here) <= index < len(here) else None
        elif isinstance(here, Mapping):
            here = here.get(segment)
        else:
            return None
        if here is None:
            return None
    return here


def records(shape: Shape, body: Any) -> list[Any] | None:
    """The records of a list answer (each unwrapped at `shape.item`), or None when `shape.path` holds no array."""
    found = dig(body, shape.path)
    if not isinstance(found, list):
        return None
    return [dig(item, shape.item) if shape.item else item for item in found]


def record(shape: Shape, body: Any) -> Any:
    """The record of a single-record answer, or None when `shape.path` holds none."""
    return dig(body, shape.path)


def _texts(value: Any, path: tuple[str, ...]) -> list[str]:
    if not path:
        if isinstance(value, str) and value.strip():
            return [value.strip()]
        return [str(value)] if isinstance(value, int | float) and not isinstance(value, bool) else []
    head, rest = path[0], path[1:]
    if head == "*":
        return [t for element in value for t in _texts(element, rest)] if isinstance(value, list) else []
    inner = dig(value, (head,))
    return _texts(inner, rest) if inner is not None else []


def error_message(http: Http, body: Any) -> str | None:
    """The API's own message in an error answer: the first of `http.error_paths` that yields text (`*` joins every
    element's with "; "), else a short plain-text body as it is; None when the answer carries none."""
    if isinstance(body, str):
        text = body.strip()
        looks_like_markup = text.startswith("<")
        return text[:MAX_ERROR_TEXT] if text and not looks_like_markup else None
    for path in http.error_paths:
        texts = _texts(body, path)
        if texts:
            return "; ".join(dict.fromkeys(texts))  # each distinct text once, in order
    return None


def rate_limited(http: Http, status: int, headers: Mapping[str, str]) -> bool:
    """Whether an answer means "rate limited": a 429, or a status and header the spec's `rate_limited` names."""
    if status == 429:
        return True
    lowered = {k.lower(): v for k, v in headers.items()}
    for rule in http.rate_limited:
        if rule.status != status:
            continue
        if rule.header is None:
            return True
        value = lowered.get(rule.header.lower())
        if value is not None and (rule.equals is None or value.strip() == rule.equals):
            return True
    return False


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 10.2.3); None if neither."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(int(text))
    if _DECIMAL.match(text):  # RFC 9110 says whole seconds; Shopify documents `Retry-After: 2.0`
        return float(math.ceil(float(text)))
    if not text or text.isdigit():  # digits of another script, which int() would take: garbage here
        return None
    import email.utils  # here, not at the top: it pulls in socket and calendar, which only this date needs

    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # "-0000" or no zone (asctime): HTTP dates are in GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, math.ceil((when - now).total_seconds()))
