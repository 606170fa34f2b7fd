"""Drive the Mailchimp contract mock with plain requests, exactly as tests/apis/mailchimp/contract.md describes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from .mock import MailchimpMock


@pytest.fixture
def chimp() -> Iterator[MailchimpMock]:
    with MailchimpMock() as mock:
        yield mock


def auth(mock: MailchimpMock) -> tuple[str, str]:
    return ("anystring", mock.api_key)


def members(mock: MailchimpMock, suffix: str = "") -> str:
    return f"{mock.base_url}/lists/{mock.list_id}/members{suffix}"


def md5(email: str) -> str:
    return hashlib.md5(email.lower().encode()).hexdigest()


def test_ping_with_any_username(chimp: MailchimpMock) -> None:
    for user in ("anystring", "someone", ""):
        resp = requests.get(f"{chimp.base_url}/ping", auth=(user, chimp.api_key), timeout=5)
        assert resp.status_code == 200 and "health_status" in resp.json()


def test_data_center_comes_from_the_key_suffix(chimp: MailchimpMock) -> None:
    dc = chimp.api_key.rpartition("-")[2]
    assert chimp.base_url.endswith(f"/{dc}.api.mailchimp.com/3.0")
    wrong_dc = requests.get(f"{chimp.dc_url('us1')}/ping", auth=auth(chimp), timeout=5)
    assert wrong_dc.status_code == 401 and wrong_dc.json()["title"] == "API Key Invalid"


@pytest.mark.parametrize(("credentials", "title"), [(None, "API Key Missing"), (("x", "deadbeef-us6"), "API Key Invalid")])
def test_bad_credentials_are_problem_json(chimp: MailchimpMock, credentials: tuple[str, str] | None, title: str) -> None:
    resp = requests.get(f"{chimp.base_url}/ping", auth=credentials, timeout=5)
    assert resp.status_code == 401
    assert resp.headers["Content-Type"].startswith("application/problem+json")
    body = resp.json()
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert (body["title"], body["status"]) == (title, 401)


def test_list_pages_with_offset_and_count_until_total(chimp: MailchimpMock) -> None:
    created = chimp.seed(7)
    seen: list[str] = []
    offset = 0
    while True:
        body = requests.get(members(chimp), params={"count": 3, "offset": offset}, auth=auth(chimp), timeout=5).json()
        assert body["total_items"] == 7
        seen += [m["id"] for m in body["members"]]
        offset += 3
        if offset >= body["total_items"]:
            break
    assert seen == [m["id"] for m in created]
    assert all(m["id"] == md5(m["email_address"]) for m in created)


def test_count_is_capped_at_1000(chimp: MailchimpMock) -> None:
    chimp.seed(1005)
    body = requests.get(members(chimp), params={"count": 5000}, auth=auth(chimp), timeout=5).json()
    assert len(body["members"]) == 1000 and body["total_items"] == 1005


def test_since_last_changed_filter(chimp: MailchimpMock) -> None:
    rows = chimp.seed(4)
    body = requests.get(
        members(chimp), params={"since_last_changed": rows[1]["last_changed"]}, auth=auth(chimp), timeout=5
    ).json()
    assert [m["email_address"] for m in body["members"]] == [r["email_address"] for r in rows[2:]]
    assert rows[0]["last_changed"].endswith("+00:00")


def test_add_get_put_patch_archive_delete_permanent(chimp: MailchimpMock) -> None:
    email = "Ada@Example.com"
    added = requests.post(members(chimp), json={"email_address": email, "status": "subscribed"}, auth=auth(chimp), timeout=5)
    assert added.status_code == 200 and added.json()["id"] == md5(email)
    again = requests.post(members(chimp), json={"email_address": email, "status": "subscribed"}, auth=auth(chimp), timeout=5)
    assert again.status_code == 400 and again.json()["title"] == "Member Exists"

    one = members(chimp, f"/{md5(email)}")
    assert requests.get(one, auth=auth(chimp), timeout=5).json()["email_address"] == email

    put: dict[str, Any] = {"email_address": email, "status_if_new": "subscribed", "merge_fields": {"FNAME": "Ada"}}
    upserted = requests.put(one, json=put, auth=auth(chimp), timeout=5)
    assert upserted.status_code == 200 and upserted.json()["merge_fields"]["FNAME"] == "Ada"

    patched = requests.patch(one, json={"status": "unsubscribed"}, auth=auth(chimp), timeout=5)
    assert patched.status_code == 200 and patched.json()["status"] == "unsubscribed"
    assert patched.json()["last_changed"] > added.json()["last_changed"]

    archived = requests.delete(one, auth=auth(chimp), timeout=5)
    assert archived.status_code == 204 and archived.content == b""
    assert requests.get(one, auth=auth(chimp), timeout=5).json()["status"] == "archived"

    gone = requests.post(f"{one}/actions/delete-permanent", auth=auth(chimp), timeout=5)
    assert gone.status_code == 204
    missing = requests.get(one, auth=auth(chimp), timeout=5)
    assert missing.status_code == 404 and missing.json()["title"] == "Resource Not Found"
    back = requests.post(members(chimp), json={"email_address": email, "status": "subscribed"}, auth=auth(chimp), timeout=5)
    assert back.status_code == 400 and back.json()["title"] == "Forgotten Email Not Subscribed"


def test_put_creates_when_new_and_needs_status_if_new(chimp: MailchimpMock) -> None:
    email = "new@example.com"
    one = members(chimp, f"/{md5(email)}")
    no_status = requests.put(one, json={"email_address": email}, auth=auth(chimp), timeout=5)
    assert no_status.status_code == 400 and no_status.json()["title"] == "Invalid Resource"
    created = requests.put(one, json={"email_address": email, "status_if_new": "pending"}, auth=auth(chimp), timeout=5)
    assert created.status_code == 200 and created.json()["status"] == "pending"


def test_unknown_list_and_429(chimp: MailchimpMock) -> None:
    unknown = requests.get(f"{chimp.base_url}/lists/ffffffffff/members", auth=auth(chimp), timeout=5)
    assert unknown.status_code == 404 and unknown.json()["status"] == 404
    chimp.throttle(1)
    limited = requests.get(members(chimp), auth=auth(chimp), timeout=5)
    assert limited.status_code == 429 and limited.json()["title"] == "Too Many Requests"


def test_api_root_names_the_account(chimp: MailchimpMock) -> None:
    resp = requests.get(f"{chimp.base_url}/", auth=auth(chimp), timeout=5)
    assert resp.status_code == 200
    body = resp.json()
    assert body["account_name"] == "Acme Newsletters" and body["username"] == "acme_owner"
    assert requests.get(f"{chimp.base_url}/", timeout=5).status_code == 401


def test_merge_fields_are_a_map_and_tags_objects(chimp: MailchimpMock) -> None:
    body = {"email_address": "ann@example.com", "status": "subscribed", "merge_fields": {"FNAME": "Ann"}, "tags": ["vip"]}
    member = requests.post(members(chimp), json=body, auth=auth(chimp), timeout=5).json()
    assert member["merge_fields"] == {"FNAME": "Ann", "LNAME": ""} and member["full_name"] == "Ann"
    (tag,) = member["tags"]
    assert isinstance(tag["id"], int) and tag["name"] == "vip" and member["tags_count"] == 1
    assert member["timestamp_opt"].endswith("+00:00") and member["last_changed"] == member["timestamp_opt"]


def test_search_members_puts_exact_matches_in_their_own_block(chimp: MailchimpMock) -> None:
    chimp.seed(members=[{"email_address": "ann@example.com", "merge_fields": {"FNAME": "Ann", "LNAME": "Lee"}}])
    chimp.seed(members=[{"email_address": "annie@example.com", "merge_fields": {"FNAME": "Annie"}}])
    found = requests.get(f"{chimp.base_url}/search-members", params={"query": "ANN@example.com"}, auth=auth(chimp), timeout=5)
    body = found.json()
    assert [m["email_address"] for m in body["exact_matches"]["members"]] == ["ann@example.com"]
    assert body["exact_matches"]["total_items"] == 1 and body["full_search"]["total_items"] == 0
    words = requests.get(f"{chimp.base_url}/search-members", params={"query": "ann"}, auth=auth(chimp), timeout=5).json()
    assert words["exact_matches"]["members"] == [] and words["full_search"]["total_items"] == 2
    blank = requests.get(f"{chimp.base_url}/search-members", params={"query": ""}, auth=auth(chimp), timeout=5)
    assert blank.status_code == 400 and blank.json()["errors"][0]["field"] == "query"


def test_invalid_status_names_the_field_in_errors(chimp: MailchimpMock) -> None:
    resp = requests.post(members(chimp), json={"email_address": "x@example.com", "status": "maybe"}, auth=auth(chimp), timeout=5)
    assert resp.status_code == 400
    body = resp.json()
    assert body["detail"] and [e["field"] for e in body["errors"]] == ["status"]
    assert body["errors"][0]["message"].startswith("Value must be one of")


def test_since_timestamp_opt_filter_pages_by_offset(chimp: MailchimpMock) -> None:
    # What a New Member poll does [LISTM]: since_timestamp_opt (ISO 8601, "after") with count/offset pages.
    rows = chimp.seed(6)
    since = rows[0]["timestamp_opt"]
    seen: list[str] = []
    offset = 0
    while True:
        params: dict[str, Any] = {"count": 2, "offset": offset, "since_timestamp_opt": since}
        body = requests.get(members(chimp), params=params, auth=auth(chimp), timeout=5).json()
        assert body["total_items"] == 5
        seen += [m["id"] for m in body["members"]]
        offset += 2
        if offset >= body["total_items"]:
            break
    assert seen == [m["id"] for m in rows[1:]]
    bad = requests.get(members(chimp), params={"since_timestamp_opt": "soon"}, auth=auth(chimp), timeout=5)
    assert bad.status_code == 400
