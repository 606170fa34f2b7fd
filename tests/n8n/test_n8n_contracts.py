"""The n8n package of each real-API spec (tests/apis), built and run by n8n-core against the hand-written contract mock.

Each package passes n8n's own tooling (tsc, the node-cli lint rule sets, the verification scanner, the loader), then
runs through N8nExecutor: the credential test ok and failing, one read and one write in the API's real envelope, and
for HubSpot an expired OAuth2 access token refreshed by n8n-core's oAuth2Api path and the request retried.
"""

from __future__ import annotations

import base64
import json
import shutil
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.n8n import N8nExecutor, compile_package
from tests.apis.hubspot.mock import HubSpotMock
from tests.apis.mailchimp.mock import MailchimpMock
from tests.apis.shopify.mock import ShopifyMock
from tests.apis.trello.mock import TrelloMock

from .test_n8n_toolchain import lint, problems, scan

pytestmark = pytest.mark.slow

APIS = Path(__file__).resolve().parents[1] / "apis"
NAMES = ("shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github")


def spec_model(tmp: Path, api: str, edit: Callable[[str], str] = lambda text: text) -> Model:
    """The model of tests/apis/<api>/spec.yaml, its text changed by `edit` (YAML text: `on:` must stay a key)."""
    folder = tmp / api
    shutil.copytree(APIS / api / "icons", folder / "icons")
    (folder / "spec.yaml").write_text(edit((APIS / api / "spec.yaml").read_text()))
    return load_model(folder / "spec.yaml", f"{api}.yaml", ["n8n"])  # the other targets check their own


def private_app(text: str) -> str:
    """HubSpot's spec with a private-app Bearer token instead of OAuth2."""
    head, _, rest = text.partition("auth:\n  kind: oauth2")
    _, _, tail = rest.partition("http:")
    field = '  fields:\n    token: {label: Private App Token, secret: true, help: "The app\'s access token."}'
    return head.replace("  fields: {}", field) + 'auth: {kind: bearer, token: "{token}"}\n' + "http:" + tail


def write_package(model: Model, folder: Path) -> Path:
    """The rendered n8n package written to `folder`."""
    for path, text in render_all(model, ["n8n"])["n8n"].items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder


class Api:
    """One API's model, its package and a prepared executor (one n8n-core process)."""

    def __init__(self, model: Model, package: Path) -> None:
        self.model, self.package = model, package
        self.executor = N8nExecutor()
        self.executor.prepare(model, package)

    def run(self, key: str, endpoint: Endpoint, **inputs: Any) -> Outcome:
        """Run operation `key` with `inputs` through n8n-core."""
        return self.executor.run(self.model, Call(self.model.operation(key), inputs), endpoint)


@pytest.fixture(scope="module")
def apis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Api]]:
    """Every API's n8n package, plus HubSpot with a private-app Bearer token instead of OAuth2."""
    tmp = tmp_path_factory.mktemp("n8n-apis")
    models = {api: spec_model(tmp / "specs", api) for api in NAMES}
    models["hubspot-bearer"] = spec_model(tmp / "bearer", "hubspot", private_app)
    made = {name: Api(m, write_package(m, tmp / "pkg" / name)) for name, m in models.items()}
    yield made
    for api in made.values():
        api.executor.close()


def hubspot_tokens(m: HubSpotMock) -> dict[str, str]:
    """An access and refresh token pair, as n8n's OAuth2 flow obtains them (authorization code grant)."""
    form = {
        "grant_type": "authorization_code",
        "code": m.issue_code("http://localhost/callback"),
        "redirect_uri": "http://localhost/callback",
        "client_id": m.client_id,
        "client_secret": m.client_secret,
    }
    request = urllib.request.Request(f"{m.base_url}/oauth/v1/token", data=urllib.parse.urlencode(form).encode())
    with urllib.request.urlopen(request) as answer:
        body: dict[str, str] = json.loads(answer.read())
    return {"access_token": body["access_token"], "refresh_token": body["refresh_token"]}


def assert_clean(outcome: Outcome, *secrets: str) -> None:
    """No secret in any form in what the executor handed back."""
    text = json.dumps([outcome.error, outcome.records, outcome.state])
    for secret in secrets:
        for form in (secret, urllib.parse.quote(secret), base64.b64encode(f":{secret}".encode()).decode()):
            assert form not in text


