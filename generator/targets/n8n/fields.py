"""One field as n8n parameter data: its UI type (pickers, multiple values, fixed collections) and how it is sent.

The one table of n8n's native UI per field type (docs.n8n.io, "Node UI elements"): `dateTime` for date-times,
`options` / `multiOptions` for choices, `string`/`number` with `typeOptions.multipleValues` for arrays of scalars,
a `fixedCollection` with `multipleValues` for line items and for maps (key/value pairs, as n8n's own HTTP Request
node asks for headers and query parameters), `boolean`, `number` and `string` for the rest.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ...model import Field, values
from ...names import Names
from .ts import parameter_text

MAP_ENTRY = "entry"  # the fixedCollection option that holds a map's key/value pairs
_PLACEHOLDERS = {"email": "name@email.com", "time": "HH:mm"}
WireFormat = values.DatetimeFormat | Literal["date"]  # what routing.ts's asDateTime sends: a date is YYYY-MM-DD


def describe(text: str) -> str:
    """A description as n8n's linter wants it: no final period on a single sentence, one on several."""
    if len(text.replace("e.g.", "").split(". ")) == 1:
        return text.removesuffix(".")
    return text if text.endswith(".") else text + "."


def _options(field: Field) -> list[dict[str, Any]]:
    """The model's labels and values (of the field's own JSON type), sorted by name as n8n's linter wants."""
    options = ({"name": label, "value": parameter_text(value)} for value, label in field.options)
    return sorted(options, key=lambda o: str(o["name"]))


def _scalar(field: Field, prop: dict[str, Any]) -> str | None:
    """Type, default and UI hints of a scalar field into `prop`; a description to use when the spec gives none."""
    if field.choices:
        prop["type"] = "options"
        prop["options"] = _options(field)
        prop["default"] = prop["options"][0]["value"]
    elif field.type in ("datetime", "date"):
        prop["type"] = "dateTime"  # the editor's picker; sent in the API's own format (routing.ts asDateTime)
        prop["default"] = ""
    elif field.type == "integer":
        prop["type"] = "number"
        limits = {"minValue": field.minimum, "maxValue": field.maximum, "numberPrecision": 0}
        prop["typeOptions"] = {k: v for k, v in limits.items() if v is not None}
        prop["default"] = field.minimum if field.minimum is not None else 0
    elif field.type == "number":
        prop["type"] = "number"
        limits = {"minValue": field.minimum, "maxValue": field.maximum}
        if any(v is not None for v in limits.values()):
            prop["typeOptions"] = {k: v for k, v in limits.items() if v is not None}
        prop["default"] = field.minimum if field.minimum is not None else 0
    elif field.type == "boolean":
        prop["type"] = "boolean"
        prop["default"] = False
        return f"Whether to {prop['displayName'].lower()}"
    else:
        prop["type"] = "string"
        prop["default"] = ""
        placeholder = _PLACEHOLDERS.get(field.type)
        if placeholder is None and field.example is not None and not field.read_only and not field.is_object:
            placeholder = f"e.g. {field.example}"
        if placeholder:
            prop["placeholder"] = placeholder
    return None


def entry_name(items: Field) -> str:
    """The fixedCollection option holding line items: the element's label in camelCase (`lineItem`), else `item`."""
    name = Names.of(items.label).camel
    return name if name.isidentifier() and name.isascii() else "item"


def item_key(items: Field, leaf: Field) -> str:
    """A line item sub-field's parameter name inside its entry: its path below the element in camelCase (`sku`)."""
    return Names.of("_".join(leaf.path[len(items.path) :])).camel


