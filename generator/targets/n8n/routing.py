"""Declarative routing as Python data: where each parameter is sent, and what each operation sends and hands on.

Every helper named in a `Raw` call lives in the rendered shared/routing.ts; `helpers_used` lists those a file imports.
"""

from __future__ import annotations

import re
from typing import Any

from ...model import Field, Input, Model, Operation, Shape, values
from ...names import Names
from .conventions import TARGET
from .expressions import path
from .fields import datetime_unit, js_string, send_value
from .paging import has_limit, paging_key, reads_pages
from .simplify import simple_keys
from .ts import Raw, parameter_text, quote, ts

_PLAIN = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def param_name(op: Operation, inp: Input, leaf: Field | None = None) -> str:
    """The n8n parameter name: the spec's pinned n8n name (a live node's), else `<resource>Id` for a resource's id,
    `<object><Sub>` for a sub-field, else camelCase."""
    sub = leaf is not None and leaf is not inp.field
    pinned = inp.pins.get(
        TARGET, ".".join((inp.name, *leaf.path[len(inp.field.path) :])) if leaf is not None and sub else inp.name
    )
    if pinned:
        return pinned
    if leaf is not None and sub:
        return leaf.names.camel
    if inp.name == op.resource.id_field:
        return f"{op.resource.names.camel}{Names.of(inp.name).pascal}"
    return inp.names.camel


def _segments(op: Operation, inp: Input, leaf: Field) -> list[str]:
    """The body keys a value is sent under, outermost first (`request.wrap` puts the body inside one key)."""
    return [*([op.request.wrap] if op.request.wrap else []), *leaf.path]


def lodash_path(segments: list[str]) -> str:
    """A path n8n's `send.property` (lodash `set`) reads back as `segments`: `a.b`, quoting any other key (`a["x y"]`)."""
    out = ""
    for seg in segments:
        if _PLAIN.match(seg):
            out += f".{seg}" if out else seg
        else:
            out += '["' + seg.replace("\\", "\\\\").replace('"', '\\"') + '"]'
    return out


def _where(op: Operation, inp: Input, leaf: Field) -> str | list[str]:
    """How routing.ts helpers find a value: the query key, else the dotted body path (a list when a key is not plain)."""
    if inp.location != "body":
        return inp.name
    segments = _segments(op, inp, leaf)
    return ".".join(segments) if all(_PLAIN.match(s) for s in segments) else segments


def send(model: Model, op: Operation, inp: Input, leaf: Field, params: dict[str, str]) -> dict[str, Any]:
    """Where the value goes: into the URL (path inputs, `params` their parameter names), the query or the body."""
    if inp.location == "path":
        others = {i.name: f"$parameter[{quote(params[i.name])}]" for i in op.inputs_in("path") if i is not inp}
        return {"request": {"url": path(model, op.request.path, {**others, inp.name: "$value"})}}
    rule: dict[str, Any] = {"type": inp.location}
    if inp.location == "body":
        rule["property"] = lodash_path(_segments(op, inp, leaf))
    else:
        rule["property"] = inp.name
        if not _PLAIN.match(inp.name):  # `created[gte]` is one query parameter, not a nested object
            rule["propertyInDotNotation"] = False
    value = send_value(leaf)
    if value is not None:
        rule["value"] = value
    return {"send": rule}


