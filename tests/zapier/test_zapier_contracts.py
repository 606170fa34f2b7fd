"""The Zapier app of each real-API spec (tests/apis/*/spec.yaml), validated by Zapier's own tooling and run by
zapier-platform-core against the API's hand-written contract mock: credential test ok and failing, a read and a write
in the API's real envelope, and for HubSpot's OAuth2 an expired access token refreshed and the call retried."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.zapier import ZapierExecutor
from connector_gen.targets import zapier
from connector_gen.targets.zapier.lint import lint
from tests.apis.hubspot.mock import HubSpotMock
from tests.apis.mailchimp.mock import MailchimpMock
from tests.apis.shopify.mock import ShopifyMock
from tests.apis.trello.mock import TrelloMock

pytestmark = pytest.mark.slow

APIS = Path(__file__).resolve().parents[1] / "apis"
REDIRECT = "https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/"


@pytest.fixture(scope="module")
def app_validator(harness: Path) -> Draft4Validator:
    """AppSchema from the pinned zapier-platform-schema's exported-schema.json."""
    exported = json.loads((harness / "node_modules" / "zapier-platform-schema" / "exported-schema.json").read_text())
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in exported["schemas"].values()
    )
    return Draft4Validator(exported["schemas"]["AppSchema"], registry=registry)


class Built:
    """One API's Zapier app: its model, rendered files, and an executor (one Node process) running it."""

    def __init__(self, model: Model, root: Path) -> None:
        self.model = model
        files = render_all(model, ["zapier"])["zapier"]
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        self.definition: dict[str, Any] = json.loads((root / "app-definition.json").read_text())
        self.executor = ZapierExecutor()
        self.executor.prepare(model, root)

    def run(self, op: str, endpoint: Endpoint, **inputs: Any) -> Outcome:
        return self.executor.run(self.model, Call(self.model.operation(op), inputs), endpoint)


def _spec(tmp: Path, api: str, change: dict[str, str] | None = None) -> Path:
    """The API's spec copied beside its icons, each top-level block named in `change` replaced by the given YAML."""
    text = (APIS / api / "spec.yaml").read_text()
    for key, block in (change or {}).items():
        text = re.sub(rf"^{key}:\n(?:[ #].*\n|\n)*", block, text, count=1, flags=re.M)
    (tmp / "icons").mkdir(exist_ok=True)
    for icon in (APIS / api / "icons").iterdir():
        (tmp / "icons" / icon.name).write_bytes(icon.read_bytes())
    spec = tmp / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    return spec


def _built(tmp_path_factory: pytest.TempPathFactory, api: str, change: dict[str, str] | None = None) -> Iterator[Built]:
    tmp = tmp_path_factory.mktemp(api)
    model = load_model(_spec(tmp, api, change), names=["zapier"])  # only Zapier's own checks
    built = Built(model, tmp / "zapier")
    yield built
    built.executor.close()


@pytest.fixture(scope="module")
def shopify(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "shopify")


@pytest.fixture(scope="module")
def trello(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "trello")


@pytest.fixture(scope="module")
def mailchimp(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "mailchimp")


@pytest.fixture(scope="module")
def stripe(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "stripe")


@pytest.fixture(scope="module")
def todoist(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "todoist")


@pytest.fixture(scope="module")
def github(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "github")


@pytest.fixture(scope="module")
def hubspot(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "hubspot")


# HubSpot's private-app token instead of OAuth: a bearer auth over one secret connection field `token`.
PRIVATE_APP = {
    "connection": """connection:
  fields:
    token:
      label: Private App Token
      secret: true
      help: Settings, Integrations, Private apps.
      help_url: https://developers.hubspot.com/docs/api/private-apps
  test: account_details
  label: "HubSpot {portalId} ({uiDomain})"
""",
    "auth": """auth: {kind: bearer, token: "{token}"}
""",
}


@pytest.fixture(scope="module")
def hubspot_bearer(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "hubspot", PRIVATE_APP)


# Mailchimp through Zapier's native basic auth: the user types any user name and the key as password; the data
# center is derived from the password.
NATIVE_BASIC = {
    "connection": """connection:
  fields:
    username: {label: Username, help: Any name; Mailchimp ignores it.}
    password:
      label: API Key
      secret: true
      help: Your Mailchimp API key.
      help_url: https://mailchimp.com/help/about-api-keys/
    dc: {label: Data Center, derive: {from: password, pattern: "-([a-z]+[0-9]+)$"}}
    list_id: {label: Audience ID, help: The audience's ID.}
  test: get_account
  label: "{account_name} ({username})"
""",
    "auth": """auth: {kind: basic, username: "{username}", password: "{password}"}
""",
}


