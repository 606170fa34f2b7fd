"""The smoke plan: every operation of the model in a safe order, with inputs and expectations from the model.

Order: auth test -> lists feeding dropdowns of writes -> triggers turned on (a first poll, which a platform may
use only to take note of what exists) -> create -> find -> get -> update -> one operation with a number outside its
range, which every target must refuse before sending -> lists -> triggers (a poll that must emit what was created,
then one that must not emit anything again) -> actions beyond CRUD (close, reopen) on the created record ->
archive -> per-update triggers again (the archive is one new change) -> delete -> searches that must miss ->
searches of read-only resources (hit and miss) -> on a mock, lists and searches over more records than a page.
Inputs come from field examples and samples; values that only exist at run time (the id of the created
record, a dropdown choice) are `Ref`s the runner resolves from earlier steps' outcomes. A real API needs real
references the spec cannot know (the list a card goes in): `given` inputs (a connection file's `inputs`) replace
the plan's own in every step of their operation. Phases whose operations a spec lacks add nothing, so a spec with
only an auth test, a create, an update, a get and a delete (or archive) gets exactly those steps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..model import Field, Input, Model, Operation, Resource, values
from ..runtime.client import dig
from .inputs import (
    Ref,
    by_crud,
    create_inputs,
    dropdown_sources,
    echoed,
    filtered_seed,
    merged,
    miss_inputs,
    page_seeds,
    reference_inputs,
    rescoped,
    resource_ops,
    scope_inputs,
    search_inputs,
    value_for,
)

__all__ = ["Expect", "Plan", "Ref", "Refuse", "Step", "build_plan"]


@dataclass(frozen=True)
class Expect:
    """What a step's outcome must satisfy (values may be Refs)."""

    min_records: int = 0
    max_records: int | None = None
    contains: Any = None  # an id that must be among the records' ids
    values: dict[str, Any] = field(default_factory=dict)  # dotted field -> value, on the record `contains` names
    not_again: str | None = None  # triggers: no record this earlier step emitted may be emitted again
    refuse: Refuse | None = None  # the executor must refuse the inputs before any request is sent
    answer_is_record: bool = True  # False for a delete: what it answers (`{}`, a status) need not look like a record


@dataclass(frozen=True)
class Refuse:
    """An input outside its field's range: the error must name the field (any of `names`) and the `bound`."""

    names: tuple[str, ...]
    bound: str


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


@dataclass
class _Plan:
    """The plan being built: its steps so far and what later phases need of earlier ones."""

    model: Model
    prefix: str
    mock: bool
    given: dict[str, dict[str, Any]] = field(default_factory=dict)  # by operation key: inputs that replace the plan's
    steps: list[Step] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # operations that have run at least once
    sources: list[Operation] = field(default_factory=list)  # lists feeding dropdowns of writes
    created: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # resource -> (create step, inputs)
    deleted: dict[str, str] = field(default_factory=dict)  # resource -> create step whose record is gone
    per_update: list[Operation] = field(default_factory=list)  # triggers that fire again on the archive

    def add(self, step: Step) -> None:
        self.steps.append(step)
        self.done.add(step.operation.key)

    @property
    def creatable(self) -> list[Resource]:
        return [r for r in self.model.resources if by_crud(self.model, r, "create")]

    def me(self, res: Resource) -> Ref:
        """The id of the record the plan created for `res`."""
        return Ref(self.created[res.key][0], res.id_field or "id")


def _auth_test(p: _Plan) -> None:
    p.add(Step(p.model.connection.test, p.model.auth_test, {}, Expect(min_records=1, max_records=1)))


def _dropdown_lists(p: _Plan) -> None:
    writes = [o for r in p.creatable for crud in ("create", "update") for o in by_crud(p.model, r, crud)]
    p.sources = dropdown_sources(p.model, writes)
    for src in p.sources:
        p.add(Step(src.key, src, {}, Expect()))


def _triggers_on(p: _Plan) -> None:
    for op in p.model.of_kind("polling_trigger"):
        # Turned on before anything happens, so what the plan creates is new to every trigger.
        p.steps.append(Step(f"{op.key} (start)", op, scope_inputs(op), Expect()))


