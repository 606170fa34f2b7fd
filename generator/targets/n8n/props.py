"""The declarative action node's properties (resources, operations, fields, routing) as Python data."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ...errors import RenderError
from ...frozen import Frozen
from ...model import Field, Input, Model, Operation, values
from ...model.build import DEPRECATED
from ...names import Names
from .conventions import TARGET
from .fields import MAP_ENTRY, datetime_unit, entry_name, item_key, typed
from .paging import has_limit
from .routing import empty_result, hands_on_result, param_name, pre_send, send
from .simplify import SIMPLIFY, simple_keys, simplify_property

# Where an optional input lives in n8n's UI: a collection the user adds fields to, so empty fields are never sent.
_COLLECTION = {"create": ("additionalFields", "Additional Fields"), "update": ("updateFields", "Update Fields")}
_FILTERS = ("filters", "Filters")


@dataclass(frozen=True, repr=False, eq=False)
class NodeOperation(Frozen):
    """One action-node operation: its option value, display name and the model operation behind it."""

    value: str
    name: str
    action: str
    op: Operation
    file: str = ""  # its description file's name: the derived value, so pinning a live value renames no file


def sentence(text: str) -> str:
    """`Get Many Items` -> `Get many items`, keeping acronyms such as ID."""
    words = text.split()
    return " ".join([words[0]] + [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]])


def node_operation(op: Operation) -> NodeOperation:
    """n8n's conventional value/name for an operation, derived from its kind, CRUD verb and inputs (or pinned)."""
    found = _derived_operation(op)
    found = dataclasses.replace(found, file=found.value)
    pinned = op.pins.get(TARGET)  # a live node's option value, which its workflows store
    if pinned:
        found = dataclasses.replace(found, value=pinned)
    # n8n has no hidden option: a deprecated operation stays selectable, marked (its label carries the mark already)
    return dataclasses.replace(found, name=found.name + DEPRECATED) if op.deprecated else found


def _derived_operation(op: Operation) -> NodeOperation:
    """The operation's derived value and name.

    The vocabulary of n8n's own nodes (docs.n8n.io, "UX guidelines", Operations to include: Create, Delete, Get,
    Get Many, Update): a lookup by anything but the id is "Get by <what it takes>"; actions read "Create task",
    "Get many tasks", without articles.
    """
    res = op.resource
    if op.kind == "action":  # named by its verb: CRUD, else the key's first word (close_order -> Close)
        verb = Names.of(op.verb)
        return NodeOperation(verb.camel, verb.title, sentence(f"{verb.title} {res.label}"), op)
    if op.kind == "list":
        return NodeOperation("getAll", "Get Many", sentence(f"Get many {res.plural}"), op)
    if op.inputs_in("path"):
        return NodeOperation("get", "Get", sentence(f"Get {res.label}"), op)
    if has_limit(op):  # a search that can hand on several records is n8n's Get Many with filters
        return NodeOperation("search", "Search", sentence(f"Search {res.plural}"), op)
    fields = {f.name: f for f in res.fields}
    by = next((i for i in op.required_inputs if i.location == "query" and i.name in fields), None)
    if by is not None:
        label = fields[by.name].label
        return NodeOperation(Names.of(f"get by {by.name}").camel, f"Get by {label}", sentence(f"Get {res.label} by {label}"), op)
    return NodeOperation("search", "Search", sentence(f"Search {res.plural}"), op)  # free text: n8n's Search


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
    params = {i.name: param_name(op, i) for i in op.inputs_in("path")}
    for inp in op.inputs:
        for leaf in inp.leaves:
            label = inp.label if leaf is inp.field else leaf.label
            help_text = inp.help if leaf is inp.field else leaf.help
            prop = typed(leaf, label, help_text)
            if inp.dropdown is not None:
                prop = _locator(model, inp, prop)
            prop = {"displayName": prop.pop("displayName"), "name": param_name(op, inp, leaf), **prop}
            prop["routing"] = send(model, op, inp, leaf, params)
            steps = pre_send(op, inp, leaf, label)
            if steps:
                prop["routing"]["send"]["preSend"] = steps
            if hands_on_result(op) and inp is op.id_input:  # hands on the id it acted on, as n8n's own nodes do
                prop["routing"]["output"] = {"postReceive": [empty_result(op, inp)]}
            if leaf_required(inp, leaf):
                prop["required"] = True
                top.append({**prop, "displayOptions": {"show": show}})
            else:
                optional.append(prop)
    if has_limit(op):
        top.extend(_paging(show))
    if simple_keys(op) is not None:
        top.append(simplify_property(show))
    if optional:
        name, label = collection_of(op)
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


