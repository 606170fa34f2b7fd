"""Reading a collection page by page, in any pagination style, as model/paging.py defines each style's requests.

First request: the operation's call plus `first_params` (in the query, or the body for `in: body`). Next request:
the first one plus `NextPage.params` (replacing earlier paging values), or exactly `NextPage.url` for style link
(its query replaces the first request's; the connection's credentials are still applied, and only to a URL of the
API's own origin). Reaching the pagination's `max_pages` with more to read raises a clear error; a reader that
has read enough (a search's max_results, a trigger's cursor) simply stops iterating.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..model import Operation, Pagination, Scalar
from ..model.paging import first_params, next_page
from ..model.requests import read_pagination
from .client import ApiError, Client, unwrap
from .request import HttpCall


def paging_of(operation: Operation) -> Pagination | None:
    """The pagination the operation's reads follow (`model.requests.read_pagination`, which the review page shows)."""
    return read_pagination(operation)


def _with(call: HttpCall, pag: Pagination, params: tuple[tuple[str, Scalar], ...]) -> HttpCall:
    if not params:
        return call
    if pag.location == "body":
        return dataclasses.replace(call, body={**(call.body or {}), **dict(params)})
    return call.with_query(**dict(params))


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _follow(client: Client, operation: Operation, first: HttpCall, url: str) -> HttpCall:
    # The Link URL is the API's; credentials go only to the API's own origin, never to a host a header names.
    if _origin(client.served(url)) != _origin(client.base_url):
        message = f"{operation.label}: the next page's link leaves the API ({_origin(url)[1]}); stopping"
        raise ApiError(None, message, "invalid_response")
    return dataclasses.replace(first, url=url, query=())


def pages(client: Client, operation: Operation, call: HttpCall, size: int) -> Iterator[list[dict[str, Any]]]:
    """The records of each page of `call` (pages of `size`), until the style says it was the last page."""
    pag = paging_of(operation)
    if pag is None:
        yield client.records(call)
        return
    first = _with(call, pag, first_params(pag, size))
    current = first
    for number in range(pag.max_pages):
        body, headers = client.exchange(current)
        records = unwrap(current.shape or operation.response, body)
        yield records
        nxt = next_page(pag, number, size, records, body, headers, operation.resource.id_field)
        if nxt is None:
            return
        current = _follow(client, operation, first, nxt.url) if nxt.url is not None else _with(first, pag, nxt.params)
    raise ApiError(None, f"{operation.label}: more than {pag.max_pages} pages; stopping", "too_many_pages")
