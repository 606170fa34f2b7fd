"""The Make app's components (base, connection, modules, RPCs) as Python data, one dict per section."""

from __future__ import annotations

from typing import Any

from ...errors import RenderError
from ...model import POLL_WINDOW_DAYS, Model, Operation
from . import connection as conn
from . import params
from .blocks import TARGET, Component, error_block, kebab, records
from .conventions import module_id, module_label
from .escape import iml_literal, iml_template, iml_text

__all__ = ["TARGET", "Component", "base", "components", "connection", "kebab", "module", "rpc"]
# Make keeps no last-poll time a trigger could send, so triggers ask for this window back from `now` and
# Make's own dedupe (on response.trigger.id) drops what an earlier poll already emitted.
# Make caps "choose where to start" (epoch) lists at 300 items.
EPOCH_LIMIT = 300
EPOCH_WINDOW_DAYS = 30
LIMIT_PARAM = "limit"
# Make's actionCrud enum has no archive: archiving changes the record.
_CRUD = {"create": "create", "update": "update", "archive": "update", "delete": "delete"}
_MODULE_TYPES = {"polling_trigger": "trigger", "action": "action", "search": "search", "list": "search"}
connection = conn.connection


def base(model: Model) -> dict[str, Any]:
    """general/base.iml.json: base URL, auth headers and query, error mapping and log sanitising for modules and RPCs."""
    out: dict[str, Any] = {
        "baseUrl": iml_template(model.app.base, conn.placeholder(model, "connection")),
        "headers": conn.headers(model, "connection"),
    }
    qs = conn.query(model, "connection")
    if qs:
        out["qs"] = qs
    out["response"] = {"error": error_block(model)}
    out["log"] = conn.sanitize(model)
    return out


def _request(model: Model, op: Operation) -> dict[str, Any]:
    url = conn.path_url(model, op.request.path, {i.name for i in op.inputs_in("path")}, "connection")
    req: dict[str, Any] = {"url": url, "method": op.request.method}
    if op.request.path_params:
        # Path values are encoded one by one (a "/" in an id stays inside its segment), so Make must not re-encode.
        req["encodeUrl"] = False
    qs: dict[str, Any] = {name: iml_text(value) for name, value in op.request.query}
    for inp in op.inputs_in("query"):
        qs[inp.name] = params.send_value(inp)
    if qs:
        req["qs"] = qs
    body: dict[str, Any] = {inp.name: params.send_value(inp) for inp in op.inputs_in("body")}
    if body:
        req["body"] = {op.request.wrap: body} if op.request.wrap else body
    elif op.request.method in ("POST", "PUT", "PATCH"):
        # Make's schema wants a body on every write; an undefined one is not sent, as the API expects.
        req["body"] = "{{undefined}}"
    return req


def items(op: Operation) -> str:
    """The `iterate` of a list response, or the `output` of a record response."""
    return "{{" + records(op) + "}}"


def _one_or_many(op: Operation) -> dict[str, Any]:
    # A list response iterates its records; a record response outputs its one record.
    return {"iterate": items(op), "output": "{{item}}"} if op.response.many else {"output": items(op)}