@pytest.fixture(scope="module")
def mailchimp_basic(tmp_path_factory: pytest.TempPathFactory, harness: Path) -> Iterator[Built]:
    yield from _built(tmp_path_factory, "mailchimp", NATIVE_BASIC)


ALL = ["shopify", "trello", "mailchimp", "mailchimp_basic", "hubspot", "hubspot_bearer", "stripe", "todoist", "github"]


@pytest.mark.parametrize("api", ALL)
def test_zapier_validators_accept_app(api: str, request: pytest.FixtureRequest, app_validator: Draft4Validator) -> None:
    built: Built = request.getfixturevalue(api)
    loaded = {**built.definition, "version": "1.0.0", "platformVersion": zapier.CORE_VERSION}
    assert [f"{list(e.absolute_path)}: {e.message}" for e in app_validator.iter_errors(loaded)] == []
    assert built.executor.validate() == {"schema": [], "core": []}
    assert lint(built.definition) == []


# -- Shopify: an access-token header, the shop and API version in the host and path, {"customer": {...}} ---------


def test_shopify(shopify: Built) -> None:
    auth = shopify.definition["authentication"]
    assert auth["type"] == "custom"
    assert [(f["key"], f["type"], f.get("default")) for f in auth["fields"]] == [
        ("shop", "string", None),
        ("api_version", "string", "2024-10"),
        ("access_token", "password", None),
    ]
    assert auth["connectionLabel"] == "{{name}} ({{myshopify_domain}})"
    with ShopifyMock() as m:
        ok = Endpoint.of(shopify.model, f"{m.base_url}/admin/api/2024-10", {"shop": m.shop, "access_token": m.token})
        test = shopify.run("get_shop", ok)
        assert test.ok, test.error
        assert test.records[0]["myshopify_domain"] == "acme.myshopify.com"
        [entry] = m.requests_to("/shop.json")
        assert entry.path == "/acme.myshopify.com/admin/api/2024-10/shop.json"
        assert entry.headers["x-shopify-access-token"] == m.token

        bad = Endpoint.of(shopify.model, f"{m.base_url}/admin/api/2024-10", {"shop": m.shop, "access_token": "shpat_wrong"})
        failed = shopify.run("get_shop", bad)
        assert not failed.ok and failed.status == 401
        assert "Invalid API key or access token" in (failed.error or "") and "shpat_wrong" not in (failed.error or "")

        created = shopify.run("create_customer", ok, email="ann@example.com", first_name="Ann")
        assert created.ok, created.error
        assert created.records[0]["email"] == "ann@example.com" and isinstance(created.records[0]["id"], int)
        post = m.requests_to("/customers.json")[-1]
        assert post.method == "POST" and json.loads(post.body) == {"customer": {"email": "ann@example.com", "first_name": "Ann"}}

        found = shopify.run("get_customer", ok, id=str(created.records[0]["id"]))
        assert found.ok and [r["email"] for r in found.records] == ["ann@example.com"]
        assert m.log[-1].path == f"/acme.myshopify.com/admin/api/2024-10/customers/{created.records[0]['id']}.json"


# -- Trello: key and token in the query, top-level records, plain-text errors -------------------------------------
def test_trello(trello: Built) -> None:
    with TrelloMock() as m:
        ok = Endpoint.of(trello.model, f"{m.base_url}/1", {"api_key": m.key, "token": m.token})
        test = trello.run("get_me", ok)
        assert test.ok, test.error
        entry = m.requests_to("/members/me")[-1]
        assert entry.query["key"] == [m.key] and entry.query["token"] == [m.token]
        assert "authorization" not in entry.headers

        bad = Endpoint.of(trello.model, f"{m.base_url}/1", {"api_key": m.key, "token": "ATTAwrong"})
        failed = trello.run("get_me", bad)
        assert not failed.ok and failed.status == 401 and "invalid token" in (failed.error or "")
        assert "ATTAwrong" not in (failed.error or "") and m.key not in (failed.error or "")

        created = trello.run("create_card", ok, idList=m.list_id, name="Plan the offsite")
        assert created.ok, created.error
        card = created.records[0]
        assert card["name"] == "Plan the offsite" and re.fullmatch(r"[0-9a-f]{24}", card["id"])
        post = m.requests_to("/1/cards")[-1]
        assert post.method == "POST" and post.query["token"] == [m.token]
        assert json.loads(post.body) == {"idList": m.list_id, "name": "Plan the offsite"}

        found = trello.run("get_card", ok, id=card["id"])
        assert found.ok and [r["name"] for r in found.records] == ["Plan the offsite"]


