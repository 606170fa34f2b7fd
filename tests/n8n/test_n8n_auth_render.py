"""How the n8n credential renders each auth kind and connection setting, and what n8n's OAuth2 cannot say (no Node)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.model.template import parse
from connector_gen.pipeline import load_model, render_all
from connector_gen.targets.n8n.check import check

APIS = Path(__file__).resolve().parents[1] / "apis"


def files(api: str) -> tuple[Model, dict[str, str]]:
    model = load_model(APIS / api / "spec.yaml", f"{api}.yaml", ["n8n"])
    return model, {str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}


def test_settings_become_credential_properties_and_expressions() -> None:
    _, out = files("shopify")
    cred = out["credentials/ShopifycustomersApi.credentials.ts"]
    assert "name: 'shop'," in cred and "placeholder: 'e.g. acme'," in cred
    assert "name: 'apiVersion',\n\t\t\ttype: 'options'," in cred and "default: '2024-10'," in cred
    assert "'X-Shopify-Access-Token': '={{$credentials.accessToken}}'" in cred
    base = "'=https://{{$credentials.shop}}.myshopify.com/admin/api/{{$credentials.apiVersion}}'"
    assert f"baseURL: {base}" in cred and f"baseURL: {base}" in out["nodes/Shopifycustomers/Shopifycustomers.node.ts"]
    description = "\n".join(t for p, t in out.items() if "/resources/customer/" in p)
    assert "property: 'customer.email'" in description  # request.wrap
    assert "property: 'customer'" in description  # the record shape of each operation
    assert "nodes/ShopifycustomersTrigger/ShopifycustomersTrigger.node.ts" in out  # its polling triggers (issue 14)


def test_query_basic_and_derived_settings() -> None:
    _, trello = files("trello")
    cred = trello["credentials/TrellocardsApi.credentials.ts"]
    assert "qs: {\n\t\t\t\tkey: '={{$credentials.apiKey}}',\n\t\t\t\ttoken: '={{$credentials.token}}'," in cred
    _, mailchimp = files("mailchimp")
    cred = mailchimp["credentials/MailchimpmembersApi.credentials.ts"]
    assert "auth: {\n\t\t\t\tusername: 'connector-gen',\n\t\t\t\tpassword: '={{$credentials.apiKey}}'," in cred
    assert "name: 'dc'" not in cred  # derived, never asked: computed from the key where it is used
    assert 'match(new RegExp("-([a-z]+[0-9]+)$"))' in cred
    description = mailchimp["nodes/Mailchimpmembers/resources/member/index.ts"]
    assert "url: '=/lists/{{ encodeURIComponent($credentials.listId) }}/members'" in description


def test_oauth2_extends_n8n_oauth2_api() -> None:
    _, out = files("hubspot")
    cred = out["credentials/HubspotcontactsOAuth2Api.credentials.ts"]
    assert "name = 'hubspotcontactsOAuth2Api';" in cred and "extends = ['oAuth2Api'];" in cred
    for name, value in [
        ("grantType", "authorizationCode"),
        ("authUrl", "https://app.hubspot.com/oauth/authorize"),
        ("accessTokenUrl", "https://api.hubapi.com/oauth/v1/token"),
        ("scope", "crm.objects.contacts.read crm.objects.contacts.write"),
        ("authentication", "body"),
    ]:
        assert f"name: '{name}',\n\t\t\ttype: 'hidden',\n\t\t\tdefault: '{value}'," in cred
    assert "authenticate" not in cred  # n8n's oAuth2Api signs the request itself


@pytest.mark.parametrize(
    ("change", "pointer", "message"),
    [
        (lambda o: replace(o, refresh_url=parse("https://api.hubapi.com/oauth/v2/refresh")), "/auth/refresh_url", "token URL"),
        (lambda o: replace(o, scope_separator="+"), "/auth/scope_separator", "space or a comma"),
    ],
)
def test_what_n8n_oauth2_cannot_say_is_located(change, pointer: str, message: str) -> None:  # type: ignore[no-untyped-def]
    model, _ = files("hubspot")
    assert model.auth.oauth2 is not None
    broken = replace(model, auth=replace(model.auth, oauth2=change(model.auth.oauth2)))
    found = [(e.pointer, e.message) for e in check(broken)]
    assert len(found) == 1 and found[0][0] == pointer and message in found[0][1]


def test_oauth2_token_sent_elsewhere_is_located() -> None:
    model, _ = files("hubspot")
    placement = replace(model.auth.send[0], location="query", name="access_token", value=parse("{access_token}"))
    found = check(replace(model, auth=replace(model.auth, send=(placement,))))
    message = "n8n's OAuth2 credentials send the access token only as 'Authorization: Bearer <token>'"
    assert [e.message for e in found] == [message]
