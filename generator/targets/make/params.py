"""Make parameter definitions (mappable params, interfaces) and the IML values that send them."""

from __future__ import annotations

from typing import Any

from ...model import Field, Input, Model, Operation
from ...names import Names
from .blocks import iml_path
from .escape import iml_text

# Make hands a date parameter to the app as ISO text in UTC; a date-only one (`time: false`) is the user's midnight
# converted to UTC (block-elements/parameters/date: 17. 09. 2025 in Prague is 2025-09-16T22:00:00.000Z). So a date is
# formatted without a time zone, which is the organization's (help.make.com date and time functions: "If omitted,
# Make uses the organization's timezone"): the day the user picked, not the UTC day before it. Date-times keep UTC.
DATE_FORMAT = "YYYY-MM-DD"
# A datetime's wire format -> the formatDate pattern that writes it (moment tokens; `X` is epoch seconds) and
# whether the API wants a JSON number (epochs: parseNumber makes the text a number, as values.to_wire does).
WIRE_FORMATS = {"epoch_ms": ("x", True), "epoch_s": ("X", True), "iso8601": ("YYYY-MM-DDTHH:mm:ss.SSS[Z]", False)}
_TIME_PATTERN = "^([01]\\d|2[0-3]):[0-5]\\d$"
_TYPES = {
    "string": "text",
    "email": "email",
    "phone": "text",
    "url": "url",
    "time": "text",
    "date": "date",
    "datetime": "date",
    "number": "number",
    "boolean": "boolean",
    "object": "collection",
    "array": "array",
    "map": "array",
}
# A map (free-form keys) is entered as Make's own key/value list, the form Make's HTTP module uses for headers,
# and sent as an object by toCollection (Make's array function that turns such a list into a collection).
MAP_KEY, MAP_VALUE = "key", "value"
_MAP_SPEC = [
    {"name": MAP_KEY, "type": "text", "label": "Key", "required": True},
    {"name": MAP_VALUE, "type": "text", "label": "Value"},
]


def make_type(fld: Field) -> str:
    """The Make parameter type of a field (`uinteger` when the field can never be negative)."""
    if fld.type == "integer":
        return "uinteger" if fld.minimum is not None and fld.minimum >= 0 else "integer"
    return _TYPES.get(fld.type, "text")


def _options(fld: Field) -> list[dict[str, Any]]:
    # Values keep their JSON type (2, not "2"); a text value is mapped into the scenario, where Make evaluates
    # {{…}}, so iml_text keeps it literal. Labels are the model's.
    return [{"label": label, "value": iml_text(value)} for value, label in fld.options]


def interface(fld: Field) -> dict[str, Any]:
    """One output field as Make's interface describes it."""
    out: dict[str, Any] = {"name": fld.name, "type": "any" if fld.type == "map" else make_type(fld), "label": fld.label}
    if fld.type == "date":
        out["time"] = False
    if fld.fields:
        out["spec"] = [interface(sub) for sub in fld.fields]
    if fld.items is not None:
        out["spec"] = _element(fld.items, interface)
    return out


def iso_interface(fld: Field) -> dict[str, Any]:
    """The output field of an epoch field's ISO 8601 companion."""
    return {"name": fld.iso_key, "type": "date", "label": f"{fld.label} (ISO 8601)"}


def interfaces(fields: tuple[Field, ...]) -> list[dict[str, Any]]:
    """A resource's output fields, each epoch field followed by its ISO 8601 companion."""
    out: list[dict[str, Any]] = []
    for fld in fields:
        if fld.write_only:
            continue
        out.append(interface(fld))
        if fld.is_epoch:
            out.append(iso_interface(fld))
    return out


def _element(items: Field, describe: Any) -> Any:
    """An array's `spec`: the parameters of one line item (a list), or one scalar parameter without a name."""
    if items.fields:
        return [describe(sub) for sub in items.fields]
    one = dict(describe(items))
    one.pop("name", None)
    one.pop("required", None)
    return one


def _validate(fld: Field) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    if fld.minimum is not None:
        rules["min"] = fld.minimum
    if fld.maximum is not None:
        rules["max"] = fld.maximum
    if fld.type == "time":
        rules["pattern"] = _TIME_PATTERN
    return rules


