"""The runtime's Client and `execute` against the hand-written contract mocks of four real APIs (tests/apis/).

Each API: the auth test ok and failing (the API's own message surfaces, no secret anywhere), one read and one
write in the API's real envelope. HubSpot: an expired OAuth2 access token is refreshed and the request retried,
a failed refresh is an auth error carrying the token endpoint's message, and the private-app token as bearer auth.
The specs are loaded without target checks: the runtime judges them by the language alone.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
import yaml

from connector_gen.model import Model
from connector_gen.pipeline import load_model
from connector_gen.redact import forms
from connector_gen.runtime import ApiError, Client, execute
from tests.apis.hubspot.mock import HubSpotMock
from tests.apis.mailchimp.mock import MailchimpMock, subscriber_hash
from tests.apis.shopify.mock import ShopifyMock
from tests.apis.trello.mock import TrelloMock

APIS = Path(__file__).resolve().parents[1] / "apis"
REDIRECT = "http://localhost/callback"


def api_model(name: str) -> Model:
    """An API spec's model after schema and semantic validation, without target checks."""
    return load_model(APIS / name / "spec.yaml", f"tests/apis/{name}/spec.yaml", ())


def leaks(texts: list[str], secrets: list[str]) -> list[str]:
    """The texts that carry any secret in any encoded form."""
    every = {f for s in secrets for f in forms(s) if len(f) >= 6}
    return [t for t in texts if any(f in t for f in every)]


def failure(client: Client, model: Model, op: str, inputs: dict[str, Any] | None = None) -> ApiError:
    with pytest.raises(ApiError) as info:
        execute(client, model.operation(op), inputs or {})
    return info.value


# -- Shopify: access-token header, shop subdomain and API version in the base URL, {"customer": ...} envelopes --


@pytest.fixture
def shop() -> Iterator[ShopifyMock]:
    with ShopifyMock() as mock:
        yield mock


def shopify_client(mock: ShopifyMock, token: str) -> Client:
    # Only the host is redirected: the runtime builds /admin/api/2024-10 from the settings itself.
    values = {"shop": "acme", "access_token": token}
    return Client(api_model("shopify"), None, values, redirects=(("https://acme.myshopify.com", mock.base_url),))


def test_shopify_auth_test_read_and_write(shop: ShopifyMock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    model = api_model("shopify")
    client = shopify_client(shop, shop.token)
    (me,) = execute(client, model.auth_test, {}).records
    assert me["myshopify_domain"] == "acme.myshopify.com"
    made = execute(client, model.operation("create_customer"), {"email": "ann@example.com", "first_name": "Ann"}).records
    assert made[0]["email"] == "ann@example.com" and isinstance(made[0]["id"], int)
    create = next(e for e in shop.log if e.method == "POST")
    assert create.path == "/acme.myshopify.com/admin/api/2024-10/customers.json"
    assert json.loads(create.body) == {"customer": {"email": "ann@example.com", "first_name": "Ann"}}  # request.wrap
    (got,) = execute(client, model.operation("get_customer"), {"id": made[0]["id"]}).records
    assert got["id"] == made[0]["id"]
    assert execute(client, model.operation("get_customer"), {"id": 1}).records == []  # 404: no result
    assert leaks([r.getMessage() for r in caplog.records] + [repr(client)], [shop.token]) == []


def test_shopify_wrong_token_is_the_apis_401_without_the_token(shop: ShopifyMock) -> None:
    model = api_model("shopify")
    err = failure(shopify_client(shop, "shpat_wrong_token_value"), model, "get_shop")
    assert err.status == 401 and "Invalid API key or access token" in err.message
    assert leaks([str(err), repr(err)], ["shpat_wrong_token_value"]) == []


# -- HubSpot: OAuth2 authorization code with refresh (body client auth), or a private-app bearer token --------


@pytest.fixture
def hub() -> Iterator[HubSpotMock]:
    with HubSpotMock() as mock:
        yield mock


def hubspot_tokens(mock: HubSpotMock) -> dict[str, str]:
    """An OAuth2 token pair, as a platform's OAuth flow obtains it (consent, then the code exchange)."""
    code = parse_qs(urlsplit(hubspot_consent(mock)).query)["code"][0]
    form = {"grant_type": "authorization_code", "client_id": mock.client_id, "client_secret": mock.client_secret}
    answer = requests.post(mock.base_url + "/oauth/v1/token", data={**form, "redirect_uri": REDIRECT, "code": code}, timeout=10)
    tokens = answer.json()
    return {"access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"]}


