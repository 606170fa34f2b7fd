"""The Make app's components (base, connection, modules, RPCs) as Python data, one dict per section."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ...errors import RenderError
from ...model import POLL_WINDOW_DAYS, Field, Input, Model, Operation
from . import connection as conn
from . import functions, outputs, paging, params
from .blocks import TARGET, Component, error_block, iml_path, kebab, records
from .conventions import is_get, module_id, module_label, module_labels
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


def _fixed(value: Any) -> Any:
    """A fixed body value as written (lists and objects of scalars too), text holding braces made literal."""
    if isinstance(value, dict):
        return {k: _fixed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fixed(v) for v in value]
    return iml_text(value)


def _form_args(name: str, fld: Field, ref: str) -> list[str]:
    """`'name', value` argument pairs of formEncode for one input (an object converted key by key when it must be)."""
    if fld.fields and params.needs_building(fld):
        return [a for sub in fld.fields for a in _form_args(f"{name}[{sub.name}]", sub, iml_path(ref, (sub.name,)))]
    return [iml_literal(name), params.value_expression(fld, ref)]


def _flat(name: str, fld: Field, ref: str) -> dict[str, str] | None:
    """An input as `name[sub]` keys of scalars (an object's sub-fields), or None when it holds a list or map."""
    if fld.type in ("array", "map"):
        return None
    if not fld.fields:
        return {name: "{{" + params.value_expression(fld, ref, typed=False) + "}}"}
    out: dict[str, str] = {}
    for sub in fld.fields:
        inner = _flat(f"{name}[{sub.name}]", sub, iml_path(ref, (sub.name,)))
        if inner is None:
            return None
        out.update(inner)
    return out


def _flat_form(op: Operation) -> dict[str, Any] | None:
    """A form body of scalars only, key by key (fixed values first), or None when a list or map needs formEncode."""
    if any(isinstance(value, list | dict) for _, value in op.request.body):
        return None
    out: dict[str, Any] = {name: _fixed(value) for name, value in op.request.body}
    for inp in op.inputs_in("body"):
        name = f"{op.request.wrap}[{inp.name}]" if op.request.wrap else inp.name
        pairs = _flat(name, inp.field, params.reference(inp))
        if pairs is None:
            return None
        out.update(pairs)
    return out


def _form_body(op: Operation) -> str:
    """The IML of a form-encoded body: the fixed values, then the inputs, by the app's formEncode function."""
    args: list[str] = []
    for name, value in op.request.body:
        args += [iml_literal(name), iml_literal(value)]
    for inp in op.inputs_in("body"):
        name = f"{op.request.wrap}[{inp.name}]" if op.request.wrap else inp.name
        args += _form_args(name, inp.field, params.reference(inp))
    return "{{" + f"{functions.FORM_ENCODE}({', '.join(args)})" + "}}"


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
    inputs: dict[str, Any] = {inp.name: params.send_value(inp) for inp in op.inputs_in("body")}
    fixed = {name: _fixed(value) for name, value in op.request.body}
    if not inputs and not fixed:
        if op.request.method in ("POST", "PUT", "PATCH"):
            # Make's schema wants a body on every write; an undefined one is not sent, as the API expects.
            req["body"] = "{{undefined}}"
        return req
    if op.request.encoding == "form":
        # The form's Content-Type replaces a fixed one (under the spec's own spelling of the header).
        fixed_type = next((n for n, _ in model.http.headers if n.lower() == "content-type"), None)
        flat = _flat_form(op)
        if flat is not None:  # key=value pairs only: Make's own form encoding says exactly these
            if fixed_type:
                req["headers"] = {fixed_type: op.request.content_type}
            req["type"] = "urlencoded"
            req["body"] = flat
            return req
        # Make documents no bracket notation for `type: urlencoded` (lists, maps), so the app writes the pairs
        # itself and sends them as text (the request's `type`) with the form's Content-Type.
        req["headers"] = {fixed_type or "Content-Type": op.request.content_type}
        req["type"] = "text"
        req["body"] = _form_body(op)
        return req
    # Fixed values sit at the body's top level, beside the wrap key when there is one, before the inputs.
    req["body"] = {**fixed, op.request.wrap: inputs} if op.request.wrap and inputs else {**fixed, **inputs}
    return req


def items(op: Operation) -> str:
    """The `iterate` of a list response, or the expression of a record response's record."""
    return "{{" + records(op) + "}}"


def record_ref(op: Operation) -> str:
    """The IML of the record while iterating a list answer: the item, or where the record sits inside it."""
    return iml_path("item", op.response.item)


def field_ref(op: Operation, ref: str, dotted: str) -> str:
    """The IML of a (possibly nested) field of a record (`item.customer.name`)."""
    return iml_path(ref, op.resource.field(dotted).path)


def record_output(op: Operation, ref: str) -> str:
    """The IML of a record handed on: as the API sent it, plus the ISO 8601 companion of each epoch field."""
    stamps = op.resource.timestamp_fields
    if not stamps:
        return ref
    units = [[f.name, f.iso_key, 1000 if f.format == "epoch_s" else 1] for f in stamps]
    return f"{functions.ISO_DATES}({ref}, {iml_literal(json.dumps(units, separators=(',', ':')))})"


def _one_or_many(op: Operation) -> dict[str, Any]:
    # A list response iterates its records; a record response outputs its one record; an empty one what it did.
    if op.response.empty:
        return {"output": outputs.empty_output(op)}
    if op.response.many:
        return {"iterate": items(op), "output": "{{" + record_output(op, record_ref(op)) + "}}"}
    return {"output": "{{" + record_output(op, records(op)) + "}}"}


# Where an action keeps what it hands on when the API answers with nothing (a 204, an empty body).
EMPTY_RESULT = "emptyResult"


def _one(op: Operation, comm: dict[str, Any]) -> dict[str, Any]:
    """An action's one bundle (Make: "The action module should always output only one bundle"; no iterate).

    A list answer hands on its first record. A write that gets an empty answer instead of its record hands on
    what it did (the id it acted on and `success`/`deleted`), kept in `temp` as Make's own actions do.
    """
    if op.response.empty:
        return {"output": outputs.empty_output(op)}
    record = f"first({records(op)})" if op.response.many else records(op)
    if op.kind == "action":
        comm["temp"] = {EMPTY_RESULT: outputs.empty_output(op)}
        record = f"ifempty({record}, temp.{EMPTY_RESULT})"
    return {"output": "{{" + record_output(op, record) + "}}"}


def _limit_param(label: str, default: int, maximum: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": LIMIT_PARAM, "type": "uinteger", "label": "Limit", "required": True, "default": default}
    out["help"] = label
    out["validate"] = {"min": 1, **({"max": maximum} if maximum else {})}
    return out


def _trigger_date(op: Operation, rec: str) -> str | None:
    """`trigger.date`: the record's cursor value as a date Make reads (epoch seconds parsed), or None for an id."""
    assert op.trigger is not None
    fld = op.resource.field(op.trigger.cursor_field)
    if fld.type not in ("datetime", "date"):
        return None
    value = field_ref(op, rec, op.trigger.cursor_field)
    return "{{" + (f"parseDate({value}, 'X')" if fld.type == "datetime" and fld.format == "epoch_s" else value) + "}}"


def _trigger_paging(op: Operation, comm: dict[str, Any]) -> None:
    """Every page of the window (with a since parameter), or newest-first pages down to the window's start."""
    trig, pag = op.trigger, op.pagination
    assert trig is not None
    if pag is None:
        return
    size = trig.page_size
    paging.add_first(comm, pag, size)
    if not pag.pages:
        return
    stop = ""
    if trig.cursor_param is None:
        fld = op.resource.field(trig.cursor_field)
        if fld.type not in ("datetime", "date"):
            return  # id order: the first page only (the README says what that loses)
        bound = f"parseNumber(formatDate(addDays(now, -{POLL_WINDOW_DAYS}), 'x'))"
        stop = f"{paging.stamp_ms(op, paging.last_record(op), trig.cursor_field)} >= {bound}"
    comm["pagination"] = paging.directive(op, comm, pag, size, pages=pag.max_pages, stop=stop)
    comm["response"]["valid"] = paging.cap_check(op, pag, size, stop)


def _trigger(model: Model, op: Operation, comp: Component) -> None:
    assert op.trigger is not None
    trig, res, rec = op.trigger, op.resource, record_ref(op)
    comm = _request(model, op)
    if trig.cursor_param is not None:  # a filter: a query parameter (the resource's filters are)
        comm["qs"] = {trig.cursor_param: _since(op, POLL_WINDOW_DAYS), **comm.get("qs", {})}
    iterate: Any = items(op)
    if trig.filter:
        keep = f"{field_ref(op, rec, trig.filter.field)} == {iml_literal(trig.filter.equals)}"
        iterate = {"container": iterate, "condition": "{{" + keep + "}}"}
    ident = ":".join("{{" + field_ref(op, rec, k) + "}}" for k in trig.dedupe)
    date = _trigger_date(op, rec)
    trigger: dict[str, Any] = {"id": ident}
    if date is not None:
        trigger["date"] = date
    trigger["type"] = "date" if date is not None else "id"
    trigger["order"] = trig.order
    comm["response"] = {
        "iterate": iterate,
        "output": "{{" + record_output(op, rec) + "}}",
        "trigger": trigger,
        "limit": f"{{{{parameters.{LIMIT_PARAM}}}}}",
    }
    _trigger_paging(op, comm)
    title = "{{" + field_ref(op, rec, res.title_field or res.id_field or "") + "}}"
    comp.sections["communication"] = comm
    start: dict[str, Any] = {"qs": {trig.cursor_param: _since(op, EPOCH_WINDOW_DAYS)}} if trig.cursor_param else {}
    # An id-ordered trigger's epoch still shows a date when the records have one (the schema asks for a date).
    shown = date or ("{{" + field_ref(op, rec, res.created_field) + "}}" if res.created_field else ident)
    output: dict[str, Any] = {"label": title, "date": shown}
    comp.sections["epoch"] = {**start, "response": {"limit": EPOCH_LIMIT, "output": output}}
    help_text = f"The maximum number of {res.plural.lower()} Make processes in one execution cycle."
    # Make emits at most Limit per run (the rest on the next run); every page is read, so up to the page cap.
    cap = op.pagination.max_pages * trig.page_size if op.pagination is not None and op.pagination.pages else trig.page_size
    # By default a run hands on every new change it read (the rest would wait for the next run); users may lower it.
    comp.sections["staticParams"] = [_limit_param(help_text, cap, cap)]
    comp.sections["staticParams"] += params.input_parameters(op.inputs)
    comp.sections["mappableParams"] = []


def _since(op: Operation, days: int) -> str:
    """A trigger's cursor value `days` back from now, in the cursor filter's wire format (as text: it is a query)."""
    assert op.trigger is not None and op.trigger.cursor_param is not None
    flt = op.resource.filter(op.trigger.cursor_param)
    if flt is not None and flt.field.type == "date":
        return f"{{{{formatDate(addDays(now, -{days}), '{params.DATE_FORMAT}', 'UTC')}}}}"
    fmt = flt.field.format if flt is not None and flt.field.type == "datetime" else "epoch_ms"
    pattern = params.WIRE_FORMATS[fmt or "epoch_ms"][0]
    return f"{{{{formatDate(addDays(now, -{days}), '{pattern}', 'UTC')}}}}"


def _matches(value: str, given: str, caseless: bool) -> str:
    """The IML test of an exact match as `values.match_text` compares: trimmed, lower-cased when caseless."""

    def text(ref: str) -> str:
        trimmed = f"trim(toString({ref}))"
        return f"lower({trimmed})" if caseless else trimmed

    # A record without the field matches nothing (its text would be empty).
    return f"({value} != undefined && {text(value)} == {text(given)})"


def _search(model: Model, op: Operation, comp: Component) -> None:
    comm = _request(model, op)
    iterate: Any = items(op)
    srch = op.search
    if srch and srch.exact_input:
        given = params.reference(op.input(srch.exact_input))
        tests = " || ".join(_matches(field_ref(op, record_ref(op), f), given, caseless) for f, caseless in srch.exact_rules)
        iterate = {"container": iterate, "condition": f"{{{{{tests}}}}}"}
    response = _one_or_many(op)
    if op.response.many:
        response["iterate"] = iterate
    comp.sections["staticParams"] = []
    pag = op.pagination
    pages = pag.max_pages if pag else 1
    if srch:
        if op.response.many:
            response["limit"] = srch.max_results
    else:
        res = op.resource
        if any(i.name == LIMIT_PARAM for i in op.inputs):  # the Make check refuses such a spec; reaching this is a bug
            raise RenderError(TARGET, comp.local_id, f"internal: an input called '{LIMIT_PARAM}' passed the Make check")
        help_text = f"The maximum number of {res.plural.lower()} to return."
        # With paging, Make reads pages until the limit: at most the page cap's worth of records.
        top = pages * op.page_size if op.paginate else None
        # By default every page is read (as the runtime lists); the user lowers Limit to stop early.
        comp.sections["staticParams"] = [_limit_param(help_text, top or (op.page_size if pag else 100), top)]
        response["limit"] = f"{{{{parameters.{LIMIT_PARAM}}}}}"
    _paged(op, comm, pages)
    comm["response"] = response
    comp.sections["communication"] = comm


def _paged(op: Operation, comm: dict[str, Any], pages: int) -> None:
    """A list answer read page by page in its pagination's style, `pages` pages at most."""
    pag = op.pagination
    by_id = op.id_input is not None and op.id_input.location == "path"
    if pag is None or not op.response.many or by_id:  # a lookup by id in the path reads its one answer
        return
    paging.add_first(comm, pag, op.page_size)
    if pag.pages:
        comm["pagination"] = paging.directive(op, comm, pag, op.page_size, pages=pages)


def _action(model: Model, op: Operation, comp: Component) -> None:
    """A write, or a Get (a search that reads one record): one request, one bundle."""
    comm = _request(model, op)
    response = _one(op, comm)
    comm["response"] = response
    comp.sections["communication"] = comm
    comp.sections["staticParams"] = []


def module(model: Model, op: Operation, label: str | None = None) -> Component:
    """A trigger, action or search module with all seven sections (a Get is an action with `actionCrud: read`)."""
    local_id = module_id(op)
    kind = "action" if is_get(op) else _MODULE_TYPES[op.kind]
    meta: dict[str, Any] = {"label": label or module_label(op), "description": op.description, "moduleType": kind}
    if kind == "action":
        meta["actionCrud"] = "read" if is_get(op) else _CRUD.get(op.crud or "")
    meta["connection"] = model.app.key
    comp = Component("module", local_id, meta, operation=op)
    build = _action if kind == "action" else {"polling_trigger": _trigger}.get(op.kind, _search)
    build(model, op, comp)
    comp.sections.setdefault("mappableParams", params.input_parameters(op.inputs))
    comp.sections["interface"] = outputs.interface(op)
    comp.sections["samples"] = outputs.sample(op)
    comp.sections["scope"] = []
    return comp


def rpc(model: Model, op: Operation) -> Component:
    """A dropdown RPC over a list operation, returning `{label, value}` per record."""
    dropdown = next(i.dropdown for o in model.operations for i in o.inputs if i.dropdown and i.dropdown.operation == op.key)
    assert dropdown is not None
    # An RPC reads the calling module's parameters: the list's optional filters would take the form's values
    # (Update's new assignee would filter the job list), so it sends only what the list cannot do without.
    op = dataclasses.replace(op, inputs=rpc_inputs(op))
    comm = _request(model, op)
    pag = op.pagination
    # Make's RPC limits: at most RPC_PAGES requests and that many pages of records (Make stops at the limit).
    pages = min(paging.RPC_PAGES, pag.max_pages) if pag is not None and pag.pages else 1
    _paged(op, comm, pages)
    rec = record_ref(op)
    value = field_ref(op, rec, dropdown.value)
    label = f"{{{{ifempty({field_ref(op, rec, dropdown.label)}, {value})}}}}"
    comm["response"] = {"iterate": items(op), "output": {"label": label, "value": "{{" + value + "}}"}}
    if "pagination" in comm:
        comm["response"]["limit"] = pages * op.page_size
    rpc_params = params.input_parameters(op.inputs)
    meta = {"label": op.label, "connection": model.app.key}
    return Component("rpc", params.rpc_id(op), meta, {"communication": comm, "params": rpc_params}, op)


def rpc_inputs(op: Operation) -> tuple[Input, ...]:
    """The inputs of a list an RPC sends: the required ones and those in the path, never the optional filters."""
    return tuple(i for i in op.inputs if i.required or i.location == "path")


def components(model: Model) -> list[Component]:
    """The connection, then modules in spec order (every list too), then the dropdown RPCs sorted by id."""
    found = [connection(model)]
    ops = [op for op in model.operations if op.kind in ("polling_trigger", "action", "search", "list")]
    labels = module_labels(ops)
    found.extend(module(model, op, labels[op.key]) for op in ops)
    found.extend(rpc(model, op) for op in params.dropdown_rpcs(model).values())
    return found
