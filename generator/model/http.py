"""The model's HTTP conventions: where answers keep their records, and what error answers mean."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from ..frozen import Frozen
from .template import Template

Encoding = Literal["json", "form"]


@dataclass(frozen=True, repr=False, eq=False)
class Shape(Frozen):
    """Where a response keeps its records: a list of them at `path`, or one record at `path` (() is the body).

    `item` is where the record sits inside each list item (() is the item itself). `empty` says the answer has
    nothing to read (204): the action hands on `Operation.empty_result` instead. `model.shapes` reads bodies by it.
    """

    many: bool
    path: tuple[str, ...]
    item: tuple[str, ...] = ()
    empty: bool = False


@dataclass(frozen=True, repr=False, eq=False)
class Status(Frozen):
    """What an HTTP error status means for this API."""

    code: int
    kind: str
    message: str
    pointer: str = dataclasses.field(compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class RateLimitRule(Frozen):
    """An answer that means "rate limited" besides 429: this status, with this header equal to this text if given."""

    status: int
    header: str | None
    equals: str | None
    pointer: str = dataclasses.field(compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class Http(Frozen):
    """Conventions shared by every request and response."""

    headers: tuple[tuple[str, str], ...]  # the fixed headers that name no setting, as sent (`{{` unescaped)
    setting_headers: tuple[tuple[str, Template], ...]  # the fixed headers whose value names connection settings
    items_path: tuple[str, ...]  # http.response.list: where list responses keep their records
    record_path: tuple[str, ...]  # http.response.record: where single-record responses keep theirs
    error_paths: tuple[tuple[str, ...], ...]  # http.errors.message: the first that yields text wins; "*" joins
    rate_limited: tuple[RateLimitRule, ...]  # http.errors.rate_limited: answers besides 429 that mean "slow down"
    encoding: Encoding  # http.encoding: the default body encoding
    statuses: tuple[Status, ...]
    pointer: str = dataclasses.field(compare=False)

    @property
    def error_message_path(self) -> tuple[str, ...]:
        """The first error path (transitional, for targets that read one plain dotted path)."""
        return self.error_paths[0]

    def status(self, code: int) -> Status | None:
        """The meaning of status `code`, if the spec names it."""
        return next((s for s in self.statuses if s.code == code), None)
