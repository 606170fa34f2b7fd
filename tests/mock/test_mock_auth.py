"""The embedded mock enforces every auth kind and connection setting the model declares.

api_key in a header (Shopify) and in the query (Trello), basic (Mailchimp), bearer and oauth2 (HubSpot, with the
authorize and token endpoints, expiring tokens and both client_auth styles); settings in the base URL (served under
a `/<host><path>` prefix), in paths and in headers; envelopes per operation and `request.wrap`.
"""

from __future__ import annotations

import base64
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import yaml

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import load_model

APIS = Path(__file__).resolve().parents[1] / "apis"


def api_model(name: str) -> Model:
    """An API spec's model without target checks (the targets do not render these specs yet)."""
    return load_model(APIS / name / "spec.yaml", f"tests/apis/{name}/spec.yaml", ())


@pytest.fixture
def variant(tmp_path: Path) -> Callable[[str, Callable[[dict[str, Any]], None]], Model]:
    """An API spec changed by `edit(data)`, as a model."""

    def make(name: str, edit: Callable[[dict[str, Any]], None]) -> Model:
        data = yaml.safe_load((APIS / name / "spec.yaml").read_text("utf-8"))
        refresh = data["auth"].get("refresh")
        if isinstance(refresh, dict) and True in refresh:  # YAML 1.1 reads the key `on` as true
            refresh["on"] = refresh.pop(True)
        edit(data)
        folder = tmp_path / name
        shutil.copytree(APIS / name / "icons", folder / "icons")
        (folder / "spec.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
        return load_model(folder / "spec.yaml", "spec.yaml", ())

    return make


@pytest.fixture
def serve() -> Iterator[Callable[..., MockServer]]:
    started: list[MockServer] = []

    def start(model: Model, **kwargs: Any) -> MockServer:
        mock = MockServer(model, **kwargs).start()
        mock.seed_samples()
        started.append(mock)
        return mock

    yield start
    for mock in started:
        mock.stop()


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_api_key_header_and_settings_in_the_base_url(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("shopify"))
    assert mock.values == {"shop": "acme", "api_version": "2024-10", "access_token": "test-key"}
    assert mock.base_url == mock.origin + "/acme.myshopify.com/admin/api/2024-10"
    ok = requests.get(mock.base_url + "/shop.json", headers={"X-Shopify-Access-Token": mock.api_key}, timeout=10)
    assert ok.status_code == 200 and ok.json()["shop"]["myshopify_domain"] == "acme.myshopify.com"  # record: shop
    for headers, status in [({}, 401), ({"X-Shopify-Access-Token": "nope"}, 401), ({"X-Access-Token": mock.api_key}, 401)]:
        resp = requests.get(mock.base_url + "/shop.json", headers=headers, timeout=10)
        assert resp.status_code == status and resp.json() == {"errors": "The access token was not accepted."}
    assert [r.auth for r in mock.requests()] == ["valid", "missing", "invalid", "missing"]
    assert all(r.headers.get("x-shopify-access-token") in (None, "<redacted>") for r in mock.requests())
    key = {"X-Shopify-Access-Token": mock.api_key}
    for wrong in ("/other.myshopify.com/admin/api/2024-10", "/acme.myshopify.com/admin/api/2024-07", "/admin/api/2024-10"):
        assert requests.get(mock.origin + wrong + "/shop.json", headers=key, timeout=10).status_code == 404


def test_request_wrap_and_record_envelopes(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("shopify"))
    key = {"X-Shopify-Access-Token": mock.api_key}
    made = requests.post(
        mock.base_url + "/customers.json", json={"customer": {"email": "a@example.com"}}, headers=key, timeout=10
    )
    assert made.status_code == 200 and made.json()["customer"]["email"] == "a@example.com"
    record_id = made.json()["customer"]["id"]
    assert isinstance(record_id, int)  # the id field is an integer
    got = requests.get(f"{mock.base_url}/customers/{record_id}.json", headers=key, timeout=10).json()
    assert got["customer"]["id"] == record_id
    bare = requests.post(mock.base_url + "/customers.json", json={"email": "b@example.com"}, headers=key, timeout=10)
    assert bare.status_code == 400 and "customer" in bare.json()["errors"]


def test_api_key_in_the_query_needs_every_placement(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("trello"))
    key, token = mock.values["api_key"], mock.values["token"]
    assert requests.get(mock.base_url + "/members/me", params={"key": key, "token": token}, timeout=10).status_code == 200
    for params in ({"key": key}, {"key": key, "token": "x"}, {"token": token, "key": mock.read_only_values["api_key"]}):  # type: ignore[index]
        resp = requests.get(mock.base_url + "/members/me", params=params, timeout=10)
        assert resp.status_code == 401 and resp.json() == {"message": "The API key or token was not accepted."}
    ro = mock.read_only_values
    assert ro is not None
    read_only = {"key": ro["api_key"], "token": ro["token"]}
    assert requests.get(mock.base_url + "/members/me", params=read_only, timeout=10).status_code == 200
    recorded = mock.requests()[0]
    assert recorded.query == {"key": ["<redacted>"], "token": ["<redacted>"]} and recorded.auth == "valid"
    assert mock.requests()[-1].auth == "read_only"


def test_basic_auth_with_a_derived_data_center_and_a_path_setting(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("mailchimp"))
    key = mock.values["api_key"]
    assert mock.values["dc"] == "us6" and mock.base_url.endswith("/us6.api.mailchimp.com/3.0")
    good = {"Authorization": basic("connector-gen", key)}
    assert requests.get(mock.base_url + "/", headers=good, timeout=10).status_code == 200
    for auth in (basic("connector-gen", "wrong"), basic("someone", key), "Bearer " + key, "Basic not*base64"):
        resp = requests.get(mock.base_url + "/", headers={"Authorization": auth}, timeout=10)
        assert resp.status_code == 401 and resp.json() == {"errors": [{"message": "The API key was not accepted."}]}
    members = f"{mock.base_url}/lists/{mock.values['list_id']}/members"
    body = {"email_address": "ann@example.com", "status": "subscribed"}
    assert requests.post(members, json=body, headers=good, timeout=10).status_code == 200
    other = f"{mock.base_url}/lists/0000000000/members"
    assert requests.post(other, json=body, headers=good, timeout=10).status_code == 404  # the list id is the setting's
    assert all(r.headers["authorization"] == "<redacted>" for r in mock.requests())


def test_given_values_are_served_and_checked(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("mailchimp"), values={"api_key": "ffffffffffffffffffffffffffffffff-eu2", "list_id": "0a0a0a0a0a"})
    assert mock.base_url.endswith("/eu2.api.mailchimp.com/3.0") and mock.values["dc"] == "eu2"


def test_bearer_token(serve: Callable[..., MockServer], variant: Callable[..., Model]) -> None:
    def bearer(data: dict[str, Any]) -> None:
        data["auth"] = {"kind": "bearer", "token": "{token}"}
        data["connection"]["fields"] = {"token": {"label": "Token", "secret": True}}

    mock = serve(variant("hubspot", bearer))
    url = mock.base_url + "/account-info/v3/details"
    assert requests.get(url, headers={"Authorization": f"Bearer {mock.api_key}"}, timeout=10).status_code == 200
    assert requests.get(url, headers={"Authorization": mock.api_key}, timeout=10).status_code == 401


def consent(mock: MockServer, **extra: str) -> requests.Response:
    params = {"client_id": mock.tokens.client_id, "redirect_uri": "http://localhost/cb", "response_type": "code"}
    params |= {"scope": "crm.objects.contacts.read crm.objects.contacts.write", "state": "xyz", **extra}
    return requests.get(mock.authorize_url, params=params, allow_redirects=False, timeout=10)


def test_oauth2_authorize_and_token_endpoints(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("hubspot"))
    assert dict(mock.redirects) == {
        "https://api.hubapi.com/oauth/v1/token": mock.token_url,
        "https://app.hubspot.com/oauth/authorize": mock.authorize_url,
    }
    page = consent(mock)
    assert page.status_code == 302
    query = parse_qs(urlsplit(page.headers["Location"]).query)
    assert query["state"] == ["xyz"]
    client = {"client_id": mock.tokens.client_id, "client_secret": mock.tokens.client_secret}
    exchange = {"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": "http://localhost/cb"}
    tokens = requests.post(mock.token_url, data={**exchange, **client}, timeout=10).json()
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 3600 and tokens["refresh_token"]
    again = requests.post(mock.token_url, data={**exchange, **client}, timeout=10)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"  # a code is used once
    assert consent(mock, client_id="other").status_code == 400
    assert consent(mock, scope="crm.objects.contacts.read").json()["error"] == "invalid_scope"
    wrong = requests.post(mock.token_url, data={**exchange, **client, "client_secret": "nope"}, timeout=10)
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert "errors" in wrong.json()  # the API's own (first) error path too


def test_oauth2_access_tokens_expire_and_refresh(serve: Callable[..., MockServer]) -> None:
    mock = serve(api_model("hubspot"))
    values = mock.connection()  # consent and code exchange over HTTP
    url = mock.base_url + "/account-info/v3/details"

    def call(token: str) -> requests.Response:
        return requests.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)

    assert call(values["access_token"]).status_code == 200
    mock.expire_tokens()
    expired = call(values["access_token"])
    assert expired.status_code == 401 and "expired" in expired.json()["errors"][0]["message"]
    assert call("made-up").status_code == 401
    assert [r.auth for r in mock.requests()] == ["valid", "expired", "invalid"]
    form = {"grant_type": "refresh_token", "refresh_token": values["refresh_token"]}
    form |= {"client_id": values["client_id"], "client_secret": values["client_secret"]}
    fresh = requests.post(mock.token_url, data=form, timeout=10).json()
    assert call(fresh["access_token"]).status_code == 200
    assert mock.token_grants == ["authorization_code", "refresh_token"]
    unknown = requests.post(mock.token_url, data={**form, "refresh_token": "nope"}, timeout=10)
    assert unknown.status_code == 400 and unknown.json()["error"] == "invalid_grant"
    assert values["access_token"] not in repr(mock.requests())


