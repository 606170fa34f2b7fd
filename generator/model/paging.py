"""Paging: how a collection pages (`Pagination`) and the one definition of each style's next request and stop.

Every reader of pages (the runtime, and the reference the targets' generated code follows) asks the same two
questions: what does the first request send (`first_params`), and given the page just read, what does the next
request send, or was that the last page (`next_page`)? Each style implies its stop condition:

* `offset` — `offset.param` = records read so far; stop on a page shorter than the page size (or empty);
* `page` — `page.param` = first, first + 1, …; stop on a short or empty page;
* `cursor` — the token at `cursor.from` in the body goes to `cursor.param`; stop when it is missing, null or "";
* `after_id` — the last record's id goes to `after.param`; stop when `after.has_more` is false (without that
  flag: on a short or empty page);
* `link` — the next request is the URL of the `Link` header's `rel="next"` (RFC 8288), as it is; stop without one;
* `none` — one request.

Every style also stops on an empty page (a server that keeps handing out tokens over nothing cannot loop), and a
reader that reaches `max_pages` stops with a clear error rather than silently handing on part of the list.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..frozen import Frozen
from .values import Scalar

PaginationStyle = Literal["offset", "page", "cursor", "after_id", "link", "none"]
ParamIn = Literal["query", "body"]
DEFAULT_MAX_PAGES = 100


@dataclass(frozen=True, repr=False, eq=False)
class Pagination(Frozen):
    """How a collection pages: its style, the page size, the parameter that moves to the next page, a page cap."""

    style: PaginationStyle
    location: ParamIn  # where the limit and the page parameter are sent
    limit_param: str | None  # the page-size parameter, if the API takes one
    max_page_size: int  # the largest page (the page size when there is no limit parameter)
    page_param: str | None  # offset: the offset; page: the page number; cursor: the token; after_id: the id
    first_page: int  # style page: the number of the first page (0 or 1)
    token_path: tuple[str, ...]  # cursor: the token's place in the body; after_id: the has_more flag's (or ())
    link_rel: str  # style link: the relation of the next page
    max_pages: int
    pointer: str = dataclasses.field(compare=False)

    @property
    def pages(self) -> bool:
        """Whether more than one page can be read (every style but `none`)."""
        return self.style != "none"

    @property
    def offset_param(self) -> str | None:
        """The offset parameter of `offset` paging, else None."""
        return self.page_param if self.style == "offset" else None


@dataclass(frozen=True, repr=False, eq=False)
class NextPage(Frozen):
    """What the next request changes: paging parameters to set (in `Pagination.location`), or a whole URL."""

    params: tuple[tuple[str, Scalar], ...] = ()
    url: str | None = None  # style link: request exactly this URL (its query replaces the first request's)


def first_params(pag: Pagination, size: int) -> tuple[tuple[str, Scalar], ...]:
    """The paging parameters of the first request for pages of `size` records."""
    out: list[tuple[str, Scalar]] = []
    if pag.limit_param:
        out.append((pag.limit_param, size))
    if pag.style == "page" and pag.page_param:
        out.append((pag.page_param, pag.first_page))
    return tuple(out)


def dig(data: Any, path: Sequence[str]) -> Any:
    """The value at a dotted path (an integer key indexes an array), or None."""
    for key in path:
        if isinstance(data, Mapping):
            data = data.get(key)
        elif isinstance(data, list) and key.lstrip("-").isdigit() and -len(data) <= int(key) < len(data):
            data = data[int(key)]
        else:
            return None
    return data


_LINK = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]+)*)")
_REL = re.compile(r';\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))', re.I)


def link_target(header: str | None, rel: str = "next") -> str | None:
    """The URL of the `Link` header's entry whose rel (a space-separated list) holds `rel`, else None."""
    for match in _LINK.finditer(header or ""):
        for found in _REL.finditer(match.group(2)):
            if rel in (found.group(1) or found.group(2) or "").lower().split():
                return match.group(1).strip()
    return None


def next_page(
    pag: Pagination,
    number: int,
    size: int,
    records: Sequence[Mapping[str, Any]],
    body: Any,
    headers: Mapping[str, str],
    id_field: str | None = None,
) -> NextPage | None:
    """The request after page `number` (0-based) that held `records`, or None when it was the last page."""
    if not pag.pages or not records:
        return None
    short = len(records) < size
    if pag.style == "offset":
        assert pag.page_param is not None
        return None if short else NextPage(((pag.page_param, (number + 1) * size),))
    if pag.style == "page":
        assert pag.page_param is not None
        return None if short else NextPage(((pag.page_param, pag.first_page + number + 1),))
    if pag.style == "cursor":
        assert pag.page_param is not None
        token = dig(body, pag.token_path)
        if token is None or token == "" or isinstance(token, (dict, list, bool)):
            return None
        return NextPage(((pag.page_param, token),))
    if pag.style == "after_id":
        assert pag.page_param is not None and id_field is not None
        more = dig(body, pag.token_path) if pag.token_path else not short
        last = records[-1].get(id_field)
        return NextPage(((pag.page_param, last),)) if more is True and last is not None else None
    lower = {k.lower(): v for k, v in headers.items()}
    url = link_target(lower.get("link"), pag.link_rel)
    return NextPage(url=url) if url else None
