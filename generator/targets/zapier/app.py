"""The Zapier app definition ("Zapier app JSON") as Python data, whose functions are `{"require": "./…js"}` modules."""

from __future__ import annotations

from typing import Any

from ...model import Model, Operation, Resource, template
from ...names import title_case
from ...render import to_json
from . import connection, escape, fields, pages
from .conventions import SECTIONS, display_label, input_key, operation_key
from .modules import Modules, rows

TARGET = "zapier"
# Zapier's error codes for the spec's generic status kinds; 429 becomes z.errors.ThrottledError instead.
_ERROR_CODES = {
    "invalid_request": "InvalidData",
    "unauthorized": "AuthenticationError",
    "forbidden": "ForbiddenError",
    "not_found": "NotFound",
    "server_error": "ServerError",
}


def query_value(value: Any) -> str:
    """A fixed query value as text; booleans as the API writes them (`true`/`false`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def url_expression(model: Model, op: Operation) -> str | None:
    """The request URL as a JS expression over the connection, or None when it names no setting (a fixed text)."""
    inputs = {i.name for i in op.inputs_in("path")}
    path = template.parse(op.request.path)
    settings = [n for n in path.names if n not in inputs]
    if model.app.base.is_static and not settings:
        return None
    # The base URL is used as written; a setting inside the path is one path segment, so it is URL-encoded.
    whole = template.Template(model.app.base.text + op.request.path, (*model.app.base.parts, *path.parts))
    return connection.value(whole, encode=settings, keep=inputs)


def _request(model: Model, op: Operation, mods: Modules) -> dict[str, Any]:
    fixed: dict[str, Any] = {"method": op.request.method}
    url = url_expression(model, op)
    if url is None:
        fixed["url"] = model.app.base_url + op.request.path
    fixed["params"] = {k: query_value(v) for k, v in op.request.query}
    # The first page's paging parameters (a page size, a first page number) join the fixed ones.
    body = dict(op.request.body)
    if pages.in_body(op):
        body.update(pages.first(op))
    else:
        fixed["params"].update((k, query_value(v)) for k, v in pages.first(op))
    has_body = bool(op.inputs_in("body") or body)
    operation = {
        "fixed": fixed,
        "derived": connection.derived(model) if url else [],
        # A POST with neither body inputs nor fixed values sends no body at all.
        "body": body if has_body else None,
        "wrap": op.request.wrap if op.inputs_in("body") else None,
        "form": has_body and op.request.encoding == "form",
        "contentType": op.request.content_type,
    }
    return {"operation": to_json(operation), "inputs": rows(fields.request_inputs(op, mods)), "url": url}


def shape(model: Model, op: Operation) -> dict[str, Any]:
    """Where `op`'s answer keeps its records (`data`, for lib/records.js), and that place in words."""
    where = escape.js_comment(".".join(op.response.path)) if op.response.path else "the top of the body"
    timestamps = [
        {"name": f.name, "iso": f.iso_key, "scale": 1 if f.format == "epoch_ms" else 1000} for f in op.resource.timestamp_fields
    ]
    data = {"many": op.response.many, "path": list(op.response.path), "item": list(op.response.item), "timestamps": timestamps}
    return {"where": where, "data": data}


def _display(op: Operation, hidden: bool = False) -> dict[str, Any]:
    display: dict[str, Any] = {"label": display_label(op), "description": op.description}
    if hidden:
        display["hidden"] = True
    return display


def _entry(op: Operation, perform: dict[str, Any], *, polling: bool = False, primary: tuple[str, ...] = ()) -> dict[str, Any]:
    """A trigger, search or create around `perform`: its key, noun, display and operation (list triggers hidden)."""
    operation: dict[str, Any] = {"type": "polling"} if polling else {}
    operation["perform"] = perform
    if op.inputs or not polling:  # a trigger without inputs gets no empty form
        operation["inputFields"] = fields.input_fields(op)
    operation["sample"] = fields.sample(op)
    operation["outputFields"] = fields.output_fields(op.resource, primary)
    return {
        "key": operation_key(op),
        "noun": op.resource.label,
        "display": _display(op, hidden=op.kind == "list" or op.deprecated),
        "operation": operation,
    }


def _poll_trigger(mods: Modules, model: Model, op: Operation) -> dict[str, Any]:
    trig = op.trigger
    assert trig is not None
    keep = {"field": trig.filter.field, "equals": trig.filter.equals} if trig.filter else None
    perform = mods.add(
        f"triggers/{op.key}.js",
        "poll.js",
        f"{title_case(op.label)} (trigger {op.key})",
        req=_request(model, op, mods),
        keep=keep,
        paging=pages.paging(op),
        primary=list(trig.dedupe),
        id_from=fields.id_source(op.resource),
        shape=shape(model, op),
        **pages.poll_context(op),
    )
    return _entry(op, perform, polling=True, primary=trig.dedupe)


def _list_trigger(mods: Modules, model: Model, op: Operation) -> dict[str, Any]:
    perform = mods.add(
        f"triggers/{op.key}.js",
        "list.js",
        f"{title_case(op.label)} (hidden trigger {op.key}, feeds dropdowns)",
        req=_request(model, op, mods),
        paging=pages.paging(op),
        dropdown=op.paginate,
        id_from=fields.id_source(op.resource),
        shape=shape(model, op),
    )
    entry = _entry(op, perform, polling=True)
    if op.paginate:
        # docs.zapier.com/platform/build/pagination-trigger: dropdowns load further pages ("Load more").
        entry["operation"]["canPaginate"] = True
    return entry


