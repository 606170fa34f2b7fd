"""What each operation's request is, as one frozen summary computed from the model, and how a platform's differs.

`summarise(op)` says, for one operation, everything a reviewer needs to know about the request every target sends:
method, path template (with the inputs and connection settings it names), fixed query, query parameters and body
fields mapped from inputs, the body's encoding, where the auth goes (names only, never a value), the pagination's
style and parameters, a trigger's since-cursor parameter and its format, and what a miss is. Every target's README
and dist/REVIEW.md render it (`markdown.request_table`), and smoke checks every recorded request against it
(`smoke.conformance`).

Where platforms legitimately differ, a `Dialect` says how (each target's conventions module declares its own as
`REQUESTS`; `REFERENCE` is the reference runtime's): what a trigger's since-cursor holds, whether advanced inputs
are sent, whether a search's miss is an error. Shared code asks the dialect, never the target's name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from ..frozen import Frozen
from .app import Model
from .http import Encoding
from .nodes import POLL_OVERLAP_MS, POLL_WINDOW_DAYS, Input, Operation, OperationKind
from .paging import Pagination, PaginationStyle, ParamIn
from .values import Scalar

Since = Literal["state", "window"]
Advanced = Literal["shown", "left_out"]
_FORMATS = {"epoch_ms": "epoch ms", "epoch_s": "epoch s", "iso8601": "ISO 8601"}


@dataclass(frozen=True, repr=False, eq=False)
class Mapped(Frozen):
    """A query parameter or body field that carries one input's value (its name in the request is the input's)."""

    name: str
    required: bool
    advanced: bool


@dataclass(frozen=True, repr=False, eq=False)
class Paging(Frozen):
    """How a list's request pages: the style and the parameters that move it, and the page size it asks for."""

    style: PaginationStyle
    location: ParamIn
    limit_param: str | None
    size: int
    page_param: str | None  # offset, page number, cursor token or last id, by style; None for link and none
    first_page: int | None  # style page: the first page's number
    token_path: tuple[str, ...]  # cursor: where the next token is read; after_id: the has-more flag
    link_rel: str | None  # style link: the Link relation followed
    max_pages: int

    @property
    def params(self) -> tuple[str, ...]:
        """The parameters paging may add to a request (limit, then the page parameter)."""
        return tuple(p for p in (self.limit_param, self.page_param) if p)


@dataclass(frozen=True, repr=False, eq=False)
class Cursor(Frozen):
    """A trigger's since-cursor: the parameter, the record field it compares with, and the parameter's format."""

    param: str | None  # None: the API lists newest first and a poll stops at the newest record it already saw
    field: str
    format: str  # "epoch ms", "epoch s", "ISO 8601" or "date"
    order: str


@dataclass(frozen=True, repr=False, eq=False)
class RequestSummary(Frozen):
    """One operation's request as every target sends it (before a platform's `Dialect` applies)."""

    operation: str
    label: str
    kind: OperationKind
    method: str
    path: str
    path_inputs: tuple[str, ...]  # path placeholders filled from inputs
    path_settings: tuple[str, ...]  # path placeholders filled from the connection's settings
    fixed_query: tuple[tuple[str, Scalar], ...]
    query: tuple[Mapped, ...]
    fixed_body: tuple[str, ...]  # body fields with a fixed value, sent before the inputs
    body: tuple[Mapped, ...]
    wrap: str | None  # the one key the body's input fields are sent inside
    encoding: Encoding | None  # None: no body is sent
    auth: tuple[str, ...]  # where the credentials go ("header API-Key", "query key"), never a value
    paging: Paging | None
    cursor: Cursor | None
    miss_status: int | None  # a search's status that means "nothing found"

    @property
    def query_names(self) -> tuple[str, ...]:
        """Every query parameter this request may carry besides the auth's: fixed, mapped, paging and cursor."""
        names = [k for k, _ in self.fixed_query] + [m.name for m in self.query]
        if self.paging and self.paging.location == "query":
            names += [p for p in self.paging.params if p not in names]
        if self.cursor and self.cursor.param and self.cursor.param not in names:
            names.append(self.cursor.param)
        return tuple(names)

    @property
    def body_names(self) -> tuple[str, ...]:
        """Every top-level body field this request may carry: fixed, then the inputs' (or their wrap key), paging."""
        names = list(self.fixed_body)
        names += [self.wrap] if self.wrap and self.body else [m.name for m in self.body]
        if self.paging and self.paging.location == "body":
            names += [p for p in self.paging.params if p not in names]
        return tuple(names)