# -- n8n's own tooling ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [*NAMES, "hubspot-bearer"])
def test_each_package_compiles_lints_scans_and_loads(apis: dict[str, Api], name: str) -> None:
    api = apis[name]
    toolchain = api.executor.harness_dir
    built = compile_package(api.package, toolchain)
    try:
        assert problems(lint(toolchain, built)) == []
        assert scan(toolchain, built, "source") == {"passed": True}
    finally:
        shutil.rmtree(built, ignore_errors=True)
    camel = api.model.app.names.camel
    # A spec with polling triggers (Shopify, Mailchimp, Stripe and GitHub since issue 14) also gets its trigger node.
    triggers = [camel + "Trigger"] if api.model.of_kind("polling_trigger") else []
    assert api.executor.loaded["nodes"] == [camel, *triggers]
    suffix = "OAuth2Api" if name == "hubspot" else "Api"
    assert api.executor.loaded["credentials"] == [camel + suffix]


# -- Shopify: access-token header, shop subdomain and API version settings, {"customer": {...}} envelopes -----------
def shopify_endpoint(m: ShopifyMock, model: Model, token: str | None = None) -> Endpoint:
    values = {"shop": m.shop, "access_token": token or m.token}  # api_version: the spec's default
    return Endpoint.of(model, f"{m.base_url}/admin/api/2024-10", values)


def test_shopify(apis: dict[str, Api]) -> None:
    api = apis["shopify"]
    with ShopifyMock() as m:
        ok = api.run("get_shop", shopify_endpoint(m, api.model))
        assert ok.ok, ok.error
        assert ok.records[0]["myshopify_domain"] == "acme.myshopify.com"  # the record under "shop"
        entry = m.log[-1]
        assert entry.path == "/acme.myshopify.com/admin/api/2024-10/shop.json"  # settings in host and path
        assert entry.headers["x-shopify-access-token"] == m.token
        bad = api.run("get_shop", shopify_endpoint(m, api.model, "shpat_wrong_token_value"))
        assert not bad.ok and bad.status == 401
        assert "Invalid API key or access token" in (bad.error or "")
        assert_clean(bad, "shpat_wrong_token_value", m.token)

        created = api.run("create_customer", shopify_endpoint(m, api.model), email="ann@example.com", first_name="Ann")
        assert created.ok, created.error
        [record] = created.records
        assert record["email"] == "ann@example.com" and isinstance(record["id"], int)
        entry = m.log[-1]
        assert (entry.method, entry.path) == ("POST", "/acme.myshopify.com/admin/api/2024-10/customers.json")
        assert json.loads(entry.body) == {"customer": {"email": "ann@example.com", "first_name": "Ann"}}  # the wrap

        read = api.run("get_customer", shopify_endpoint(m, api.model), id=record["id"])
        assert read.ok and [r["id"] for r in read.records] == [record["id"]], read.error
        assert m.log[-1].path.endswith(f"/customers/{record['id']}.json")
        assert_clean(read, m.token)


# -- HubSpot: OAuth2 (refresh on 401 by n8n-core), or a private-app Bearer token -----------------------------------
def hubspot_endpoint(m: HubSpotMock, model: Model, tokens: dict[str, str]) -> Endpoint:
    given = {**tokens, "client_id": m.client_id, "client_secret": m.client_secret}
    return Endpoint.of(model, m.base_url, given, (("https://api.hubapi.com/oauth/v1/token", f"{m.base_url}/oauth/v1/token"),))


def test_hubspot_oauth2_test_read_write(apis: dict[str, Api]) -> None:
    api = apis["hubspot"]
    with HubSpotMock() as m:
        tokens = hubspot_tokens(m)
        endpoint = hubspot_endpoint(m, api.model, tokens)
        ok = api.run("account_details", endpoint)
        assert ok.ok and ok.records[0]["portalId"] == 123456, ok.error
        assert m.log[-1].headers["authorization"] == f"Bearer {tokens['access_token']}"
        bad = api.run(
            "account_details",
            hubspot_endpoint(m, api.model, {"access_token": "CJnotatoken", "refresh_token": "not-a-refresh-token"}),
        )
        assert not bad.ok and "missing or unknown refresh token" in (bad.error or ""), bad.error  # the refresh's answer
        assert_clean(bad, "CJnotatoken", "not-a-refresh-token", m.client_secret)

        ann = {"email": "ann@example.com", "firstname": "Ann", "lastname": "Lee"}
        created = api.run("create_contact", endpoint, properties=ann)
        assert created.ok, created.error
        [record] = created.records
        assert record["properties"]["email"] == "ann@example.com" and record["id"]
        assert json.loads(m.log[-1].body) == {"properties": ann}
        read = api.run("get_contact", endpoint, id=record["id"])
        assert read.ok and read.records[0]["id"] == record["id"], read.error
        assert_clean(read, *tokens.values(), m.client_secret)