def pre_send(op: Operation, inp: Input, leaf: Field, label: str) -> list[Raw]:
    """preSend steps of one parameter: a date-time converted to the API's format, a number refused out of range."""
    if inp.location == "path":
        return []
    where = ts(_where(op, inp, leaf))
    steps = []
    unit = datetime_unit(leaf)
    if unit == "date":
        message = f"{label} must be a date (YYYY-MM-DD, e.g. 2026-05-10) or a date-time whose day is meant."
        steps.append(Raw(f"asDateTime({quote(inp.location)}, {where}, 'date', {quote(message)})"))
    elif unit is not None:
        message = f"{label} must be an ISO 8601 date-time (e.g. 2026-05-10T09:00:00Z)"
        if unit in values.EPOCH:
            unit_name = "milliseconds" if unit == "epoch_ms" else "seconds"
            message += f", a date (YYYY-MM-DD) or a number of {unit_name} since 1970."
        else:
            message += " or a date (YYYY-MM-DD)."
        steps.append(Raw(f"asDateTime({quote(inp.location)}, {where}, {quote(unit)}, {quote(message)})"))
    ranged = leaf.items if leaf.type == "array" and leaf.items is not None else leaf
    if ranged.type in values.RANGED and (ranged.minimum is not None or ranged.maximum is not None):
        args = [quote(inp.location), where, ts(ranged.minimum), ts(ranged.maximum), ts(values.is_whole(ranged))]
        steps.append(Raw(f"inRange({', '.join(args)}, {quote(values.range_message(ranged, label))})"))
    for sub in leaf.items.leaves if leaf.type == "array" and leaf.items is not None and leaf.items.is_object else ():
        steps.extend(pre_send(op, inp, sub, sub.label))  # line items: a path through the array reaches each
    return steps


def hands_on_result(op: Operation) -> bool:
    """Whether the action hands on `empty_result` instead of the answer: an empty answer, and every Delete
    (n8n's own nodes hand on `{"deleted": true}` whatever the API answers)."""
    return op.response.empty or op.crud == "delete"


def empty_result(op: Operation, inp: Input | None) -> dict[str, Any]:
    """The `set` step an action answering with nothing hands on: `{<id>: the id given, typed, deleted|success: true}`."""
    rows = []
    if inp is not None and op.resource.id_field:
        given = "$value"
        if values.is_whole(inp.field):  # an integer id is handed on as the number it names
            given = "(/^\\d+$/.test(String($value)) ? Number($value) : $value)"
        rows.append(f"{js_string(op.resource.id_field)}: {given}")
    rows += [f"{js_string(k)}: {ts(v)}" for k, v in op.empty_result]
    return {"type": "set", "properties": {"value": "={{ { " + ", ".join(rows) + " } }}"}}


def _iso_step(op: Operation) -> Raw | None:
    """The postReceive step adding each top-level epoch field's ISO 8601 companion (`Field.iso_key`)."""
    stamps = [[f.name, f.iso_key, f.format] for f in op.resource.timestamp_fields]
    listed = "[" + ", ".join(ts(row) for row in stamps) + "]"
    return Raw(f"isoTimes({listed})") if stamps and not op.response.empty else None


def _wrapper(op: Operation) -> Raw:
    """The request wrapper: form encoding, the error rules, a miss as no result, paging (`pages` in routing.ts)."""
    form = [quote("form")] if op.request.encoding == "form" and (op.inputs_in("body") or op.request.body) else []
    if reads_pages(op):
        key = paging_key(op.pagination)
        most = str(op.search.max_results) if op.search and not has_limit(op) else "null"
        args = [quote(key) if key else "null", str(op.page_size), quote(op.label), most, *form]
        if op.kind == "search" and has_limit(op):  # its pages as the other platforms ask them, then the Limit
            args = [*args[:4], quote(op.request.encoding if form else "json"), "true"]
        return Raw(f"pages({', '.join(args)})")
    if op.search and op.search.not_found_status:
        # A lookup that misses is "no result", not an error; other statuses still raise NodeApiError.
        return Raw(f"emptyOnStatus({', '.join([str(op.search.not_found_status), *form])})")
    return Raw(f"sendRequest({', '.join(form)})")


def operation_routing(model: Model, op: Operation) -> dict[str, Any]:
    """Method, path, fixed query and body, and output handling of one operation option."""
    request: dict[str, Any] = {"method": op.request.method}
    if not op.inputs_in("path"):  # else each path input's property routes the URL (settings may fill the rest)
        request["url"] = path(model, op.request.path, {})
    if op.request.query:
        request["qs"] = {name: parameter_text(value) for name, value in op.request.query}
    if op.request.body:  # fixed values at the body's top level, before the inputs (beside a wrap key)
        request["body"] = {name: _literal(value) for name, value in op.request.body}
    routing: dict[str, Any] = {"request": request}
    if hands_on_result(op):
        routing["output"] = {"postReceive": [] if op.id_input is not None else [empty_result(op, None)]}
    else:
        routing["output"] = {"postReceive": _post_receive(op)}
    routing["send"] = {"paginate": True}  # every request goes through the wrapper (routing.ts)
    if op.inputs_in("body"):
        # A field the user added but left empty is not sent, as in the API's other clients.
        routing["send"]["preSend"] = [Raw("omitEmpty")]
    routing["operations"] = {"pagination": _wrapper(op)}
    return routing


