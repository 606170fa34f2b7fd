"""The real-API specs (tests/apis/<api>/spec.yaml) pass the schema and the semantic checks.

Only the language is judged here: the targets' own checks are left out (`validate(..., names=())`), since a target
refuses what it does not render yet. Each spec is also read back for the facts it was written to prove.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen.load import load_spec
from connector_gen.model import Model
from connector_gen.model.http import Shape
from connector_gen.semantics import semantic_errors
from connector_gen.validate import validate

APIS = Path(__file__).resolve().parents[1] / "apis"
NAMES = ["shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github"]


def language_model(api: str) -> Model:
    """The model of an API's spec after the schema and semantic checks (no target checks)."""
    return validate(load_spec(APIS / api / "spec.yaml", f"tests/apis/{api}/spec.yaml"), names=())


@pytest.mark.parametrize("api", NAMES)
def test_schema_and_semantics_accept(api: str) -> None:
    loaded = load_spec(APIS / api / "spec.yaml", "spec.yaml")
    assert semantic_errors(loaded) == []
    model = validate(loaded, names=())
    assert model.operation(model.connection.test).kind == "auth_test"


def test_shopify_settings_in_the_base_url_and_a_token_header() -> None:
    model = language_model("shopify")
    assert model.app.base.names == ("shop", "api_version")
    assert [f.key for f in model.connection.secrets] == ["access_token"]
    assert [(p.location, p.name, p.value.names) for p in model.auth.send] == [
        ("header", "X-Shopify-Access-Token", ("access_token",))
    ]
    assert model.connection.resolve({"shop": "acme", "access_token": "t"})["api_version"] == "2024-10"
    assert any(op.request.wrap == "customer" for op in model.operations)


def test_hubspot_oauth2_with_refresh() -> None:
    model = language_model("hubspot")
    oauth2 = model.auth.oauth2
    assert model.auth.kind == "oauth2" and oauth2 is not None
    assert oauth2.grant == "authorization_code" and oauth2.authorize_url is not None
    assert oauth2.refresh_url == oauth2.token_url
    assert set(oauth2.refresh_on) == {"expiry", "401"}
    assert [(p.name, p.value.text) for p in model.auth.send] == [("Authorization", "Bearer {access_token}")]
    assert model.connection.fields == ()


def test_trello_two_secrets_in_the_query() -> None:
    model = language_model("trello")
    assert [(p.location, p.name) for p in model.auth.send] == [("query", "key"), ("query", "token")]
    assert model.auth.headers == ()
    assert model.operation("get_card").response == Shape(False, ())
    assert model.connection.label.names == ("fullName", "username")


def test_mailchimp_basic_auth_and_a_derived_data_center() -> None:
    model = language_model("mailchimp")
    assert model.auth.kind == "basic" and model.auth.send == ()
    assert model.auth.password is not None and model.auth.password.names == ("api_key",)
    assert model.app.base.names == ("dc",)
    key = "0123456789abcdef0123456789abcdef-us6"
    values = model.connection.resolve({"api_key": key, "list_id": "a1b2c3d4e5"})
    assert values["dc"] == "us6"
    assert model.app.base.render(values) == "https://us6.api.mailchimp.com/3.0"


def test_github_bearer_link_paging_and_scoped_triggers() -> None:
    model = language_model("github")
    assert model.auth.kind == "bearer" and dict(model.http.headers)["X-GitHub-Api-Version"] == "2022-11-28"
    issues = model.operation("list_issues")
    assert issues.pagination is not None and issues.pagination.style == "link" and issues.pagination.limit_param == "per_page"
    assert issues.page_size == 100 and issues.paginate
    updated, new = model.operation("updated_issue"), model.operation("new_issue")
    assert updated.trigger is not None and new.trigger is not None
    assert (updated.trigger.cursor_param, updated.trigger.order) == ("since", "desc")
    assert (new.trigger.cursor_param, new.trigger.order, new.trigger.cursor_field) == (None, "desc", "created_at")
    for op in model.operations:
        if op.kind != "auth_test":
            assert [i.name for i in op.inputs if i.location == "path"][:2] == ["owner", "repo"], op.key
    assert dict(model.operation("close_issue").request.body) == {"state": "closed"}