def _creates(p: _Plan) -> None:
    for res in p.creatable:
        create = by_crud(p.model, res, "create")[0]
        given = merged(create_inputs(create, p.prefix, {s.key for s in p.sources}, p.mock), p.given.get(create.key, {}))
        values = {k: v for inp in create.inputs if inp.name in given for k, v in echoed(given[inp.name], inp.field).items()}
        values = {k: v for k, v in values.items() if not isinstance(v, Ref)}
        p.add(Step(create.key, create, given, Expect(min_records=1, max_records=1, values=values)))
        p.created[res.key] = (create.key, given)


def _finds_and_gets(p: _Plan, res: Resource) -> None:
    key, given = p.created[res.key]
    searches = sorted(resource_ops(p.model, res, "search"), key=lambda o: bool(o.request.path_params))
    for op in searches:
        inputs = search_inputs(op, key, given)
        if inputs is not None and op.search:
            p.add(Step(op.key, op, inputs, Expect(min_records=1, max_records=op.search.max_results, contains=p.me(res))))


def _change(p: _Plan, res: Resource, op: Operation) -> tuple[dict[str, Any], dict[str, Any]]:
    # What an update changes: the title, else the first plain text leaf (sub-fields of an object input too), else a
    # choice other than the one created; as (inputs, the dotted values the API must echo back).
    given = p.created[res.key][1]
    title = res.title_field
    if title and title in {i.name for i in op.inputs} and isinstance(given.get(title), str):
        return {title: given[title] + " - updated"}, {title: given[title] + " - updated"}
    leaves = [(i, leaf) for i in op.inputs if i.location == "body" for leaf in i.leaves if not leaf.read_only]
    for inp, leaf in leaves:
        before = dig(given, leaf.path)
        if before is None:
            before = value_for(res, leaf, True)
        if leaf.choices:
            others = [c for c in leaf.choices if c != before]
            value: Any = others[0] if others else None
        elif leaf.type == "string" and isinstance(before, str):
            value = before + " - updated"
        else:
            continue
        if value is None:
            continue
        nested: Any = value
        for part in reversed(leaf.path[1:]):
            nested = {part: nested}
        return {inp.name: nested}, ({} if leaf.write_only else {leaf.dotted: value})
    return {}, {}


def _updates(p: _Plan, res: Resource) -> None:
    me = p.me(res)
    for op in by_crud(p.model, res, "update"):
        inputs: dict[str, Any] = {i.name: me for i in op.inputs if i.location == "path" or i.name == res.id_field}
        changed, values = _change(p, res, op)
        inputs |= changed
        p.add(Step(op.key, op, inputs, Expect(min_records=1, max_records=1, contains=me, values=values)))


def _reads_and_updates(p: _Plan) -> None:
    for res in p.creatable:
        _finds_and_gets(p, res)
        _updates(p, res)


def _ranged(op: Operation) -> tuple[Input, Field] | None:
    # The first input (or sub-field of one) with a min or max, which a user could fill in out of range.
    for inp in op.inputs:
        for leaf in inp.leaves if inp.location != "path" else ():
            if leaf.type in values.RANGED and (leaf.minimum is not None or leaf.maximum is not None):
                return inp, leaf
    return None


def _out_of_range(p: _Plan) -> None:
    # One operation run with a number outside its range: every target refuses it before sending anything.
    # An update of the record the plan created is tried first, then a list, then a create (safest on a real API).
    updates = [(o, res) for res in p.creatable for o in by_crud(p.model, res, "update")]
    lists = [(o, None) for o in p.model.of_kind("list") if not o.required_inputs]
    creates = [(o, res) for res in p.creatable for o in by_crud(p.model, res, "create")]
    for op, res in [*updates, *lists, *creates]:
        found = _ranged(op)
        if found is None:
            continue
        inp, leaf = found
        inputs: dict[str, Any] = {}
        if res is not None and op.crud == "update":
            inputs = {i.name: p.me(res) for i in op.inputs if i.location == "path" or i.name == res.id_field}
        elif res is not None:
            inputs = dict(p.created[res.key][1])
        bound = leaf.maximum if leaf.maximum is not None else leaf.minimum
        assert bound is not None
        bad: Any = bound + 1 if leaf.maximum is not None else bound - 1
        for part in reversed(leaf.path[1:]):
            bad = {part: bad}
        inputs[inp.name] = bad
        label = leaf.label if inp.field.is_object else inp.label
        refuse = Refuse((label, leaf.name, inp.name), str(bound))
        p.steps.append(Step(f"{op.key} (out of range)", op, inputs, Expect(refuse=refuse)))
        return


