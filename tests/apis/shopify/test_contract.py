"""Drive the Shopify contract mock with plain requests, exactly as tests/apis/shopify/contract.md describes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from .mock import AUTH_ERROR, ShopifyMock

VERSION = "2024-10"


@pytest.fixture
def shop() -> Iterator[ShopifyMock]:
    with ShopifyMock() as mock:
        yield mock


def api(mock: ShopifyMock, path: str) -> str:
    return f"{mock.base_url}/admin/api/{VERSION}/{path}"


def auth(mock: ShopifyMock) -> dict[str, str]:
    return {"X-Shopify-Access-Token": mock.token}


def test_auth_test_is_shop_json(shop: ShopifyMock) -> None:
    resp = requests.get(api(shop, "shop.json"), headers=auth(shop), timeout=5)
    assert resp.status_code == 200
    assert resp.json()["shop"]["myshopify_domain"] == "acme.myshopify.com"
    assert resp.headers["X-Shopify-API-Version"] == VERSION


@pytest.mark.parametrize("headers", [{}, {"X-Shopify-Access-Token": "shpat_wrong"}, {"Authorization": "Bearer shpat_x"}])
def test_missing_or_wrong_token_is_401_with_errors_string(shop: ShopifyMock, headers: dict[str, str]) -> None:
    resp = requests.get(api(shop, "customers.json"), headers=headers, timeout=5)
    assert resp.status_code == 401
    assert resp.json() == {"errors": AUTH_ERROR}


def test_token_of_one_shop_does_not_open_another(shop: ShopifyMock) -> None:
    shop.add_shop("other", "shpat_other")
    url = f"{shop.shop_url('other')}/admin/api/{VERSION}/shop.json"
    assert requests.get(url, headers=auth(shop), timeout=5).status_code == 401
    assert requests.get(url, headers={"X-Shopify-Access-Token": "shpat_other"}, timeout=5).status_code == 200


def test_list_pages_through_link_header_until_no_next(shop: ShopifyMock) -> None:
    created = shop.seed(7)
    url: str | None = api(shop, "customers.json?limit=3")
    seen: list[int] = []
    pages = 0
    while url:
        resp = requests.get(url, headers=auth(shop), timeout=5)
        assert resp.status_code == 200
        batch = resp.json()["customers"]
        assert len(batch) <= 3
        seen += [c["id"] for c in batch]
        pages += 1
        url = resp.links.get("next", {}).get("url")
        if pages == 2:
            assert "page_info=" in (url or "") and 'rel="previous"' in resp.headers["Link"]
    assert pages == 3
    assert seen == [c["id"] for c in created]
    assert all(isinstance(i, int) for i in seen)


def test_page_info_request_rejects_other_filters(shop: ShopifyMock) -> None:
    shop.seed(3)
    first = requests.get(api(shop, "customers.json?limit=1"), headers=auth(shop), timeout=5)
    nxt = first.links["next"]["url"]
    resp = requests.get(nxt + "&updated_at_min=2024-01-01T00:00:00Z", headers=auth(shop), timeout=5)
    assert resp.status_code == 400
    assert "page_info" in resp.json()["errors"]


def test_limit_is_capped_at_250(shop: ShopifyMock) -> None:
    shop.seed(260)
    resp = requests.get(api(shop, "customers.json?limit=1000"), headers=auth(shop), timeout=5)
    assert len(resp.json()["customers"]) == 250
    assert "next" in resp.links


def test_updated_at_min_filter_survives_paging(shop: ShopifyMock) -> None:
    rows = shop.seed(6)
    cut = rows[2]["updated_at"]
    url: str | None = api(shop, f"customers.json?limit=2&updated_at_min={requests.utils.quote(cut)}")
    seen = []
    while url:
        resp = requests.get(url, headers=auth(shop), timeout=5)
        seen += resp.json()["customers"]
        url = resp.links.get("next", {}).get("url")
    assert [c["id"] for c in seen] == [r["id"] for r in rows[2:]]


def test_create_get_update_delete(shop: ShopifyMock) -> None:
    body = {"customer": {"email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"}}
    created = requests.post(api(shop, "customers.json"), json=body, headers=auth(shop), timeout=5)
    assert created.status_code == 201
    customer = created.json()["customer"]
    assert isinstance(customer["id"], int)
    stamp = datetime.fromisoformat(customer["created_at"])
    assert stamp.utcoffset() is not None and customer["created_at"].endswith("-05:00")

    one = api(shop, f"customers/{customer['id']}.json")
    assert requests.get(one, headers=auth(shop), timeout=5).json()["customer"]["email"] == "ada@example.com"

    updated = requests.put(one, json={"customer": {"id": customer["id"], "note": "VIP"}}, headers=auth(shop), timeout=5)
    assert updated.status_code == 200
    assert updated.json()["customer"]["note"] == "VIP"
    assert updated.json()["customer"]["updated_at"] > customer["updated_at"]

    deleted = requests.delete(one, headers=auth(shop), timeout=5)
    assert (deleted.status_code, deleted.json()) == (200, {})
    gone = requests.get(one, headers=auth(shop), timeout=5)
    assert (gone.status_code, gone.json()) == (404, {"errors": "Not Found"})


def test_validation_errors_are_field_lists(shop: ShopifyMock) -> None:
    shop.seed(customers=[{"email": "taken@example.com"}])
    dup = requests.post(
        api(shop, "customers.json"), json={"customer": {"email": "taken@example.com"}}, headers=auth(shop), timeout=5
    )
    assert dup.status_code == 422
    assert dup.json() == {"errors": {"email": ["has already been taken"]}}
    empty = requests.post(api(shop, "customers.json"), json={"customer": {}}, headers=auth(shop), timeout=5)
    assert empty.status_code == 422 and isinstance(empty.json()["errors"]["customer"], list)
    no_root = requests.post(api(shop, "customers.json"), json={"email": "x@example.com"}, headers=auth(shop), timeout=5)
    assert no_root.status_code == 400 and "customer" in no_root.json()["errors"]


def test_search_by_field_query(shop: ShopifyMock) -> None:
    shop.seed(3)
    shop.seed(customers=[{"email": "bob@example.com", "first_name": "Bob"}])
    resp = requests.get(
        api(shop, "customers/search.json"), params={"query": "email:bob@example.com"}, headers=auth(shop), timeout=5
    )
    assert resp.status_code == 200
    assert [c["first_name"] for c in resp.json()["customers"]] == ["Bob"]
    words = requests.get(api(shop, "customers/search.json"), params={"query": "Seed"}, headers=auth(shop), timeout=5)
    assert len(words.json()["customers"]) == 3


def test_429_carries_retry_after_and_call_limit(shop: ShopifyMock) -> None:
    shop.throttle(1)
    resp = requests.get(api(shop, "customers.json"), headers=auth(shop), timeout=5)
    assert resp.status_code == 429
    assert float(resp.headers["Retry-After"]) == 2.0
    assert resp.headers["X-Shopify-Shop-Api-Call-Limit"] == "40/40"
    assert "errors" in resp.json()
    assert requests.get(api(shop, "customers.json"), headers=auth(shop), timeout=5).status_code == 200


def test_request_log_records_what_came_in(shop: ShopifyMock) -> None:
    requests.get(api(shop, "shop.json"), headers=auth(shop), timeout=5)
    (entry,) = shop.requests_to("/shop.json")
    assert entry.status == 200 and entry.headers["x-shopify-access-token"] == shop.token


def test_addresses_are_an_array_of_objects_with_integer_ids(shop: ShopifyMock) -> None:
    address = {"address1": "1 Rue des Carrieres", "city": "Montreal", "province": "Quebec", "zip": "H3B 1A7", "country": "CA"}
    body = {"customer": {"email": "steve@example.com", "first_name": "Steve", "tags": "vip, wholesale", "addresses": [address]}}
    created = requests.post(api(shop, "customers.json"), json=body, headers=auth(shop), timeout=5).json()["customer"]
    (stored,) = created["addresses"]
    assert isinstance(stored["id"], int) and stored["customer_id"] == created["id"] and stored["default"] is True
    assert stored["city"] == "Montreal" and created["default_address"]["id"] == stored["id"]
    assert created["tags"] == "vip, wholesale"  # REST keeps tags as one comma-separated string


def test_search_answers_in_the_customers_envelope_and_misses_with_an_empty_list(shop: ShopifyMock) -> None:
    shop.seed(customers=[{"email": "ann+x1@example.com", "first_name": "Ann"}])
    hit = requests.get(api(shop, "customers/search.json"), params={"query": "ann+x1@example.com"}, headers=auth(shop), timeout=5)
    assert [c["first_name"] for c in hit.json()["customers"]] == ["Ann"]
    miss = requests.get(api(shop, "customers/search.json"), params={"query": "nobody-here"}, headers=auth(shop), timeout=5)
    assert (miss.status_code, miss.json()) == (200, {"customers": []})


def test_next_link_carries_only_page_info_and_limit_and_keeps_created_at_min(shop: ShopifyMock) -> None:
    # [PAGE]: the Link URL holds page_info (never to be edited) and limit; the first request's filters ride inside it.
    rows = shop.seed(5)
    cut = rows[1]["created_at"]
    url: str | None = api(shop, f"customers.json?limit=2&created_at_min={requests.utils.quote(cut)}")
    seen, pages = [], 0
    while url:
        resp = requests.get(url, headers=auth(shop), timeout=5)
        assert resp.status_code == 200
        seen += [c["id"] for c in resp.json()["customers"]]
        pages += 1
        url = resp.links.get("next", {}).get("url")
        if url:
            assert set(parse_qs(urlsplit(url).query)) == {"page_info", "limit"}
    assert pages == 2 and seen == [r["id"] for r in rows[1:]]


def test_timestamps_follow_the_real_clock_with_the_shops_offset(shop: ShopifyMock) -> None:
    # A poll asks "changed since <instant>" in ISO 8601 with any offset; the shop's own stamps are near now.
    before = datetime.now(UTC).replace(microsecond=0)
    (row,) = shop.seed(1)
    stamp = datetime.fromisoformat(row["updated_at"])
    assert stamp >= before and row["updated_at"].endswith("-05:00")
    zulu = stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    found = requests.get(api(shop, "customers.json"), params={"updated_at_min": zulu}, headers=auth(shop), timeout=5)
    assert [c["id"] for c in found.json()["customers"]] == [row["id"]]
