"""How the mock pages a collection answer, in every style of model/paging.py, the way real APIs serve them.

* `offset` / `page`: the offset or page number picks the slice (position-based: a record inserted in front
  shifts the later pages by one, as on real offset APIs);
* `cursor`: an opaque token (the last record's sort key, base64url JSON) written at `cursor.from` in the
  envelope, null on the last page; the next page holds the records after that key (keyset paging: inserts in
  front do not shift it);
* `after_id`: the records after the record with the given id in the current order, `has_more` at its path;
* `link`: a `Link: <absolute url>; rel="next"` header whose URL holds the first request's query (credentials
  left out), the limit and a mock page token (`LINK_TOKEN`, the same keyset as the cursor);
* `none`: the first page only.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ..model import Pagination, values
from .store import Record, get_path

LINK_TOKEN = "mock_page"  # the page token of the mock's Link URLs (a real API's next URL holds its own)


class BadPage(Exception):
    """A paging parameter has a bad value; the text is the whole message."""


@dataclass(frozen=True)
class Order:
    """How a collection is ordered: by a dotted field (newest first when `desc`), ties by id; None: insertion."""

    field: str | None
    desc: bool
    id_field: str | None

    def key(self, record: Record) -> list[Any]:
        """The record's sort key as JSON data: [field value, id text]."""
        ident = str(record.get(self.id_field, "")) if self.id_field else ""
        return [get_path(record, self.field) if self.field else None, ident]


@dataclass(frozen=True)
class Paged:
    """The paging parameters of one collection request."""

    limit: int | None
    start: int  # records to skip (offset, page)
    after_key: list[Any] | None = None  # cursor / link: the sort key of the last record of the previous page
    after_id: str | None = None  # after_id: the id of the last record of the previous page


def names(pag: Pagination | None) -> set[str]:
    """The query (or body) parameters a request of this pagination may carry."""
    if pag is None:
        return set()
    out = {p for p in (pag.limit_param, pag.page_param) if p}
    return out | {LINK_TOKEN} if pag.style == "link" else out


def _int(name: str, text: str, low: int, high: int | None) -> int:
    value = values.parse(values.Shape("integer"), text)
    if not isinstance(value, int) or value < low or (high is not None and value > high):
        upper = f" to {high}" if high is not None else " or more"
        raise BadPage(f"Query parameter '{name}' must be an integer from {low}{upper} (got '{text}').")
    return value


def token(key: list[Any]) -> str:
    """An opaque page token for a sort key."""
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def _untoken(name: str, text: str) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != 2:
        raise BadPage(f"'{name}' is not a page token this API handed out (got '{text}').")
    return key


def read(pag: Pagination | None, given: Mapping[str, str]) -> Paged:
    """The paging parameters among `given` (texts by name); raises BadPage."""
    if pag is None:
        return Paged(None, 0)
    # An API that does not page answers with every record; one that does cuts at its largest page.
    limit: int | None = pag.max_page_size if pag.pages or pag.limit_param else None
    if pag.limit_param and pag.limit_param in given:
        limit = _int(pag.limit_param, given[pag.limit_param], 1, pag.max_page_size)
    param = pag.page_param
    text = given.get(param) if param else None
    if pag.style == "link" and LINK_TOKEN in given:
        return Paged(limit, 0, after_key=_untoken(LINK_TOKEN, given[LINK_TOKEN]))
    if text is None or param is None:
        return Paged(limit, 0)
    if pag.style == "offset":
        return Paged(limit, _int(param, text, 0, None))
    if pag.style == "page":
        return Paged(limit, (_int(param, text, pag.first_page, None) - pag.first_page) * (limit or 0))
    if pag.style == "cursor":
        return Paged(limit, 0, after_key=_untoken(param, text))
    return Paged(limit, 0, after_id=text)  # after_id


def _rest(order: Order, rows: list[Record], paged: Paged) -> list[Record]:
    # The records after the previous page's last one: by its id's place, or by its sort key (keyset).
    if paged.after_id is not None:
        at = next((i for i, r in enumerate(rows) if order.id_field and str(r.get(order.id_field)) == paged.after_id), None)
        if at is None:
            raise BadPage(f"No record with id '{paged.after_id}' to list after.")
        return rows[at + 1 :]
    if paged.after_key is None:
        return rows[paged.start :]
    value, ident = paged.after_key
    keys = [order.key(r) for r in rows]
    if order.field is None or value is None:
        at = next((i for i, k in enumerate(keys) if k[1] == ident), None)
        return rows[at + 1 :] if at is not None else rows[len(rows) :]

    def after(key: list[Any]) -> bool:
        if key[0] is None:
            return True  # records without the order field come last
        mine, theirs = (key[0], key[1]), (value, ident)
        try:
            return mine < theirs if order.desc else mine > theirs
        except TypeError:
            return False

    return [r for r, k in zip(rows, keys, strict=True) if after(k)]


@dataclass(frozen=True)
class Served:
    """One page: its records, and what the answer says about the next page."""

    records: list[Record]
    more: bool
    next_token: str | None  # cursor / link: the token of the next page


def serve(pag: Pagination | None, order: Order, rows: list[Record], paged: Paged) -> Served:
    """The page of `rows` (filtered, ordered) that `paged` asks for."""
    rest = _rest(order, rows, paged)
    page = rest if paged.limit is None else rest[: paged.limit]
    more = len(rest) > len(page) and bool(pag and pag.pages)
    return Served(page, more, token(order.key(page[-1])) if more and page else None)


def place(body: Any, path: tuple[str, ...], value: Any) -> Any:
    """`body` (a JSON object) with `value` set at the dotted `path` (objects made on the way)."""
    if not isinstance(body, dict) or not path:
        return body
    here = body
    for part in path[:-1]:
        nxt = here.get(part)
        if not isinstance(nxt, dict):
            nxt = here[part] = {}
        here = nxt
    here[path[-1]] = value
    return body


def link_url(base: str, query: Mapping[str, list[str]], pag: Pagination, served: Served, limit: int | None) -> str:
    """The absolute next-page URL of style link: the request's own query, the limit and the next token."""
    kept = [(k, v) for k, vs in query.items() if k not in (LINK_TOKEN, pag.limit_param) for v in vs]
    if pag.limit_param and limit is not None:
        kept.append((pag.limit_param, str(limit)))
    assert served.next_token is not None
    kept.append((LINK_TOKEN, served.next_token))
    return f"{base}?{urlencode(kept)}"
