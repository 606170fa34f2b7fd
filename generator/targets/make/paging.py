"""Paging in Make's own directives: each style's first request, `pagination` directive and stop `condition`.

Make runs a communication's first request, then, while `pagination.condition` holds (it sees the last response's
`body` and `headers`), the request with the `pagination` directive's `qs`/`headers` merged in and its `url`,
`method` and `body` in place of the request's (component-blocks/api/pagination). `{{pagination.page}}` counts
the requests from 1, so the n-th request reads page n. Make also stops once `response.limit` records were
read (the limit directive: "used by pagination logic to determine whether to fetch the next page"). Each style
says model/paging.py's `next_page` in IML:

* offset — `offset.param` = (pagination.page - 1) * size; more while a page is full;
* page — `page.param` = first + pagination.page - 1; more while a page is full;
* cursor — the token at its body path goes to `cursor.param`; more while the token is not empty;
* after_id — the last record's id (`last()`) goes to `after.param`; more while `has_more` is true (or a page is full);
* link — the URL of the `Link` header's entry of the next relation, taken with `replace()` and a regular
  expression (help.make.com's text functions), requested as it is (`mergeWithParent: false`);
* every style stops on an empty page and after `max_pages` pages.
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Operation, paging
from ...model.paging import Pagination
from .blocks import iml_path, records
from .escape import iml_literal

# Make's best practice for RPCs (app-components/rpcs, "Limits"): at most 3 requests, 3 pages of records.
RPC_PAGES = 3


def _link_regex(rel: str) -> str:
    """An IML regex literal whose `$1` is the URL of the Link header's entry with relation `rel`, else empty."""
    token = re.escape(rel).replace("/", "\\/")
    entry = rf'<([^>]*)>[^,]*?;\s*rel\s*=\s*"?(?:[^",;]*\s)?{token}(?=[\s";,]|$).*$'
    return f"/^(?:.*?,\\s*)?{entry}|^.*$/i"


def next_link(pag: Pagination) -> str:
    """The IML (no braces) of the next page's URL from the `Link` header, or '' when there is none."""
    return f"replace(ifempty(headers.link, ''), {_link_regex(pag.link_rel)}, '$1')"


def _record(op: Operation, where: str) -> str:
    return iml_path(where, op.response.item)


def last_record(op: Operation) -> str:
    """The IML of the last record of the page just read."""
    return _record(op, f"last({records(op)})")


def _field(op: Operation, ref: str, dotted: str) -> str:
    return iml_path(ref, op.resource.field(dotted).path)


def more(op: Operation, pag: Pagination, size: int) -> str:
    """The IML (no braces) that holds when the page just read says a next page exists (and was not empty)."""
    rows = records(op)
    filled = f"length({rows}) >= {size}"
    if pag.style in ("offset", "page"):
        return filled
    nonempty = f"length({rows}) > 0"
    if pag.style == "cursor":
        token = iml_path("body", pag.token_path)
        return f"{nonempty} && ifempty({token}, undefined) != undefined"
    if pag.style == "after_id":
        assert op.resource.id_field is not None
        flag = f"{iml_path('body', pag.token_path)} == true" if pag.token_path else filled
        return f"{nonempty} && {flag}"
    return f"{nonempty} && {next_link(pag)} != ''"


def _next_value(op: Operation, pag: Pagination, size: int) -> str:
    if pag.style == "offset":
        return f"{{{{(pagination.page - 1) * {size}}}}}"
    if pag.style == "page":  # pagination.page counts from 1
        shift = pag.first_page - 1
        return f"{{{{pagination.page{f' + {shift}' if shift > 0 else f' - {-shift}' if shift < 0 else ''}}}}}"
    if pag.style == "cursor":
        return "{{" + iml_path("body", pag.token_path) + "}}"
    assert op.resource.id_field is not None
    return "{{" + _field(op, last_record(op), op.resource.id_field) + "}}"


def first_params(pag: Pagination, size: int) -> dict[str, Any]:
    """The first request's paging parameters (the limit, the first page number)."""
    return dict(paging.first_params(pag, size))


def add_first(req: dict[str, Any], pag: Pagination, size: int) -> None:
    """Put the first request's paging parameters where the style sends them (the query, or the JSON body)."""
    params = first_params(pag, size)
    if not params:
        return
    if pag.location == "body":
        body = req.get("body")
        req["body"] = {**(body if isinstance(body, dict) else {}), **params}
    else:
        req["qs"] = {**req.get("qs", {}), **params}


def directive(op: Operation, req: dict[str, Any], pag: Pagination, size: int, *, pages: int, stop: str = "") -> dict[str, Any]:
    """The `pagination` directive of a request: the next page's parameters or URL and when to ask for it.

    `pages`: the most pages to read; `stop`: IML that must also hold for a next page (e.g. a trigger's window).
    """
    condition = f"{more(op, pag, size)} && pagination.page < {pages}" + (f" && {stop}" if stop else "")
    if pag.style == "link":
        out: dict[str, Any] = {"mergeWithParent": False, "url": "{{" + next_link(pag) + "}}", "method": req.get("method", "GET")}
        if req.get("headers"):
            out["headers"] = req["headers"]
        out["condition"] = "{{" + condition + "}}"
        return out
    assert pag.page_param is not None
    value = {pag.page_param: _next_value(op, pag, size)}
    out = {"body": {**req.get("body", {}), **value}} if pag.location == "body" else {"qs": value}
    out["condition"] = "{{" + condition + "}}"
    return out


def cap_check(op: Operation, pag: Pagination, size: int, stop: str = "") -> dict[str, Any]:
    """The response `valid` that fails a read reaching the page cap with more to read (nothing is cut silently)."""
    going = more(op, pag, size) + (f" && {stop}" if stop else "")
    message = f"{op.label}: more than {pag.max_pages} pages; stopping"
    return {"condition": f"{{{{pagination.page < {pag.max_pages} || !({going})}}}}", "message": iml_text_literal(message)}


def iml_text_literal(text: str) -> str:
    """Fixed text for a directive Make evaluates as IML (a literal when it holds braces)."""
    return "{{" + iml_literal(text) + "}}" if "{" in text or "}" in text else text


def stamp_ms(op: Operation, ref: str, dotted: str) -> str:
    """The IML of a record's date-time field as epoch milliseconds (a number), whatever its wire format."""
    fld = op.resource.field(dotted)
    value = _field(op, ref, dotted)
    moment = f"parseDate({value}, 'X')" if fld.type == "datetime" and fld.format == "epoch_s" else value
    return f"parseNumber(formatDate({moment}, 'x'))"


def describe(op: Operation, pag: Pagination, size: int) -> str:
    """How a module pages, for the README (Markdown)."""
    if pag.style == "offset":
        how = f"`{pag.page_param}` = (page - 1) × {size}"
    elif pag.style == "page":
        how = f"`{pag.page_param}` = {pag.first_page}, {pag.first_page + 1}, …"
    elif pag.style == "cursor":
        how = f"`{pag.page_param}` = `{'.'.join(pag.token_path)}` of the last answer"
    elif pag.style == "after_id":
        flag = f" while `{'.'.join(pag.token_path)}` is true" if pag.token_path else ""
        how = f"`{pag.page_param}` = the last record's `{op.resource.id_field}`{flag}"
    else:
        how = f'the `Link` header\'s `rel="{pag.link_rel}"` URL'
    where = " (in the body)" if pag.location == "body" else ""
    return f"pages of {size} by {how}{where}"