def _paging(show: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Return All (every page, by the list's paging) or Limit (pages read until that many records)."""
    return [
        {
            "displayName": "Return All",
            "name": "returnAll",
            "type": "boolean",
            "displayOptions": {"show": show},
            "default": False,
            "description": "Whether to return all results or only up to a given limit",
        },
        {
            "displayName": "Limit",
            "name": "limit",
            "type": "number",
            "displayOptions": {"show": {**show, "returnAll": [False]}},
            "typeOptions": {"minValue": 1},
            "default": 50,
            "description": "Max number of results to return",
        },
    ]


def node_parameters(model: Model, op: Operation, inputs: dict[str, Any]) -> dict[str, Any]:
    """The node parameters (n8n's stored shape) that run `op` with `inputs` given by API name, objects nested."""
    nop = node_operation(op)
    params: dict[str, Any] = {"resource": op.resource.names.camel, "operation": nop.value}
    collection = collection_of(op)[0]
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
                    place[param_name(op, inp, leaf)] = stored(leaf, value)
            continue
        if inp.dropdown is not None:
            given = {"__rl": True, "mode": locator_mode(model, inp), "value": given}
        where[param_name(op, inp)] = stored(inp.field, given)
    if has_limit(op) and op.search is not None:  # a search hands on as many as the spec says it finds
        params.update({"returnAll": False, "limit": op.search.max_results})
    elif has_limit(op):
        params["returnAll"] = True
    if simple_keys(op) is not None:  # the records as the API gives them, as the other platforms hand them on
        params[SIMPLIFY] = False
    return params


def _picked(field: Field, value: Any) -> Any:
    """A date-time as n8n's picker holds it (ISO 8601 text); a number in the field's epoch unit becomes that text."""
    fmt = datetime_unit(field)
    if fmt is None or fmt == "date" or not isinstance(value, int) or isinstance(value, bool):
        return value
    moment = values.instant(value, fmt)
    return values.iso(moment) if moment is not None else value


def stored(field: Field, value: Any) -> Any:
    """A value given by API name as n8n stores its parameter: line items and maps as fixedCollection entries."""
    items = field.items
    if field.type == "map" and isinstance(value, dict):
        return {MAP_ENTRY: [{"key": k, "value": values.format_text(v)} for k, v in value.items()]}
    if field.type == "array" and items is not None and isinstance(value, list):
        if not items.is_object:
            return [_picked(field, v) for v in value]
        depth = len(items.path)
        entries = []
        for entry in value:
            row = {}
            for leaf in items.leaves:
                found: Any = entry
                for part in leaf.path[depth:]:
                    found = found.get(part) if isinstance(found, dict) else None
                if found is not None:
                    row[item_key(items, leaf)] = _picked(leaf, found)
            entries.append(row)
        return {entry_name(items): entries}
    return _picked(field, value)


def collection_of(op: Operation) -> tuple[str, str]:
    """The name and label of the collection holding an operation's optional inputs."""
    if op.crud is not None and op.crud in _COLLECTION:
        return _COLLECTION[op.crud]
    return _COLLECTION["create"] if op.kind == "action" and op.crud is None else _FILTERS


def trigger_param(op: Operation, inp: Input) -> str:
    """The trigger node parameter of a scoped trigger's path input (`owner`, `repo`)."""
    return inp.names.camel


def trigger_inputs(model: Model) -> list[dict[str, Any]]:
    """Each scoped trigger's path inputs: required trigger node parameters, shown for their event only."""
    props = []
    for op in model.of_kind("polling_trigger"):
        for inp in op.inputs_in("path"):
            prop = typed(inp.field, inp.label, inp.help)
            props.append(
                {
                    "displayName": prop.pop("displayName"),
                    "name": trigger_param(op, inp),
                    **prop,
                    "required": True,
                    "displayOptions": {"show": {"event": [op.names.camel]}},
                }
            )
    return props