def test_hubspot_expired_token_is_refreshed_and_the_request_retried(apis: dict[str, Api]) -> None:
    api = apis["hubspot"]
    with HubSpotMock() as m:
        tokens = hubspot_tokens(m)
        endpoint = hubspot_endpoint(m, api.model, tokens)
        [contact] = m.seed(1)
        m.expire_tokens()
        m.log.clear()
        read = api.run("get_contact", endpoint, id=contact["id"])
        assert read.ok and read.records[0]["id"] == contact["id"], read.error
        first, refresh, retry = m.log
        assert (first.status, first.headers["authorization"]) == (401, f"Bearer {tokens['access_token']}")
        assert (refresh.method, refresh.path) == ("POST", "/oauth/v1/token")
        form = urllib.parse.parse_qs(refresh.body.decode())
        assert form["grant_type"] == ["refresh_token"] and form["refresh_token"] == [tokens["refresh_token"]]
        assert form["client_id"] == [m.client_id] and form["client_secret"] == [m.client_secret]  # client_auth: body
        assert "authorization" not in refresh.headers
        assert retry.status == 200 and retry.headers["authorization"] != first.headers["authorization"]
        new_token = retry.headers["authorization"].removeprefix("Bearer ")
        assert_clean(read, new_token, *tokens.values())
        # n8n stored the new token data with the credential: the next run uses it without refreshing again
        m.log.clear()
        again = api.run("account_details", endpoint)
        assert again.ok and [e.headers["authorization"] for e in m.log] == [f"Bearer {new_token}"], again.error


def test_hubspot_private_app_bearer_token(apis: dict[str, Api]) -> None:
    api = apis["hubspot-bearer"]
    with HubSpotMock() as m:
        endpoint = Endpoint.of(api.model, m.base_url, {"token": m.private_token})
        ok = api.run("account_details", endpoint)
        assert ok.ok and ok.records[0]["uiDomain"] == "app.hubspot.com", ok.error
        assert m.log[-1].headers["authorization"] == f"Bearer {m.private_token}"
        bad = api.run("account_details", Endpoint.of(api.model, m.base_url, {"token": "pat-wrong"}))
        assert not bad.ok and "The OAuth token used to make this call is not valid" in (bad.error or ""), bad.error
        assert_clean(bad, "pat-wrong", m.private_token)
        created = api.run("create_contact", endpoint, properties={"email": "bo@example.com", "firstname": "Bo", "lastname": "Ng"})
        assert created.ok and created.records[0]["properties"]["email"] == "bo@example.com", created.error
        read = api.run("get_contact", endpoint, id=created.records[0]["id"])
        assert read.ok and read.records[0]["id"] == created.records[0]["id"], read.error


# -- Trello: key and token in the query, top-level arrays and objects, plain-text errors ---------------------------
def test_trello(apis: dict[str, Api]) -> None:
    api = apis["trello"]
    with TrelloMock() as m:
        endpoint = Endpoint.of(api.model, f"{m.base_url}/1", {"api_key": m.key, "token": m.token})
        ok = api.run("get_me", endpoint)
        assert ok.ok and ok.records[0]["id"] == m.member_id, ok.error
        entry = m.log[-1]
        assert (entry.path, entry.query["key"], entry.query["token"]) == ("/1/members/me", [m.key], [m.token])
        bad = api.run("get_me", Endpoint.of(api.model, f"{m.base_url}/1", {"api_key": m.key, "token": "ATTAwrong"}))
        assert not bad.ok and bad.status == 401 and "invalid token" in (bad.error or ""), bad.error
        assert_clean(bad, "ATTAwrong", m.key, m.token)

        created = api.run("create_card", endpoint, idList=m.list_id, name="Plan the offsite")
        assert created.ok, created.error
        [card] = created.records
        assert card["name"] == "Plan the offsite" and card["idList"] == m.list_id
        assert json.loads(m.log[-1].body) == {"idList": m.list_id, "name": "Plan the offsite"}
        read = api.run("get_card", endpoint, id=card["id"])
        assert read.ok and [c["id"] for c in read.records] == [card["id"]], read.error
        assert_clean(read, m.key, m.token)


