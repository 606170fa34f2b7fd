"""The smoke plan is derived from the model: safe order, every operation, inputs from examples, runtime refs."""

from __future__ import annotations

from connector_gen.model import Model
from connector_gen.smoke.plan import Ref, build_plan


def test_every_operation_runs_in_a_safe_order(model: Model) -> None:
    plan = build_plan(model, "pre-")
    ops = [s.operation.key for s in plan.steps]
    assert set(ops) == {o.key for o in model.operations}
    first = {op: ops.index(op) for op in reversed(ops)}  # first position of each operation
    last = {op: i for i, op in enumerate(ops)}
    assert ops[0] == model.connection.test
    crud = {o.crud: o.key for o in model.of_kind("action")}
    triggers = [o.key for o in model.of_kind("polling_trigger")]
    assert first[crud["create"]] < first["find_job"] < first["get_job"] < first[crud["update"]] < first["list_jobs"]
    polls = {s.id: i for i, s in enumerate(plan.steps)}
    assert max(polls[f"{t} (start)"] for t in triggers) < first[crud["create"]]
    assert first["list_jobs"] < min(polls[f"{t} (poll 1)"] for t in triggers)
    assert max(polls[f"{t} (poll 2)"] for t in triggers) < first[crud["archive"]] < first[crud["delete"]]
    assert last["get_job"] > first[crud["delete"]], "the get miss runs after the record is gone"
    assert first["find_member"] > first[crud["delete"]]


def test_step_ids_are_unique_and_polls_carry_state(model: Model) -> None:
    plan = build_plan(model, "pre-")
    ids = [s.id for s in plan.steps]
    assert len(ids) == len(set(ids))
    for step in plan.steps:
        if step.state_from:
            assert ids.index(step.state_from) < ids.index(step.id)
            assert plan.step(step.state_from).operation is step.operation


def test_create_inputs_come_from_examples_nested_and_prefixed(model: Model) -> None:
    plan = build_plan(model, "run42-", mock=True)
    create = model.of_kind("action")[0]
    inputs = plan.step(create.key).inputs
    res = create.resource
    assert inputs[res.upsert_field or ""] == "run42-1"
    contact = res.field("contact")
    assert inputs["contact"] == {f.name: f.example for f in contact.fields}
    assert isinstance(inputs["assigneeUsername"], Ref)  # a dropdown: the value comes from its list at run time
    assert inputs["assigneeUsername"].step == "list_members"
    assert "run42" in inputs[res.title_field or ""]
    # What the API must echo back: not the write-only fields, nested ones by dotted path.
    values = plan.step(create.key).expect.values
    assert values["contact.name"] == contact.field("name").example
    assert "timeWindow.start" not in values and "assigneeUsername" not in values


def test_searches_look_up_the_created_record_and_misses_expect_nothing(model: Model) -> None:
    plan = build_plan(model, "p-")
    find = plan.step("find_job")
    assert find.inputs == {"externalId": "p-1"}
    assert plan.step("get_job").inputs == {"id": Ref("create_job", "id")}
    assert plan.step("find_job (miss)").expect.max_records == 0
    assert plan.step("find_member (miss)").inputs == {"query": "p-absent"}


def test_filtered_triggers_get_a_matching_seed_on_a_mock_only(model: Model) -> None:
    assert all(s.seeds == () for s in build_plan(model, "p-").steps)
    plan = build_plan(model, "p-", mock=True)
    filtered = [o for o in model.of_kind("polling_trigger") if o.trigger and o.trigger.filter]
    seeding = [s for s in plan.steps if s.seeds and not s.id.endswith(" (pages)")]  # test_smoke_paging.py: the others
    assert [s.id for s in seeding] == [f"{o.key} (poll 1)" for o in filtered]
    for op, step in zip(filtered, seeding, strict=True):
        assert op.trigger is not None and op.trigger.filter is not None
        ((key, record),) = step.seeds
        assert key == op.resource.key and record[op.trigger.filter.field] == op.trigger.filter.equals
        assert step.expect.min_records == 1 and step.expect.contains == record[op.resource.id_field or "id"]


def test_triggers_are_turned_on_before_the_plan_creates_anything(model: Model) -> None:
    plan = build_plan(model, "p-", mock=True)
    ids = [s.id for s in plan.steps]
    first_create = min(i for i, s in enumerate(plan.steps) if s.operation.crud == "create")
    for op in model.of_kind("polling_trigger"):
        start = ids.index(f"{op.key} (start)")
        assert start < first_create and plan.steps[start].state_from is None
        assert plan.step(f"{op.key} (poll 1)").state_from == f"{op.key} (start)"
        assert plan.step(f"{op.key} (poll 2)").state_from == f"{op.key} (poll 1)"


def test_a_real_api_run_leaves_out_inputs_that_involve_other_records(model: Model) -> None:
    live = build_plan(model, "p-").step("create_job").inputs
    assert "assigneeUsername" not in live and "title" in live and "contact" in live
