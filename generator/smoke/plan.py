"""The smoke plan: every operation of the model in a safe order, with inputs and expectations from the model.

Order: auth test -> lists feeding dropdowns of writes -> triggers turned on (a first poll, which a platform may
use only to take note of what exists) -> create -> find -> get -> update -> lists -> triggers (a poll that must
emit what was created, then one that must not emit anything again) -> archive -> per-update triggers again (the
archive is one new change) -> delete -> searches that must miss -> searches of read-only resources (hit and miss).
Inputs come from field examples and samples; values that only exist at run time (the id of the created
record, a dropdown choice) are `Ref`s the runner resolves from earlier steps' outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Field, Model, Operation, Resource

# A value for a required input without an example, by field type.
_DEFAULTS: dict[str, Any] = {
    "string": "smoke",
    "email": "smoke@example.com",
    "phone": "+14155550100",
    "url": "https://example.com",
    "date": "2026-01-01",
    "time": "09:00",
    "integer": 1,
    "number": 1,
    "timestamp_ms": 0,
    "boolean": True,
}


@dataclass(frozen=True)
class Ref:
    """A value taken at run time from the first record (or `index`) of an earlier step's outcome."""

    step: str
    field: str
    fallback: Any = None
    index: int = 0


@dataclass(frozen=True)
class Expect:
    """What a step's outcome must satisfy (values may be Refs)."""

    min_records: int = 0
    max_records: int | None = None
    contains: Any = None  # an id that must be among the records' ids
    values: dict[str, Any] = field(default_factory=dict)  # dotted field -> value, on the record `contains` names
    not_again: str | None = None  # triggers: no record this earlier step emitted may be emitted again


@dataclass(frozen=True)
class Step:
    """One operation run of the plan."""

    id: str
    operation: Operation
    inputs: dict[str, Any]
    expect: Expect
    state_from: str | None = None  # triggers: carry the poll state of this earlier step
    seeds: tuple[tuple[str, dict[str, Any]], ...] = ()  # (resource key, record) to store just before, on a mock only


@dataclass(frozen=True)
class Plan:
    """The ordered steps, and the prefix (in the upsert field) every record the plan creates carries."""

    steps: tuple[Step, ...]
    prefix: str

    def step(self, step_id: str) -> Step:
        """The step called `step_id`."""
        return next(s for s in self.steps if s.id == step_id)


def _value(resource: Resource, fld: Field, required: bool) -> Any:
    if fld.is_object:
        sub = {s.name: v for s in fld.fields if (v := _value(resource, s, s.required)) is not None}
        return sub or None
    value = fld.example
    if value is None and len(fld.path) == 1:
        value = resource.sample.get(fld.name)
    if value is None and required:
        value = fld.choices[0] if fld.choices else _DEFAULTS.get(fld.type, "smoke")
    return value


def _leaves(value: Any, fld: Field) -> dict[str, Any]:
    # The dotted fields whose value the API must echo back: write-only ones are never returned.
    if fld.write_only:
        return {}
    if fld.is_object and isinstance(value, dict):
        out: dict[str, Any] = {}
        for sub in fld.fields:
            if sub.name in value:
                out.update(_leaves(value[sub.name], sub))
        return out
    return {fld.dotted: value}


def _by_crud(model: Model, resource: Resource, crud: str) -> list[Operation]:
    return [o for o in model.of_kind("action") if o.resource.key == resource.key and o.crud == crud]


def _kind(model: Model, resource: Resource, kind: str) -> list[Operation]:
    return [o for o in model.of_kind(kind) if o.resource.key == resource.key]


def _dropdown_sources(model: Model, writes: list[Operation]) -> list[Operation]:
    keys: list[str] = []
    for op in writes:
        for inp in op.inputs:
            dd = inp.dropdown
            if dd and model.operation(dd.operation).resource.key != op.resource.key and dd.operation not in keys:
                keys.append(dd.operation)
    return [model.operation(k) for k in keys]


