"""Zapier input fields, output fields and samples built from the model's inputs and resource fields."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ...errors import RenderError
from ...model import Field, Input, Operation, Resource, values
from .conventions import ISO_SUFFIX, JOIN, ZAPIER_ID

# Suffix of the ISO-8601 companion added next to every epoch-millisecond timestamp (see after_response.js).
# Zapier identifies every trigger/search/create result by this key (dedupe, checks, "id" in samples).
# Zapier flattens nested output with a double underscore; flat input keys for sub-fields use the same joiner.

_INPUT_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean", "datetime": "integer"}
_OUTPUT_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean", "datetime": "integer"}


def _leaf_key(inp: Input, leaf: Field) -> str:
    # Top-level inputs keep the API name; sub-fields of an object input are `contact__name`.
    return JOIN.join((inp.name, *leaf.path[1:])) if inp.field.is_object else inp.name


def _leaf_label(inp: Input, leaf: Field) -> str:
    return leaf.label if inp.field.is_object else inp.label


def _leaf_help(inp: Input, leaf: Field) -> str | None:
    return leaf.help if inp.field.is_object else inp.help


def input_fields(op: Operation) -> list[dict[str, Any]]:
    """Zapier `inputFields` of an operation: one flat field per scalar the user fills in."""
    out: list[dict[str, Any]] = []
    for inp in op.inputs:
        for leaf in inp.leaves:
            field: dict[str, Any] = {
                "key": _leaf_key(inp, leaf),
                "label": _leaf_label(inp, leaf),
                "type": _INPUT_TYPES.get(leaf.type, "string"),
                "required": inp.required and (not inp.field.is_object or leaf.required),
            }
            help_text = _leaf_help(inp, leaf)
            if help_text:
                field["helpText"] = help_text
            if leaf.choices:
                field["choices"] = [{"value": c, "label": str(c).capitalize(), "sample": c} for c in leaf.choices]
            if inp.dropdown is not None:
                dd = inp.dropdown
                field["dynamic"] = f"{dd.operation}.{dd.value}.{dd.label}"
                if dd.search is not None:
                    field["search"] = f"{dd.search}.{dd.value}"
                field["altersDynamicFields"] = False
            out.append(field)
    return out


def request_inputs(op: Operation) -> list[dict[str, Any]]:
    """What the generic request builder (templates/zapier/_macros/request.js) needs per flat input."""
    out: list[dict[str, Any]] = []
    for inp in op.inputs:
        for leaf in inp.leaves:
            kind = "integer" if leaf.is_epoch else leaf.type
            item: dict[str, Any] = {
                "key": _leaf_key(inp, leaf),
                "in": inp.location,
                "path": list(leaf.path) if inp.location == "body" else [inp.name],
                "type": kind,
            }
            if kind in ("integer", "number"):
                # Numbers are checked before sending, with the wording every target uses; decided here, not in JS.
                item.update(min=leaf.minimum, max=leaf.maximum, invalid=values.range_message(leaf, _leaf_label(inp, leaf)))
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


def output_fields(resource: Resource, primary: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Labelled `outputFields` for a resource's records, with ISO companions and dedupe `primary` marks."""
    out: list[dict[str, Any]] = []
    source = id_source(resource)
    if source is not None:
        id_leaf = next(f for f in resource.fields if f.name == source)
        out.append({"key": ZAPIER_ID, "label": "ID", "type": _OUTPUT_TYPES.get(id_leaf.type, "string")})
    for leaf in _output_leaves(resource.fields):
        field: dict[str, Any] = {"key": JOIN.join(leaf.path), "label": leaf.label, "type": _OUTPUT_TYPES.get(leaf.type, "string")}
        if len(leaf.path) == 1 and leaf.name in primary:
            field["primary"] = True
        out.append(field)
        if leaf.is_epoch and len(leaf.path) == 1:
            out.append({"key": leaf.name + ISO_SUFFIX, "label": f"{leaf.label} (ISO 8601)", "type": "datetime"})
    return out


def iso_ms(ms: int) -> str:
    """Epoch milliseconds as the ISO-8601 text JavaScript's `Date.toISOString()` gives."""
    moment = datetime.fromtimestamp(ms // 1000, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def sample(resource: Resource) -> dict[str, Any]:
    """The resource's spec sample as the app returns it: write-only fields dropped, ISO companions added."""
    out: dict[str, Any] = {}
    by_name = {f.name: f for f in resource.fields}
    for key, value in resource.sample.items():
        field = by_name.get(key)
        if field is not None and field.write_only:
            continue
        out[key] = value
        if field is not None and field.is_epoch and isinstance(value, int):
            out[key + ISO_SUFFIX] = iso_ms(value)
    source = id_source(resource)
    if source is not None and source in out:
        out[ZAPIER_ID] = out[source]
    return out


def timestamp_names(resources: tuple[Resource, ...]) -> list[str]:
    """Every top-level timestamp field name across resources, sorted (the middleware adds companions)."""
    return sorted({f.name for r in resources for f in r.timestamp_fields})
