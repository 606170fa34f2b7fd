"""Markdown prose: spec text placed in a generated README renders as that text, never as markup."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Model, requests, values
from .model.requests import Cursor, Dialect, Mapped, Paging, RequestSummary

# Characters that start inline markup (emphasis, code, links, HTML, table cells) anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|])")
# Characters that start a block (heading, quote, list) at the beginning of a line.
_BLOCK_START = re.compile(r"^([#>+-])")
_LINE_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029]")


def prose(text: str) -> str:
    """`text` as one line of Markdown that renders as the text itself."""
    return _BLOCK_START.sub(r"\\\1", _INLINE.sub(r"\\\1", _LINE_BREAKS.sub(" ", text)))


def code(text: str) -> str:
    """`text` as one inline code span, fenced by more backticks than any run inside it."""
    flat = _LINE_BREAKS.sub(" ", text)
    runs = [len(run) for run in re.findall(r"`+", flat)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if runs else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _names(mapped: Iterable[Mapped]) -> list[str]:
    return [code(m.name) + (" (required)" if m.required else "") + (" (advanced)" if m.advanced else "") for m in mapped]


def _paging(pag: Paging | None) -> str:
    if pag is None:
        return "—"
    limit = f"{code(pag.limit_param)}={pag.size}" if pag.limit_param else f"{pag.size} a page"
    where = " (in the body)" if pag.location == "body" else ""
    moves = {
        "offset": f"{code(pag.page_param or '')} = records read so far (left out on the first page)",
        "page": f"{code(pag.page_param or '')} from {pag.first_page}",
        "cursor": f"{code(pag.page_param or '')} = the token at {code('.'.join(pag.token_path))}",
        "after_id": f"{code(pag.page_param or '')} = the last record's id"
        + (f" while {code('.'.join(pag.token_path))}" if pag.token_path else ""),
        "link": f"the `Link` header's rel={code(pag.link_rel or 'next')} URL",
        "none": "one page",
    }[pag.style]
    cap = f", at most {pag.max_pages} pages" if pag.style != "none" else ""
    return f"{pag.style}: {limit}, {moves}{where}{cap}"


def _cursor(cursor: Cursor | None, dialect: Dialect) -> str:
    if cursor is None:
        return "—"
    if cursor.param is None:
        return f"no since parameter: newest first by {code(cursor.field)}"
    return f"{code(cursor.param)} = {dialect.since_value(cursor)} ({cursor.format}), vs {code(cursor.field)}"


def _body(summary: RequestSummary) -> str:
    if summary.encoding is None:
        return "no body"
    fields = [f"{code(k)} (fixed)" for k in summary.fixed_body]
    mapped = ", ".join(_names(summary.body))
    if summary.wrap and summary.body:
        fields.append(f"{code(summary.wrap)}: {{{mapped}}}")
    elif mapped:
        fields.append(mapped)
    encoding = "form" if summary.encoding == "form" else "JSON"
    return f"{encoding}: " + (", ".join(fields) or "paging only")


def request_cells(summary: RequestSummary, dialect: Dialect) -> list[str]:
    """The cells of one request's row (see `REQUEST_COLUMNS`), as `dialect`'s platform sends it."""
    view = dialect.view(summary)
    fixed = ", ".join(code(f"{k}={values.format_text(v)}") for k, v in view.fixed_query)
    miss = dialect.miss_text(view.miss_status) if view.miss_status is not None else "—"
    return [
        code(f"{view.method} {view.path}"),
        fixed or "—",
        ", ".join(_names(view.query)) or "—",
        _body(view),
        _paging(view.paging),
        _cursor(view.cursor, dialect),
        miss,
    ]


REQUEST_COLUMNS = ("request", "fixed query", "mapped query", "body", "pagination", "since cursor", "miss")


def request_table(first: str, rows: Iterable[tuple[str, RequestSummary, Dialect]]) -> str:
    """A Markdown table of requests: a first column named `first` (its cells are Markdown already), then one
    request per row as its dialect's platform sends it."""
    head = [first, *REQUEST_COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    # A `|` ends a table cell even inside a code span unless escaped (GFM tables); prose() escapes its own already.
    lines += [
        "| " + " | ".join([cell, *(c.replace("|", "\\|") for c in request_cells(summary, dialect))]) + " |"
        for cell, summary, dialect in rows
    ]
    return "\n".join(lines)


def operations_table(model: Model, dialect: Dialect) -> str:
    """The table of every operation's request as `dialect`'s platform sends it (each target's README has it)."""
    rows = [(code(s.operation), s, dialect) for s in requests.summaries(model)]
    return request_table("operation", rows)
