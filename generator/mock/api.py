"""Routes derived from the model's operations, and what each kind of operation does to the store."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from ..model import Model, Operation, Pagination, Resource, values
from ..model.encoding import form_text
from .answers import NO_CONTENT, envelope, shaped
from .bodies import BadBody, Form, as_sent, decode, same, takes_body, typed
from .clock import Clock
from .errors import ApiError
from .fields import Invalid, apply_links, links, merge, validate_body
from .pages import Order, link_url, place, serve
from .query import BadQuery, order_of, parse, select
from .store import Record, Store, stamp, visible

__all__ = ["NO_CONTENT", "Api", "Route", "envelope", "routes", "shaped"]

_PARAM = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Route:
    """One method + path template, answered the way its (first) operation's kind and crud say."""

    method: str
    template: str  # the operation's path with the connection's settings filled in
    pattern: re.Pattern[str]
    operation: Operation
    params: tuple[str, ...]  # the path inputs, in the order the template names them
    fixed_query: dict[str, frozenset[str]]  # each fixed query value the route's operations send, as text
    pagination: Pagination | None = None  # how its collection pages (its first paging operation's)
    order: Order | None = None  # a trigger's declared order by its cursor field, else the resource's order

    @property
    def action(self) -> str:
        """`auth`, `collection`, `get`, the crud of an action, or `act` for an action beyond CRUD (close, reopen)."""
        op = self.operation
        if op.kind == "auth_test":
            return "auth"
        if op.kind == "action":
            return op.crud or "act"
        scoping = op.kind in ("list", "polling_trigger")  # a list's (or trigger's) path inputs scope it
        return "get" if self.params and not scoping else "collection"


