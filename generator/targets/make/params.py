"""Make parameter definitions (mappable params, interfaces) and the IML values that send them."""

from __future__ import annotations

from typing import Any

from ...model import Field, Input, Model, Operation
from ...names import Names
from .escape import iml_text

# Make sends a date parameter as ISO text in UTC; these formats put it in the API's shape (always in UTC,
# never the scenario's time zone, so a date-only value cannot move to the day before).
DATE_FORMAT = "YYYY-MM-DD"
TIMESTAMP_FORMAT = "x"  # moment's epoch milliseconds
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
}


def make_type(fld: Field) -> str:
    """The Make parameter type of a field (`uinteger` when the field can never be negative)."""
    if fld.type == "integer":
        return "uinteger" if fld.minimum is not None and fld.minimum >= 0 else "integer"
    return _TYPES.get(fld.type, "text")


def interface(fld: Field) -> dict[str, Any]:
    """One output field as Make's interface describes it."""
    out: dict[str, Any] = {"name": fld.name, "type": make_type(fld), "label": fld.label}
    if fld.type == "date":
        out["time"] = False
    if fld.fields:
        out["spec"] = [interface(sub) for sub in fld.fields]
    return out


def _validate(fld: Field) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    if fld.minimum is not None:
        rules["min"] = fld.minimum
    if fld.maximum is not None:
        rules["max"] = fld.maximum
    if fld.type == "time":
        rules["pattern"] = _TIME_PATTERN
    return rules


def parameter(fld: Field, label: str, help_text: str | None, required: bool, rpc: str | None = None) -> dict[str, Any]:
    """A mappable parameter for a field; `rpc` names the RPC that fills a dropdown."""
    out: dict[str, Any] = {"name": fld.name, "type": make_type(fld), "label": label}
    if rpc:
        out["type"] = "select"
        out["options"] = f"rpc://{rpc}"
    elif fld.choices:
        out["type"] = "select"
        # A chosen value is mapped into the scenario, where Make evaluates {{…}}; iml_text keeps it literal.
        out["options"] = [{"label": c, "value": iml_text(c)} for c in fld.choices]
    if required:
        out["required"] = True
    if help_text:
        out["help"] = help_text
    if fld.type == "date":
        out["time"] = False
    rules = _validate(fld)
    if rules and not rpc:
        out["validate"] = rules
    if fld.fields:
        out["spec"] = [parameter(sub, sub.label, sub.help, sub.required) for sub in fld.fields]
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
    """The mappable parameter of an operation input."""
    return parameter(inp.field, inp.label, inp.help, inp.required, rpc_id_for(inp))


def rpc_id_for(inp: Input) -> str | None:
    """The RPC id behind an input's dropdown, if it has one."""
    return Names.of(inp.dropdown.operation).camel if inp.dropdown else None


def send_value(inp: Input) -> str:
    """The IML that sends an input: dates reformatted in UTC, anything else (objects too) as it is."""
    ref = f"parameters.{inp.name}"
    if inp.type == "date":
        return f"{{{{if({ref}, formatDate({ref}, '{DATE_FORMAT}', 'UTC'), undefined)}}}}"
    if inp.field.is_epoch:
        return f"{{{{if({ref}, formatDate({ref}, '{TIMESTAMP_FORMAT}', 'UTC'), undefined)}}}}"
    return f"{{{{{ref}}}}}"