def test_oauth2_expiry_follows_the_timer(variant: Callable[..., Model]) -> None:
    now = [0.0]
    with MockServer(api_model("hubspot"), timer=lambda: now[0]) as mock:
        token = mock.issue_tokens()["access_token"]
        assert mock.tokens.state(token) == "valid"
        now[0] += 3600
        assert mock.tokens.state(token) == "expired"


def test_oauth2_client_auth_basic_and_client_credentials(serve: Callable[..., MockServer], variant: Callable[..., Model]) -> None:
    def client_credentials(data: dict[str, Any]) -> None:
        del data["auth"]["authorize_url"]
        data["auth"] |= {"grant": "client_credentials", "client_auth": "basic"}

    mock = serve(variant("hubspot", client_credentials))
    pair = (mock.tokens.client_id, mock.tokens.client_secret)
    body = requests.post(
        mock.token_url, data={"grant_type": "client_credentials", "client_id": pair[0], "client_secret": pair[1]}, timeout=10
    )
    assert body.status_code == 401  # client_auth basic: the body does not count
    ok = requests.post(mock.token_url, data={"grant_type": "client_credentials"}, auth=pair, timeout=10).json()
    assert "refresh_token" not in ok and ok["access_token"]
    assert consent(mock).status_code == 404  # no authorize page for client credentials
    assert mock.connection()["access_token"]


