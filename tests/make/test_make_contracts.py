"""The Make app of each real-API spec, schema-valid and run by our IML interpreter against the hand-written contract mocks.

Each test builds the app from tests/apis/<api>/spec.yaml into a temporary folder, checks every file against Make's
official schemas, then drives MakeExecutor (as smoke does) against the API's contract mock: the connection test
passing and failing (the API's message shown, no secret in it), one read and one write in the API's real envelope,
and what the mock received (auth placement, settings in host and path, the body wrap). HubSpot runs twice: as an
OAuth 2.0 connection (code exchange, a token expired by the server refreshed on its 401 and the request retried,
an expiry that passed refreshed before the request) and with a private-app Bearer token.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from connector_gen.make_engine.app import MakeApp
from connector_gen.make_engine.connection import REDIRECT_URI, Connection, ConnectionRunner
from connector_gen.make_engine.iml import IMLError, expressions, references
from connector_gen.model import Model
from connector_gen.pipeline import load_model
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.make import MakeExecutor
from connector_gen.targets import make
from tests.apis.hubspot.mock import HubSpotMock
from tests.apis.mailchimp.mock import MailchimpMock
from tests.apis.shopify.mock import AUTH_ERROR, ShopifyMock
from tests.apis.trello.mock import TrelloMock

APIS = Path(__file__).resolve().parents[1] / "apis"
Edit = Callable[[str], str]


def build(api: str, tmp_path: Path, edit: Edit | None = None) -> tuple[Model, dict[str, str], Path]:
    """The API's model, its Make app files and the folder they were written to (the spec edited first, if asked)."""
    folder = tmp_path / api
    shutil.copytree(APIS / api / "icons", folder / "icons")
    text = (APIS / api / "spec.yaml").read_text("utf-8")
    (folder / "spec.yaml").write_text(edit(text) if edit else text, "utf-8")
    model = load_model(folder / "spec.yaml", f"tests/apis/{api}/spec.yaml", ["make"])
    files = {str(path): text for path, text in make.render(model).items()}
    root = tmp_path / "dist" / "make"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return model, files, root


def schema_valid(files: dict[str, str], schema_errors: Callable[[str, str], list[str] | None]) -> None:
    results = {path: schema_errors(path, text) for path, text in sorted(files.items())}
    assert {path: found for path, found in results.items() if found} == {}


def executor(model: Model, root: Path) -> Iterator[MakeExecutor]:
    ex = MakeExecutor()
    ex.prepare(model, root)
    yield ex
    ex.close()


def run(ex: MakeExecutor, model: Model, endpoint: Endpoint, op: str, **inputs: Any) -> Outcome:
    return ex.run(model, Call(model.operation(op), inputs), endpoint)


def secret_free(outcome: Outcome, *secrets: str) -> None:
    text = json.dumps([outcome.error, outcome.records, outcome.state])
    for secret in secrets:
        assert secret not in text


def api_requests(mock: Any, fragment: str) -> list[Any]:
    return [e for e in mock.requests_to(fragment) if "__mock" not in e.path]


# -- Shopify: access-token header, shop subdomain and API version in the host and path, {"customer": …} envelopes --


@pytest.fixture
def shopify(tmp_path: Path) -> Iterator[tuple[Model, dict[str, str], MakeExecutor, ShopifyMock]]:
    model, files, root = build("shopify", tmp_path)
    with ShopifyMock() as mock:
        for ex in executor(model, root):
            yield model, files, ex, mock


def shopify_endpoint(model: Model, mock: ShopifyMock, token: str) -> Endpoint:
    # The real https://acme.myshopify.com/admin/api/2024-10 is served under the shop's loopback prefix.
    return Endpoint.of(model, f"{mock.base_url}/admin/api/2024-10", {"shop": "acme", "access_token": token})


def test_shopify(shopify: Any, schema_errors: Callable[[str, str], list[str] | None]) -> None:
    model, files, ex, mock = shopify
    schema_valid(files, schema_errors)
    endpoint = shopify_endpoint(model, mock, mock.token)
    assert endpoint.real_base_url(model) == "https://acme.myshopify.com/admin/api/2024-10"
    ok = run(ex, model, endpoint, "get_shop")
    assert ok.ok and ok.records == [{"id": 548380009, "name": "Acme", "myshopify_domain": "acme.myshopify.com"}]
    label = ConnectionRunner(ex.app).test(ex.connection(model, endpoint), datetime.now(UTC)).metadata
    assert label == {"type": "text", "value": "Acme (acme.myshopify.com)"}

    created = run(ex, model, endpoint, "create_customer", email="ann@example.com", first_name="Ann")
    assert created.ok and len(created.records) == 1 and created.records[0]["email"] == "ann@example.com"
    sent = api_requests(mock, "/customers.json")[-1]
    assert sent.method == "POST" and sent.path == "/acme.myshopify.com/admin/api/2024-10/customers.json"
    assert json.loads(sent.body) == {"customer": {"email": "ann@example.com", "first_name": "Ann"}}
    assert sent.headers["x-shopify-access-token"] == mock.token

    found = run(ex, model, endpoint, "get_customer", id=created.records[0]["id"])
    assert found.ok and found.records == [created.records[0]]

    wrong = "shpat_not_the_token"
    failed = run(ex, model, shopify_endpoint(model, mock, wrong), "get_shop")
    assert not failed.ok and failed.status == 401 and AUTH_ERROR in (failed.error or "")
    secret_free(failed, wrong, mock.token)


