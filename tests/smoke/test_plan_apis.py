"""The plan works for specs with only some operations: each real-API spec of tests/apis (auth test, create, search,
get, update, list, delete or archive, and the polls of its triggers) gets exactly those steps, with inputs the API
accepts."""

from __future__ import annotations

import pytest

from connector_gen.smoke.plan import Ref, build_plan

from .api_models import APIS, api_model

# (auth test, create, search, get, update, list, delete or archive): each spec's operations, in the plan's order
OPERATIONS = {
    "shopify": (
        "get_shop",
        "create_customer",
        "find_customers",
        "get_customer",
        "update_customer",
        "list_customers",
        "delete_customer",
    ),
    "hubspot": (
        "account_details",
        "create_contact",
        "search_contacts",
        "get_contact",
        "update_contact",
        "list_contacts",
        "archive_contact",
    ),
    "trello": ("get_me", "create_card", "search_cards", "get_card", "update_card", "list_cards", "delete_card"),
    "mailchimp": ("get_account", "add_member", "find_member", "get_member", "update_member", "list_members", "archive_member"),
}
STEPS = {api: [*ops, f"{ops[3]} (miss)", f"{ops[2]} (miss)"] for api, ops in OPERATIONS.items()}


# Stripe (no get by id: a deleted customer still answers 200) and Todoist (close and reopen) plan other steps;
# tests/apis/test_smoke_contracts.py lists theirs.
@pytest.mark.parametrize("api", [a for a in APIS if a in OPERATIONS])
@pytest.mark.parametrize("mock", [True, False])
def test_each_api_spec_gets_a_plan_of_its_operations(api: str, mock: bool) -> None:
    model = api_model(api)
    plan = build_plan(model, "cg-p-", mock=mock)
    # On a mock, lists also read more than a page ("(pages)" steps, tests/smoke/test_smoke_paging.py); issue 14 gave
    # Shopify and Mailchimp polling triggers: their steps (start, poll 1, poll 2) sit between these.
    kept = [s.id for s in plan.steps if not s.id.endswith(" (pages)") and s.operation.kind != "polling_trigger"]
    assert kept == STEPS[api]
    for op in model.of_kind("polling_trigger"):
        polls = [f"{op.key} (start)", f"{op.key} (poll 1)", f"{op.key} (poll 2)"]
        assert [s.id for s in plan.steps if s.operation is op] == polls
    _, create, search, get, update, _, last_write = OPERATIONS[api]
    assert plan.step(update).expect.values, "an update changes something the API echoes back"
    for step in (get, update, last_write):
        assert Ref(create, "id") in plan.step(step).inputs.values()
    assert plan.step(search).expect.contains == Ref(create, "id")  # the search finds the record by its text
    assert plan.step(last_write).expect.max_records == 1 and plan.step(last_write).expect.answer_is_record is False


def test_a_search_by_a_field_inside_an_object_input_takes_the_created_value() -> None:
    # HubSpot's search filter names properties.email; the create sent it inside the `properties` object input.
    plan = build_plan(api_model("hubspot"), "p-", mock=False)
    email = plan.step("create_contact").inputs["properties"]["email"]
    assert plan.step("search_contacts").inputs == {"query": email}


def test_updates_change_a_text_leaf_or_another_choice() -> None:
    hub = build_plan(api_model("hubspot"), "p-").step("update_contact")
    assert hub.inputs["properties"] == {"firstname": "Ann - updated"}
    assert hub.expect.values == {"properties.firstname": "Ann - updated"}
    mc = build_plan(api_model("mailchimp"), "p-").step("update_member")
    assert mc.inputs["status"] == "unsubscribed" and mc.expect.values == {"status": "unsubscribed"}


def test_a_real_api_run_makes_addresses_unique_and_takes_given_references() -> None:
    real = build_plan(api_model("hubspot"), "cg-smoke-1-python-", mock=False).step("create_contact")
    assert real.inputs["properties"]["email"] == "ann+cg-smoke-1-python-1@example.com"
    assert (
        build_plan(api_model("hubspot"), "p-", mock=True).step("create_contact").inputs["properties"]["email"]
        == "ann@example.com"
    )
    given = {"create_card": {"idList": "list-1"}, "update_card": {"desc": "from the file"}}
    plan = build_plan(api_model("trello"), "p-", given=given)
    assert plan.step("create_card").inputs["idList"] == "list-1"
    assert plan.step("create_card").expect.values["idList"] == "list-1"
    assert plan.step("update_card").inputs["desc"] == "from the file"


def test_github_every_step_is_scoped_and_the_miss_asks_for_a_number_no_issue_has() -> None:
    # Owner and repo are path inputs of every operation (the connection file's `inputs` give them); an integer id
    # that must miss is a number, since text would be refused before anything is sent (the runtime branch's rule).
    model = api_model("github")
    given = {o.key: {"owner": "octo-org", "repo": "hello-world"} for o in model.operations if o.inputs}
    plan = build_plan(model, "cg-p-", mock=False, given=given)
    assert [s.id for s in plan.steps if "poll" in s.id or "start" in s.id] == [
        *["new_issue (start)", "updated_issue (start)", "new_issue (poll 1)", "new_issue (poll 2)"],
        *["updated_issue (poll 1)", "updated_issue (poll 2)", "updated_issue (poll 3)"],
    ]
    for step in plan.steps[1:]:
        assert (step.inputs["owner"], step.inputs["repo"]) == ("octo-org", "hello-world"), step.id
    miss = plan.step("get_issue (miss)").inputs["number"]
    assert isinstance(miss, int) and not isinstance(miss, bool)
    assert plan.step("close_issue").expect.contains == Ref("create_issue", "number")
    # Without a connection file (the embedded mock) every step takes the same scope: the fields' examples.
    for step in [s for s in build_plan(model, "cg-p-", mock=True).steps[1:] if "(miss)" not in s.id]:
        assert (step.inputs["owner"], step.inputs["repo"]) == ("octo-org", "hello-world"), step.id
