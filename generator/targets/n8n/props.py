"""The declarative action node's properties (resources, operations, fields, routing) as Python data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...errors import RenderError
from ...model import Field, Input, Model, Operation, Shape, values
from ...names import Names, title_case
from .expressions import path
from .ts import Raw, parameter_text, quote, ts

# Where an optional input lives in n8n's UI: a collection the user adds fields to, so empty fields are never sent.
_COLLECTION = {"create": ("additionalFields", "Additional Fields"), "update": ("updateFields", "Update Fields")}
_FILTERS = ("filters", "Filters")


@dataclass(frozen=True)
class NodeOperation:
    """One action-node operation: its option value, display name and the model operation behind it."""

    value: str
    name: str
    action: str
    op: Operation


def describe(text: str) -> str:
    """A description as n8n's linter wants it: no final period on a single sentence, one on several."""
    if len(text.replace("e.g.", "").split(". ")) == 1:
        return text.removesuffix(".")
    return text if text.endswith(".") else text + "."


def _a(label: str) -> str:
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label}"


def sentence(text: str) -> str:
    """`Get Many Items` -> `Get many items`, keeping acronyms such as ID."""
    words = text.split()
    return " ".join([words[0]] + [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]])


def node_operation(op: Operation) -> NodeOperation:
    """n8n's conventional value/name for an operation, derived from its kind, CRUD verb and inputs."""
    res = op.resource
    if op.kind == "action" and op.crud:
        verb = Names.of(op.crud)
        return NodeOperation(verb.camel, verb.title, sentence(f"{verb.title} {_a(res.label)}"), op)
    if op.kind == "list":
        return NodeOperation("getAll", "Get Many", sentence(f"Get many {res.plural}"), op)
    if op.inputs_in("path"):
        return NodeOperation("get", "Get", sentence(f"Get {_a(res.label)}"), op)
    by = next((i for i in op.required_inputs if i.location == "query" and i.name in {f.name for f in res.fields}), None)
    if by is not None:
        name = f"Find by {by.field.label}"
        return NodeOperation(
            Names.of(f"find by {by.name}").camel, name, sentence(f"Find {_a(res.label)} by {by.field.label}"), op
        )
    return NodeOperation("find", "Find", sentence(f"Find {_a(res.label)}"), op)


def node_operations(model: Model) -> dict[str, list[NodeOperation]]:
    """Action-node operations by resource key, in resource order, each list sorted by name as n8n's linter wants."""
    found: dict[str, list[NodeOperation]] = {}
    for op in model.operations:
        if op.kind in ("action", "search", "list"):
            found.setdefault(op.resource.key, []).append(node_operation(op))
    for key, nops in found.items():
        values = [n.value for n in nops]
        if len(set(values)) != len(values):  # the n8n check refuses such a spec; reaching this is a bug
            raise RenderError(
                "n8n", None, f"internal: two operations of resource '{key}' passed the n8n check as {sorted(values)}"
            )
    return {k: sorted(v, key=lambda n: n.name) for k, v in found.items()}


def param_name(op: Operation, inp: Input, leaf: Field | None = None) -> str:
    """The n8n parameter name: `<resource>Id` for a resource's id, `<object><Sub>` for a sub-field, else camelCase."""
    if leaf is not None and leaf is not inp.field:
        return leaf.names.camel
    if inp.name == op.resource.id_field:
        return f"{op.resource.names.camel}{Names.of(inp.name).pascal}"
    return inp.names.camel


def _typed(field: Field, label: str, help_text: str | None) -> dict[str, Any]:
    """Type, default, options and placeholder for one scalar field."""
    prop: dict[str, Any] = {"displayName": label}
    if field.choices:
        prop["type"] = "options"
        options = ({"name": title_case(str(c)), "value": parameter_text(c)} for c in field.choices)
        prop["options"] = sorted(options, key=lambda o: o["name"])
        prop["default"] = prop["options"][0]["value"]
    elif field.type == "integer":
        prop["type"] = "number"
        limits = {"minValue": field.minimum, "maxValue": field.maximum, "numberPrecision": 0}
        prop["typeOptions"] = {k: v for k, v in limits.items() if v is not None}
        prop["default"] = field.minimum if field.minimum is not None else 0
    elif field.is_epoch:
        prop["type"] = "number"
        prop["default"] = 0
        help_text = help_text or f"{label} as milliseconds since the Unix epoch"
    elif field.type == "boolean":
        prop["type"] = "boolean"
        prop["default"] = False
        help_text = help_text or f"Whether to {label.lower()}"
    else:
        prop["type"] = "string"
        prop["default"] = ""
        placeholder = {"email": "name@email.com", "date": "YYYY-MM-DD", "time": "HH:mm"}.get(field.type)
        if placeholder is None and field.example is not None and not field.read_only:
            placeholder = f"e.g. {field.example}"
        if placeholder:
            prop["placeholder"] = placeholder
    if help_text:
        prop["description"] = describe(help_text)
    return prop


