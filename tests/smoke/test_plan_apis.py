"""The plan works for specs with only some operations: each real-API spec of tests/apis (auth test, create,
update, get, delete or archive; no trigger, no list) gets exactly those steps, with inputs the API accepts."""

from __future__ import annotations

import pytest

from connector_gen.smoke.plan import Ref, build_plan

from .api_models import APIS, api_model

STEPS = {
    "shopify": ["get_shop", "create_customer", "get_customer", "update_customer", "delete_customer", "get_customer (miss)"],
    "hubspot": ["account_details", "create_contact", "get_contact", "update_contact", "archive_contact", "get_contact (miss)"],
    "trello": ["get_me", "create_card", "get_card", "update_card", "delete_card", "get_card (miss)"],
    "mailchimp": ["get_account", "add_member", "get_member", "update_member", "archive_member", "get_member (miss)"],
}


@pytest.mark.parametrize("api", APIS)
@pytest.mark.parametrize("mock", [True, False])
def test_each_api_spec_gets_a_plan_of_its_operations(api: str, mock: bool) -> None:
    model = api_model(api)
    plan = build_plan(model, "cg-p-", mock=mock)
    assert [s.id for s in plan.steps] == STEPS[api]
    update = plan.steps[3]
    assert update.expect.values, "an update changes something the API echoes back"
    for step in plan.steps[2:5]:
        assert Ref(plan.steps[1].id, "id") in step.inputs.values()
    last_write = plan.steps[4]
    assert last_write.expect.max_records == 1 and last_write.expect.answer_is_record is False  # a 204 or `{}`


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
