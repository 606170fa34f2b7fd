"""Secrets out of everything shown or kept: every secret value of a connection, in every form it could leak in.

One place for the whole project: the runtime's client, the mock's request log, every smoke executor, the
runner and the CLI redact with a `Secrets`. A connection's secrets are a set (today its API key; OAuth tokens
and passwords slot in the same way), and each is matched raw and in the encodings an echo could carry it in:
URL-encoded (either hex case, `+` or `%20` for spaces), JSON-escaped, and Base64 of the value, `value:` and
`:value` (HTTP Basic with the secret as user or password).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

REDACTED = "<redacted>"
T = TypeVar("T")


def _lower_hex(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), text)


def forms(secret: str) -> set[str]:
    """The raw secret and each encoding of it that could appear in an echoed URL, body, header or log."""
    if not secret:
        return set()
    found = {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]}
    for encoded in (quote(secret, safe=""), quote(secret), quote_plus(secret)):
        found |= {encoded, _lower_hex(encoded)}
    for raw in (secret, f"{secret}:", f":{secret}"):
        data = raw.encode("utf-8")
        for b64 in (base64.b64encode(data), base64.urlsafe_b64encode(data)):
            text = b64.decode("ascii")
            found |= {text, text.rstrip("=")}
    return {f for f in found if f}


@dataclass(frozen=True)
class Secrets:
    """A connection's secret values; `text` and `value` replace each of them (in any form) by `<redacted>`."""

    values: frozenset[str] = frozenset()
    _pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        every = {f for secret in self.values for f in forms(secret)}
        # Longest first, so a value is replaced whole rather than a shorter form inside it.
        ordered = sorted(every, key=lambda f: (-len(f), f))
        pattern = re.compile("|".join(re.escape(f) for f in ordered)) if ordered else None
        object.__setattr__(self, "_pattern", pattern)

    @classmethod
    def of(cls, *values: str | Iterable[str] | None) -> Secrets:
        """Secrets from single values or collections of them; None and empty values are skipped."""
        found: set[str] = set()
        for value in values:
            if isinstance(value, str):
                found.add(value)
            elif value is not None:
                found |= {v for v in value if isinstance(v, str)}
        return cls(frozenset(v for v in found if v))

    def __repr__(self) -> str:  # never show the values themselves
        return f"Secrets({len(self.values)} values)"

    def __bool__(self) -> bool:
        return bool(self.values)

    def __or__(self, other: Secrets) -> Secrets:
        return Secrets(self.values | other.values)

    def adding(self, *values: str | None) -> Secrets:
        """These secrets plus `values`; self when nothing is new (a long-lived harness keeps every key it saw)."""
        new = {v for v in values if v and v not in self.values}
        return Secrets(self.values | new) if new else self

    def text(self, text: str) -> str:
        """`text` with every form of every secret replaced by `<redacted>`."""
        return self._pattern.sub(REDACTED, text) if self._pattern is not None and text else text

    def value(self, value: T) -> T:
        """A copy of a JSON-like value (dicts, lists, tuples, strings; keys too) with every secret redacted."""
        if self._pattern is None:
            return value
        return self._deep(value)  # type: ignore[no-any-return]

    def _deep(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self._deep(k): self._deep(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._deep(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self._deep(v) for v in value)
        return value