# -- Mailchimp: Basic auth with the key as password, data center derived from the key, audience id in paths ---------
def test_mailchimp(apis: dict[str, Api]) -> None:
    api = apis["mailchimp"]
    with MailchimpMock() as m:
        endpoint = Endpoint.of(api.model, m.base_url, {"api_key": m.api_key, "list_id": m.list_id})
        assert endpoint.real_base_url(api.model) == "https://us6.api.mailchimp.com/3.0"
        ok = api.run("get_account", endpoint)
        assert ok.ok and ok.records[0]["account_name"], ok.error
        entry = m.log[-1]
        assert entry.path == "/us6.api.mailchimp.com/3.0/"  # the data center derived from the key's suffix
        user, _, password = base64.b64decode(entry.headers["authorization"].removeprefix("Basic ")).decode().partition(":")
        assert (user, password) == ("connector-gen", m.api_key)
        wrong = "fedcba9876543210fedcba9876543210-us6"
        bad = api.run("get_account", Endpoint.of(api.model, m.base_url, {"api_key": wrong, "list_id": m.list_id}))
        assert not bad.ok and bad.status == 401, bad.error
        assert "API key" in (bad.error or ""), bad.error
        assert_clean(bad, wrong, m.api_key)

        created = api.run("add_member", endpoint, email_address="ann@example.com", status="subscribed")
        assert created.ok, created.error
        [member] = created.records
        assert member["email_address"] == "ann@example.com" and member["status"] == "subscribed"
        entry = m.log[-1]
        assert entry.path == f"/us6.api.mailchimp.com/3.0/lists/{m.list_id}/members"  # the audience setting
        assert json.loads(entry.body) == {"email_address": "ann@example.com", "status": "subscribed"}
        read = api.run("get_member", endpoint, id=member["id"])
        assert read.ok and [r["id"] for r in read.records] == [member["id"]], read.error
        assert m.log[-1].path == f"/us6.api.mailchimp.com/3.0/lists/{m.list_id}/members/{member['id']}"
        assert_clean(read, m.api_key)


# -- settings in code requests: the trigger and the dropdown searches read the base URL from the credential --------
def test_a_setting_in_the_base_url_reaches_trigger_and_dropdown_requests(tmp_path: Path) -> None:
    from connector_gen.mock import MockServer

    def regional(text: str) -> str:
        text = text.replace("base_url: https://api.hellotracks.com/v1", "base_url: https://{region}.hellotracks.com/v1")
        field = "    region: {label: Region, default: api, choices: [api, eu], help: Where the account lives.}\n"
        return text.replace("  fields:\n", "  fields:\n" + field, 1)

    spec = APIS.parent.parent / "spec"
    shutil.copytree(spec / "icons", tmp_path / "spec" / "icons")
    (tmp_path / "spec" / "hellotracks.yaml").write_text(regional((spec / "hellotracks.yaml").read_text()))
    model = load_model(tmp_path / "spec" / "hellotracks.yaml", "hellotracks.yaml", ["n8n"])
    transport = render_all(model, ["n8n"])["n8n"]
    assert "baseURL: `https://${credentials.region}.hellotracks.com/v1`," in next(
        t for p, t in transport.items() if p.name == "transport.ts"
    )
    api = Api(model, write_package(model, tmp_path / "pkg"))
    try:
        with MockServer(model) as mock:
            mock.seed_samples()
            endpoint = Endpoint.of(model, mock.base_url, {"api_key": mock.api_key, "region": "eu"})
            assert endpoint.real_base_url(model) == "https://eu.hellotracks.com/v1"
            trigger = model.of_kind("polling_trigger")[0]
            polled = api.executor.run(model, Call(trigger, {}, None), endpoint)
            assert polled.ok, polled.error
            case = {"kind": "listSearch", "node": "hellotracks", "method": "searchMembers", "filter": "", "parameters": {}}
            found = api.executor.raw(model, case, endpoint)
            assert found["ok"] and found["items"], found["error"]
            assert {s["baseURL"] for s in found["sent"]} == {"https://eu.hellotracks.com/v1"}  # before the redirect
            assert all(r.auth == "valid" for r in mock.requests())
    finally:
        api.executor.close()