def _compile(template: str) -> re.Pattern[str]:
    parts = _PARAM.split(template)
    # Even indexes are literal text, odd ones parameter names.
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<p{i // 2}>[^/]+)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$")


def _with_settings(op: Operation, settings: Mapping[str, str]) -> str:
    # A placeholder that is no path input names a setting: the route holds its value, so a connector that drops or
    # misplaces the setting finds no route (404).
    inputs = {i.name for i in op.inputs_in("path")}

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        return quote(settings[name], safe="") if name not in inputs and name in settings else m.group(0)

    return _PARAM.sub(fill, op.request.path)


def routes(model: Model, settings: Mapping[str, str] | None = None) -> tuple[Route, ...]:
    """One route per distinct method + path of the model's operations (settings filled in), literal paths first."""
    seen: dict[tuple[str, str], Route] = {}
    for op in model.operations:
        template = _with_settings(op, settings or {})
        key = (op.request.method, template)
        if key not in seen:
            seen[key] = Route(op.request.method, template, _compile(template), op, tuple(_PARAM.findall(template)), {})
        fixed = seen[key].fixed_query
        for name, value in op.request.query:
            fixed[name] = fixed.get(name, frozenset()) | {values.format_text(value)}
    for key, route in seen.items():
        ops = [op for op in model.operations if (op.request.method, _with_settings(op, settings or {})) == key]
        pag = next((op.pagination for op in ops if op.pagination is not None), None)
        trig = next((op.trigger for op in ops if op.trigger is not None and op.trigger.order != "unordered"), None)
        order = order_of(route.operation.resource, trig.cursor_field, trig.order == "desc") if trig else None
        seen[key] = dataclasses.replace(route, pagination=pag, order=order)
    # Fewer parameters first, as routers match: /customers/search.json is no id of /customers/{id}.json.
    return tuple(sorted(seen.values(), key=lambda r: len(r.params)))


class Api:
    """Answers API requests from the store; raises ApiError for every failure."""

    def __init__(self, model: Model, store: Store, clock: Clock, settings: Mapping[str, str] | None = None) -> None:
        self.model = model
        self.store = store
        self.clock = clock
        self.routes = routes(model, settings)
        self._messages = {s.code: s.message for s in model.http.statuses}
        self._links = {r.key: links(r, model.resources) for r in model.resources}

    def message(self, status: int, fallback: str) -> str:
        """The spec's message for `status`, or `fallback`."""
        return self._messages.get(status, fallback)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]]:
        """The route for `method path` and its decoded path parameters; 404 when there is none."""
        for route in self.routes:
            found = route.pattern.match(path)
            if route.method == method and found:
                return route, {n: unquote(found.group(f"p{i}")) for i, n in enumerate(route.params)}
        raise ApiError(404, f"{self.message(404, 'Not found.')} No route for {method} {path}.")

    def answer(
        self, method: str, path: str, query: dict[str, list[str]], raw: bytes = b"", content_type: str = "", base: str = ""
    ) -> tuple[Any, tuple[tuple[str, str], ...]]:
        """The answer and its extra headers (a Link to the next page); `base` is the absolute base URL served."""
        route, params = self.match(method, path)
        op, action = route.operation, route.action
        resource = op.resource
        try:
            body = decode(op, raw, content_type)
            bodyless = not takes_body(op)
            if body is not None and bodyless and action not in ("archive", "delete"):
                raise Invalid("", f"{method} {op.request.path} takes no request body")
            body, fixed = self._fixed(op, body)
            if action == "collection":
                searched = body.pairs if isinstance(body, Form) else None
                fields = None if isinstance(body, Form) else body
                page = parse(resource, {**query, **(searched or {})}, route.fixed_query, fields, route.pagination)
                scoped = params.items()
                rows = [r for r in self.store.rows(resource) if all(k in r and values.format_text(r[k]) == v for k, v in scoped)]
                return self._page(route, select(resource, rows, page, route.order), page.paged, query, base + path)
            return self._single(op, action, method, params, query, body, fixed, bodyless), ()
        except BadBody as exc:
            raise ApiError(400, f"{self.message(400, 'Invalid request data.')} {exc}") from None
        except BadQuery as exc:
            raise ApiError(400, str(exc)) from None
        except Invalid as exc:
            raise ApiError(400, f"{self.message(400, 'Invalid request data.')} {exc}") from None

    def _page(
        self, route: Route, rows: list[Record], paged: Any, query: dict[str, list[str]], url: str
    ) -> tuple[Any, tuple[tuple[str, str], ...]]:
        # One page of a collection, with what its style says about the next one (model/paging.py's reading).
        op, pag = route.operation, route.pagination
        served = serve(pag, route.order or order_of(op.resource), rows, paged)
        answer = self._items(op, served.records)
        if pag is None:
            return answer, ()
        if pag.style == "cursor":
            answer = place(answer, pag.token_path, served.next_token)
        if pag.style == "after_id" and pag.token_path:
            answer = place(answer, pag.token_path, served.more)
        if pag.style == "link" and served.next_token is not None:
            # `query` comes without the credentials (the server takes them out): the next URL carries none.
            return answer, (("Link", f'<{link_url(url, query, pag, served, paged.limit)}>; rel="{pag.link_rel}"'),)
        return answer, ()

    def _single(
        self,
        op: Operation,
        action: str,
        method: str,
        params: dict[str, str],
        query: dict[str, list[str]],
        body: Any,
        fixed: Record,
        bodyless: bool,
    ) -> Any:
        resource = op.resource
        self._no_query(op, query)
        if action == "auth":
            stored = self.store.rows(resource)
            return shaped(op.response, [visible(resource, stored[0]) if stored else resource.sample])
        if action == "get":
            return self._items(op, [self._existing(resource, self._id(resource, params, None))])
        data = self._unwrapped(op, body.data if isinstance(body, Form) else body)
        if isinstance(body, Form) and isinstance(data, dict):
            data = typed(resource.fields, data)
        return self._items(op, [self._write(action, resource, params, data, fixed, bodyless)])

    def _fixed(self, op: Operation, body: Any) -> tuple[Any, Record]:
        # `request.body`: fixed values sent at the body's top level with every request; each must be there as
        # written. They leave the body here; those that name a field of the resource are applied to the record.
        fixed = op.request.body
        if not fixed:
            return body, {}
        form = isinstance(body, Form)
        data = body.data if isinstance(body, Form) else body
        if not isinstance(data, dict):
            raise Invalid("", "request body must be an object with the fixed values " + ", ".join(k for k, _ in fixed))
        names = {f.name for f in op.resource.fields}
        applied: Record = {}
        for key, value in fixed:
            wanted = as_sent(value, form)
            if key not in data or not same(data[key], wanted):
                raise Invalid(key, f"must be sent as {json.dumps(wanted)} (got {json.dumps(data.get(key))})")
            if key in names:
                applied[key] = copy.deepcopy(value)
        rest = {k: v for k, v in data.items() if k not in dict(fixed)}
        if form:
            return Form(form_text(rest)), applied
        return rest, applied

    def _items(self, op: Operation, rows: list[Record]) -> Any:
        return shaped(op.response, [visible(op.resource, r) for r in rows])

    def _unwrapped(self, op: Operation, body: Any) -> Any:
        # `request.wrap`: the fields arrive inside one key ({"customer": {...}}), as the real API expects them.
        wrap = op.request.wrap
        if wrap is None or body is None:
            return body
        if not isinstance(body, dict) or set(body) != {wrap}:
            raise Invalid(wrap, f'must hold the body\'s fields: send {{"{wrap}": {{...}}}}')
        return body[wrap]

    def _no_query(self, op: Operation, query: dict[str, list[str]]) -> None:
        accepted = {k for k, _ in op.request.query} | {i.name for i in op.inputs_in("query")}
        for name in sorted(query):
            if name not in accepted:
                raise BadQuery(f"Unknown query parameter '{name}' (accepted: {', '.join(sorted(accepted)) or 'none'}).")

    def _id(self, resource: Resource, params: dict[str, str], body: Record | None) -> Any:
        # The record is named by the path parameter (the id field's name, else the last one) or the body's id field.
        key = resource.id_field or "id"
        from_path = params.get(key) if key in params else (list(params.values())[-1] if params else None)
        from_body = body.get(key) if body else None
        if from_path is not None and from_body is not None and str(from_path) != str(from_body):
            raise Invalid(key, f"in the body ('{from_body}') differs from the one in the path ('{from_path}')")
        found = from_path if from_path is not None else from_body
        if found in (None, ""):
            raise Invalid(key, "is required")
        return found

    def _existing(self, resource: Resource, record_id: Any) -> Record:
        record = self.store.get(resource, record_id)
        if record is None:
            label = resource.label
            raise ApiError(404, f"{self.message(404, 'Not found.')} No {label} with {resource.id_field} '{record_id}'.")
        return record

    def _write(self, crud: str, resource: Resource, params: dict[str, str], body: Any, fixed: Record, bodyless: bool) -> Record:
        now = self.clock.stamp()  # distinct per write when the clock is live
        key = resource.id_field or "id"
        if crud == "act":
            # An action beyond CRUD (close, reopen) changes the record it names, with whatever the body says
            # (often nothing); one that names no record makes one.
            named = bool(params) or (isinstance(body, dict) and key in body)
            if not named:
                crud = "create"
            elif body is None:
                return self._change(resource, self._existing(resource, self._id(resource, params, None)), fixed, now)
            else:
                crud = "update"
        if crud == "create":
            given = {**validate_body(resource, body, partial=False), **fixed}
            upsert = resource.upsert_field
            existing = self.store.find(resource, upsert, given[upsert]) if upsert and upsert in given else None
            if existing is not None:
                return self._change(resource, existing, given, now)
            record = copy.deepcopy(given)
            # A create under a scope (/repos/{owner}/{repo}/issues) puts the record there: the scoped list finds it.
            record.update({k: v for k, v in params.items() if k != key and any(f.name == k for f in resource.fields)})
            apply_links(self.store, record, given, self._links[resource.key])
            for fld in resource.fields:
                # Server-managed choice fields (a status, a stage) start at their first choice.
                if fld.read_only and fld.choices and fld.name not in record:
                    record[fld.name] = fld.choices[0]
            for name in (resource.created_field, resource.updated_field):
                if name:
                    record[name] = stamp(resource, name, now)
            return self.store.insert(resource, record)
        given = validate_body(resource, body, partial=True) if crud == "update" or body is not None else {}
        record = self._existing(resource, self._id(resource, params, given))
        extra = sorted(set(given) - {key})
        if crud != "update" and extra:
            raise Invalid(extra[0], f"is not accepted when you {crud} a {resource.label}")
        if crud != "update" and bodyless and body is not None:
            # A request without body inputs sends no body at all (not even `{}`), as every target must.
            raise Invalid("", f"this {crud} request takes no request body")
        if crud == "update":
            given.pop(key, None)
            return self._change(resource, record, {**given, **fixed}, now)
        if crud == "archive":
            if resource.archived_field:
                record[resource.archived_field] = True
            if resource.updated_field:
                record[resource.updated_field] = stamp(resource, resource.updated_field, now)
            return record
        if crud == "delete":
            self.store.remove(resource, record)
            return record
        raise ApiError(404, f"{self.message(404, 'Not found.')} Unsupported operation {crud}.")

    def _change(self, resource: Resource, record: Record, given: Record, now: int) -> Record:
        merge(record, given)
        apply_links(self.store, record, given, self._links[resource.key])
        if resource.updated_field:
            record[resource.updated_field] = stamp(resource, resource.updated_field, now)
        return record
