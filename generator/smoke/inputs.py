"""Inputs and lookups for smoke plan steps, from field examples, samples and what earlier steps created."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..model import Crud, Field, Model, Operation, OperationKind, Resource, values


@dataclass(frozen=True)
class Ref:
    """A value taken at run time from the first record (or `index`) of an earlier step's outcome."""

    step: str
    field: str
    fallback: Any = None
    index: int = 0


def sample_value(resource: Resource, fld: Field) -> Any:
    """The value the resource's sample holds for `fld` (by its path), or None."""
    value: Any = resource.sample
    for part in fld.path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def user_form(fld: Field, value: Any) -> Any:
    """`value` (an example, a sample's value: the API's form) as a user fills it in: a date-time as ISO 8601 text
    (epoch values too: users give ISO 8601, and every target converts it), anything else as it is."""
    if fld.type != "datetime" or value is None:
        return value
    moment = values.instant(value, fld.format or "iso8601")
    return values.iso(moment) if moment is not None else value


def wire_form(fld: Field, value: Any) -> Any:
    """What the API gets (and echoes back) for a user's `value` of `fld`: a date-time in the API's format."""
    if fld.type != "datetime" or value is None:
        return value
    moment = values.from_user(value, fld.format or "iso8601")
    return values.to_wire(moment, fld.format or "iso8601") if moment is not None else value