def _create_inputs(op: Operation, prefix: str, sources: set[str], mock: bool) -> dict[str, Any]:
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
        value = _value(res, inp.field, inp.required)
        if inp.dropdown and inp.dropdown.operation in sources:
            value = Ref(inp.dropdown.operation, inp.dropdown.value, fallback=value)
        if inp.name == res.title_field and isinstance(value, str):
            value = f"{value} ({prefix.rstrip('-')})"  # recognisable in a real account
        if value is not None:
            inputs[inp.name] = value
    return inputs


def _search_inputs(op: Operation, created: str, given: dict[str, Any]) -> dict[str, Any] | None:
    # Look the created record up: ids from its outcome, filter values from what create sent.
    res = op.resource
    inputs: dict[str, Any] = {}
    for inp in op.inputs:
        if inp.location == "path" or inp.name == res.id_field:
            inputs[inp.name] = Ref(created, res.id_field or inp.name)
            continue
        flt = res.filter(inp.name)
        target = flt.targets[0] if flt else inp.name
        if target in given and not isinstance(given[target], Ref):
            inputs[inp.name] = given[target]
        elif inp.required:
            return None
    return inputs


def _miss_inputs(op: Operation, prefix: str, deleted: str | None) -> dict[str, Any]:
    res = op.resource
    inputs: dict[str, Any] = {}
    for inp in op.required_inputs:
        if (inp.location == "path" or inp.name == res.id_field) and deleted:
            inputs[inp.name] = Ref(deleted, res.id_field or inp.name)
        else:
            inputs[inp.name] = prefix + "absent"
    return inputs