def search_method(model: Model, list_key: str) -> str:
    """The listSearch method name serving dropdowns fed by the list operation `list_key`."""
    return f"search{model.operation(list_key).resource.names.pascal}s"


def _locator(model: Model, inp: Input, base: dict[str, Any]) -> dict[str, Any]:
    """A resource locator: pick from a searchable list, or type the value."""
    assert inp.dropdown is not None
    source = model.operation(inp.dropdown.operation).resource
    value_field = source.field(inp.dropdown.value)
    prop = {k: v for k, v in base.items() if k not in ("type", "default", "placeholder", "typeOptions", "options")}
    prop["type"] = "resourceLocator"
    prop["default"] = {"mode": "list", "value": ""}
    by: dict[str, Any] = {"displayName": f"By {value_field.label}", "name": locator_mode(model, inp), "type": "string"}
    if value_field.example is not None:
        by["placeholder"] = f"e.g. {value_field.example}"
    prop["modes"] = [
        {
            "displayName": "From List",
            "name": "list",
            "type": "list",
            "typeOptions": {"searchListMethod": search_method(model, inp.dropdown.operation), "searchable": True},
        },
        by,
    ]
    return prop


def locator_mode(model: Model, inp: Input) -> str:
    """The name of a resource locator's type-it-in mode (`id`, `username`, ...)."""
    assert inp.dropdown is not None
    return Names.of(inp.dropdown.value).camel


def _send(model: Model, op: Operation, inp: Input, leaf: Field) -> dict[str, Any]:
    """Where the value goes: into the URL (path inputs), the query or the (nested, maybe wrapped) JSON body."""
    if inp.location == "path":
        others = {i.name: f"$parameter[{quote(param_name(op, i))}]" for i in op.inputs_in("path") if i is not inp}
        return {"request": {"url": path(model, op.request.path, {**others, inp.name: "$value"})}}
    return {"send": {"type": inp.location, "property": _property(op, inp, leaf)}}


def _property(op: Operation, inp: Input, leaf: Field) -> str:
    """The dotted query or body property a value is sent as (`request.wrap` puts the body inside one key)."""
    if inp.location != "body":
        return inp.name
    return f"{op.request.wrap}.{leaf.dotted}" if op.request.wrap else leaf.dotted


def _range_check(op: Operation, inp: Input, leaf: Field, label: str) -> Raw | None:
    """A preSend step refusing a number outside the field's range at run time (an expression bypasses minValue)."""
    if leaf.type not in values.RANGED or (leaf.minimum is None and leaf.maximum is None) or inp.location == "path":
        return None
    args = [
        quote(inp.location),
        quote(_property(op, inp, leaf)),
        ts(leaf.minimum),
        ts(leaf.maximum),
        ts(values.is_whole(leaf)),
    ]
    return Raw(f"inRange({', '.join(args)}, {quote(values.range_message(leaf, label))})")


def leaf_required(inp: Input, leaf: Field) -> bool:
    """Whether a parameter must be filled in: a required scalar input, or a required sub-field of a required object.

    A required object input (HubSpot's `properties`) must be sent, not each of its sub-fields: an update changes one.
    """
    return inp.required and (leaf is inp.field or leaf.required)