# -- Trello: key and token in the query, top-level arrays and objects, plain-text errors --------------------------


def test_trello(tmp_path: Path, schema_errors: Callable[[str, str], list[str] | None]) -> None:
    model, files, root = build("trello", tmp_path)
    schema_valid(files, schema_errors)
    with TrelloMock() as mock:
        for ex in executor(model, root):
            endpoint = Endpoint.of(model, f"{mock.base_url}/1", {"api_key": mock.key, "token": mock.token})
            me = run(ex, model, endpoint, "get_me")
            assert me.ok and me.records[0]["id"] == mock.member_id
            sent = api_requests(mock, "/members/me")[-1]
            assert sent.query == {"key": [mock.key], "token": [mock.token]}

            created = run(ex, model, endpoint, "create_card", idList=mock.list_id, name="Plan the offsite")
            assert created.ok and created.records[0]["name"] == "Plan the offsite"
            sent = api_requests(mock, "/1/cards")[-1]
            assert sent.method == "POST" and sent.query == {"key": [mock.key], "token": [mock.token]}
            assert json.loads(sent.body) == {"idList": mock.list_id, "name": "Plan the offsite"}
            found = run(ex, model, endpoint, "get_card", id=created.records[0]["id"])
            assert found.ok and found.records[0]["id"] == created.records[0]["id"]

            wrong = "ATTA" + "f" * 60
            failed = run(ex, model, Endpoint.of(model, f"{mock.base_url}/1", {"api_key": mock.key, "token": wrong}), "get_me")
            # Trello answers errors in plain text, which is the message itself (issue 13's error rule).
            assert not failed.ok and failed.status == 401 and "invalid token" in (failed.error or "")
            secret_free(failed, wrong, mock.key)


# -- Mailchimp: Basic auth with the key as password, the data center derived from the key, the audience in paths ---


def test_mailchimp(tmp_path: Path, schema_errors: Callable[[str, str], list[str] | None]) -> None:
    model, files, root = build("mailchimp", tmp_path)
    schema_valid(files, schema_errors)
    base = json.loads(files["general/base.iml.json"])
    assert "replace(connection.apiKey" in base["baseUrl"]  # computed in IML, never asked
    with MailchimpMock() as mock:
        for ex in executor(model, root):
            endpoint = Endpoint.of(model, mock.base_url, {"api_key": mock.api_key, "list_id": mock.list_id})
            assert endpoint.real_base_url(model) == "https://us6.api.mailchimp.com/3.0"
            account = run(ex, model, endpoint, "get_account")
            assert account.ok and account.records[0]["account_name"]
            sent = api_requests(mock, "/3.0/")[-1]
            assert sent.path == "/us6.api.mailchimp.com/3.0/"
            assert sent.headers["authorization"].startswith("Basic ")

            added = run(ex, model, endpoint, "add_member", email_address="ann@example.com", status="subscribed")
            assert added.ok and added.records[0]["email_address"] == "ann@example.com"
            sent = api_requests(mock, "/members")[-1]
            assert sent.path == f"/us6.api.mailchimp.com/3.0/lists/{mock.list_id}/members"
            assert json.loads(sent.body) == {"email_address": "ann@example.com", "status": "subscribed"}
            found = run(ex, model, endpoint, "get_member", id=added.records[0]["id"])
            assert found.ok and found.records[0]["id"] == added.records[0]["id"]

            wrong = "f" * 32 + "-us6"
            failed = run(ex, model, Endpoint.of(model, mock.base_url, {"api_key": wrong, "list_id": mock.list_id}), "get_account")
            assert not failed.ok and failed.status == 401 and "API key" in (failed.error or "")
            secret_free(failed, wrong, mock.api_key)


# -- HubSpot: OAuth 2.0 authorization code with refresh, and a private-app Bearer token -------------------------


@pytest.fixture
def hubspot(tmp_path: Path) -> Iterator[tuple[Model, dict[str, str], MakeExecutor, HubSpotMock]]:
    model, files, root = build("hubspot", tmp_path)
    with HubSpotMock() as mock:
        for ex in executor(model, root):
            yield model, files, ex, mock