def _search(mods: Modules, model: Model, op: Operation) -> dict[str, Any]:
    srch = op.search
    assert srch is not None
    # Each exact field with whether it compares caseless (`values.match_text` is the reference the JS mirrors).
    exact = {"input": srch.exact_input, "rules": [list(rule) for rule in srch.exact_rules]} if srch.exact_input else None
    perform = mods.add(
        f"searches/{op.key}.js",
        "search.js",
        f"{title_case(op.label)} (search {op.key})",
        req=_request(model, op, mods),
        not_found_status=srch.not_found_status,
        exact=exact,
        max_results=srch.max_results,
        paging=pages.paging(op),
        id_from=fields.id_source(op.resource),
        shape=shape(model, op),
    )
    return _entry(op, perform)


def _empty(op: Operation) -> dict[str, Any] | None:
    """What an action whose answer is empty hands on: the id it acted on (typed, by its input key) and a flag."""
    if not op.response.empty:
        return None
    id_input = op.id_input
    given = None
    if id_input is not None and op.resource.id_field is not None:
        given = {"field": op.resource.id_field, "key": input_key(id_input, id_input.field)}
    return {"id": given, "fixed": dict(op.empty_result)}


def _action(mods: Modules, model: Model, op: Operation) -> dict[str, Any]:
    perform = mods.add(
        f"creates/{op.key}.js",
        "action.js",
        f"{title_case(op.label)} (action {op.key})",
        req=_request(model, op, mods),
        empty=_empty(op),
        fallback=[[i.name, input_key(i, i.field)] for i in op.inputs_in("path")],
        id_from=fields.id_source(op.resource),
        shape=shape(model, op),
    )
    return _entry(op, perform)


def _after_response(mods: Modules, model: Model) -> dict[str, Any]:
    statuses: dict[str, dict[str, Any]] = {}
    for status in model.http.statuses:
        entry: dict[str, Any] = {"message": status.message}
        if status.code == 429:
            entry["throttled"] = True
        else:
            entry["code"] = _ERROR_CODES.get(status.kind, "ApiError")
        statuses[str(status.code)] = entry
    oauth = model.auth.oauth2
    return mods.add(
        "middleware/after_response.js",
        "after_response.js",
        "afterResponse: API errors as Zapier errors",
        statuses=statuses,
        error_paths=[list(p) for p in model.http.error_paths],
        rate_limited=[{"status": r.status, "header": r.header, "equals": r.equals} for r in model.http.rate_limited],
        refresh_401=oauth is not None and "401" in oauth.refresh_on,
        token_flag=connection.TOKEN_FLAG if oauth is not None else None,
    )


def _auth_test(mods: Modules, model: Model) -> dict[str, Any]:
    test = model.auth_test
    url = url_expression(model, test)
    request: dict[str, Any] = {"method": test.request.method}
    if url is None:
        request["url"] = model.app.base_url + test.request.path
    derived = connection.derived(model)
    return mods.add(
        "authentication/test.js",
        "auth_test.js",
        "The connection test",
        request=request,
        url=url,
        derived=derived,
        shape=shape(model, test),
    )


def find_or_create_display(resource: Resource) -> dict[str, str]:
    """The display of the Find or Create action a search with a create fallback gets."""
    return {
        "label": f"Find or Create {title_case(resource.label)}",
        "description": f"Finds a {resource.label.lower()}, or creates one if none is found.",
    }


def _reads_lists(model: Model) -> bool:
    return any(op.kind in SECTIONS and op.kind != "action" for op in model.operations)


def definition(mods: Modules, model: Model) -> dict[str, Any]:
    """The whole Zapier app definition except `version`/`platformVersion`, which index.js adds."""
    # Zapier templates requestTemplate's {{…}}; a fixed header whose text holds such braces is set in code instead.
    templated = {k: v for k, v in model.http.headers if escape.templated(v)}
    plain = {k: v for k, v in model.http.headers if k not in templated}
    before = connection.before_request(mods, model, templated)
    triggers: dict[str, Any] = {}
    searches: dict[str, Any] = {}
    creates: dict[str, Any] = {}
    search_or_creates: dict[str, Any] = {}
    for op in model.operations:
        if op.kind == "polling_trigger":
            triggers[operation_key(op)] = _poll_trigger(mods, model, op)
        elif op.kind == "list":
            triggers[operation_key(op)] = _list_trigger(mods, model, op)
        elif op.kind == "search":
            searches[operation_key(op)] = _search(mods, model, op)
            if op.create_fallback:
                create = model.operation(op.create_fallback)
                search_or_creates[operation_key(op)] = {
                    "key": operation_key(op),
                    "display": find_or_create_display(op.resource),
                    "search": operation_key(op),
                    "create": operation_key(create),
                }
        elif op.kind == "action":
            creates[operation_key(op)] = _action(mods, model, op)
    app: dict[str, Any] = {
        "authentication": connection.authentication(mods, model, _auth_test(mods, model)),
        # The one paging loop every list, search and trigger shares (as `z.pages`).
        **(
            {"beforeApp": [mods.add("middleware/before_app.js", "before_app.js", "beforeApp: the paging loop")]}
            if _reads_lists(model)
            else {}
        ),
        "requestTemplate": {"headers": plain},
        **({"beforeRequest": [before]} if before else {}),
        "afterResponse": [_after_response(mods, model)],
        # 429 must reach afterResponse so the throttled error carries the API's message and Retry-After.
        "flags": {"throwForThrottlingEarly": False},
        "triggers": triggers,
        "searches": searches,
        "creates": creates,
    }
    if search_or_creates:
        app["searchOrCreates"] = search_or_creates
    return app