# -- Mailchimp: Basic auth (any user, the key as password), data center derived from the key, audience in paths ---
def test_mailchimp(mailchimp: Built) -> None:
    auth = mailchimp.definition["authentication"]
    assert auth["type"] == "custom" and [f["key"] for f in auth["fields"]] == ["api_key", "list_id"]
    with MailchimpMock() as m:
        ok = Endpoint.of(mailchimp.model, m.base_url, {"api_key": m.api_key, "list_id": m.list_id})
        assert ok.real_base_url(mailchimp.model) == "https://us6.api.mailchimp.com/3.0"
        test = mailchimp.run("get_account", ok)
        assert test.ok, test.error
        entry = m.log[-1]
        assert entry.path == "/us6.api.mailchimp.com/3.0/"
        expected = "Basic " + base64.b64encode(f"connector-gen:{m.api_key}".encode()).decode()
        assert entry.headers["authorization"] == expected

        wrong = "ffffffffffffffffffffffffffffffff-us6"
        bad = Endpoint.of(mailchimp.model, m.base_url, {"api_key": wrong, "list_id": m.list_id})
        failed = mailchimp.run("get_account", bad)
        assert not failed.ok and failed.status == 401 and "Your API key may be invalid" in (failed.error or "")
        assert wrong not in (failed.error or "")

        added = mailchimp.run("add_member", ok, email_address="ann@example.com", status="subscribed")
        assert added.ok, added.error
        assert added.records[0]["email_address"] == "ann@example.com" and added.records[0]["list_id"] == m.list_id
        post = m.log[-1]
        assert post.method == "POST" and post.path == f"/us6.api.mailchimp.com/3.0/lists/{m.list_id}/members"
        assert json.loads(post.body) == {"email_address": "ann@example.com", "status": "subscribed"}

        found = mailchimp.run("get_member", ok, id=added.records[0]["id"])
        assert found.ok and [r["email_address"] for r in found.records] == ["ann@example.com"]


def test_mailchimp_native_basic(mailchimp_basic: Built) -> None:
    built = mailchimp_basic
    assert built.definition["authentication"]["type"] == "basic"
    with MailchimpMock() as m:
        ok = Endpoint.of(built.model, m.base_url, {"username": "ann", "password": m.api_key, "list_id": m.list_id})
        test = built.run("get_account", ok)
        assert test.ok, test.error
        assert m.log[-1].headers["authorization"] == "Basic " + base64.b64encode(f"ann:{m.api_key}".encode()).decode()
        wrong = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-us6"
        failed = built.run(
            "get_account", Endpoint.of(built.model, m.base_url, {"username": "ann", "password": wrong, "list_id": m.list_id})
        )
        assert not failed.ok and "Your API key may be invalid" in (failed.error or "") and wrong not in (failed.error or "")


# -- HubSpot private-app token as bearer --------------------------------------------------------------------------
def test_hubspot_bearer(hubspot_bearer: Built) -> None:
    built = hubspot_bearer
    with HubSpotMock() as m:
        ok = Endpoint.of(built.model, m.base_url, {"token": m.private_token})
        test = built.run("account_details", ok)
        assert test.ok, test.error
        assert m.log[-1].headers["authorization"] == f"Bearer {m.private_token}"
        failed = built.run("account_details", Endpoint.of(built.model, m.base_url, {"token": "pat-na1-wrong"}))
        assert not failed.ok and failed.status == 401 and "not valid" in (failed.error or "")
        assert "pat-na1-wrong" not in (failed.error or "")
        created = built.run("create_contact", ok, properties={"email": "ann@example.com", "firstname": "Ann"})
        assert created.ok, created.error
        assert created.records[0]["properties"]["email"] == "ann@example.com"
        assert json.loads(m.log[-1].body) == {"properties": {"email": "ann@example.com", "firstname": "Ann"}}


# -- HubSpot OAuth2: the app's own authorize URL and code exchange, then an expired token refreshed and retried ----
def _oauth_endpoint(built: Built, m: HubSpotMock, tokens: dict[str, str]) -> Endpoint:
    given = {**tokens, "client_id": m.client_id, "client_secret": m.client_secret}
    return Endpoint.of(built.model, m.base_url, given, redirects=(("https://app.hubspot.com", m.base_url),))


