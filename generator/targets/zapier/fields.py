"""Zapier input fields, output fields and samples built from the model's inputs and resource fields."""

from __future__ import annotations

from typing import Any

from ...errors import RenderError
from ...model import Field, Input, Operation, Resource, values
from .conventions import JOIN, TARGET, ZAPIER_ID, child_key, delete_notice, form_inputs, input_key, key_of
from .modules import Modules

# Zapier's field types for the spec's (docs.zapier.com/platform/build-cli/input-fields): a date-time gets Zapier's
# `datetime` picker (it hands the app ISO 8601 text, which the request builder converts to the API's format).
# A date-only field gets the same picker, so a mapped "May 10, 2026" is a date Zapier accepts; the module sends
# its day in `values.WIRE_DATE`.
_INPUT_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean", "datetime": "datetime", "date": "datetime"}
# An epoch date-time is handed on as the API's number (plus its ISO companion); an ISO one as Zapier's datetime.
_OUTPUT_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean"}
# Zapier's own line-item notation for the fields of each element of an array of objects.
LINE_ITEM = "[]"


def _output_type(fld: Field) -> str:
    if fld.type == "datetime":
        return "integer" if fld.is_epoch else "datetime"
    return _OUTPUT_TYPES.get(fld.type, "string")


def _choices(fld: Field) -> list[dict[str, str]]:
    # FieldChoiceWithLabelSchema: value and sample are text; the request builder turns the text back into the value.
    return [{"value": values.format_text(c), "label": label, "sample": values.format_text(c)} for c, label in fld.options]


def _plain(fld: Field, key: str, label: str, required: bool, help_text: str | None) -> dict[str, Any]:
    """One Zapier input field for a scalar, a list of scalars or a map."""
    of = fld.items if fld.type == "array" and fld.items is not None else fld
    field: dict[str, Any] = {"key": key, "label": label, "type": _INPUT_TYPES.get(of.type, "string"), "required": required}
    if help_text:
        field["helpText"] = help_text
    if of is not fld:
        field["list"] = True
    if fld.type == "map":
        field["dict"] = True
    if of.choices:
        field["choices"] = _choices(of)
    return field


def _children(items: Field) -> list[dict[str, Any]]:
    """The child fields of a line-item group: one per scalar of the array's element."""
    return [_plain(leaf, child_key(items, leaf), leaf.label, leaf.required, leaf.help) for leaf in items.leaves]


def _label(inp: Input, leaf: Field) -> str:
    return leaf.label if inp.field.is_object else inp.label


def _required(inp: Input, leaf: Field) -> bool:
    return inp.required and (not inp.field.is_object or leaf.required)


def input_fields(op: Operation, *, notice: bool = True) -> list[dict[str, Any]]:
    """Zapier `inputFields` of an operation: one field per value the user fills in (objects flattened), after a
    Delete action's irreversibility notice (unless `notice` is off: then one field per input leaf, in order)."""
    notice_field = delete_notice(op) if notice else None
    out: list[dict[str, Any]] = [notice_field] if notice_field else []
    for inp in form_inputs(op):
        for leaf in inp.leaves:
            key, label, required = input_key(inp, leaf), _label(inp, leaf), _required(inp, leaf)
            help_text = leaf.help if inp.field.is_object else inp.help
            if leaf.type == "array" and leaf.items is not None and leaf.items.fields:
                # A line-item group; Zapier's schema allows no type or help text beside children.
                field: dict[str, Any] = {"key": key, "label": label, "required": required, "children": _children(leaf.items)}
            else:
                field = _plain(leaf, key, label, required, help_text)
            if inp.dropdown is not None:
                dd = inp.dropdown
                # The label may be a nested field (`customer.name`): Zapier reads results flattened (`customer__name`).
                value = key_of(tuple(dd.value.split(".")))
                trigger = dd.pins.get(TARGET, "operation") or dd.operation  # the keys Zapier holds (pinned or not)
                field["dynamic"] = f"{trigger}.{value}.{key_of(tuple(dd.label.split('.')))}"
                if dd.search is not None:
                    field["search"] = f"{dd.pins.get(TARGET, 'search') or dd.search}.{value}"
                field["altersDynamicFields"] = False
            out.append(field)
    return out


def _value_spec(fld: Field, label: str) -> dict[str, Any]:
    """How the request builder turns what Zapier hands over into the API's value (decided here, not in JS)."""
    if fld.type == "array" and fld.items is not None:
        if fld.items.fields:
            children = [
                {"key": child_key(fld.items, leaf), "path": list(_relative(fld.items, leaf)), **_value_spec(leaf, leaf.label)}
                for leaf in fld.items.leaves
            ]
            return {"type": "array", "children": children}
        return {"type": "array", "list": _value_spec(fld.items, label)}
    spec: dict[str, Any] = {"type": fld.type, "label": label}
    if fld.type == "datetime":
        spec["format"] = fld.format
        spec["invalid"] = _datetime_message(fld, label)
    elif fld.type == "date":
        spec["format"] = values.WIRE_DATE
        spec["invalid"] = f"{label} must be a date (e.g. 2026-05-10 or May 10, 2026); nothing was sent."
    elif fld.choices and not isinstance(fld.choices[0], str):
        # Zapier hands over the choice's text; the API gets the value in its own JSON type.
        spec["choices"] = [[values.format_text(c), c] for c in fld.choices]
        spec["invalid"] = f"{label} must be one of {', '.join(fld.choice_labels)}."
    elif fld.type in ("integer", "number"):
        spec.update(min=fld.minimum, max=fld.maximum, invalid=values.range_message(fld, label))
    return spec