def value_for(resource: Resource, fld: Field, required: bool) -> Any:
    """The value the plan gives `fld` as a user fills it in: its example, else the sample's, else (when required) a
    default of its type; date-times in the user's form (ISO 8601 text)."""
    if fld.is_object:
        sub = {s.name: v for s in fld.fields if (v := value_for(resource, s, s.required)) is not None}
        if not sub and required:  # a required object whose fields are all optional: what the sample holds
            sub = {s.name: v for s in fld.fields if (v := sample_value(resource, s)) is not None and not s.read_only}
        return sub or None
    value = fld.example
    if value is None and len(fld.path) == 1:
        value = resource.sample.get(fld.name)
    if value is None and required:
        value = values.example(fld)
    return user_form(fld, value)


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` with `extra`'s values in place, object inputs merged field by field."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        out[key] = merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return out


def echoed(value: Any, fld: Field) -> dict[str, Any]:
    """The dotted fields of `value` the API must echo back (write-only ones never are)."""
    # The dotted fields whose value the API must echo back: write-only ones are never returned.
    if fld.write_only:
        return {}
    if fld.is_object and isinstance(value, dict):
        out: dict[str, Any] = {}
        for sub in fld.fields:
            if sub.name in value:
                out.update(echoed(value[sub.name], sub))
        return out
    return {fld.dotted: wire_form(fld, value)}


def by_crud(model: Model, resource: Resource, crud: Crud) -> list[Operation]:
    """The actions of `resource` with this CRUD verb."""
    return [o for o in model.of_kind("action") if o.resource.key == resource.key and o.crud == crud]


def resource_ops(model: Model, resource: Resource, kind: OperationKind) -> list[Operation]:
    """The operations of `resource` of one kind."""
    return [o for o in model.of_kind(kind) if o.resource.key == resource.key]


def dropdown_sources(model: Model, writes: list[Operation]) -> list[Operation]:
    """Lists of other resources that feed dropdowns of `writes`, in first-use order."""
    keys: list[str] = []
    for op in writes:
        for inp in op.inputs:
            dd = inp.dropdown
            if dd and model.operation(dd.operation).resource.key != op.resource.key and dd.operation not in keys:
                keys.append(dd.operation)
    return [model.operation(k) for k in keys]


def unique_email(value: str, prefix: str) -> str:
    """`value` made unique to this run (`ann@example.com` -> `ann+<prefix>1@example.com`): real APIs refuse a
    second record with the same address, and every target (and every run) creates one."""
    local, at, domain = value.partition("@")
    return f"{local}+{prefix}1@{domain}".lower() if at else value


def _unique(fld: Field, value: Any, prefix: str) -> Any:
    if fld.is_object and isinstance(value, dict):
        return {k: _unique(next(s for s in fld.fields if s.name == k), v, prefix) for k, v in value.items()}
    return unique_email(value, prefix) if fld.type == "email" and isinstance(value, str) else value


def create_inputs(op: Operation, prefix: str, sources: set[str], mock: bool) -> dict[str, Any]:
    """Body inputs of a create: examples, the prefixed upsert value, dropdown choices as Refs; on a real API
    email addresses are made unique to the run."""
    res = op.resource
    inputs: dict[str, Any] = {}
    for inp in op.inputs:
        if inp.location != "body":
            continue
        if inp.name == res.upsert_field and inp.type == "string":
            inputs[inp.name] = prefix + "1"
            continue
        if inp.dropdown and inp.dropdown.operation in sources and not mock and not inp.required:
            continue
        value = value_for(res, inp.field, inp.required)
        if inp.dropdown and inp.dropdown.operation in sources:
            value = Ref(inp.dropdown.operation, inp.dropdown.value, fallback=value)
        if inp.name == res.title_field and isinstance(value, str) and inp.type == "string":
            value = f"{value} ({prefix.rstrip('-')})"  # recognisable in a real account
        if not mock:
            value = _unique(inp.field, value, prefix)
        if value is not None:
            inputs[inp.name] = value
    return inputs


def search_inputs(op: Operation, created: str, given: dict[str, Any]) -> dict[str, Any] | None:
    """Inputs that look up the record step `created` made, or None when a required one has no value."""
    # Look the created record up: ids from its outcome, filter values from what create sent.
    res = op.resource
    inputs: dict[str, Any] = {}
    for inp in op.inputs:
        if inp.location == "path" or inp.name == res.id_field:
            inputs[inp.name] = Ref(created, res.id_field or inp.name)
            continue
        flt = res.filter(inp.name)
        target = flt.targets[0] if flt else inp.name
        value = _at(given, target)  # a filter may name a field inside an object input (properties.email)
        if value is not None and not isinstance(value, Ref):
            inputs[inp.name] = value
        elif inp.required:
            return None
    return inputs


def _at(given: dict[str, Any], dotted: str) -> Any:
    # The value `given` holds at a dotted field path: the whole name first (an API name may hold dots), then nested.
    if dotted in given:
        return given[dotted]
    here: Any = given
    for part in dotted.split("."):
        here = here.get(part) if isinstance(here, dict) else None
    return here


def miss_inputs(op: Operation, prefix: str, deleted: str | None) -> dict[str, Any]:
    """Inputs that find nothing: the deleted record's id, else a prefixed value no record has."""
    res = op.resource
    inputs: dict[str, Any] = {}
    for inp in op.required_inputs:
        if (inp.location == "path" or inp.name == res.id_field) and deleted:
            inputs[inp.name] = Ref(deleted, res.id_field or inp.name)
        elif values.is_whole(inp.field):
            inputs[inp.name] = unique_number(prefix + "absent")
        else:
            inputs[inp.name] = prefix + "absent"
    return inputs


def unique_number(text: str) -> int:
    """A whole number standing for `text` (a prefixed id where ids are integers): stable, below 2**53 (JavaScript)."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:13], 16)


def reference_inputs(op: Operation, source: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Inputs (and expected values) of a search of a resource the plan cannot create."""
    # A search of a resource the plan cannot create: look up a value of an existing record.
    res = op.resource
    inputs: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for inp in op.required_inputs:
        flt = res.filter(inp.name)
        exact = op.search.exact_fields if op.search and op.search.exact_input == inp.name else ()
        target = exact[0] if exact else (flt.targets[0] if flt else inp.name)
        fallback = res.sample.get(target)
        inputs[inp.name] = Ref(source, target, fallback) if source else fallback
        values[target] = inputs[inp.name]
    return inputs, values


def filtered_seed(op: Operation, prefix: str) -> dict[str, Any]:
    """A stored record a filtered trigger must fire for."""
    # A record the API cannot be told to produce (a final state only the server sets) that a filtered trigger must fire for.
    assert op.trigger is not None and op.trigger.filter is not None
    res = op.resource
    managed = {res.id_field, res.created_field, res.updated_field}
    record = {k: v for k, v in res.sample.items() if k not in managed}
    if res.upsert_field:
        record[res.upsert_field] = f"{prefix}{op.key}"
    record[op.trigger.filter.field] = op.trigger.filter.equals
    if res.id_field:
        ident = res.field(res.id_field)
        record[res.id_field] = unique_number(f"{prefix}{op.key}") if values.is_whole(ident) else f"{prefix}{op.key}"
    return record


def scope_inputs(op: Operation) -> dict[str, Any]:
    """A scoped trigger's path inputs (`/repos/{repo}/items`): the value the plan's create gives that field."""
    fields = {f.name: f for f in op.resource.fields}
    out: dict[str, Any] = {}
    for inp in op.inputs_in("path"):
        fld = fields.get(inp.name)
        out[inp.name] = value_for(op.resource, fld, True) if fld is not None else values.example(inp.field)
    return out


def rescoped(op: Operation, inputs: dict[str, Any], given: set[str]) -> dict[str, Any]:
    """The scope inputs a step still needs: a path input naming a field other than the record's id (the owner and
    repo of /repos/{owner}/{repo}/issues) is the same scope in every step, the value the plan's create gives that
    field, where the plan left it out or guessed it from a record that never carries it (the id, a write-only field)."""
    res = op.resource
    never_read = {f.name for f in res.fields if f.write_only} | {res.id_field}
    return {
        k: v
        for k, v in scope_inputs(op).items()
        if k != res.id_field
        and k not in given
        and (k not in inputs or (isinstance(inputs[k], Ref) and inputs[k].field in never_read))
    }


def page_seeds(op: Operation, prefix: str, count: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """Inputs for a list or search and `count` stored records it must find, so it reads more than one page; None
    when its required inputs name no text field a stored record can carry."""
    res = op.resource
    managed = {res.id_field, res.created_field, res.updated_field}
    base = {k: v for k, v in res.sample.items() if k not in managed}
    inputs: dict[str, Any] = {}
    for inp in op.required_inputs:
        flt = res.filter(inp.name)
        top = flt.targets[0] if flt and flt.op in ("eq", "contains") and flt.targets else None
        target = res.field(top) if top and "." not in top else None
        if target is None or target.type != "string" or target.choices:
            return None
        inputs[inp.name] = f"{prefix}pages"
        base[target.name] = inputs[inp.name]
    records = []
    for i in range(count):
        record = dict(base)
        if res.upsert_field:
            record[res.upsert_field] = f"{prefix}pages-{i}"
        records.append(record)
    return inputs, records
