"""Check that every request a platform sent is the request the summary (each README, dist/REVIEW.md) says it sends.

`compare` holds every target to the reference's requests; this holds every target, the reference included, to
`model.requests.RequestSummary` as its platform's `Dialect` views it, so what the review page says is what each
platform sent: the method; the path (its placeholders filled with the plan's inputs); only query parameters the
summary lists (fixed, mapped, paging, the since-cursor, the auth's); every fixed query value; each mapped input the
plan gave, with the value it gave (typed and in the API's format); a trigger cursor in its format; no body where the
summary has none, a body in its encoding with only the fields it lists, the fixed ones present and each scalar input
with the plan's value. Requests compare as `compare.normalise` left them (an OAuth2 token request is skipped; a
Link page after the first is the API's own URL, so only its method is checked).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model import Input, Model, Operation, values
from ..model.requests import REFERENCE, Dialect, RequestSummary
from ..render import targets
from ..runtime.request import InputError, is_empty, query_text, typed
from .compare import CURSOR

_PARAM = re.compile(r"\{([^{}]*)\}")
Swap = Callable[[Any], Any]


def dialect(name: str) -> Dialect:
    """The request dialect of the executor called `name`: its target's, else the reference runtime's."""
    found = targets().get(name)
    return found.requests if found is not None else REFERENCE


def _route(path: str) -> re.Pattern[str]:
    parts = _PARAM.split(path)  # text, name, text, name, ...
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<p{i // 2}>[^/]+)" for i, p in enumerate(parts))
    return re.compile(pattern + "$")


def _expected(inp: Input, value: Any) -> Any:
    """The plan's value as the API takes it (typed, a date-time in the API's format), or None if it cannot be."""
    try:
        return typed(inp.field, value, inp.name, inp.label)
    except InputError:  # a step that must be refused: nothing to compare
        return None


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _text(value: Any) -> str:
    return query_text(value) if _scalar(value) else str(value)


def _path_problems(
    summary: RequestSummary, op: Operation, path: str, url: bool, given: Mapping[str, Any], swap: Swap
) -> list[str]:
    route = _route(summary.path)
    found = route.search(path) if url else route.fullmatch(path)
    if found is None:
        return [f"path is {path}, the summary says {summary.path}"]
    out = []
    names = _PARAM.findall(summary.path)
    for index, name in enumerate(names):
        if name not in summary.path_inputs or is_empty(given.get(name)):
            continue
        want = _expected(op.input(name), given[name])
        if want is None:
            continue
        sent = unquote(found.group(f"p{index}"))
        if sent != swap(values.format_text(want)):
            out.append(f"path parameter {{{name}}} is {sent!r}, the plan gave {swap(values.format_text(want))!r}")
    return out


def _query_problems(
    model: Model,
    summary: RequestSummary,
    view: RequestSummary,
    op: Operation,
    query: Mapping[str, list[str]],
    given: Mapping[str, Any],
    swap: Swap,
) -> list[str]:
    out = []
    allowed = set(summary.query_names) | {p.name for p in model.auth.query}
    extra = sorted(set(query) - allowed)
    if extra:
        out.append(f"sends query parameter(s) {', '.join(extra)}, which the summary does not list")
    paging = set(summary.paging.params) if summary.paging else set()
    for name, fixed in summary.fixed_query:
        if name in paging and name in query:  # a fixed page size the paging sends
            continue
        if query.get(name) != [query_text(fixed)]:
            out.append(f"fixed query {name}={query_text(fixed)} is {query.get(name)!r}")
    kept = {m.name for m in view.query}
    for mapped in summary.query:
        value = given.get(mapped.name)
        if mapped.name not in kept:
            if mapped.name in query:
                out.append(f"sends the advanced input {mapped.name}, which this platform leaves out")
            continue
        if is_empty(value):
            continue
        want = _expected(op.input(mapped.name), value)
        if want is None or not _scalar(want):
            continue
        sent = query.get(mapped.name)
        if sent == [CURSOR]:  # the route's trigger cursor too: its value was checked against its format instead
            continue
        if sent != [swap(_text(want))]:
            shown = "left out" if sent is None else f"{sent!r}"
            out.append(f"query {mapped.name} is {shown}, the plan gave {swap(_text(want))!r}")
    cursor = summary.cursor.param if summary.cursor else None
    if cursor and cursor in query and any(v != CURSOR for v in query[cursor]):
        out.append(f"since-cursor {cursor} is {query[cursor]!r}: not in {summary.cursor.format if summary.cursor else ''}")
    return out


def _body_problems(
    summary: RequestSummary, view: RequestSummary, op: Operation, body: Any, given: Mapping[str, Any], swap: Swap
) -> list[str]:
    if summary.encoding is None:
        return [] if body in (None, "", {}) else [f"sends a body {body!r}; the summary says no body"]
    form = isinstance(body, dict) and set(body) == {"form"} and isinstance(body["form"], dict)
    if body is None:
        return [] if not summary.fixed_body else ["sends no body; the summary says fixed fields " + ", ".join(summary.fixed_body)]
    if form != (summary.encoding == "form") or not isinstance(body, dict):
        kind = "a form body" if form else "a JSON body" if isinstance(body, dict) else f"the body {body!r}"
        return [f"sends {kind}; the summary says {summary.encoding}"]
    fields: dict[str, Any] = body["form"] if form else body
    out = []
    extra = sorted(set(fields) - set(view.body_names))
    if extra:
        out.append(f"sends body field(s) {', '.join(extra)}, which the summary does not list")
    missing = [k for k in summary.fixed_body if k not in fields]
    if missing:
        out.append(f"leaves out the fixed body field(s) {', '.join(missing)}")
    inner = fields.get(summary.wrap) if summary.wrap else fields
    if not isinstance(inner, dict):
        return out
    for mapped in view.body:
        value = given.get(mapped.name)
        want = None if is_empty(value) else _expected(op.input(mapped.name), value)
        if want is None or not _scalar(want):
            continue
        sent = inner.get(mapped.name)
        expected = swap(_text(want) if form else want)
        if sent != expected:
            shown = "left out" if sent is None else repr(sent)
            out.append(f"body field {mapped.name} is {shown}, the plan gave {expected!r}")
    return out


def problems(
    model: Model,
    summary: RequestSummary,
    platform: Dialect,
    requests: list[dict[str, Any]],
    inputs: Mapping[str, Any],
    swap: Swap = lambda value: value,
) -> list[str]:
    """Every way `requests` (one step's, normalised) differ from `summary` as `platform` sends it, one line each,
    for the plan's `inputs`; `swap` turns an expected value into its real-run stand-in (an id the API gave)."""
    op = model.operation(summary.operation)
    view = platform.view(summary)
    linked = summary.paging is not None and summary.paging.style == "link"
    out = []
    for number, req in enumerate(requests, start=1):
        if "auth" not in req:  # an OAuth2 token request: the platform's own, not the operation's
            continue
        url = req.get("url")
        where = f"request {number} ({req.get('method')} {url or req.get('path')})"
        found = []
        if req.get("method") != summary.method:
            found.append(f"method is {req.get('method')}, the summary says {summary.method}")
        follow_up = linked and number > 1
        if not follow_up:
            path = urlsplit(url).path if url else str(req.get("path"))
            found += _path_problems(summary, op, path, bool(url), inputs, swap)
            found += _query_problems(model, summary, view, op, req.get("query") or {}, inputs, swap)
        found += _body_problems(summary, view, op, req.get("body"), inputs, swap)
        out += [f"{where}: {f} (see {summary.operation} in REVIEW.md)" for f in found]
    return out