def hubspot_consent(mock: HubSpotMock) -> str:
    params = {"client_id": mock.client_id, "redirect_uri": REDIRECT, "scope": "crm.objects.contacts.read"}
    return requests.get(mock.base_url + "/oauth/authorize", params=params, allow_redirects=False, timeout=10).headers["Location"]


def hubspot_client(mock: HubSpotMock, model: Model, tokens: dict[str, str]) -> Client:
    values = {**tokens, "client_id": mock.client_id, "client_secret": mock.client_secret}
    return Client(model, mock.base_url, values, sleep=lambda _s: None)


def test_hubspot_oauth2_auth_test_read_and_write(hub: HubSpotMock) -> None:
    model = api_model("hubspot")
    client = hubspot_client(hub, model, hubspot_tokens(hub))
    (me,) = execute(client, model.auth_test, {}).records
    assert me["portalId"] == 123456 and me["uiDomain"] == "app.hubspot.com"  # a record at "$"
    props = {"email": "ann@example.com", "firstname": "Ann"}
    (made,) = execute(client, model.operation("create_contact"), {"properties": props}).records
    assert made["properties"]["email"] == "ann@example.com"
    (got,) = execute(client, model.operation("get_contact"), {"id": made["id"]}).records
    assert got["id"] == made["id"]
    # HubSpot archives with 204 and no body (`response: {empty: true}`): the action hands on the id and deleted: true.
    assert execute(client, model.operation("archive_contact"), {"id": made["id"]}).records == [
        {"id": made["id"], "deleted": True}
    ]


def test_hubspot_expired_token_is_refreshed_and_the_request_retried_once(hub: HubSpotMock) -> None:
    model = api_model("hubspot")
    tokens = hubspot_tokens(hub)
    client = hubspot_client(hub, model, tokens)
    execute(client, model.auth_test, {})
    hub.expire_tokens()
    hub.log.clear()
    (me,) = execute(client, model.auth_test, {}).records
    assert me["portalId"] == 123456
    assert [(e.method, e.path, e.status) for e in hub.log] == [
        ("GET", "/account-info/v3/details", 401),
        ("POST", "/oauth/v1/token", 200),
        ("GET", "/account-info/v3/details", 200),
    ]
    form = parse_qs(hub.log[1].body.decode())
    assert form["grant_type"] == ["refresh_token"] and form["refresh_token"] == [tokens["refresh_token"]]
    assert form["client_id"] == [hub.client_id] and form["client_secret"] == [hub.client_secret]  # client_auth: body
    new = client.values["access_token"]
    assert new != tokens["access_token"] and hub.log[2].headers["authorization"] == f"Bearer {new}"
    hub.log.clear()
    execute(client, model.auth_test, {})  # the client kept the new token: no second refresh
    assert [e.status for e in hub.log] == [200]


def test_hubspot_failed_refresh_is_an_auth_error_with_the_token_endpoints_message(hub: HubSpotMock) -> None:
    model = api_model("hubspot")
    tokens = {"access_token": "CJwrong-access-token-1", "refresh_token": "wrong-refresh-token-2"}
    err = failure(hubspot_client(hub, model, tokens), model, "account_details")
    assert err.status == 400 and err.kind == "unauthorized" and "missing or unknown refresh token" in err.message
    assert [e.path for e in hub.log] == ["/account-info/v3/details", "/oauth/v1/token"]  # refreshed once, no retry
    assert leaks([str(err), repr(err)], [*tokens.values(), hub.client_secret]) == []


def test_hubspot_refresh_on_expiry_happens_before_the_request(hub: HubSpotMock) -> None:
    model = api_model("hubspot")
    now = [1000.0]
    values = {**hubspot_tokens(hub), "client_id": hub.client_id, "client_secret": hub.client_secret}
    client = Client(model, hub.base_url, values, clock=lambda: now[0])
    hub.expire_tokens()
    execute(client, model.auth_test, {})  # a 401 refresh: the answer names expires_in (1800 s)
    hub.log.clear()
    now[0] += 1800
    execute(client, model.auth_test, {})
    assert [(e.path, e.status) for e in hub.log] == [("/oauth/v1/token", 200), ("/account-info/v3/details", 200)]