def parameter(
    fld: Field, label: str, help_text: str | None, required: bool, rpc: str | None = None, advanced: bool | None = None
) -> dict[str, Any]:
    """A mappable parameter for a field; `rpc` names the RPC that fills a dropdown.

    The name is the API's own: Make's parameter names "can contain arbitrary characters" (parameters.json), IML
    reads them in backticks, and so line items and collections reach the API with their keys unchanged.
    """
    out: dict[str, Any] = {"name": fld.name, "type": make_type(fld), "label": label}
    if rpc:
        # An RPC-backed select picks a record's key, which scenarios mostly map from an earlier module: it opens
        # in edit (mapping) mode, the dropdown a click away (select parameter `mode`: edit | choose).
        out["type"] = "select"
        out["options"] = f"rpc://{rpc}"
        out["mode"] = "edit"
    elif fld.choices:
        out["type"] = "select"
        out["options"] = _options(fld)
    if required:
        out["required"] = True
    if help_text:
        out["help"] = help_text
    if fld.type == "date":
        out["time"] = False
    # Hidden behind "Show advanced settings" (parameters.json `advanced`); an input's own flag wins over its field's.
    if fld.advanced if advanced is None else advanced:
        out["advanced"] = True
    rules = _validate(fld)
    if rules and not rpc:
        out["validate"] = rules
    if fld.fields:
        out["spec"] = [parameter(sub, sub.label, sub.help, sub.required) for sub in fld.fields]
    if fld.type == "map":
        out["spec"] = _MAP_SPEC
    if fld.items is not None:
        out["spec"] = _element(fld.items, lambda sub: parameter(sub, sub.label, sub.help, sub.required))
    return out


def dropdown_rpcs(model: Model) -> dict[str, Operation]:
    """The operations that fill dropdowns, by the RPC id that serves them."""
    found: dict[str, Operation] = {}
    for op in model.operations:
        for inp in op.inputs:
            if inp.dropdown:
                source = model.operation(inp.dropdown.operation)
                found[rpc_id(source)] = source
    return dict(sorted(found.items()))


def rpc_id(op: Operation) -> str:
    """The local id of the RPC built from a list operation."""
    return op.names.camel


def input_parameter(inp: Input) -> dict[str, Any]:
    """The mappable parameter of an operation input (an advanced one marked so)."""
    return parameter(inp.field, inp.label, inp.help, inp.required, rpc_id_for(inp), inp.advanced)


def input_parameters(inputs: tuple[Input, ...]) -> list[dict[str, Any]]:
    """The mappable parameters of inputs, advanced ones last (Make: "Placed at the bottom of all fields")."""
    ordered = [i for i in inputs if not i.advanced] + [i for i in inputs if i.advanced]
    return [input_parameter(i) for i in ordered]


def rpc_id_for(inp: Input) -> str | None:
    """The RPC id behind an input's dropdown, if it has one."""
    return Names.of(inp.dropdown.operation).camel if inp.dropdown else None


def reference(inp: Input) -> str:
    """The IML that reads an input's parameter (`parameters.x`, ``parameters.`Gift Note` ``)."""
    return iml_path("parameters", (inp.name,))


def date_expression(fld: Field, ref: str, typed: bool = True) -> str | None:
    """The IML that turns a Make date into the field's wire form, or None when the field needs no conversion.

    `typed`: an epoch becomes a JSON number (a body); a query sends text either way, so it stays formatDate's text.
    """
    if fld.type == "date":
        return f"formatDate({ref}, '{DATE_FORMAT}')"
    if fld.type == "datetime":
        pattern, numeric = WIRE_FORMATS[fld.format or "iso8601"]
        text = f"formatDate({ref}, '{pattern}', 'UTC')"
        return f"parseNumber({text})" if numeric and typed else text
    return None


def value_expression(fld: Field, ref: str, typed: bool = True) -> str:
    """The IML expression (no braces) of a field's value to send: dates converted, maps as objects, else as is."""
    converted = date_expression(fld, ref, typed)
    if converted is not None:
        return f"if({ref}, {converted}, undefined)"
    if fld.type == "map":
        return f"if({ref}, toCollection({ref}, '{MAP_KEY}', '{MAP_VALUE}'), undefined)"
    return ref


def needs_building(fld: Field) -> bool:
    """Whether an object's value must be rebuilt key by key (a sub-field is a date or map to convert)."""
    return any(sub.type in ("date", "datetime", "map") or needs_building(sub) for sub in fld.fields)


def send_value(inp: Input) -> Any:
    """What a JSON body or query sends for an input: an IML template, or an object of them for a collection."""
    return _send(inp.field, reference(inp), inp.location != "query")


def _send(fld: Field, ref: str, typed: bool) -> Any:
    if fld.fields and needs_building(fld):
        return {sub.name: _send(sub, iml_path(ref, (sub.name,)), typed) for sub in fld.fields}
    return "{{" + value_expression(fld, ref, typed) + "}}"
