"""What the mock's answers look like: records in an operation's Shape, errors at the spec's first error path."""

from __future__ import annotations

from typing import Any, Final

from ..model import Http, Shape


class _NoContent:
    """The answer of an operation whose response is `empty`: 204 with no body."""

    def __repr__(self) -> str:
        return "NO_CONTENT"


NO_CONTENT: Final = _NoContent()


def envelope(path: tuple[str, ...], value: Any) -> Any:
    """`value` nested under `path`, e.g. ("data", "items") -> {"data": {"items": value}}; "0" (or "*", as an
    error path says "every element") makes a one-item list."""
    for part in reversed(path):
        if part == "*":
            value = [value]
        elif part.isdigit():
            value = [None] * int(part) + [value]
        else:
            value = {part: value}
    return value


def shaped(shape: Shape, rows: list[Any]) -> Any:
    """An answer in an operation's Shape: NO_CONTENT for `empty`; the rows (each wrapped at `item`) as a list at a
    list shape's path; the first row at a record shape's path."""
    if shape.empty:
        return NO_CONTENT
    if shape.many:
        return envelope(shape.path, [envelope(shape.item, row) for row in rows])
    return envelope(shape.path, rows[0] if rows else None)


def error_body(http: Http, message: str) -> Any:
    """An error answer's body: `message` at the first of the spec's error paths (`errors.*.message` as a one-item
    list), where every reader of the spec's paths finds it first."""
    return envelope(http.error_paths[0], message)


def error_text(http: Http, body: Any) -> str | None:
    """The message `error_body` wrote, read back from the same path."""
    here = body
    for part in http.error_paths[0]:
        if isinstance(here, list) and (part == "*" or part.isdigit()):
            index = 0 if part == "*" else int(part)
            here = here[index] if index < len(here) else None
        elif isinstance(here, dict):
            here = here.get(part)
        else:
            return None
    return here if isinstance(here, str) else None


def rate_limit(http: Http) -> tuple[int, tuple[tuple[str, str], ...]]:
    """The status and headers the mock's rate limit answers with: the spec's first `rate_limited` rule (a 403 with
    `X-RateLimit-Remaining: 0`), so every target's reading of it is exercised; else 429."""
    if not http.rate_limited:
        return 429, ()
    rule = http.rate_limited[0]
    return rule.status, ((rule.header, rule.equals if rule.equals is not None else "0"),) if rule.header else ()