def _limit_param(label: str, default: int, maximum: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": LIMIT_PARAM, "type": "uinteger", "label": "Limit", "required": True, "default": default}
    out["help"] = label
    out["validate"] = {"min": 1, **({"max": maximum} if maximum else {})}
    return out


def _trigger(model: Model, op: Operation, comp: Component) -> None:
    assert op.trigger is not None
    trig, res = op.trigger, op.resource
    comm = _request(model, op)
    cursor = f"{{{{formatDate(addDays(now, -{POLL_WINDOW_DAYS}), '{params.TIMESTAMP_FORMAT}', 'UTC')}}}}"
    comm["qs"] = {trig.cursor_param: cursor, **comm.get("qs", {})}
    iterate: Any = items(op)
    if trig.filter:
        keep = f"item.{trig.filter.field} == {iml_literal(trig.filter.equals)}"
        iterate = {"container": iterate, "condition": "{{" + keep + "}}"}
    ident = ":".join(f"{{{{item.{k}}}}}" for k in trig.dedupe)
    ordered = res.order_field == trig.cursor_field
    comm["response"] = {
        "iterate": iterate,
        "output": "{{item}}",
        "trigger": {
            "id": ident,
            "date": f"{{{{item.{trig.cursor_field}}}}}",
            "type": "date",
            "order": ("desc" if res.order_desc else "asc") if ordered else "unordered",
        },
        "limit": f"{{{{parameters.{LIMIT_PARAM}}}}}",
    }
    title = f"{{{{item.{res.title_field}}}}}" if res.title_field else f"{{{{item.{res.id_field}}}}}"
    start = f"{{{{formatDate(addDays(now, -{EPOCH_WINDOW_DAYS}), '{params.TIMESTAMP_FORMAT}', 'UTC')}}}}"
    comp.sections["communication"] = comm
    comp.sections["epoch"] = {
        "qs": {trig.cursor_param: start},
        "response": {"limit": EPOCH_LIMIT, "output": {"label": title, "date": f"{{{{item.{trig.cursor_field}}}}}"}},
    }
    help_text = f"The maximum number of {res.plural.lower()} Make processes in one execution cycle."
    comp.sections["staticParams"] = [_limit_param(help_text, trig.page_size, trig.page_size)]
    comp.sections["mappableParams"] = []


def _search(model: Model, op: Operation, comp: Component) -> None:
    comm = _request(model, op)
    iterate: Any = items(op)
    srch = op.search
    if srch and srch.exact_input:
        tests = " || ".join(f"item.{f} == parameters.{srch.exact_input}" for f in srch.exact_fields)
        iterate = {"container": iterate, "condition": f"{{{{{tests}}}}}"}
    response: dict[str, Any] = {"iterate": iterate, "output": "{{item}}"} if op.response.many else _one_or_many(op)
    comp.sections["staticParams"] = []
    if srch:
        if op.response.many:
            response["limit"] = srch.max_results
    else:
        res = op.resource
        if any(i.name == LIMIT_PARAM for i in op.inputs):  # the Make check refuses such a spec; reaching this is a bug
            raise RenderError(TARGET, comp.local_id, f"internal: an input called '{LIMIT_PARAM}' passed the Make check")
        help_text = f"The maximum number of {res.plural.lower()} to return."
        page = res.pagination.max_page_size if res.pagination else 100
        comp.sections["staticParams"] = [_limit_param(help_text, page)]
        response["limit"] = f"{{{{parameters.{LIMIT_PARAM}}}}}"
        pag = res.pagination
        if op.paginate and pag:
            comm.setdefault("qs", {})[pag.limit_param] = pag.max_page_size
            more = f"{{{{length({records(op)}) >= {pag.max_page_size}}}}}"
            if pag.offset_param:
                # pagination.page is 1 for the first request, so the n-th extra page starts at (n - 1) * size.
                skip = f"{{{{(pagination.page - 1) * {pag.max_page_size}}}}}"
                comm["pagination"] = {"qs": {pag.offset_param: skip}, "condition": more}
    comm["response"] = response
    comp.sections["communication"] = comm


def _action(model: Model, op: Operation, comp: Component) -> None:
    comm = _request(model, op)
    comm["response"] = _one_or_many(op)
    comp.sections["communication"] = comm
    comp.sections["staticParams"] = []


def module(model: Model, op: Operation) -> Component:
    """A trigger, action or search module with all seven sections."""
    local_id = module_id(op)
    meta: dict[str, Any] = {"label": module_label(op), "description": op.description, "moduleType": _MODULE_TYPES[op.kind]}
    if op.kind == "action":
        meta["actionCrud"] = _CRUD.get(op.crud or "")
    meta["connection"] = model.app.key
    comp = Component("module", local_id, meta, operation=op)
    {"polling_trigger": _trigger, "action": _action}.get(op.kind, _search)(model, op, comp)
    comp.sections.setdefault("mappableParams", [params.input_parameter(i) for i in op.inputs])
    comp.sections["interface"] = [params.interface(f) for f in op.resource.fields if not f.write_only]
    comp.sections["samples"] = op.resource.sample
    comp.sections["scope"] = []
    return comp


def rpc(model: Model, op: Operation) -> Component:
    """A dropdown RPC over a list operation, returning `{label, value}` per record."""
    dropdown = next(i.dropdown for o in model.operations for i in o.inputs if i.dropdown and i.dropdown.operation == op.key)
    assert dropdown is not None
    comm = _request(model, op)
    res = op.resource
    if res.pagination and res.pagination.limit_param not in comm.get("qs", {}):
        comm.setdefault("qs", {})[res.pagination.limit_param] = res.pagination.max_page_size
    label = f"{{{{ifempty(item.{dropdown.label}, item.{dropdown.value})}}}}"
    comm["response"] = {"iterate": items(op), "output": {"label": label, "value": f"{{{{item.{dropdown.value}}}}}"}}
    rpc_params = [params.input_parameter(i) for i in op.inputs]
    meta = {"label": op.label, "connection": model.app.key}
    return Component("rpc", params.rpc_id(op), meta, {"communication": comm, "params": rpc_params}, op)


def components(model: Model) -> list[Component]:
    """The connection, then modules in spec order (every list too), then the dropdown RPCs sorted by id."""
    found = [connection(model)]
    for op in model.operations:
        if op.kind in ("polling_trigger", "action", "search", "list"):
            found.append(module(model, op))
    found.extend(rpc(model, op) for op in params.dropdown_rpcs(model).values())
    return found