def input_properties(model: Model, nop: NodeOperation, show: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Required inputs as top-level parameters; optional ones inside one collection."""
    op = nop.op
    top: list[dict[str, Any]] = []
    optional: list[dict[str, Any]] = []
    for inp in op.inputs:
        for leaf in inp.leaves:
            label = inp.label if leaf is inp.field else leaf.label
            help_text = inp.help if leaf is inp.field else leaf.help
            prop = _typed(leaf, label, help_text)
            if inp.dropdown is not None:
                prop = _locator(model, inp, prop)
            prop = {"displayName": prop.pop("displayName"), "name": param_name(op, inp, leaf), **prop}
            prop["routing"] = _send(model, op, inp, leaf)
            check = _range_check(op, inp, leaf, label)
            if check is not None:
                prop["routing"]["send"]["preSend"] = [check]
            if leaf_required(inp, leaf):
                prop["required"] = True
                top.append({**prop, "displayOptions": {"show": show}})
            else:
                optional.append(prop)
    if op.kind == "list" and op.paginate and op.resource.pagination and op.resource.pagination.offset_param:
        top.extend(_paging(model, op, show))
    if optional:
        name, label = _COLLECTION.get(op.crud or "", _FILTERS)
        top.append(
            {
                "displayName": label,
                "name": name,
                "type": "collection",
                "placeholder": "Add Filter" if name == _FILTERS[0] else "Add Field",
                "default": {},
                "displayOptions": {"show": show},
                "options": sorted(optional, key=lambda p: p["displayName"]),
            }
        )
    return top


def _paging(model: Model, op: Operation, show: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Return All (offset pagination over every page) or Limit."""
    pag = op.resource.pagination
    assert pag is not None
    return [
        {
            "displayName": "Return All",
            "name": "returnAll",
            "type": "boolean",
            "displayOptions": {"show": show},
            "default": False,
            "description": "Whether to return all results or only up to a given limit",
            "routing": {"send": {"paginate": "={{ $value }}"}},
        },
        {
            "displayName": "Limit",
            "name": "limit",
            "type": "number",
            "displayOptions": {"show": {**show, "returnAll": [False]}},
            "typeOptions": {"minValue": 1, "maxValue": pag.max_page_size},
            "default": 50,
            "description": "Max number of results to return",
            "routing": {"send": {"type": "query", "property": pag.limit_param}, "output": {"maxResults": "={{ $value }}"}},
        },
    ]


def operation_routing(model: Model, nop: NodeOperation) -> dict[str, Any]:
    """Method, path, fixed query and output handling of one operation option (helpers from shared/routing.ts)."""
    op = nop.op
    request: dict[str, Any] = {"method": op.request.method}
    if not op.inputs_in("path"):  # else each path input's property routes the URL (settings may fill the rest)
        request["url"] = path(model, op.request.path, {})
    if op.request.query:
        request["qs"] = {name: parameter_text(value) for name, value in op.request.query}
    post: list[Any] = []
    root = records_at(op.response)
    if root:
        post.append({"type": "rootProperty", "properties": {"property": ".".join(root)}})
    if op.search and op.search.exact_input:
        values = ", ".join(f"$responseItem.{f}" for f in op.search.exact_fields)
        wanted = f"String($parameter['{op.search.exact_input}']).trim()"
        post.append({"type": "filter", "properties": {"pass": f"={{{{ [{values}].map(String).includes({wanted}) }}}}"}})
    if op.search:
        post.append({"type": "limit", "properties": {"maxResults": op.search.max_results}})
    routing: dict[str, Any] = {"request": request, "output": {"postReceive": post}}
    if op.inputs_in("body"):
        # A field the user added but left empty is not sent, as in the API's other clients.
        routing["send"] = {"preSend": [Raw("omitEmpty")]}
    if op.search and op.search.not_found_status:
        # A lookup that misses is "no result", not an error; other statuses still raise NodeApiError.
        routing.setdefault("send", {})["paginate"] = True
        routing["operations"] = {"pagination": Raw(f"emptyOnStatus({op.search.not_found_status})")}
    pag = op.resource.pagination
    if op.kind == "list" and op.paginate and pag and pag.offset_param:
        # Own offset paging: n8n's built-in one sends offset 0 on the first page; the API's clients send none.
        size = int(dict(op.request.query).get(pag.limit_param, pag.max_page_size))
        routing["operations"] = {"pagination": Raw(f"offsetPages({quote(pag.limit_param)}, {quote(pag.offset_param)}, {size})")}
    return routing


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


def node_parameters(model: Model, op: Operation, inputs: dict[str, Any]) -> dict[str, Any]:
    """The node parameters (n8n's stored shape) that run `op` with `inputs` given by API name, objects nested."""
    nop = node_operation(op)
    params: dict[str, Any] = {"resource": op.resource.names.camel, "operation": nop.value}
    collection = _COLLECTION.get(op.crud or "", _FILTERS)[0]
    for inp in op.inputs:
        if inp.name not in inputs:
            continue
        given = inputs[inp.name]
        where = params if inp.required else params.setdefault(collection, {})
        if inp.field.is_object:
            for leaf in inp.leaves:
                value: Any = given
                for part in leaf.path[1:]:
                    value = value.get(part) if isinstance(value, dict) else None
                if value is not None:
                    place = params if leaf_required(inp, leaf) else params.setdefault(collection, {})
                    place[param_name(op, inp, leaf)] = value
            continue
        if inp.dropdown is not None:
            given = {"__rl": True, "mode": locator_mode(model, inp), "value": given}
        where[param_name(op, inp)] = given
    if op.kind == "list" and op.paginate and op.resource.pagination and op.resource.pagination.offset_param:
        params["returnAll"] = True
    return params
