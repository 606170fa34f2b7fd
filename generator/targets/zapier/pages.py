"""Paging on Zapier: what the shared paging loop (beforeApp's `z.pages`) is told per operation, and how polls read."""

from __future__ import annotations

from typing import Any

from ... import markdown
from ...model import POLL_WINDOW_DAYS, Operation, Scalar
from ...model.paging import Pagination, first_params

# Zapier keeps no cursor between polls, so triggers ask for this window back from now (bounded, never 0).
POLL_WINDOW_MS = POLL_WINDOW_DAYS * 24 * 60 * 60 * 1000
_FORMAT_TEXT = {"epoch_ms": "epoch milliseconds", "epoch_s": "epoch seconds", "iso8601": "ISO 8601", "date": "a date"}


def pagination(op: Operation) -> Pagination | None:
    """The pagination `op` reads by (lists, triggers and searches of a list), else None."""
    pag = op.pagination
    if pag is None or not op.response.many or op.kind not in ("list", "polling_trigger", "search"):
        return None
    # As the runtime reads it: a search whose path names a record (`/jobs/{id}`) is a lookup, not a page.
    return None if op.kind == "search" and op.inputs_in("path") else pag


def paging(op: Operation) -> dict[str, Any]:
    """The description of `op`'s paging that the shared loop follows (style none: one request)."""
    pag = pagination(op)
    if pag is None or not pag.pages:
        return {"style": "none", "in": "query", "size": op.page_size, "maxPages": 1, "label": op.label}
    return {
        "style": pag.style,
        "in": pag.location,
        "size": op.page_size,
        "param": pag.page_param,
        "first": pag.first_page,
        "token": list(pag.token_path),
        "rel": pag.link_rel,
        "idField": op.resource.id_field,
        "maxPages": pag.max_pages,
        "label": op.label,
    }


def first(op: Operation) -> tuple[tuple[str, Scalar], ...]:
    """The paging parameters of `op`'s first request (in `pagination(op).location`)."""
    pag = pagination(op)
    return first_params(pag, op.page_size) if pag is not None else ()


def in_body(op: Operation) -> bool:
    """Whether `op` sends its paging parameters in the request body."""
    pag = pagination(op)
    return pag is not None and pag.location == "body"


def since_format(op: Operation) -> str | None:
    """The wire format of a trigger's since parameter: epoch_ms, epoch_s, iso8601 or date (None: no parameter)."""
    trig = op.trigger
    if trig is None or trig.cursor_param is None:
        return None
    flt = op.resource.filter(trig.cursor_param)
    if flt is not None and flt.field.type == "date":
        return "date"
    return flt.field.format if flt is not None and flt.field.format is not None else "epoch_ms"


def poll_context(op: Operation) -> dict[str, Any]:
    """What poll.js needs besides the request: the since parameter, the cursor field, the window."""
    trig = op.trigger
    assert trig is not None
    fmt = since_format(op)
    fld = op.resource.field(trig.cursor_field)
    since = {"param": trig.cursor_param, "format": fmt, "format_text": _FORMAT_TEXT[fmt]} if fmt else None
    cursor = {
        "name": trig.cursor_field,
        "path": trig.cursor_field.split("."),
        "scale": 1000 if fld.format == "epoch_s" else 1,
        "integer": fld.type == "integer",
    }
    return {"since": since, "cursor": cursor, "window_ms": POLL_WINDOW_MS, "window_days": POLL_WINDOW_DAYS}


def _next_text(op: Operation) -> str:
    pag = pagination(op)
    if pag is None or not pag.pages:
        return ""
    param = markdown.code(pag.page_param or "")
    how = {
        "offset": f"{param} = records read so far, until a short page",
        "page": f"{param} = the next page number, until a short page",
        "cursor": f"{param} = the token at {markdown.code('.'.join(pag.token_path))}, until none is given",
        "after_id": f"{param} = the last record's id, "
        + (f"while {markdown.code('.'.join(pag.token_path))} is true" if pag.token_path else "until a short page"),
        "link": f'the {markdown.code("Link")} header\'s `rel="{pag.link_rel}"` URL, until there is none',
    }[pag.style]
    return f"{how}; at most {pag.max_pages} pages"


def poll_text(op: Operation) -> str:
    """What each poll of trigger `op` requests, and its trade-off, in README words."""
    trig = op.trigger
    assert trig is not None
    nxt = _next_text(op)
    field = markdown.code(trig.cursor_field)
    if trig.cursor_param is not None:
        fmt = since_format(op)
        assert fmt is not None
        text = (
            f"each poll asks for {markdown.code(trig.cursor_param)} = now - {POLL_WINDOW_DAYS} days ({_FORMAT_TEXT[fmt]}) "
            f"and reads every page of that window"
            + (f" ({nxt})" if nxt else "")
            + "; a quiet poll (one page of changes or fewer in the window) is one request. Trade-off: Zapier keeps no "
            "cursor, so no change is lost whatever the API's order or count, but a busy API costs one request per page "
            f"of changes in the last {POLL_WINDOW_DAYS} days on every poll"
        )
    elif op.resource.field(trig.cursor_field).type == "integer":
        text = (
            f"each poll reads the first page only (newest {field} first, {op.page_size} records); more than one page of "
            "new records between two polls loses the oldest of them"
        )
    else:
        text = (
            f"the API has no since filter: each poll reads newest-first pages until a record's {field} is older than "
            f"now - {POLL_WINDOW_DAYS} days, or the last page"
            + (f" ({nxt})" if nxt else "")
            + f"; a quiet poll is one request when the first page reaches past the window. Trade-off: a busy API costs "
            f"one request per page of records changed in the last {POLL_WINDOW_DAYS} days"
        )
    scope = [i for i in op.inputs if i.location == "path"]
    if scope:
        names = ", ".join(markdown.prose(i.label) for i in scope)
        text += f". Scoped by {names} (required): a changed scope starts over, as Zapier's dedupe is kept per Zap"
    return text