def _lists(p: _Plan) -> None:
    for op in p.model.of_kind("list"):
        if op.key not in p.done:
            made = p.created.get(op.resource.key)
            fields = {f.name for f in op.resource.fields}
            # A required input naming a field (the board of /boards/{idBoard}/cards) takes the created record's value.
            scoped = made is not None and all(i.name in fields for i in op.required_inputs)
            inputs: dict[str, Any] = {i.name: Ref(made[0], i.name) for i in op.required_inputs} if made and scoped else {}
            listed = Ref(made[0], op.resource.id_field or "id") if made and scoped else None
            p.add(Step(op.key, op, inputs, Expect(min_records=1 if listed else 0, contains=listed)))


def _trigger_polls(p: _Plan) -> None:
    for op in p.model.of_kind("polling_trigger"):
        made = p.created.get(op.resource.key)
        trig = op.trigger
        assert trig is not None
        contains: Any = Ref(made[0], op.resource.id_field or "id") if made and trig.filter is None else None
        seeds: tuple[tuple[str, dict[str, Any]], ...] = ()
        if p.mock and trig.filter is not None:
            seeds = ((op.resource.key, filtered_seed(op, p.prefix)),)
            contains = seeds[0][1].get(op.resource.id_field or "id")
        expect = Expect(min_records=1 if contains else 0, contains=contains)
        scope = scope_inputs(op)
        p.add(Step(f"{op.key} (poll 1)", op, scope, expect, state_from=f"{op.key} (start)", seeds=seeds))
        again = Expect(not_again=f"{op.key} (poll 1)")
        p.add(Step(f"{op.key} (poll 2)", op, scope, again, state_from=f"{op.key} (poll 1)"))
        if made and trig.per_update and trig.filter is None:
            p.per_update.append(op)


def _archives(p: _Plan, res: Resource) -> None:
    me = p.me(res)
    for op in by_crud(p.model, res, "archive"):
        inputs: dict[str, Any] = {i.name: me for i in op.required_inputs}
        if op.request.method == "DELETE":  # an archive by DELETE (HubSpot's, Mailchimp's) answers like a delete
            p.add(Step(op.key, op, inputs, Expect(max_records=1, answer_is_record=False)))
        else:
            values = {res.archived_field: True} if res.archived_field else {}
            p.add(Step(op.key, op, inputs, Expect(min_records=1, max_records=1, contains=me, values=values)))
        for trig_op in (t for t in p.per_update if t.resource.key == res.key):
            # The archive is exactly one new change of the created record.
            expect = Expect(min_records=1, contains=me, not_again=f"{trig_op.key} (poll 1)")
            step = Step(f"{trig_op.key} (poll 3)", trig_op, scope_inputs(trig_op), expect, state_from=f"{trig_op.key} (poll 2)")
            p.add(step)


def _empty(op: Operation, me: Ref) -> Expect:
    # An action whose answer is empty hands on exactly {<id field>: the id given, deleted|success: true}.
    rid = op.resource.id_field
    handed = {**({rid: me} if rid and op.id_input is not None else {}), **dict(op.empty_result)}
    return Expect(min_records=1, max_records=1, values=handed, answer_is_record=False)


def _deletes(p: _Plan, res: Resource) -> None:
    me = p.me(res)
    for op in by_crud(p.model, res, "delete"):
        expect = _empty(op, me) if op.response.empty else Expect(max_records=1, answer_is_record=False)
        p.add(Step(op.key, op, {i.name: me for i in op.required_inputs}, expect))
        p.deleted[res.key] = p.created[res.key][0]


def _other_actions(p: _Plan) -> None:
    # Actions beyond CRUD (close, reopen) on the created record: their id inputs name it.
    for res in p.creatable:
        me = p.me(res)
        for op in (o for o in p.model.of_kind("action") if o.resource.key == res.key and o.crud is None):
            ids = {i.name: me for i in op.inputs if i.location == "path" or i.name == res.id_field}
            if {i.name for i in op.required_inputs} - set(ids):
                continue  # it needs inputs the plan cannot know: a leftover
            expect = _empty(op, me) if op.response.empty else Expect(min_records=1, max_records=1, contains=me)
            p.add(Step(op.key, op, ids, expect))


