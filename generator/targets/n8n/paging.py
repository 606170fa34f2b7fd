"""Paging as data for the generated code: the spec's paginations as one table, and which operations read pages.

The loop itself is one function in the rendered shared/transport.ts (`readPages`, following `model.paging`); every
list, search, dropdown and trigger hands it a key of the `PAGING` table rendered from `paging_table`.
"""

from __future__ import annotations

from typing import Any

from ...model import Model, Operation, Scalar, values
from ...model.paging import Pagination, first_params


def paging_key(pag: Pagination | None) -> str | None:
    """The `PAGING` key of a pagination: its place in the spec (`resources/<key>/pagination`), or None."""
    return pag.pointer.lstrip("/") if pag is not None else None


def _row(op: Operation, pag: Pagination) -> dict[str, Any]:
    return {
        "style": pag.style,
        "in": pag.location,
        "limitParam": pag.limit_param,
        "pageParam": pag.page_param,
        "firstPage": pag.first_page,
        "tokenPath": list(pag.token_path),
        "linkRel": pag.link_rel,
        "maxPages": pag.max_pages,
        "idField": op.resource.id_field,
    }


def paging_table(model: Model) -> dict[str, dict[str, Any]]:
    """Every pagination an operation uses, by `paging_key`, sorted."""
    rows = {paging_key(op.pagination): _row(op, op.pagination) for op in model.operations if op.pagination is not None}
    return {k: rows[k] for k in sorted(k for k in rows if k is not None)}


def reads_pages(op: Operation) -> bool:
    """Whether the action node reads `op` through the paging loop: every list, and searches of a list that pages."""
    if op.kind == "list" or has_limit(op):
        return True
    if op.kind != "search" or op.search is None or op.search.not_found_status or not op.response.many:
        return False
    return op.pagination is not None


def has_limit(op: Operation) -> bool:
    """Whether the node shows Return All and Limit for `op`: every list, whatever its paging, and every search that
    can hand on several records (n8n's Get Many convention); Return All then reads past the search's own maximum."""
    if op.kind == "list":
        return True
    search = op.search
    return (
        op.kind == "search" and search is not None and search.max_results > 1 and op.response.many and not search.not_found_status
    )


_FORMATS = {"epoch_ms": "epoch milliseconds", "epoch_s": "epoch seconds", "iso8601": "ISO 8601", "date": "a date"}


def next_pages(pag: Pagination | None) -> str:
    """How the pages after the first are asked for, in words (README), or "" for one request."""
    if pag is None or not pag.pages:
        return ""
    param, token = f"`{pag.page_param}`", "`" + ".".join(pag.token_path) + "`"
    if pag.style == "offset":
        return f"then {param} = records read so far, until a short page"
    if pag.style == "page":
        return f"then {param} = {pag.first_page + 1}, {pag.first_page + 2}, … until a short page"
    if pag.style == "cursor":
        return f"then {param} = the answer's {token}, until it has none"
    if pag.style == "after_id":
        until = f"until {token} is false" if pag.token_path else "until a short page"
        return f"then {param} = the last record's id, {until}"
    return f'then the `Link` header\'s `rel="{pag.link_rel}"` URL as it is, until there is none'


def poll_requests(model: Model, op: Operation) -> str:
    """What each poll of a trigger requests, in words (README)."""
    trig = op.trigger
    assert trig is not None
    query = [f"{k}={values.format_text(v)}" for k, v in op.request.query]
    query += [f"{k}={values.format_text(v)}" for k, v in _first(op) if k not in dict(op.request.query)]
    if trig.cursor_param:
        since = op.resource.filter(trig.cursor_param)
        fmt = since.field.format if since and since.field.type == "datetime" else "date"
        query.append(f"{trig.cursor_param}=<cursor − 1 s, as {_FORMATS.get(fmt or '', fmt)}>")
    first = f"`{op.request.method} {op.request.path}" + ("?" + "&".join(query) if query else "") + "`"
    rest = next_pages(op.pagination)
    if trig.cursor_param:
        return f"{first}, {rest}" if rest else first
    older = "is below the cursor" if op.resource.field(trig.cursor_field).type == "integer" else "is older than the cursor − 1 s"
    stop = f"newest first, until a page reaches a record whose `{trig.cursor_field}` {older}"
    return f"{first} {stop}; {rest}" if rest else f"{first} {stop}"


def _first(op: Operation) -> tuple[tuple[str, Scalar], ...]:
    return first_params(op.pagination, op.page_size) if op.pagination else ()