def _connect(built: Built, m: HubSpotMock) -> dict[str, str]:
    """Walk Zapier's OAuth flow through the app: authorizeUrl, the consent redirect, getAccessToken."""
    bare = _oauth_endpoint(built, m, {})
    config = "authentication.oauth2Config"
    answer = built.executor.invoke(
        f"{config}.authorizeUrl", {"inputData": {"state": "s1", "redirect_uri": REDIRECT}, "authData": {}}, bare, built.model
    )
    assert answer["ok"], answer
    url = urlsplit(answer["result"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://app.hubspot.com/oauth/authorize"
    query = parse_qs(url.query)
    assert query["client_id"] == [m.client_id] and query["response_type"] == ["code"] and query["state"] == ["s1"]
    assert query["scope"] == ["crm.objects.contacts.read crm.objects.contacts.write"]
    consent = requests.get(f"{m.base_url}/oauth/authorize", params=url.query, allow_redirects=False, timeout=5)
    code = parse_qs(urlsplit(consent.headers["Location"]).query)["code"][0]
    bundle = {"inputData": {"code": code, "redirect_uri": REDIRECT}, "authData": {}}
    tokens = built.executor.invoke(f"{config}.getAccessToken", bundle, bare, built.model)
    assert tokens["ok"], tokens
    # Redacted on the way out; the mock holds the real values.
    assert set(tokens["result"]) == {"access_token", "refresh_token", "expires_at"}
    [access] = m.access_tokens
    [refresh] = m.refresh_tokens
    return {"access_token": access, "refresh_token": refresh}


def test_hubspot_oauth2(hubspot: Built) -> None:
    auth = hubspot.definition["authentication"]
    assert auth["type"] == "oauth2" and auth["oauth2Config"]["autoRefresh"] is True
    assert auth["oauth2Config"]["scope"] == "crm.objects.contacts.read crm.objects.contacts.write"
    with HubSpotMock() as m:
        tokens = _connect(hubspot, m)
        ok = _oauth_endpoint(hubspot, m, tokens)
        test = hubspot.run("account_details", ok)
        assert test.ok, test.error
        assert test.records[0]["portalId"] == 123456
        assert m.log[-1].headers["authorization"] == f"Bearer {tokens['access_token']}"

        failed = hubspot.run(
            "account_details", _oauth_endpoint(hubspot, m, {**tokens, "access_token": "CJwrong", "refresh_token": "nope"})
        )
        assert not failed.ok and "missing or unknown refresh token" in (failed.error or "")
        assert "CJwrong" not in (failed.error or "") and "nope" not in (failed.error or "")

        created = hubspot.run("create_contact", ok, properties={"email": "ann@example.com"})
        assert created.ok, created.error
        assert created.records[0]["properties"]["email"] == "ann@example.com"

        m.expire_tokens()
        before = len(m.requests_to("/oauth/v1/token"))
        read = hubspot.run("get_contact", ok, id=created.records[0]["id"])
        assert read.ok, read.error
        assert [r["id"] for r in read.records] == [created.records[0]["id"]]
        refreshes = m.requests_to("/oauth/v1/token")[before:]
        assert len(refreshes) == 1
        form = parse_qs(refreshes[0].body.decode())
        assert form["grant_type"] == ["refresh_token"] and form["refresh_token"] == [tokens["refresh_token"]]
        assert form["client_id"] == [m.client_id] and form["client_secret"] == [m.client_secret]
        assert "authorization" not in refreshes[0].headers  # beforeRequest leaves token requests alone
        contacts = [e for e in m.log if e.path.startswith("/crm/v3/objects/contacts/")]
        assert [e.status for e in contacts[-2:]] == [401, 200]  # the expired call, then the retry
        assert contacts[-1].headers["authorization"] != f"Bearer {tokens['access_token']}"
        again = hubspot.run("get_contact", ok, id=created.records[0]["id"])  # the refreshed token is kept
        assert again.ok and len(m.requests_to("/oauth/v1/token")) == before + 1
        for outcome in (test, failed, created, read, again):
            text = json.dumps([outcome.error, outcome.records])
            assert not any(secret in text for secret in (*m.access_tokens, *m.refresh_tokens, m.client_secret))


def test_hubspot_oauth2_known_expiry_refreshes_before_sending(hubspot: Built) -> None:
    # getAccessToken stored `expires_at`; once it has passed, beforeRequest asks Zapier to refresh first (no 401).
    with HubSpotMock() as m:
        tokens = _connect(hubspot, m)
        ok = _oauth_endpoint(hubspot, m, tokens)
        bundle = {"authData": {**tokens, "expires_at": 0}, "inputData": {}}
        answer = hubspot.executor.invoke("authentication.test", bundle, ok, hubspot.model)
        assert answer["ok"], answer
        assert answer["refreshed"] == ["access_token", "expires_at", "refresh_token"]
        assert [e.path for e in m.log][-2:] == ["/oauth/v1/token", "/account-info/v3/details"]
        calls = [e for e in m.log if not e.path.startswith(("/__mock/", "/oauth/authorize"))]  # clock probe, consent page
        assert all(e.status == 200 for e in calls)