def authorized(ex: MakeExecutor, mock: HubSpotMock) -> Connection:
    """A connection through Make's flow: the consent page's redirect, then the code exchange."""
    runner = ConnectionRunner(ex.app)
    ex.app.redirects = (("https://app.hubspot.com", mock.base_url), ("https://api.hubapi.com", mock.base_url))
    common = {"clientId": mock.client_id, "clientSecret": mock.client_secret}
    conn = Connection("hubspotcontacts", {}, common=common)
    url = runner.authorize_url(conn, datetime.now(UTC))
    query = parse_qs(urlsplit(url).query)
    assert query["client_id"] == [mock.client_id] and query["redirect_uri"] == [REDIRECT_URI]
    assert query["scope"] == ["crm.objects.contacts.read crm.objects.contacts.write"]
    consent = requests.get(url, allow_redirects=False, timeout=5)
    code = parse_qs(urlsplit(consent.headers["Location"]).query)["code"][0]
    runner.exchange(conn, code, datetime.now(UTC))
    assert {"accessToken", "refreshToken", "expires"} <= set(conn.data)
    return conn


def oauth_endpoint(model: Model, mock: HubSpotMock, conn: Connection) -> Endpoint:
    given = {"access_token": conn.data["accessToken"], "refresh_token": conn.data["refreshToken"]}
    given |= {"client_id": mock.client_id, "client_secret": mock.client_secret}
    return Endpoint.of(model, mock.base_url, given, (("https://app.hubspot.com", mock.base_url),))


def test_hubspot_oauth(hubspot: Any, schema_errors: Callable[[str, str], list[str] | None]) -> None:
    model, files, ex, mock = hubspot
    schema_valid(files, schema_errors)
    manifest = json.loads(files["makecomapp.json"])
    assert manifest["components"]["connection"]["hubspotcontacts"]["connectionType"] == "oauth"
    endpoint = oauth_endpoint(model, mock, authorized(ex, mock))

    ok = run(ex, model, endpoint, "account_details")
    assert ok.ok and ok.records[0]["portalId"] == 123456
    created = run(ex, model, endpoint, "create_contact", properties={"email": "ann@example.com", "firstname": "Ann"})
    assert created.ok and created.records[0]["properties"]["email"] == "ann@example.com"
    sent = api_requests(mock, "/crm/v3/objects/contacts")[-1]
    assert json.loads(sent.body) == {"properties": {"email": "ann@example.com", "firstname": "Ann"}}
    assert sent.headers["authorization"] == f"Bearer {endpoint.values['access_token']}"

    # The server expires the token: the read answers 401, the connection refreshes once and the read is sent again.
    mock.expire_tokens()
    mock.log.clear()
    found = run(ex, model, endpoint, "get_contact", id=created.records[0]["id"])
    assert found.ok and found.records[0]["id"] == created.records[0]["id"]
    steps = [(e.method, e.path, e.status) for e in mock.log if "__mock" not in e.path]
    contact = f"/crm/v3/objects/contacts/{created.records[0]['id']}"
    assert steps == [("GET", contact, 401), ("POST", "/oauth/v1/token", 200), ("GET", contact, 200)]
    form = parse_qs(mock.log[-2].body.decode())
    assert form["grant_type"] == ["refresh_token"] and form["refresh_token"] == [endpoint.values["refresh_token"]]
    assert form["client_id"] == [mock.client_id] and form["client_secret"] == [mock.client_secret]
    conn = ex.connection(model, endpoint)
    new_token = conn.data["accessToken"]
    assert conn.refreshes == 1 and new_token != endpoint.values["access_token"]
    assert mock.log[-1].headers["authorization"] == f"Bearer {new_token}"
    secret_free(found, new_token, conn.data["refreshToken"], mock.client_secret)

    # Make's own rule: the stored expiry has passed, so the refresh runs before the request (no 401 first).
    conn.data["expires"] = datetime.now(UTC) - timedelta(seconds=1)
    mock.log.clear()
    assert run(ex, model, endpoint, "get_contact", id=created.records[0]["id"]).ok
    assert [(e.method, e.status) for e in mock.log if "__mock" not in e.path] == [("POST", 200), ("GET", 200)]


def test_hubspot_oauth_failing_refresh_is_an_auth_error(hubspot: Any) -> None:
    model, _, ex, mock = hubspot
    given = {"access_token": "CJ-not-a-token", "refresh_token": "not-a-refresh-token"}
    endpoint = Endpoint.of(model, mock.base_url, {**given, "client_id": mock.client_id, "client_secret": mock.client_secret})
    failed = run(ex, model, endpoint, "account_details")
    assert not failed.ok and failed.error is not None
    assert failed.error.startswith("InvalidAccessTokenError:") and "missing or unknown refresh token" in failed.error
    secret_free(failed, *given.values(), mock.client_secret)