def _post_receive(op: Operation) -> list[Any]:
    """How the answer becomes items: unwrapped, filtered for an exact match, capped, ISO companions, simplified."""
    post: list[Any] = []
    root = records_at(op.response)
    if root:
        post.append({"type": "rootProperty", "properties": {"property": ".".join(root)}})
    if op.response.many and op.response.item:  # the record inside each item (`{hits: [{order: {...}}]}`)
        post.append({"type": "rootProperty", "properties": {"property": ".".join(op.response.item)}})
    if op.search and op.search.exact_input:
        post.append({"type": "filter", "properties": {"pass": _exact_match(op)}})
    if op.search and not has_limit(op):  # else the Limit the user sets is the paging loop's stop
        post.append({"type": "limit", "properties": {"maxResults": op.search.max_results}})
    iso = _iso_step(op)
    if iso is not None:
        post.append(iso)
    keys = simple_keys(op)
    if keys is not None:
        post.append(Raw(f"simplify({ts(list(keys))})"))
    if reads_pages(op):  # last: notes the page the items came from, for the paging loop
        post.append(Raw(f"notePage({ts(list(root))}, {ts(list(op.response.item))})"))
    if post and op.response.many and not root:  # a top-level array: one item per entry before the other steps
        post.insert(0, Raw("entries"))
    return post


def _exact_match(op: Operation) -> str:
    """The filter expression of an exact-match search, as `values.match_text` compares (`Search.exact_rules`): each
    field's text and the input trimmed, both lower-cased where the field is caseless; a missing value matches nothing."""
    assert op.search is not None and op.search.exact_input is not None
    wanted = f"String($parameter[{quote(param_name(op, op.input(op.search.exact_input)))}]).trim()"
    tests = []
    for dotted, caseless in op.search.exact_rules:
        read = _js_read("$responseItem", op.resource.field(dotted).path)
        got, want = f"String({read}).trim()", wanted
        if caseless:
            got, want = f"{got}.toLowerCase()", f"{want}.toLowerCase()"
        tests.append(f"({read} != null && {got} === {want})")
    return "={{ " + " || ".join(tests) + " }}"


def _js_read(scope: str, segments: tuple[str, ...]) -> str:
    """JavaScript reading `segments` from `scope`: `.key` for identifiers, `["key"]` for any other name."""
    return scope + "".join(f".{s}" if _PLAIN.match(s) else f"[{js_string(s)}]" for s in segments)


def _literal(value: Any) -> Any:
    """A fixed value kept literal however n8n evaluates it (text starting with `=` would be an expression)."""
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    return parameter_text(value)


def records_at(shape: Shape) -> tuple[str, ...]:
    """The path n8n unwraps into items: a list's path, a record's path (n8n hands on an object as one item).

    A record that is the first entry of a list (`data.items.0`) is unwrapped at the list, whose one entry becomes
    the one item; () is the body itself, which n8n hands on as it is (an array as one item per entry).
    """
    if not shape.many and shape.path and shape.path[-1] == "0":
        return shape.path[:-1]
    return shape.path


def helpers_used(value: Any) -> list[str]:
    """Names of shared/routing.ts helpers referenced by Raw calls inside `value`, sorted."""
    found: set[str] = set()
    if isinstance(value, Raw):
        found.add(value.code.split("(")[0])
    elif isinstance(value, dict):
        for v in value.values():
            found.update(helpers_used(v))
    elif isinstance(value, list):
        for v in value:
            found.update(helpers_used(v))
    return sorted(found)
