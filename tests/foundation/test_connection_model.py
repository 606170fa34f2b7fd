"""The connection and auth model (model/connection.py) and response shapes, built from small inline specs.

Each test changes one part of a tiny made-up spec, runs the schema and semantic checks (not the targets' checks:
they still refuse what their target does not render yet) and reads the model.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.model.connection import ACCESS_TOKEN, Derive, Placement
from connector_gen.model.http import Shape
from connector_gen.model.template import Placeholder, parse
from connector_gen.validate import validate

from .tiny import auth, base_url, fields, write


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Model]:
    """`build(change, ...)`: the model of the tiny spec after each change (schema and semantic checks must pass)."""
    return lambda *changes: validate(write(tmp_path, *changes), names=())


SECRET = {"label": "API Key", "secret": True}


# -- connection fields and Connection.resolve ------------------------------------------------------------------------
def test_fields_keep_spec_order_and_their_properties(build: Callable[..., Model]) -> None:
    conn = build().connection
    assert [f.key for f in conn.fields] == ["api_key", "region"]
    key, region = conn.field("api_key"), conn.field("region")
    assert key.secret and key.required and key.default is None and key.asked
    assert (region.secret, region.default, region.choices, region.pointer) == (
        False,
        "eu",
        ("eu", "us"),
        "/connection/fields/region",
    )
    assert conn.secrets == (key,)
    assert conn.test == "get_me"
    assert conn.label == parse("{name}")


def test_resolve_takes_what_is_given_over_the_default(build: Callable[..., Model]) -> None:
    conn = build().connection
    assert conn.resolve({"api_key": "k", "region": "us"}) == {"api_key": "k", "region": "us"}
    assert conn.resolve({"api_key": "k"}) == {"api_key": "k", "region": "eu"}


def test_resolve_leaves_out_a_value_neither_given_nor_defaulted(build: Callable[..., Model]) -> None:
    assert build().connection.resolve({}) == {"region": "eu"}


def test_resolve_ignores_names_that_are_no_field(build: Callable[..., Model]) -> None:
    assert build().connection.resolve({"api_key": "k", "other": "x"}) == {"api_key": "k", "region": "eu"}


DERIVED = fields(
    api_key=SECRET,
    dc={"label": "Data Center", "derive": {"from": "api_key", "pattern": "-([a-z]+[0-9]+)$"}},
)


def test_a_derived_field_is_computed_not_asked(build: Callable[..., Model]) -> None:
    conn = build(DERIVED, base_url("https://{dc}.example.com/3.0")).connection
    dc = conn.field("dc")
    assert dc.derive == Derive("api_key", "-([a-z]+[0-9]+)$")
    assert not dc.asked
    assert conn.asked == (conn.field("api_key"),)
    assert conn.resolve({"api_key": "0123abcd-us6"}) == {"api_key": "0123abcd-us6", "dc": "us6"}


def test_a_derived_value_given_anyway_is_recomputed(build: Callable[..., Model]) -> None:
    conn = build(DERIVED, base_url("https://{dc}.example.com/3.0")).connection
    assert conn.resolve({"api_key": "0123abcd-eu1", "dc": "us6"})["dc"] == "eu1"


def test_a_derive_that_does_not_match_leaves_the_value_out(build: Callable[..., Model]) -> None:
    conn = build(DERIVED, base_url("https://{dc}.example.com/3.0")).connection
    assert conn.resolve({"api_key": "no-suffix-here!"}) == {"api_key": "no-suffix-here!"}
    assert conn.resolve({}) == {}


def test_derive_takes_the_first_group_of_a_search() -> None:
    derive = Derive("api_key", r"-([a-z]+)(?:\d+)$")
    assert derive.apply("abc-us6") == "us"
    assert derive.apply("abc") is None


def test_a_derived_field_may_come_from_a_setting_with_a_default(build: Callable[..., Model]) -> None:
    conn = build(
        fields(
            api_key=SECRET,
            host={"label": "Host", "default": "eu.example.com"},
            region={"label": "Region", "derive": {"from": "host", "pattern": "^([a-z]+)\\."}},
        ),
        base_url("https://{host}/{region}"),
    ).connection
    assert conn.resolve({"api_key": "k"}) == {"api_key": "k", "host": "eu.example.com", "region": "eu"}
    assert conn.resolve({"api_key": "k", "host": "us.example.com"})["region"] == "us"


def test_the_base_url_and_templated_headers(build: Callable[..., Model]) -> None:
    model = build(lambda d: d["http"]["headers"].update({"X-Region": "{region}", "X-Braces": "{{x}}"}))
    assert model.app.base == parse("https://{region}.example.com/v1")
    assert model.app.base.names == ("region",)
    assert model.http.headers == (("Accept", "application/json"), ("X-Braces", "{x}"))
    assert model.http.setting_headers == (("X-Region", parse("{region}")),)


# -- Auth.send: the effective placements per kind -------------------------------------------------------------------
def test_api_key_sends_each_listed_placement(build: Callable[..., Model]) -> None:
    model = build(
        fields(api_key=SECRET, token={"label": "Token", "secret": True}),
        base_url("https://api.example.com/1"),
        auth(
            kind="api_key",
            send=[
                {"in": "query", "name": "key", "value": "{api_key}"},
                {"in": "query", "name": "token", "value": "{token}"},
                {"in": "header", "name": "Authorization", "value": "Token {api_key}"},
            ],
        ),
    )
    a = model.auth
    assert a.kind == "api_key" and a.oauth2 is None and a.username is None and a.password is None
    assert [(p.location, p.name, p.value.text, p.pointer) for p in a.send] == [
        ("query", "key", "{api_key}", "/auth/send/0"),
        ("query", "token", "{token}", "/auth/send/1"),
        ("header", "Authorization", "Token {api_key}", "/auth/send/2"),
    ]
    assert [p.name for p in a.query] == ["key", "token"]
    assert [p.name for p in a.headers] == ["Authorization"]
    assert a.header_names == ("Authorization",)
    assert a.send[2].value.parts == ("Token ", Placeholder("api_key"))


def test_bearer_sends_one_authorization_header(build: Callable[..., Model]) -> None:
    a = build(auth(kind="bearer", token="{api_key}")).auth
    assert a.send == (Placement("header", "Authorization", parse("Bearer {api_key}"), pointer="/auth/token"),)
    assert a.send[0].pointer == "/auth/token"  # an error about it points at the spec's token
    assert a.header_names == ("Authorization",) and a.query == ()


def test_basic_has_username_and_password_templates_and_no_placements(build: Callable[..., Model]) -> None:
    a = build(auth(kind="basic", username="anystring", password="{api_key}")).auth
    assert a.send == () and a.oauth2 is None
    assert a.username == parse("anystring") and a.username.is_static
    assert a.password == parse("{api_key}")
    assert a.header_names == ("Authorization",)


def test_basic_password_defaults_to_empty(build: Callable[..., Model]) -> None:
    a = build(auth(kind="basic", username="{api_key}")).auth
    assert a.username == parse("{api_key}")
    assert a.password is not None and a.password.parts == () and a.password.literal == ""


def test_oauth2_sends_a_bearer_access_token_by_default(build: Callable[..., Model]) -> None:
    a = build(
        fields(region={"label": "Region", "default": "eu"}),
        auth(kind="oauth2", authorize_url="https://example.com/authorize", token_url="https://example.com/token"),
    ).auth
    assert [(p.location, p.name, p.value) for p in a.send] == [("header", "Authorization", parse("Bearer {access_token}"))]
    assert a.send[0].value.names == (ACCESS_TOKEN,)


def test_oauth2_send_replaces_the_default(build: Callable[..., Model]) -> None:
    a = build(
        fields(region={"label": "Region", "default": "eu"}),
        auth(
            kind="oauth2",
            authorize_url="https://example.com/authorize",
            token_url="https://example.com/token",
            send=[{"in": "query", "name": "access_token", "value": "{access_token}"}],
        ),
    ).auth
    assert [(p.location, p.name, p.value.text) for p in a.send] == [("query", "access_token", "{access_token}")]
    assert a.headers == () and a.header_names == ()


def test_none_sends_nothing(build: Callable[..., Model]) -> None:
    a = build(fields(region={"label": "Region", "default": "eu"}), auth(kind="none")).auth
    assert (a.kind, a.send, a.username, a.password, a.oauth2, a.header_names) == ("none", (), None, None, None, ())


# -- OAuth2 ----------------------------------------------------------------------------------------------------------
OAUTH_FIELDS = fields(region={"label": "Region", "default": "eu"})


def test_oauth2_defaults(build: Callable[..., Model]) -> None:
    o = build(
        OAUTH_FIELDS, auth(kind="oauth2", authorize_url="https://example.com/authorize", token_url="https://example.com/token")
    ).auth.oauth2
    assert o is not None
    assert o.grant == "authorization_code"
    assert o.authorize_url == parse("https://example.com/authorize")
    assert o.refresh_url == o.token_url == parse("https://example.com/token")  # refresh at the token URL
    assert (o.scopes, o.scope_separator, o.scope) == ((), " ", "")
    assert o.client_auth == "body"
    assert o.refresh_on == ("expiry", "401")


def test_oauth2_given_values(build: Callable[..., Model]) -> None:
    o = build(
        OAUTH_FIELDS,
        auth(
            kind="oauth2",
            grant="authorization_code",
            authorize_url="https://{region}.example.com/authorize",
            token_url="https://{region}.example.com/token",
            refresh_url="https://{region}.example.com/refresh",
            scopes=["notes.read", "notes.write"],
            scope_separator=",",
            client_auth="basic",
            refresh={"on": ["401"]},
        ),
    ).auth.oauth2
    assert o is not None
    assert o.authorize_url is not None and o.authorize_url.names == ("region",)
    assert o.token_url.render({"region": "us"}) == "https://us.example.com/token"
    assert o.refresh_url == parse("https://{region}.example.com/refresh")
    assert o.scope == "notes.read,notes.write"
    assert (o.client_auth, o.refresh_on) == ("basic", ("401",))


def test_client_credentials_has_no_authorize_url(build: Callable[..., Model]) -> None:
    o = build(OAUTH_FIELDS, auth(kind="oauth2", grant="client_credentials", token_url="https://example.com/token")).auth.oauth2
    assert o is not None and o.grant == "client_credentials" and o.authorize_url is None


# -- response shapes ------------------------------------------------------------------------------------------------
def test_shape_per_kind_from_the_app_wide_response(build: Callable[..., Model]) -> None:
    model = build()
    assert model.operation("get_me").response == Shape(False, ("data",))
    assert model.operation("create_note").response == Shape(False, ("data",))
    assert model.operation("list_notes").response == Shape(True, ("data", "items"))
    assert model.operation("get_note").response == Shape(True, ("data", "items"))  # a search answers a list
    assert model.http.items_path == ("data", "items") and model.http.record_path == ("data",)


def test_dollar_is_the_whole_body_and_integers_index(build: Callable[..., Model]) -> None:
    model = build(lambda d: d["http"].__setitem__("response", {"list": "$", "record": "results.0"}))
    assert model.operation("list_notes").response == Shape(True, ())
    assert model.operation("create_note").response == Shape(False, ("results", "0"))


def test_an_operation_response_overrides_the_app_wide_one(build: Callable[..., Model]) -> None:
    def own(data: dict[str, Any]) -> None:
        data["operations"]["get_note"]["response"] = {"record": "$"}
        data["operations"]["create_note"]["response"] = {"list": "created"}
        data["operations"]["list_notes"]["response"] = {"list": "notes"}

    model = build(own)
    assert model.operation("get_note").response == Shape(False, ())
    assert model.operation("create_note").response == Shape(True, ("created",))
    assert model.operation("list_notes").response == Shape(True, ("notes",))
    assert model.operation("get_me").response == Shape(False, ("data",))  # the others keep the default


def test_request_wrap(build: Callable[..., Model]) -> None:
    model = build(lambda d: d["operations"]["create_note"]["request"].__setitem__("wrap", "note"))
    assert model.operation("create_note").request.wrap == "note"
    assert model.operation("list_notes").request.wrap is None