def _array(field: Field, prop: dict[str, Any]) -> None:
    """An array: multiple values of its scalar element, multiOptions for choices, a fixedCollection of objects."""
    items = field.items
    assert items is not None  # the model gives every array its element
    if items.is_object:
        prop["type"] = "fixedCollection"
        prop["typeOptions"] = {"multipleValues": True}
        prop["placeholder"] = f"Add {items.label}"
        prop["default"] = {}
        leaves = []
        for leaf in items.leaves:
            sub = typed(leaf, leaf.label, leaf.help)
            leaves.append({"displayName": sub.pop("displayName"), "name": item_key(items, leaf), **sub})
        prop["options"] = [{"displayName": items.label, "name": entry_name(items), "values": leaves}]
        return
    _scalar(items, prop)
    if prop["type"] == "options":
        prop["type"] = "multiOptions"
    else:
        prop["typeOptions"] = {**prop.get("typeOptions", {}), "multipleValues": True}
        prop.pop("placeholder", None)
    prop["default"] = []


def _map(field: Field, prop: dict[str, Any]) -> None:
    """A map: key/value pairs the user adds one by one, sent as one object."""
    prop["type"] = "fixedCollection"
    prop["typeOptions"] = {"multipleValues": True}
    prop["placeholder"] = "Add Entry"
    prop["default"] = {}
    pair = [
        {"displayName": "Key", "name": "key", "type": "string", "default": ""},
        {"displayName": "Value", "name": "value", "type": "string", "default": ""},
    ]
    prop["options"] = [{"displayName": "Entry", "name": MAP_ENTRY, "values": pair}]


def typed(field: Field, label: str, help_text: str | None) -> dict[str, Any]:
    """displayName, type, default, options and placeholder of one field as an n8n parameter."""
    prop: dict[str, Any] = {"displayName": label}
    if field.type == "array":
        _array(field, prop)
    elif field.type == "map":
        _map(field, prop)
    else:
        fallback = _scalar(field, prop)
        help_text = help_text or fallback
    if help_text:
        prop["description"] = describe(help_text)
    return prop


def js_string(text: str) -> str:
    """A JavaScript string literal with every brace escaped, so no `{{`/`}}` in it reads as an n8n delimiter."""
    return json.dumps(text).replace("{", "\\u007b").replace("}", "\\u007d")


def _object_code(leaves: list[tuple[tuple[str, ...], str]], scope: str) -> str:
    """A JavaScript object literal of API names (nested by path) whose values read `scope[<safe name>]`."""
    tree: dict[str, Any] = {}
    for api_path, safe in leaves:
        node = tree
        for part in api_path[:-1]:
            node = node.setdefault(part, {})
        node[api_path[-1]] = f"{scope}[{js_string(safe)}]"

    def emit(node: dict[str, Any]) -> str:
        rows = ", ".join(f"{js_string(k)}: {v if isinstance(v, str) else emit(v)}" for k, v in node.items())
        return "{ " + rows + " }"  # spaces keep `}}` from closing the n8n expression early

    return emit(tree)


def send_value(field: Field) -> str | None:
    """The expression turning a fixedCollection's value into what the API takes; None for other parameters.

    Line items become an array of objects under their API names; a map's pairs become one object.
    """
    if field.type == "map":
        pairs = f"($value.{MAP_ENTRY} || []).filter((e) => e.key !== '')"
        return "={{ " + pairs + ".reduce((o, e) => Object.assign(o, { [e.key]: e.value }), {}) }}"
    items = field.items
    if field.type != "array" or items is None or not items.is_object:
        return None
    depth = len(items.path)
    leaves = [(leaf.path[depth:], item_key(items, leaf)) for leaf in items.leaves]
    return "={{ ($value." + entry_name(items) + " || []).map((i) => (" + _object_code(leaves, "i") + ")) }}"


def datetime_unit(field: Field) -> WireFormat | None:
    """The wire format routing.ts's asDateTime converts a date-time or date (or an array of them) to; None for others."""
    element = field.items if field.type == "array" and field.items is not None else field
    if element.type == "date":
        return "date"
    return element.format if element.type == "datetime" else None


def is_whole(field: Field) -> bool:
    """Whether the field's values are JSON integers (routing.ts's inRange refuses fractions)."""
    return values.is_whole(field)