def test_settings_in_headers_are_checked(serve: Callable[..., MockServer], variant: Callable[..., Model]) -> None:
    def version_header(data: dict[str, Any]) -> None:
        data["http"]["headers"]["X-Api-Version"] = "{api_version}"

    mock = serve(variant("shopify", version_header))
    key = {"X-Shopify-Access-Token": mock.api_key}
    assert requests.get(mock.base_url + "/shop.json", headers={**key, "X-Api-Version": "2024-10"}, timeout=10).status_code == 200
    wrong = requests.get(mock.base_url + "/shop.json", headers={**key, "X-Api-Version": "2024-07"}, timeout=10)
    assert wrong.status_code == 400 and "X-Api-Version" in wrong.json()["errors"]


def test_static_base_urls_keep_their_path(serve: Callable[..., MockServer], model: Model) -> None:
    mock = serve(model)
    assert mock.base_url == mock.origin + "/v1" and mock.api_key == "test-key" and mock.read_only_key == "readonly-key"
    with pytest.raises(ValueError, match="2 secret fields"):
        _ = serve(api_model("trello")).api_key


def test_the_mock_command_names_every_value_a_user_needs(serve: Callable[..., MockServer]) -> None:
    from connector_gen.mock.describe import describe

    hub = serve(api_model("hubspot"))
    text = "\n".join(describe(hub))
    assert "Authorization: Bearer mock-access-" in text and "refresh_token mock-refresh-" in text
    assert hub.tokens.client_id in text and hub.tokens.client_secret in text
    assert f"{hub.token_url}   (stands in for https://api.hubapi.com/oauth/v1/token)" in text
    chimp = serve(api_model("mailchimp"))
    lines = describe(chimp)
    assert lines[0] == f"mock Mailchimp Members API at {chimp.base_url}"
    assert f"  use {chimp.base_url} as the base URL in place of https://us6.api.mailchimp.com/3.0" in lines
    assert any(line.strip().startswith("dc: us6") and "derived from api_key" in line for line in lines)
    assert any(line.strip().startswith("list_id: a1b2c3d4e5") for line in lines)