def _archives_and_deletes(p: _Plan) -> None:
    for res in p.creatable:
        _archives(p, res)
        _deletes(p, res)


def _misses(p: _Plan) -> None:
    for res in p.creatable:
        for op in resource_ops(p.model, res, "search"):
            if op.key in p.done or op.search is None:
                inputs = miss_inputs(op, p.prefix, p.deleted.get(res.key))
                p.steps.append(Step(f"{op.key} (miss)", op, inputs, Expect(max_records=0)))


def _member_searches(p: _Plan) -> None:
    # Searches of resources the plan cannot create: look up an existing record, then miss.
    list_of = {o.resource.key: o.key for o in p.model.of_kind("list")}
    for op in p.model.of_kind("search"):
        if op.key in p.done or op.search is None:
            continue
        inputs, values = reference_inputs(op, list_of.get(op.resource.key))
        p.add(Step(op.key, op, inputs, Expect(min_records=1, max_records=op.search.max_results, values=values)))
        p.add(Step(f"{op.key} (miss)", op, miss_inputs(op, p.prefix, None), Expect(max_records=0)))


def _pages(p: _Plan) -> None:
    # On a mock, lists (dropdown sources too) and searches read more than one page: more records than a page are
    # stored just before; a search needs a max_results above its page size to go on past the first page.
    if not p.mock:
        return
    for op in [*p.model.of_kind("list"), *p.model.of_kind("search")]:
        pag = op.pagination
        if pag is None or not pag.pages or op.inputs_in("path") or not op.response.many:
            continue
        want = op.page_size + 1 if op.search is None else op.search.max_results
        if op.search is not None and want <= op.page_size:
            continue
        found = page_seeds(op, p.prefix, max(want, op.page_size + 1))
        if found is None:
            continue
        inputs, records = found
        seeds = tuple((op.resource.key, r) for r in records)
        expect = Expect(min_records=want, max_records=want if op.search is not None else None)
        p.steps.append(Step(f"{op.key} (pages)", op, inputs, expect, seeds=seeds))


def _leftovers(p: _Plan) -> None:
    for op in p.model.operations:  # anything the phases above did not place still runs once
        if op.key not in p.done:
            p.add(Step(op.key, op, {}, Expect()))


_PHASES = (
    _auth_test,
    _dropdown_lists,
    _triggers_on,
    _creates,
    _reads_and_updates,
    _out_of_range,
    _lists,
    _trigger_polls,
    _other_actions,
    _archives_and_deletes,
    _misses,
    _member_searches,
    _pages,
    _leftovers,
)


def _with_given(step: Step, given: dict[str, dict[str, Any]]) -> Step:
    # The creates took their given inputs already (their expectations and lookups depend on them); an
    # out-of-range step keeps its bad value.
    extra = given.get(step.operation.key)
    if not extra or step.operation.crud == "create":
        return step
    if step.expect.refuse is not None:
        extra = {k: v for k, v in extra.items() if k not in step.expect.refuse.names}
    return dataclasses.replace(step, inputs=merged(step.inputs, extra))


def _scoped(step: Step, given: dict[str, dict[str, Any]]) -> Step:
    fill = rescoped(step.operation, step.inputs, set(given.get(step.operation.key, {})))
    return dataclasses.replace(step, inputs={**step.inputs, **fill}) if fill else step


def build_plan(model: Model, prefix: str, mock: bool = False, given: dict[str, dict[str, Any]] | None = None) -> Plan:
    """The smoke plan for `model`; every record it creates carries `prefix` in its upsert field.

    On a `mock` each filtered trigger also gets a stored record matching its filter. On a real API the create
    leaves out inputs chosen from another resource's records (e.g. a person to assign): a test record must not
    notify or involve real people. `given` inputs (by operation key, then input name) replace the plan's own.
    """
    p = _Plan(model, prefix, mock, dict(given or {}))
    for phase in _PHASES:
        phase(p)
    return Plan(tuple(_with_given(_scoped(s, p.given), p.given) for s in p.steps), prefix)