def _reference_inputs(op: Operation, source: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
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


def _filtered_seed(op: Operation, prefix: str) -> dict[str, Any]:
    # A record the API cannot be told to produce (a final state only the server sets) that a filtered trigger must fire for.
    assert op.trigger is not None and op.trigger.filter is not None
    res = op.resource
    managed = {res.id_field, res.created_field, res.updated_field}
    record = {k: v for k, v in res.sample.items() if k not in managed}
    if res.upsert_field:
        record[res.upsert_field] = f"{prefix}{op.key}"
    record[op.trigger.filter.field] = op.trigger.filter.equals
    if res.id_field:
        record[res.id_field] = f"{prefix}{op.key}"
    return record


def build_plan(model: Model, prefix: str, mock: bool = False) -> Plan:
    """The smoke plan for `model`; every record it creates carries `prefix` in its upsert field.

    On a `mock` each filtered trigger also gets a stored record matching its filter. On a real API the create
    leaves out inputs chosen from another resource's records (e.g. a person to assign): a test record must not
    notify or involve real people.
    """
    steps: list[Step] = [Step(model.auth.test, model.auth_test, {}, Expect(min_records=1, max_records=1))]
    done: set[str] = {model.auth.test}
    creatable = [r for r in model.resources if _by_crud(model, r, "create")]
    writes = [o for r in creatable for crud in ("create", "update") for o in _by_crud(model, r, crud)]
    sources = _dropdown_sources(model, writes)
    for src in sources:
        steps.append(Step(src.key, src, {}, Expect()))
        done.add(src.key)
    for op in model.of_kind("polling_trigger"):
        # Turned on before anything happens, so what the plan creates is new to every trigger.
        steps.append(Step(f"{op.key} (start)", op, {}, Expect()))
    created: dict[str, tuple[str, dict[str, Any]]] = {}
    for res in creatable:
        create = _by_crud(model, res, "create")[0]
        given = _create_inputs(create, prefix, {s.key for s in sources}, mock)
        values = {k: v for inp in create.inputs if inp.name in given for k, v in _leaves(given[inp.name], inp.field).items()}
        values = {k: v for k, v in values.items() if not isinstance(v, Ref)}
        steps.append(Step(create.key, create, given, Expect(min_records=1, max_records=1, values=values)))
        created[res.key] = (create.key, given)
        done.add(create.key)
    for res in creatable:
        key, given = created[res.key]
        me = Ref(key, res.id_field or "id")
        searches = sorted(_kind(model, res, "search"), key=lambda o: bool(o.request.path_params))
        for op in searches:
            inputs = _search_inputs(op, key, given)
            if inputs is not None and op.search:
                steps.append(Step(op.key, op, inputs, Expect(min_records=1, max_records=op.search.max_results, contains=me)))
                done.add(op.key)
        for op in _by_crud(model, res, "update"):
            inputs = {i.name: me for i in op.inputs if i.location == "path" or i.name == res.id_field}
            title = res.title_field
            if title and title in {i.name for i in op.inputs} and isinstance(given.get(title), str):
                inputs[title] = given[title] + " - updated"
            values = {title: inputs[title]} if title in inputs else {}
            steps.append(Step(op.key, op, inputs, Expect(min_records=1, max_records=1, contains=me, values=values)))
            done.add(op.key)
    for op in model.of_kind("list"):
        if op.key not in done:
            made = created.get(op.resource.key)
            listed = Ref(made[0], op.resource.id_field or "id") if made and not op.required_inputs else None
            steps.append(Step(op.key, op, {}, Expect(min_records=1 if listed else 0, contains=listed)))
            done.add(op.key)
    per_update: list[Operation] = []
    for op in model.of_kind("polling_trigger"):
        made = created.get(op.resource.key)
        trig = op.trigger
        assert trig is not None
        contains: Any = Ref(made[0], op.resource.id_field or "id") if made and trig.filter is None else None
        seeds: tuple[tuple[str, dict[str, Any]], ...] = ()
        if mock and trig.filter is not None:
            seeds = ((op.resource.key, _filtered_seed(op, prefix)),)
            contains = seeds[0][1].get(op.resource.id_field or "id")
        expect = Expect(min_records=1 if contains else 0, contains=contains)
        steps.append(Step(f"{op.key} (poll 1)", op, {}, expect, state_from=f"{op.key} (start)", seeds=seeds))
        steps.append(Step(f"{op.key} (poll 2)", op, {}, Expect(not_again=f"{op.key} (poll 1)"), state_from=f"{op.key} (poll 1)"))
        if made and trig.per_update and trig.filter is None:
            per_update.append(op)
        done.add(op.key)
    deleted: dict[str, str] = {}
    for res in creatable:
        key = created[res.key][0]
        me = Ref(key, res.id_field or "id")
        for op in _by_crud(model, res, "archive"):
            values = {res.archived_field: True} if res.archived_field else {}
            steps.append(
                Step(
                    op.key,
                    op,
                    {i.name: me for i in op.required_inputs},
                    Expect(min_records=1, max_records=1, contains=me, values=values),
                )
            )
            done.add(op.key)
            for trig_op in (t for t in per_update if t.resource.key == res.key):
                # The archive is exactly one new change of the created record.
                steps.append(
                    Step(
                        f"{trig_op.key} (poll 3)",
                        trig_op,
                        {},
                        Expect(min_records=1, contains=me, not_again=f"{trig_op.key} (poll 1)"),
                        state_from=f"{trig_op.key} (poll 2)",
                    )
                )
        for op in _by_crud(model, res, "delete"):
            steps.append(Step(op.key, op, {i.name: me for i in op.required_inputs}, Expect(max_records=1)))
            deleted[res.key] = key
            done.add(op.key)
    for res in creatable:
        for op in _kind(model, res, "search"):
            if op.key in done or op.search is None:
                inputs = _miss_inputs(op, prefix, deleted.get(res.key) and created[res.key][0])
                steps.append(Step(f"{op.key} (miss)", op, inputs, Expect(max_records=0)))
    list_of = {o.resource.key: o.key for o in model.of_kind("list")}
    for op in model.of_kind("search"):
        if op.key in done or op.search is None:
            continue
        inputs, values = _reference_inputs(op, list_of.get(op.resource.key))
        steps.append(Step(op.key, op, inputs, Expect(min_records=1, max_records=op.search.max_results, values=values)))
        steps.append(Step(f"{op.key} (miss)", op, _miss_inputs(op, prefix, None), Expect(max_records=0)))
        done.add(op.key)
    for op in model.operations:  # anything the phases above did not place still runs once
        if op.key not in done:
            steps.append(Step(op.key, op, {}, Expect()))
    return Plan(tuple(steps), prefix)