@dataclass(frozen=True, repr=False, eq=False)
class Dialect(Frozen):
    """How one platform's requests legitimately differ from the summary (declared by its conventions module)."""

    name: str  # the column head on the review page
    since: Since  # a trigger's since-cursor: the last poll's cursor (state) or now − the poll window (window)
    advanced: Advanced = "shown"  # whether advanced inputs are offered and sent, or left out of the form
    miss_is_error: bool = False  # a search's not-found status is reported as an error (the user adds a handler)

    def sends(self, mapped: Mapped) -> bool:
        """Whether this platform sends the input behind `mapped` when the user gives it."""
        return self.advanced == "shown" or not mapped.advanced or mapped.required  # a required input is never left out

    def view(self, summary: RequestSummary) -> RequestSummary:
        """The summary as this platform sends it: advanced inputs it leaves out are gone."""
        return dataclasses.replace(
            summary,
            query=tuple(m for m in summary.query if self.sends(m)),
            body=tuple(m for m in summary.body if self.sends(m)),
        )

    def since_value(self, cursor: Cursor) -> str:
        """What a trigger's since parameter holds on this platform, in words."""
        if self.since == "window":
            return f"now − {POLL_WINDOW_DAYS} days"
        return f"last poll's cursor − {POLL_OVERLAP_MS} ms"

    @property
    def rules(self) -> tuple[str, str, str]:
        """This platform's three differences in words: the since-cursor, advanced inputs, a search's miss."""
        since = (
            "the last poll's cursor (kept in the poll state)"
            if self.since == "state"
            else f"now − {POLL_WINDOW_DAYS} days; the platform's dedupe drops what it already saw"
        )
        advanced = "offered as advanced options" if self.advanced == "shown" else "left out of the form"
        miss = "an error: add an error handler" if self.miss_is_error else "no match (an empty result)"
        return since, advanced, miss

    def miss_text(self, status: int) -> str:
        """What a search's not-found status does on this platform."""
        return f"{status} is an error (add an error handler)" if self.miss_is_error else f"{status} is no match"


# The reference runtime (`connector_gen.runtime`), every other target's yardstick in smoke.
REFERENCE = Dialect("reference runtime", since="state")


def _mapped(inp: Input) -> Mapped:
    return Mapped(inp.name, inp.required, inp.advanced)


def _auth(model: Model) -> tuple[str, ...]:
    auth = model.auth
    if auth.kind == "basic":
        return ("header Authorization (HTTP Basic)",)
    return tuple(f"{p.location} {p.name}" for p in auth.send)


def read_pagination(op: Operation) -> Pagination | None:
    """The pagination an operation's reads follow: its effective one, for answers that hold a list; a search
    whose path names a record (`/items/{id}`) is a lookup of one answer, not a collection."""
    lookup = op.kind == "search" and bool(op.inputs_in("path"))
    return op.pagination if op.response.many and not lookup else None


def _paging(op: Operation) -> Paging | None:
    pag = read_pagination(op)
    if pag is None or op.kind not in ("list", "search", "polling_trigger"):
        return None
    size = op.trigger.page_size if op.trigger else op.page_size
    return Paging(
        style=pag.style,
        location=pag.location,
        limit_param=pag.limit_param,
        size=size,
        page_param=pag.page_param if pag.style not in ("link", "none") else None,
        first_page=pag.first_page if pag.style == "page" else None,
        token_path=pag.token_path if pag.style in ("cursor", "after_id") else (),
        link_rel=pag.link_rel if pag.style == "link" else None,
        max_pages=pag.max_pages,
    )


def cursor_format(op: Operation, param: str | None) -> str:
    """The format of a trigger's since parameter: its filter field's (epoch ms when no filter types it)."""
    flt = op.resource.filter(param) if param else None
    if flt is None:
        return "epoch ms"
    if flt.field.type == "date":
        return "date"
    return _FORMATS.get(flt.field.format or "", "epoch ms") if flt.field.type == "datetime" else "epoch ms"


def summarise(model: Model, op: Operation) -> RequestSummary:
    """The summary of `op`'s request."""
    req = op.request
    inputs = {i.name for i in op.inputs_in("path")}
    body = op.inputs_in("body")
    trig = op.trigger
    cursor = None
    if trig is not None:
        cursor = Cursor(trig.cursor_param, trig.cursor_field, cursor_format(op, trig.cursor_param), trig.order)
    paging = _paging(op)
    has_body = bool(body or req.body) or (paging is not None and paging.location == "body")
    return RequestSummary(
        operation=op.key,
        label=op.label,
        kind=op.kind,
        method=req.method,
        path=req.path,
        path_inputs=tuple(p for p in req.path_params if p in inputs),
        path_settings=tuple(p for p in req.path_params if p not in inputs),
        fixed_query=req.query,
        query=tuple(_mapped(i) for i in op.inputs_in("query")),
        fixed_body=tuple(k for k, _ in req.body),
        body=tuple(_mapped(i) for i in body),
        wrap=req.wrap,
        encoding=req.encoding if has_body else None,
        auth=_auth(model),
        paging=paging,
        cursor=cursor,
        miss_status=op.search.not_found_status if op.search else None,
    )


def summaries(model: Model) -> tuple[RequestSummary, ...]:
    """The summary of every operation, in spec order."""
    return tuple(summarise(model, op) for op in model.operations)