def bearer(spec: str) -> str:
    """HubSpot's spec with a private-app token: a secret field `token` sent as a Bearer token."""
    auth = re.compile(r"^auth:\n(?:  .*\n)+", re.M)
    assert auth.search(spec) and "  fields: {}\n" in spec
    spec = auth.sub('auth: {kind: bearer, token: "{token}"}\n', spec)
    return spec.replace("  fields: {}\n", "  fields:\n    token: {label: Private App Token, secret: true}\n")


def test_hubspot_bearer(tmp_path: Path, schema_errors: Callable[[str, str], list[str] | None]) -> None:
    model, files, root = build("hubspot", tmp_path, bearer)
    schema_valid(files, schema_errors)
    assert json.loads(files["general/base.iml.json"])["headers"]["Authorization"] == "Bearer {{connection.token}}"
    with HubSpotMock() as mock:
        for ex in executor(model, root):
            endpoint = Endpoint.of(model, mock.base_url, {"token": mock.private_token})
            assert run(ex, model, endpoint, "account_details").ok
            created = run(ex, model, endpoint, "create_contact", properties={"email": "bo@example.com"})
            assert created.ok and api_requests(mock, "/contacts")[-1].headers["authorization"] == f"Bearer {mock.private_token}"
            assert run(ex, model, endpoint, "get_contact", id=created.records[0]["id"]).ok
            wrong = "pat-na1-wrong"
            failed = run(ex, model, Endpoint.of(model, mock.base_url, {"token": wrong}), "account_details")
            assert not failed.ok and "The OAuth token used to make this call is not valid." in (failed.error or "")
            secret_free(failed, wrong, mock.private_token)


# -- every app: only IML the interpreter and Make know ------------------------------------------------------------

ROOTS = {"parameters", "connection", "common", "oauth", "temp", "query", "data", "body", "item", "statusCode", "now"}


@pytest.mark.parametrize("api", ["shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github"])
def test_every_expression_parses_with_known_roots(api: str, tmp_path: Path) -> None:
    _, files, root = build(api, tmp_path)
    app = MakeApp(root)
    for path in files:
        if not path.endswith(".json"):
            continue
        for expression in expressions(app.section(path)):
            try:
                roots, _ = references(expression)
            except IMLError as exc:  # pragma: no cover - the message names the file
                raise AssertionError(f"{path}: {exc}") from None
            assert {r.split(".")[0] for r in roots} <= ROOTS | {"pagination", "headers"}, (path, expression)


# -- what Make cannot express: located errors -----------------------------------------------------------------


def client_credentials(spec: str) -> str:
    spec = spec.replace("  grant: authorization_code\n", "  grant: client_credentials\n")
    return spec.replace("  authorize_url: https://app.hubspot.com/oauth/authorize\n", "")


def test_client_credentials_is_an_oauth_connection_asking_for_the_client(
    tmp_path: Path, schema_errors: Callable[[str, str], list[str] | None]
) -> None:
    _, files, _ = build("hubspot", tmp_path, client_credentials)
    schema_valid(files, schema_errors)
    comm = json.loads(files["connections/hubspotcontacts/hubspotcontacts.oauth-communication.iml.json"])
    assert set(comm) == {"token", "info", "refresh"}  # no authorize page: the token call is the whole flow
    assert comm["token"]["body"]["grant_type"] == "client_credentials"
    assert comm["token"]["body"]["client_secret"] == "{{parameters.clientSecret}}"
    names = [p["name"] for p in json.loads(files["connections/hubspotcontacts/hubspotcontacts.params.iml.json"])]
    assert names == ["clientId", "clientSecret"]


PYTHON_ONLY = '"-(?P<dc>[a-z]+[0-9]+)\\\\Z"'  # a named group and \Z: Python regex syntax JavaScript lacks


@pytest.mark.parametrize(
    ("edit", "pointer", "message"),
    [
        (lambda s: s.replace("list_id", "account_name"), "/connection/fields/account_name", "keeps the connection name"),
        (lambda s: s.replace("list_id", "api__key"), "/connection/fields/api__key", "also the parameter of 'api_key'"),
        (lambda s: s.replace('"-([a-z]+[0-9]+)$"', PYTHON_ONLY), "/connection/fields/dc/derive/pattern", "JavaScript"),
    ],
)
def test_make_refuses_connection_names_and_patterns_it_cannot_carry(
    edit: Edit, pointer: str, message: str, tmp_path: Path
) -> None:
    from connector_gen.errors import SpecInvalid

    with pytest.raises(SpecInvalid) as caught:
        build("mailchimp", tmp_path, edit)
    found = [e for e in caught.value.errors if e.pointer == pointer]
    assert found and message in found[0].message and found[0].message.startswith("make:"), caught.value.errors
