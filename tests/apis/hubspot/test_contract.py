"""Drive the HubSpot contract mock with plain requests, exactly as tests/apis/hubspot/contract.md describes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from .mock import HubSpotMock

REDIRECT = "http://localhost/callback"


@pytest.fixture
def hub() -> Iterator[HubSpotMock]:
    with HubSpotMock() as mock:
        yield mock


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def contacts(hub: HubSpotMock, suffix: str = "") -> str:
    return f"{hub.base_url}/crm/v3/objects/contacts{suffix}"


def oauth_tokens(hub: HubSpotMock) -> dict[str, Any]:
    """Walk the authorization-code flow: authorize redirect, then code exchange."""
    query = {"client_id": hub.client_id, "redirect_uri": REDIRECT, "scope": "crm.objects.contacts.read", "state": "xyz"}
    redirect = requests.get(f"{hub.base_url}/oauth/authorize", params=query, allow_redirects=False, timeout=5)
    assert redirect.status_code == 302
    back = parse_qs(urlsplit(redirect.headers["Location"]).query)
    assert back["state"] == ["xyz"]
    form = {
        "grant_type": "authorization_code",
        "client_id": hub.client_id,
        "client_secret": hub.client_secret,
        "redirect_uri": REDIRECT,
        "code": back["code"][0],
    }
    resp = requests.post(f"{hub.base_url}/oauth/v1/token", data=form, timeout=5)
    assert resp.status_code == 200
    return dict(resp.json())


def test_private_app_token_lists_contacts(hub: HubSpotMock) -> None:
    hub.seed(2)
    resp = requests.get(contacts(hub), headers=bearer(hub.private_token), timeout=5)
    assert resp.status_code == 200
    first = resp.json()["results"][0]
    assert isinstance(first["id"], str) and first["properties"]["hs_object_id"] == first["id"]
    assert first["createdAt"].endswith("Z") and "paging" not in resp.json()


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}])
def test_bad_credentials_are_401_with_category(hub: HubSpotMock, headers: dict[str, str]) -> None:
    resp = requests.get(contacts(hub), headers=headers, timeout=5)
    assert resp.status_code == 401
    body = resp.json()
    assert body["status"] == "error" and body["category"] == "INVALID_AUTHENTICATION" and body["message"]


def test_oauth_code_refresh_and_expiry(hub: HubSpotMock) -> None:
    tokens = oauth_tokens(hub)
    assert tokens["expires_in"] == 1800 and tokens["token_type"] == "bearer"
    assert requests.get(contacts(hub), headers=bearer(tokens["access_token"]), timeout=5).status_code == 200

    hub.expire_tokens()
    expired = requests.get(contacts(hub), headers=bearer(tokens["access_token"]), timeout=5)
    assert expired.status_code == 401 and expired.json()["category"] == "EXPIRED_AUTHENTICATION"

    form = {"grant_type": "refresh_token", "client_id": hub.client_id, "client_secret": hub.client_secret}
    refreshed = requests.post(
        f"{hub.base_url}/oauth/v1/token", data={**form, "refresh_token": tokens["refresh_token"]}, timeout=5
    )
    assert refreshed.status_code == 200
    fresh = refreshed.json()["access_token"]
    assert fresh != tokens["access_token"]
    assert requests.get(contacts(hub), headers=bearer(fresh), timeout=5).status_code == 200

    bad = requests.post(f"{hub.base_url}/oauth/v1/token", data={**form, "refresh_token": "unknown"}, timeout=5)
    assert bad.status_code == 400 and bad.json()["status"] == "BAD_REFRESH_TOKEN"


def test_code_is_single_use_and_client_is_checked(hub: HubSpotMock) -> None:
    code = hub.issue_code(REDIRECT)
    form = {"grant_type": "authorization_code", "client_id": hub.client_id, "client_secret": hub.client_secret}
    form |= {"redirect_uri": REDIRECT, "code": code}
    assert requests.post(f"{hub.base_url}/oauth/v1/token", data=form, timeout=5).status_code == 200
    assert requests.post(f"{hub.base_url}/oauth/v1/token", data=form, timeout=5).json()["status"] == "BAD_AUTH_CODE"
    wrong = requests.post(f"{hub.base_url}/oauth/v1/token", data={**form, "client_secret": "x"}, timeout=5)
    assert wrong.status_code == 400 and wrong.json()["status"] == "BAD_CLIENT_ID"


def test_list_follows_paging_next_after_until_absent(hub: HubSpotMock) -> None:
    created = hub.seed(7)
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 3, "properties": "email"}
    pages = 0
    while True:
        resp = requests.get(contacts(hub), params=params, headers=bearer(hub.private_token), timeout=5)
        body = resp.json()
        seen += [r["id"] for r in body["results"]]
        assert all(set(r["properties"]) == {"email", "createdate", "lastmodifieddate", "hs_object_id"} for r in body["results"])
        pages += 1
        nxt = body.get("paging", {}).get("next")
        if not nxt:
            break
        assert nxt["link"].startswith(hub.base_url)
        params["after"] = nxt["after"]
    assert pages == 3 and seen == [c["id"] for c in created]


def test_create_get_patch_delete(hub: HubSpotMock) -> None:
    auth = bearer(hub.private_token)
    created = requests.post(
        contacts(hub), json={"properties": {"email": "ada@example.com", "firstname": "Ada"}}, headers=auth, timeout=5
    )
    assert created.status_code == 201
    cid = created.json()["id"]
    assert created.json()["properties"]["email"] == "ada@example.com"

    dup = requests.post(contacts(hub), json={"properties": {"email": "ada@example.com"}}, headers=auth, timeout=5)
    assert dup.status_code == 409 and dup.json()["category"] == "CONFLICT"

    by_email = requests.get(contacts(hub, "/ada@example.com"), params={"idProperty": "email"}, headers=auth, timeout=5)
    assert by_email.json()["id"] == cid

    patched = requests.patch(contacts(hub, f"/{cid}"), json={"properties": {"lastname": "Lovelace"}}, headers=auth, timeout=5)
    assert patched.status_code == 200
    assert patched.json()["properties"]["lastname"] == "Lovelace"
    assert patched.json()["updatedAt"] > created.json()["updatedAt"]

    deleted = requests.delete(contacts(hub, f"/{cid}"), headers=auth, timeout=5)
    assert deleted.status_code == 204 and deleted.content == b""
    gone = requests.get(contacts(hub, f"/{cid}"), headers=auth, timeout=5)
    assert gone.status_code == 404 and gone.json()["category"] == "OBJECT_NOT_FOUND"


def test_search_with_filter_groups_and_paging(hub: HubSpotMock) -> None:
    rows = hub.seed(5)
    hub.seed(contacts=[{"email": "zed@other.org", "firstname": "Zed"}])
    since = rows[1]["properties"]["lastmodifieddate"]
    body: dict[str, Any] = {
        "filterGroups": [{"filters": [{"propertyName": "lastmodifieddate", "operator": "GTE", "value": since}]}],
        "sorts": [{"propertyName": "lastmodifieddate", "direction": "ASCENDING"}],
        "properties": ["email"],
        "limit": 2,
    }
    seen = []
    while True:
        resp = requests.post(contacts(hub, "/search"), json=body, headers=bearer(hub.private_token), timeout=5)
        assert resp.status_code == 200 and resp.json()["total"] == 5
        seen += [r["properties"]["email"] for r in resp.json()["results"]]
        nxt = resp.json().get("paging", {}).get("next")
        if not nxt:
            break
        body["after"] = nxt["after"]
    assert seen == [r["properties"]["email"] for r in rows[1:]] + ["zed@other.org"]

    eq = {"filterGroups": [{"filters": [{"propertyName": "email", "operator": "EQ", "value": "ZED@other.org"}]}]}
    found = requests.post(contacts(hub, "/search"), json=eq, headers=bearer(hub.private_token), timeout=5).json()
    assert [r["properties"]["firstname"] for r in found["results"]] == ["Zed"]


def test_429_has_rate_limit_body_and_headers(hub: HubSpotMock) -> None:
    hub.throttle(1)
    resp = requests.get(contacts(hub), headers=bearer(hub.private_token), timeout=5)
    assert resp.status_code == 429
    assert resp.json()["policyName"] == "TEN_SECONDLY_ROLLING" and resp.json()["errorType"] == "RATE_LIMIT"
    assert resp.headers["X-HubSpot-RateLimit-Remaining"] == "0"
    assert requests.get(contacts(hub), headers=bearer(hub.private_token), timeout=5).status_code == 200


def test_account_details_name_the_portal(hub: HubSpotMock) -> None:
    resp = requests.get(f"{hub.base_url}/account-info/v3/details", headers=bearer(hub.private_token), timeout=5)
    assert resp.status_code == 200
    body = resp.json()
    assert body["portalId"] == 123456 and body["uiDomain"] == "app.hubspot.com" and body["accountType"] == "STANDARD"
    anonymous = requests.get(f"{hub.base_url}/account-info/v3/details", timeout=5)
    assert anonymous.status_code == 401 and anonymous.json()["category"] == "INVALID_AUTHENTICATION"


def test_validation_errors_list_each_problem_beside_the_summary(hub: HubSpotMock) -> None:
    auth = bearer(hub.private_token)
    resp = requests.post(contacts(hub), json={"properties": {"email": "not-an-address"}}, headers=auth, timeout=5)
    assert resp.status_code == 400
    body = resp.json()
    assert body["category"] == "VALIDATION_ERROR" and body["message"].startswith("Property values were not valid")
    assert [e["message"] for e in body["errors"]] == ["Email address not-an-address is invalid"]
    assert body["errors"][0]["code"] == "INVALID_EMAIL"


def test_search_by_query_text_has_its_own_envelope(hub: HubSpotMock) -> None:
    hub.seed(3)
    hub.seed(contacts=[{"email": "ada+q@example.com", "firstname": "Ada"}])
    body = {"query": "ada+q@example.com", "limit": 10, "properties": ["email", "firstname"]}
    found = requests.post(contacts(hub, "/search"), json=body, headers=bearer(hub.private_token), timeout=5).json()
    assert found["total"] == 1 and [r["properties"]["firstname"] for r in found["results"]] == ["Ada"]
    assert found["results"][0]["updatedAt"].endswith("Z") and "." in found["results"][0]["updatedAt"]
    none = requests.post(contacts(hub, "/search"), json={"query": "absent"}, headers=bearer(hub.private_token), timeout=5)
    assert none.json() == {"total": 0, "results": []}


def test_text_search_pages_by_after_in_the_body(hub: HubSpotMock) -> None:
    # [SEARCH]: the search's `limit` and `after` go in the POST body; paging.next.after until it is absent.
    hub.seed(5)
    body: dict[str, Any] = {"query": "Seed", "limit": 2, "properties": ["email"]}
    seen, pages = [], 0
    while True:
        resp = requests.post(contacts(hub, "/search"), json=body, headers=bearer(hub.private_token), timeout=5).json()
        assert resp["total"] == 5
        seen += [r["id"] for r in resp["results"]]
        pages += 1
        nxt = resp.get("paging", {}).get("next")
        if not nxt:
            break
        assert set(nxt) == {"after"}  # no link on search (assumed)
        body["after"] = nxt["after"]
    assert pages == 3 and len(set(seen)) == 5
