"""Collection reads: query parameters parsed from the resource's filters and paging, then filter, order, page."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Field, Filter, Pagination, Resource, values
from .pages import BadPage, Order, Paged, names, read
from .store import Record, get_path


class BadQuery(Exception):
    """A query parameter is unknown, repeated or has a bad value; the text is the whole message."""


def parse_value(name: str, fld: Field, text: str) -> Any:
    """The typed value of query parameter `name` from its text; raises BadQuery with a precise message."""
    value = values.parse(fld, text)
    found = values.problem(fld, value)
    if found:
        raise BadQuery(f"Query parameter '{name}' {found.must} (got '{text}').")
    return value


@dataclass(frozen=True)
class Page:
    """The parsed query of one collection request."""

    filters: tuple[tuple[Filter, Any], ...]
    paged: Paged


def parse(
    resource: Resource,
    query: dict[str, list[str]],
    fixed: Mapping[str, frozenset[str]] | None = None,
    body: Any = None,
    pag: Pagination | None = None,
) -> Page:
    """Check every query parameter against the resource's filters and the paging `pag` (in the query or, for
    `in: body`, the body), and the fixed query values that are no filter (`fixed`: name -> the texts the route's
    operations send, accepted as written); a search that POSTs sends its filters as the JSON `body`; raises
    BadQuery."""
    paging = names(pag)
    accepted = [f.name for f in resource.filters] + sorted(paging)
    fixed = {k: v for k, v in (fixed or {}).items() if k not in accepted}
    for name in sorted(query):
        if name not in accepted and name not in fixed:
            hint = ", ".join(accepted + [k for k in fixed if k not in accepted]) or "none"
            raise BadQuery(f"Unknown query parameter '{name}' (accepted: {hint}).")
        if len(query[name]) > 1:
            raise BadQuery(f"Query parameter '{name}' is given more than once.")
    single = {name: values[0] for name, values in query.items()}
    for name, texts in fixed.items():
        if name in single and single[name] not in texts:
            wanted = "' or '".join(sorted(texts))
            raise BadQuery(f"Query parameter '{name}' must be '{wanted}' (got '{single[name]}').")
    filters = [(f, parse_value(f.name, f.field, single[f.name])) for f in resource.filters if f.name in single]
    filters += _body_filters(resource, body, accepted, {f.name for f, _ in filters})
    if body is not None:
        single |= {k: values.format_text(v) for k, v in body.items() if k in paging and isinstance(v, int | str)}
    try:
        return Page(tuple(filters), read(pag, single))
    except BadPage as exc:
        raise BadQuery(str(exc)) from None


def _body_filters(resource: Resource, body: Any, accepted: list[str], taken: set[str]) -> list[tuple[Filter, Any]]:
    # A JSON body carries typed values: an integer filter sent as text is refused, as values.problem says.
    if body is None:
        return []
    if not isinstance(body, dict):
        raise BadQuery("The request body must be a JSON object of search fields.")
    out: list[tuple[Filter, Any]] = []
    for name in body:
        if name not in accepted:
            raise BadQuery(f"Unknown body field '{name}' (accepted: {', '.join(accepted) or 'none'}).")
        flt = resource.filter(name)
        if flt is None or body[name] is None:
            continue
        if name in taken:
            raise BadQuery(f"'{name}' is given in both the query and the body.")
        found = values.problem(flt.field, body[name])
        if found:
            raise BadQuery(f"Body field '{name}' {found.must} (got {json.dumps(body[name])}).")
        out.append((flt, body[name]))
    return out


def _moment(fld: Field, value: Any) -> float | None:
    moment = values.instant(value, fld.format or "iso8601")
    return moment.timestamp() if moment is not None else None


def _day(fld: Field, value: Any) -> str | None:
    # The UTC day (YYYY-MM-DD) of a date or date-time field's value.
    if fld.type == "date":
        return value if isinstance(value, str) else None
    moment = values.instant(value, fld.format or "iso8601") if fld.type == "datetime" else None
    return moment.astimezone(dt.UTC).date().isoformat() if moment is not None else None


def _matches(resource: Resource, flt: Filter, value: Any, record: Record) -> bool:
    found = [get_path(record, t) for t in flt.targets]
    if flt.op == "eq":
        # A choice of the filter that none of its fields can hold (GitHub's state=all beside open and closed) names
        # no value to match: it asks for every record.
        fields = [resource.field(t) for t in flt.targets]
        if value in flt.field.choices and all(f.choices and value not in f.choices for f in fields):
            return True
        return any(v == value for v in found)
    if flt.op == "gte":
        if flt.field.type == "date":
            # A date filter keeps records on or after that UTC day, whatever format the field itself has.
            days = [_day(resource.field(t), v) for t, v in zip(flt.targets, found, strict=True)]
            return isinstance(value, str) and any(d is not None and d >= value for d in days)
        if flt.field.type == "datetime":
            # Date-times compare as moments, each read in its own format (an epoch_s filter on an ISO field).
            since = _moment(flt.field, value)
            fields = [resource.field(t) for t in flt.targets]
            moments = [_moment(f if f.type == "datetime" else flt.field, v) for f, v in zip(fields, found, strict=True)]
            return since is not None and any(m is not None and m >= since for m in moments)
        return any(isinstance(v, int | float) and not isinstance(v, bool) and v >= value for v in found)
    if flt.op == "contains":
        needle = str(value).lower()
        return any(v is not None and needle in str(v).lower() for v in found)
    raise AssertionError(f"unhandled filter op {flt.op}")


def order_of(resource: Resource, field: str | None = None, desc: bool = True) -> Order:
    """The collection's order: `field` when given (a trigger's declared order), else the resource's own."""
    if field is not None:
        return Order(field, desc, resource.id_field)
    return Order(resource.order_field, resource.order_desc, resource.id_field)


def _ordered(order: Order, rows: list[Record]) -> list[Record]:
    # Newest first (or the spec's direction) by the order field; ties by id in the same direction, records
    # without the order field last; no order field -> insertion order.
    if not order.field:
        return rows
    field = order.field
    present = [r for r in rows if get_path(r, field) is not None]
    missing = [r for r in rows if get_path(r, field) is None]
    return sorted(present, key=lambda r: tuple(order.key(r)), reverse=order.desc) + missing


def select(resource: Resource, rows: list[Record], page: Page, order: Order | None = None) -> list[Record]:
    """The stored records matching the page's filters, ordered (live objects; `pages.serve` cuts the page)."""
    given = dict((f.name, v) for f, v in page.filters)
    out = []
    for record in rows:
        keep = True
        for flt in resource.filters:
            if flt.op == "include":
                # A boolean switch: records flagged by the target field are hidden unless it is true.
                if not given.get(flt.name) and any(get_path(record, t) for t in flt.targets):
                    keep = False
            elif flt.name in given and not _matches(resource, flt, given[flt.name], record):
                keep = False
        if keep:
            out.append(record)
    return _ordered(order or order_of(resource), out)