def bearer_spec(tmp_path: Path) -> Path:
    """HubSpot's spec with a private-app token: auth {kind: bearer, token: "{token}"} and a secret field `token`."""
    data = yaml.safe_load((APIS / "hubspot" / "spec.yaml").read_text("utf-8"))
    data["auth"] = {"kind": "bearer", "token": "{token}"}
    data["connection"]["fields"] = {"token": {"label": "Private App Token", "secret": True}}
    shutil.copytree(APIS / "hubspot" / "icons", tmp_path / "icons")
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def test_hubspot_private_app_token_as_bearer_auth(hub: HubSpotMock, tmp_path: Path) -> None:
    model = load_model(bearer_spec(tmp_path), "spec.yaml", ())
    client = Client(model, hub.base_url, {"token": hub.private_token})
    assert execute(client, model.auth_test, {}).records[0]["portalId"] == 123456
    assert hub.log[-1].headers["authorization"] == f"Bearer {hub.private_token}"
    made = execute(client, model.operation("create_contact"), {"properties": {"email": "bo@example.com"}}).records
    assert made[0]["properties"]["email"] == "bo@example.com"
    err = failure(Client(model, hub.base_url, {"token": "pat-na1-wrong"}), model, "account_details")
    assert err.status == 401 and "Authentication credentials not found" not in err.message  # a token was sent
    assert err.message and "pat-na1-wrong" not in str(err)


# -- Trello: key and token in the query, plain-text errors ------------------------------------------------------


@pytest.fixture
def trello() -> Iterator[TrelloMock]:
    with TrelloMock() as mock:
        yield mock


def trello_client(mock: TrelloMock, token: str) -> Client:
    return Client(api_model("trello"), mock.base_url + "/1", {"api_key": mock.key, "token": token})


def test_trello_auth_test_read_and_write(trello: TrelloMock) -> None:
    model = api_model("trello")
    client = trello_client(trello, trello.token)
    (me,) = execute(client, model.auth_test, {}).records
    assert me["id"] == trello.member_id
    (card,) = execute(client, model.operation("create_card"), {"idList": trello.list_id, "name": "Hello"}).records
    assert card["name"] == "Hello" and card["idList"] == trello.list_id
    (got,) = execute(client, model.operation("get_card"), {"id": card["id"]}).records
    assert got["id"] == card["id"]
    sent = trello.log[-1]
    assert sent.query["key"] == [trello.key] and sent.query["token"] == [trello.token]  # both in the query


def test_trello_wrong_token_surfaces_the_plain_text_message(trello: TrelloMock) -> None:
    secret = "ATTA" + "9" * 60
    err = failure(trello_client(trello, secret), api_model("trello"), "get_me")
    assert (err.status, err.message) == (401, "invalid token")
    assert leaks([str(err), repr(err)], [secret, trello.key]) == []


# -- Mailchimp: Basic auth with the key as password, data center derived from the key, list id in the path ------


@pytest.fixture
def chimp() -> Iterator[MailchimpMock]:
    with MailchimpMock() as mock:
        yield mock


def mailchimp_client(mock: MailchimpMock, key: str) -> Client:
    # The data center (us6) is derived from the key's suffix; only the real host is redirected to the mock.
    values = {"api_key": key, "list_id": mock.list_id}
    return Client(
        api_model("mailchimp"),
        None,
        values,
        redirects=(("https://us6.api.mailchimp.com", mock.root_url + "/us6.api.mailchimp.com"),),
    )


def test_mailchimp_auth_test_read_and_write(chimp: MailchimpMock) -> None:
    model = api_model("mailchimp")
    client = mailchimp_client(chimp, chimp.api_key)
    assert client.base_url == "https://us6.api.mailchimp.com/3.0"
    (me,) = execute(client, model.auth_test, {}).records
    assert me["account_name"]
    body = {"email_address": "Ann@Example.com", "status": "subscribed"}
    (made,) = execute(client, model.operation("add_member"), body).records
    assert made["id"] == subscriber_hash("ann@example.com")
    assert chimp.log[-1].path == f"/us6.api.mailchimp.com/3.0/lists/{chimp.list_id}/members"  # the list id setting
    (got,) = execute(client, model.operation("get_member"), {"id": made["id"]}).records
    assert got["status"] == "subscribed"


def test_mailchimp_wrong_key_is_the_apis_problem_detail(chimp: MailchimpMock) -> None:
    wrong = "fedcba9876543210fedcba9876543210-us6"
    err = failure(mailchimp_client(chimp, wrong), api_model("mailchimp"), "get_account")
    assert err.status == 401 and "API key may be invalid" in err.message
    assert leaks([str(err), repr(err)], [wrong]) == []
    assert quote(wrong) not in str(err)


def test_a_connection_value_off_its_pattern_is_refused_before_sending(shop: ShopifyMock) -> None:
    model = api_model("shopify")
    client = Client(model, shop.base_url, {"shop": "Not A Shop!", "access_token": shop.token})
    err = failure(client, model, "get_shop")
    assert err.kind == "invalid_connection" and "'shop' (Shop Subdomain) does not match" in err.message
    missing = failure(Client(model, shop.base_url, {"shop": "acme"}), model, "get_shop")
    assert "no value for 'access_token'" in missing.message
    assert shop.log == []
