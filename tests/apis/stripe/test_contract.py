"""Drive the Stripe contract mock with plain requests, exactly as tests/apis/stripe/contract.md describes."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from .mock import NO_KEY, StripeMock
from .wire import WireError, parse_params

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def stripe() -> Iterator[StripeMock]:
    with StripeMock() as mock:
        yield mock


def url(mock: StripeMock, path: str) -> str:
    return f"{mock.base_url}/v1/{path}"


def basic(mock: StripeMock) -> tuple[str, str]:
    return (mock.secret_key, "")  # the key as the Basic user name, no password


def test_auth_test_reads_the_account_with_basic_or_bearer(stripe: StripeMock) -> None:
    by_basic = requests.get(url(stripe, "account"), auth=basic(stripe), timeout=5)
    assert by_basic.status_code == 200 and by_basic.json()["id"].startswith("acct_")
    bearer = {"Authorization": f"Bearer {stripe.secret_key}", "Stripe-Version": "2026-09-30.endive"}
    by_bearer = requests.get(url(stripe, "account"), headers=bearer, timeout=5)
    assert by_bearer.status_code == 200
    assert by_bearer.headers["Stripe-Version"] == "2026-09-30.endive"
    assert by_bearer.headers["Request-Id"].startswith("req_")


def test_missing_or_wrong_key_is_401_without_echoing_a_valid_key(stripe: StripeMock) -> None:
    none = requests.get(url(stripe, "customers"), timeout=5)
    assert none.status_code == 401
    assert none.json() == {"error": {"message": NO_KEY, "type": "invalid_request_error"}}
    wrong_key = "sk_test_51Wrong000000000000000000wxyz"
    wrong = requests.get(url(stripe, "customers"), auth=(wrong_key, ""), timeout=5)
    assert wrong.status_code == 401
    message = wrong.json()["error"]["message"]
    assert message.startswith("Invalid API Key provided: sk_test_") and message.endswith("wxyz")
    assert wrong_key not in message and stripe.secret_key not in wrong.text


def test_a_malformed_version_header_is_400(stripe: StripeMock) -> None:
    resp = requests.get(url(stripe, "account"), auth=basic(stripe), headers={"Stripe-Version": "latest"}, timeout=5)
    assert resp.status_code == 400 and resp.json()["error"]["param"] == "Stripe-Version"


def test_create_reads_a_form_body_with_bracketed_metadata(stripe: StripeMock) -> None:
    body = "email=jenny%40example.com&name=Jenny+Rosen&metadata[source]=web&metadata[plan]=pro"
    resp = requests.post(url(stripe, "customers"), data=body, headers=FORM, auth=basic(stripe), timeout=5)
    assert resp.status_code == 200
    customer = resp.json()
    assert customer["id"].startswith("cus_") and customer["object"] == "customer"
    assert customer["metadata"] == {"source": "web", "plan": "pro"}
    assert isinstance(customer["created"], int) and customer["created"] > 1_700_000_000  # epoch seconds
    assert customer["livemode"] is False and customer["phone"] is None


def test_a_json_body_is_refused(stripe: StripeMock) -> None:
    resp = requests.post(url(stripe, "customers"), json={"email": "a@example.com"}, auth=basic(stripe), timeout=5)
    assert resp.status_code == 400
    assert resp.json()["error"]["type"] == "invalid_request_error"
    assert "form" in resp.json()["error"]["message"]
    assert stripe.customers == {}


def test_unknown_parameters_and_bad_values_are_400_with_param(stripe: StripeMock) -> None:
    unknown = requests.post(url(stripe, "customers"), data={"nickname": "x"}, auth=basic(stripe), timeout=5)
    assert unknown.status_code == 400
    err = unknown.json()["error"]
    assert (err["code"], err["param"]) == ("parameter_unknown", "nickname")
    bad_email = requests.post(url(stripe, "customers"), data={"email": "nope"}, auth=basic(stripe), timeout=5)
    assert bad_email.json()["error"]["code"] == "email_invalid"
    long_key = requests.post(url(stripe, "customers"), data={f"metadata[{'k' * 41}]": "v"}, auth=basic(stripe), timeout=5)
    assert long_key.status_code == 400 and long_key.json()["error"]["param"].startswith("metadata[")


def test_update_merges_metadata_and_an_empty_value_removes_a_key(stripe: StripeMock) -> None:
    (made,) = stripe.seed(customers=[{"email": "ann@example.com", "metadata": {"a": "1", "b": "2"}}])
    one = url(stripe, f"customers/{made['id']}")
    resp = requests.post(one, data={"name": "Ann", "metadata[b]": "", "metadata[c]": "3"}, auth=basic(stripe), timeout=5)
    assert resp.status_code == 200
    assert resp.json()["name"] == "Ann" and resp.json()["metadata"] == {"a": "1", "c": "3"}
    cleared = requests.post(one, data={"metadata": ""}, auth=basic(stripe), timeout=5)
    assert cleared.json()["metadata"] == {}


def test_delete_answers_a_tombstone_and_retrieve_keeps_answering_it(stripe: StripeMock) -> None:
    (made,) = stripe.seed(1)
    one = url(stripe, f"customers/{made['id']}")
    assert requests.get(one, auth=basic(stripe), timeout=5).json()["email"] == made["email"]
    deleted = requests.delete(one, auth=basic(stripe), timeout=5)
    assert (deleted.status_code, deleted.json()) == (200, {"id": made["id"], "object": "customer", "deleted": True})
    again = requests.get(one, auth=basic(stripe), timeout=5)
    assert (again.status_code, again.json()) == (200, {"id": made["id"], "object": "customer", "deleted": True})
    assert requests.delete(one, auth=basic(stripe), timeout=5).status_code == 404
    assert requests.post(one, data={"name": "x"}, auth=basic(stripe), timeout=5).json()["error"]["code"] == "resource_missing"


def test_unknown_id_is_404_resource_missing(stripe: StripeMock) -> None:
    resp = requests.get(url(stripe, "customers/cus_nothere"), auth=basic(stripe), timeout=5)
    assert resp.status_code == 404
    err = resp.json()["error"]
    assert err["code"] == "resource_missing" and err["param"] == "id" and err["message"] == "No such customer: 'cus_nothere'"


def test_list_is_newest_first_under_data_and_pages_by_starting_after(stripe: StripeMock) -> None:
    made = stripe.seed(5)
    seen: list[str] = []
    params: dict[str, str] = {"limit": "2"}
    pages = 0
    while True:
        body = requests.get(url(stripe, "customers"), params=params, auth=basic(stripe), timeout=5).json()
        assert body["object"] == "list" and body["url"] == "/v1/customers"
        seen += [c["id"] for c in body["data"]]
        pages += 1
        if not body["has_more"]:
            break
        params = {"limit": "2", "starting_after": body["data"][-1]["id"]}
    assert pages == 3 and seen == [c["id"] for c in reversed(made)]
    too_many = requests.get(url(stripe, "customers"), params={"limit": "101"}, auth=basic(stripe), timeout=5)
    assert too_many.status_code == 400 and too_many.json()["error"]["param"] == "limit"


def test_list_filters_created_gte_and_email(stripe: StripeMock) -> None:
    made = stripe.seed(4)
    since = made[2]["created"]
    body = requests.get(url(stripe, "customers"), params={"created[gte]": str(since)}, auth=basic(stripe), timeout=5).json()
    assert [c["id"] for c in body["data"]] == [made[3]["id"], made[2]["id"]]
    exact = requests.get(url(stripe, "customers"), params={"email": made[1]["email"]}, auth=basic(stripe), timeout=5)
    assert [c["id"] for c in exact.json()["data"]] == [made[1]["id"]]
    case = requests.get(url(stripe, "customers"), params={"email": made[1]["email"].upper()}, auth=basic(stripe), timeout=5)
    assert case.json()["data"] == []  # the email filter is case-sensitive
    bad = requests.get(url(stripe, "customers"), params={"created[gte]": "yesterday"}, auth=basic(stripe), timeout=5)
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "created[gte]"
    unknown = requests.get(url(stripe, "customers"), params={"sort": "name"}, auth=basic(stripe), timeout=5)
    assert unknown.json()["error"]["code"] == "parameter_unknown"


def test_search_has_its_own_envelope_and_query_language(stripe: StripeMock) -> None:
    stripe.seed(3)
    stripe.seed(customers=[{"email": "jane@example.com", "name": "Jane Doe", "metadata": {"foo": "bar"}}])
    query = "name:'Jane Doe' AND metadata['foo']:'bar'"
    resp = requests.get(url(stripe, "customers/search"), params={"query": query}, auth=basic(stripe), timeout=5)
    assert resp.status_code == 200
    body = resp.json()
    assert body["object"] == "search_result" and body["url"] == "/v1/customers/search"
    assert [c["email"] for c in body["data"]] == ["jane@example.com"] and body["next_page"] is None
    fuzzy = requests.get(url(stripe, "customers/search"), params={"query": "name~'Seed'"}, auth=basic(stripe), timeout=5)
    assert len(fuzzy.json()["data"]) == 3
    first = {"query": "name~'Seed'", "limit": "2"}
    paged = requests.get(url(stripe, "customers/search"), params=first, auth=basic(stripe), timeout=5)
    rest = requests.get(
        url(stripe, "customers/search"),
        params={"query": "name~'Seed'", "limit": "2", "page": paged.json()["next_page"]},
        auth=basic(stripe),
        timeout=5,
    )
    assert paged.json()["has_more"] is True and len(rest.json()["data"]) == 1 and rest.json()["has_more"] is False


@pytest.mark.parametrize("query", ["", "Jane", "nickname:'x'", "email:'a' AND name:'b' OR phone:'c'", "name~'ab'"])
def test_search_refuses_what_the_query_language_cannot_say(stripe: StripeMock, query: str) -> None:
    resp = requests.get(url(stripe, "customers/search"), params={"query": query}, auth=basic(stripe), timeout=5)
    assert resp.status_code == 400 and resp.json()["error"]["param"] == "query"


def test_deleted_customers_are_neither_listed_nor_found(stripe: StripeMock) -> None:
    (made,) = stripe.seed(customers=[{"email": "gone@example.com", "metadata": {"t": "x"}}])
    requests.delete(url(stripe, f"customers/{made['id']}"), auth=basic(stripe), timeout=5)
    assert requests.get(url(stripe, "customers"), auth=basic(stripe), timeout=5).json()["data"] == []
    found = requests.get(url(stripe, "customers/search"), params={"query": "metadata['t']:'x'"}, auth=basic(stripe), timeout=5)
    assert found.json()["data"] == []


def test_429_is_a_rate_limit_error(stripe: StripeMock) -> None:
    stripe.throttle(1)
    resp = requests.get(url(stripe, "customers"), auth=basic(stripe), timeout=5)
    assert resp.status_code == 429
    assert resp.json()["error"]["code"] == "rate_limit" and "Retry-After" not in resp.headers
    assert requests.get(url(stripe, "customers"), auth=basic(stripe), timeout=5).status_code == 200


def test_bracket_notation_reads_maps_lists_and_lines() -> None:
    parsed = parse_params("a=1&m[k]=v&m[e]=&tags[]=x&tags[]=y&items[0][sku]=A&items[0][qty]=2&items[1][sku]=B")
    assert parsed == {"a": "1", "m": {"k": "v", "e": ""}, "tags": ["x", "y"], "items": [{"sku": "A", "qty": "2"}, {"sku": "B"}]}
    with pytest.raises(WireError):
        parse_params("m=1&m[k]=2")


def test_request_log_keeps_the_form_body_as_sent(stripe: StripeMock) -> None:
    requests.post(url(stripe, "customers"), data={"email": "log@example.com", "metadata[x]": "1"}, auth=basic(stripe), timeout=5)
    (entry,) = stripe.requests_to("/v1/customers")
    assert entry.headers["content-type"] == "application/x-www-form-urlencoded"
    assert entry.body == b"email=log%40example.com&metadata%5Bx%5D=1"
    assert json.loads(json.dumps(stripe.customers))  # the store stays JSON-safe


def test_created_gte_holds_across_starting_after_pages(stripe: StripeMock) -> None:
    # What a New Customer poll does [LIST][PAGE]: created[gte] (epoch seconds) with every page, newest first.
    made = stripe.seed(6)
    params: dict[str, str] = {"limit": "2", "created[gte]": str(made[1]["created"])}
    seen, pages = [], 0
    while True:
        body = requests.get(url(stripe, "customers"), params=params, auth=basic(stripe), timeout=5).json()
        seen += [c["id"] for c in body["data"]]
        pages += 1
        if not body["has_more"]:
            break
        params["starting_after"] = body["data"][-1]["id"]
    assert pages == 3 and seen == [c["id"] for c in reversed(made[1:])]
    assert all(isinstance(c["created"], int) for c in made) and made[-1]["created"] > made[0]["created"]