def _relative(items: Field, leaf: Field) -> tuple[str, ...]:
    return leaf.path[len(items.path) :]


def _datetime_message(fld: Field, label: str) -> str:
    unit = {"epoch_ms": " or a whole number of milliseconds since 1970", "epoch_s": " or a whole number of seconds since 1970"}
    return (
        f"{label} must be a date and time in ISO 8601 (e.g. 2026-05-10T09:00:00Z) or a date (YYYY-MM-DD)"
        f"{unit.get(fld.format or '', '')}; nothing was sent."
    )


def request_inputs(op: Operation, mods: Modules) -> list[dict[str, Any]]:
    """What the shared request builder (lib/request.js) needs per input field; each value rule goes to lib/values.js."""
    out: list[dict[str, Any]] = []
    for inp in form_inputs(op):
        for leaf in inp.leaves:
            key = input_key(inp, leaf)
            item: dict[str, Any] = {
                "key": key,
                "in": inp.location,
                # The API's own names: body values nest by the field's path, query and path values use the input's name.
                "path": [inp.name, *leaf.path[len(inp.field.path) :]] if inp.location == "body" else [inp.name],
                "value": mods.value(f"{op.resource.key}.{key}", _value_spec(leaf, _label(inp, leaf)), op.key),
            }
            if inp.location == "path":
                # The address cannot be built without it: refused before sending, as the runtime does.
                item["missing"] = f"{_label(inp, leaf)} is required; nothing was sent."
            out.append(item)
    return out


def _output_leaves(fields: tuple[Field, ...]) -> list[Field]:
    return [leaf for f in fields if not f.write_only for leaf in _visible_leaves(f)]


def _visible_leaves(field: Field) -> list[Field]:
    if not field.fields:
        return [field]
    return [leaf for sub in field.fields if not sub.write_only for leaf in _visible_leaves(sub)]


def id_clash(resource: Resource) -> bool:
    """Whether the resource has a field `id` that is not its id field (copying the id there would overwrite it)."""
    return resource.id_field not in (None, ZAPIER_ID) and any(f.name == ZAPIER_ID for f in resource.fields)


def id_source(resource: Resource) -> str | None:
    """The field copied into Zapier's `id` on every result, or None when the records already carry `id`."""
    if resource.id_field is None or resource.id_field == ZAPIER_ID:
        return None
    if id_clash(resource):  # the Zapier check refuses such a spec; reaching this is a bug
        raise RenderError(
            "zapier", None, f"internal: resource {resource.key!r} has an 'id' next to its id_field; check missed it"
        )
    return resource.id_field


def output_keys(resource: Resource) -> list[tuple[str, Field, dict[str, Any]]]:
    """Each output field's key, the field it describes and its Zapier definition (ISO companions included)."""
    out: list[tuple[str, Field, dict[str, Any]]] = []
    for leaf in _output_leaves(resource.fields):
        key = JOIN.join(leaf.path)
        if leaf.type == "array" and leaf.items is not None and leaf.items.fields:
            # Line items: Zapier names each element's fields `line_items[]sku`.
            for sub in _visible_leaves(leaf.items):
                sub_key = key + LINE_ITEM + JOIN.join(sub.path[len(leaf.items.path) :])
                out.append((sub_key, sub, {"key": sub_key, "label": f"{leaf.label} {sub.label}", "type": _output_type(sub)}))
            continue
        field: dict[str, Any] = {"key": key, "label": leaf.label}
        if leaf.type == "array" and leaf.items is not None:
            field.update(type=_output_type(leaf.items), list=True)
        elif leaf.type == "map":
            field["dict"] = True
        else:
            field["type"] = _output_type(leaf)
        out.append((key, leaf, field))
        if leaf.is_epoch and len(leaf.path) == 1:
            out.append((leaf.iso_key, leaf, {"key": leaf.iso_key, "label": f"{leaf.label} (ISO 8601)", "type": "datetime"}))
    return out


def output_fields(resource: Resource, primary: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Labelled `outputFields` for a resource's records, with ISO companions and dedupe `primary` marks."""
    out: list[dict[str, Any]] = []
    source = id_source(resource)
    if source is not None:
        id_leaf = next(f for f in resource.fields if f.name == source)
        out.append({"key": ZAPIER_ID, "label": "ID", "type": _output_type(id_leaf)})
    for key, _, field in output_keys(resource):
        if key in primary:
            field = {**field, "primary": True}
        out.append(field)
    return out


def sample(op: Operation) -> dict[str, Any]:
    """The operation's sample (`Operation.sample`: the resource's, with what its request fixes) as the app returns
    it: write-only fields dropped, ISO companions added."""
    resource = op.resource
    out: dict[str, Any] = {}
    by_name = {f.name: f for f in resource.fields}
    for key, value in op.sample.items():
        field = by_name.get(key)
        if field is not None and field.write_only:
            continue
        out[key] = value
        if field is not None and field.is_epoch and field.format is not None:
            companion = values.iso_companion(value, field.format)
            if companion is not None:
                out[field.iso_key] = companion
    source = id_source(resource)
    if source is not None and source in out:
        out[ZAPIER_ID] = out[source]
    return out


def timestamp_fields(resources: tuple[Resource, ...]) -> list[Field]:
    """Every top-level epoch date-time field across resources, one per name, by name (each gets an ISO companion)."""
    return sorted({f.name: f for r in resources for f in r.timestamp_fields}.values(), key=lambda f: f.name)
