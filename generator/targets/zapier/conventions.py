"""Zapier naming rules the target writes and the executors read: sections, keys, file names, input data."""

from __future__ import annotations

from typing import Any

from ...model import ConnectionField, Field, Input, Operation, values
from ...model.requests import Dialect
from ...names import Names, title_case

TARGET = "zapier"
# Where each kind of operation lives in a Zapier app definition.
SECTIONS = {"polling_trigger": "triggers", "list": "triggers", "search": "searches", "action": "creates"}
# Flat input keys for sub-fields of object inputs: `contact__name`.
JOIN = "__"
# The output key Zapier dedupes on and shows as the record's id.
ZAPIER_ID = "id"
ENTRY_FILE = "index.js"
DEFINITION_FILE = "app-definition.json"
# How Zapier's requests differ from the summary: a trigger keeps no cursor of its own (Zapier gives a poll no "last
# run" time) and asks for the poll window, relying on Zapier's dedupe; a search's 404 is an empty result; Zapier has
# no advanced section, so an optional advanced input is left out of the form (`form_inputs`).
REQUESTS = Dialect("Zapier", since="window", advanced="left_out")
# The read-only `copy` field a Delete action opens with: Zapier's guidance for destructive actions is to say in
# the form that the step cannot be undone (a copy field shows Markdown and takes no input).
DELETE_NOTICE = "delete_notice"


def form_inputs(op: Operation) -> tuple[Input, ...]:
    """The inputs in the operation's Zapier form: Zapier has no advanced section, so an optional input the spec
    marks `advanced` is left out (a required one stays)."""
    return tuple(i for i in op.inputs if i.required or not i.advanced)


def left_out(op: Operation) -> tuple[Input, ...]:
    """The optional advanced inputs the form leaves out (the README names them)."""
    return tuple(i for i in op.inputs if not i.required and i.advanced)


def display_label(op: Operation) -> str:
    """The label Zapier shows: a search is a Find ("Find Job by ID" for a lookup by id), never a Get."""
    label = title_case(op.label)
    if op.kind != "search":
        return label
    if label.startswith("Get "):
        label = "Find " + label.removeprefix("Get ")
    if op.id_input is not None and len(op.inputs) == 1 and " by " not in label:
        label += " by ID"
    return label


def delete_notice(op: Operation) -> dict[str, Any] | None:
    """The irreversibility notice of a Delete action (a `copy` input field), or None for any other operation."""
    if op.kind != "action" or op.crud != "delete":
        return None
    noun = op.resource.label.lower()
    text = f"**This cannot be undone.** Running this step deletes the {noun} for good; it cannot be recovered."
    return {"key": DELETE_NOTICE, "label": "Warning", "type": "copy", "helpText": text}


def operation_key(op: Operation) -> str:
    """The operation's key in its section: the spec's pinned Zapier key (a live app's), else the operation key."""
    return op.pins.get(TARGET) or op.key


def auth_key(fld: ConnectionField) -> str:
    """An auth field's key in bundle.authData: the spec's pinned Zapier key (a live app's), else the field key."""
    return fld.pins.get(TARGET) or fld.key


def method_of(op: Operation) -> str:
    """The dotted path of an operation's function in the app, as core's `execute` command takes it."""
    if op.kind == "auth_test":
        return "authentication.test"
    return f"{SECTIONS[op.kind]}.{operation_key(op)}.operation.perform"


def safe(name: str) -> str:
    """A name as a Zapier key: an identifier stays as the API writes it, any other text (`Gift Note`,
    `created[gte]`) becomes its snake form, because Zapier's `{{bundle.inputData.x}}` and mapping need plain keys."""
    return name if name.isidentifier() and name.isascii() else Names.of(name).snake


def key_of(segments: tuple[str, ...]) -> str:
    """The flat key of a value at a path of API names: `customer__name`."""
    return JOIN.join(safe(s) for s in segments)


def input_key(inp: Input, leaf: Field) -> str:
    """The Zapier key of one input field: its pinned key (a live app's `contactName`), else the input's safe key,
    then each sub-field's (`customer__name`)."""
    rest = leaf.path[len(inp.field.path) :]
    return inp.pins.get(TARGET, ".".join((inp.name, *rest))) or key_of((inp.name, *rest))


def child_key(items: Field, leaf: Field) -> str:
    """The key of a line item's child field (`sku`), relative to the array's element."""
    return key_of(leaf.path[len(items.path) :])


def _as_zapier(fld: Field, value: Any) -> Any:
    """A value as Zapier's editor hands it over: choices and date-times as the text users pick or type."""
    if isinstance(value, bool | int | float | str) and (fld.choices or fld.type == "datetime"):
        return values.format_text(value)
    return value


def _line_item(items: Field, row: Any) -> Any:
    if not isinstance(row, dict):
        return row
    out: dict[str, Any] = {}
    for leaf in items.leaves:
        here: Any = row
        for part in leaf.path[len(items.path) :]:
            here = here.get(part) if isinstance(here, dict) else None
        if here is not None:
            out[child_key(items, leaf)] = _as_zapier(leaf, here)
    return out


def _leaf_value(leaf: Field, value: Any) -> Any:
    if leaf.type == "array" and leaf.items is not None and isinstance(value, list):
        if leaf.items.fields:
            return [_line_item(leaf.items, row) for row in value]
        return [_as_zapier(leaf.items, v) for v in value]
    return _as_zapier(leaf, value)


def flat_inputs(op: Operation, inputs: dict[str, Any]) -> dict[str, Any]:
    """Zapier's inputData for `inputs` (by API name): safe keys, object inputs as `contact__name`-style keys, line
    items as lists of objects keyed by their child keys, choices and date-times as text."""
    out: dict[str, Any] = {}
    by_name = {i.name: i for i in op.inputs}
    for name, value in inputs.items():
        inp = by_name.get(name)
        if inp is None:  # not an input of this operation: handed over as given (the app ignores it)
            out[name] = value
            continue
        for leaf in inp.leaves:
            here: Any = value
            for part in leaf.path[len(inp.field.path) :]:
                here = here.get(part) if isinstance(here, dict) else None
            if here is not None:
                out[input_key(inp, leaf)] = _leaf_value(leaf, here)
    return out
