"""Contract mock of the Shopify Admin REST API (customers), written from tests/apis/shopify/contract.md.

Per-shop hosts are served by PATH PREFIX: the real `https://{shop}.myshopify.com/admin/api/{version}/...` is served at
`http://127.0.0.1:<port>/{shop}.myshopify.com/admin/api/{version}/...`, so `m.base_url` (for the default shop) is
`http://127.0.0.1:<port>/acme.myshopify.com`. Never imports connector_gen.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

from .._server import ContractMock, Request, Response, json_response, serve_forever

SHOP_TZ = timezone(timedelta(hours=-5))  # timestamps carry the shop's offset, as Shopify's do
EPOCH = datetime(2024, 1, 1, 9, 0, 0, tzinfo=SHOP_TZ)
PREFIX = r"/(?P<shop>[a-z0-9][a-z0-9-]*)\.myshopify\.com/admin/api/(?P<version>\d{4}-\d{2})"
AUTH_ERROR = "[API] Invalid API key or access token (unrecognized login or wrong password)"
RATE_ERROR = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
DEFAULT_LIMIT, MAX_LIMIT = 50, 250
WRITABLE = ("email", "first_name", "last_name", "phone", "note", "tags", "verified_email", "state")
ADDRESS_FIELDS = ("first_name", "last_name", "company", "address1", "address2", "city", "province", "country", "zip", "phone")


def iso(moment: datetime) -> str:
    """Shopify's timestamp form: ISO 8601 with the shop's UTC offset, no fraction."""
    return moment.astimezone(SHOP_TZ).isoformat(timespec="seconds")


def parse_time(text: str) -> datetime | None:
    """Parse an ISO 8601 filter value; a value without offset is read in the shop's time zone."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=SHOP_TZ)


class ShopifyMock(ContractMock):
    """Shopify customers on loopback: `with ShopifyMock() as m: m.base_url, m.token, m.seed(...)`."""

    def __init__(self, shop: str = "acme", token: str = "shpat_contract_mock_token") -> None:
        self.shop, self.token = shop, token
        self.tokens: dict[str, str] = {shop: token}
        self.customers: dict[int, dict[str, Any]] = {}
        self._next_id = 207119551
        self._next_address = 207119551 * 10
        self._clock = EPOCH
        super().__init__()

    # -- test controls ----------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """The shop's base URL: what https://{shop}.myshopify.com becomes on loopback."""
        return self.shop_url(self.shop)

    def shop_url(self, shop: str) -> str:
        """The loopback base URL of any shop."""
        return f"{self.root_url}/{shop}.myshopify.com"

    def add_shop(self, shop: str, token: str) -> None:
        """Serve a second shop with its own token (tokens are per shop)."""
        self.tokens[shop] = token

    def seed(self, count: int = 0, customers: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Add `count` generated customers and/or the given ones; returns the created records."""
        rows = [dict(c) for c in customers or []]
        rows += [{"email": f"customer{i}@example.com", "first_name": f"First{i}", "last_name": "Seed"} for i in range(count)]
        return [self._create(row) for row in rows]

    def _tick(self) -> datetime:
        # Stamps follow the real clock (whole seconds, strictly increasing): a platform polling by "now - window"
        # meets them where a real shop's would be.
        self._clock = max(datetime.now(SHOP_TZ).replace(microsecond=0), self._clock + timedelta(seconds=1))
        return self._clock

    def _create(self, fields: dict[str, Any]) -> dict[str, Any]:
        now = self._tick()
        self._next_id += 1
        cid = self._next_id
        record: dict[str, Any] = {
            "id": cid,
            "email": None,
            "first_name": None,
            "last_name": None,
            "phone": None,
            "note": None,
            "tags": "",
            "state": "disabled",
            "verified_email": False,
            "currency": "USD",
            "addresses": [],
            "created_at": iso(now),
            "updated_at": iso(now),
            "admin_graphql_api_id": f"gid://shopify/Customer/{cid}",
        }
        record.update({k: v for k, v in fields.items() if k in WRITABLE})
        self._set_addresses(record, fields.get("addresses"))
        self.customers[cid] = record
        return dict(record)

    def _set_addresses(self, record: dict[str, Any], given: Any) -> None:
        """Store the given addresses (each gets an id, the customer id, and the first is the default)."""
        if not isinstance(given, list):
            return
        addresses = []
        for i, raw in enumerate(a for a in given if isinstance(a, dict)):
            self._next_address += 1
            country = str(raw.get("country") or "")
            address = {k: raw.get(k) for k in ADDRESS_FIELDS}
            address |= {"id": self._next_address, "customer_id": record["id"], "default": i == 0}
            address |= {"country_code": country.upper()[:2] if len(country) == 2 else None, "name": _name(raw, record)}
            addresses.append(address)
        record["addresses"] = addresses
        if addresses:
            record["default_address"] = dict(addresses[0])

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", PREFIX + r"/shop\.json", self.get_shop)
        self.route("GET", PREFIX + r"/customers\.json", self.list_customers)
        self.route("GET", PREFIX + r"/customers/search\.json", self.search_customers)
        self.route("GET", PREFIX + r"/customers/count\.json", self.count_customers)
        self.route("POST", PREFIX + r"/customers\.json", self.create_customer)
        self.route("GET", PREFIX + r"/customers/(?P<id>\d+)\.json", self.get_customer)
        self.route("PUT", PREFIX + r"/customers/(?P<id>\d+)\.json", self.update_customer)
        self.route("DELETE", PREFIX + r"/customers/(?P<id>\d+)\.json", self.delete_customer)

    def _headers(self, req: Request) -> dict[str, str]:
        return {"X-Shopify-API-Version": req.params.get("version", ""), "X-Shopify-Shop-Api-Call-Limit": "1/40"}

    def _reply(self, req: Request, status: int, payload: Any, extra: dict[str, str] | None = None) -> Response:
        return json_response(status, payload, {**self._headers(req), **(extra or {})})

    def authenticate(self, req: Request) -> Response | None:
        shop = req.params["shop"]
        if shop not in self.tokens:
            return json_response(404, {"errors": "Not Found"})
        if req.header("X-Shopify-Access-Token") != self.tokens[shop]:
            return json_response(401, {"errors": AUTH_ERROR})
        return None

    def rate_limited(self, req: Request) -> Response:
        return self._reply(req, 429, {"errors": RATE_ERROR}, {"Retry-After": "2.0", "X-Shopify-Shop-Api-Call-Limit": "40/40"})

    def not_found(self, req: Request) -> Response:
        return json_response(404, {"errors": "Not Found"})

    def get_shop(self, req: Request) -> Response:
        shop = req.params["shop"]
        body = {"id": 548380009, "name": shop.title(), "myshopify_domain": f"{shop}.myshopify.com", "currency": "USD"}
        return self._reply(req, 200, {"shop": {**body, "domain": f"{shop}.myshopify.com", "iana_timezone": "America/New_York"}})

    # -- paging -----------------------------------------------------------------------------------------------
    def _page(self, req: Request, rows: list[dict[str, Any]], filters: dict[str, str]) -> Response:
        """Serve one page of `rows` (already filtered, id ascending) with Link rel=next/previous cursors."""
        try:
            limit = min(int(req.q("limit") or DEFAULT_LIMIT), MAX_LIMIT)
        except ValueError:
            return self._reply(req, 400, {"errors": {"limit": ["is not a number"]}})
        cursor = self._cursor(req)
        after = cursor.get("after", 0) if cursor else 0
        before = cursor.get("before") if cursor else None
        if before is not None:
            older = [r for r in rows if r["id"] < before]
            page = older[-limit:]
        else:
            page = [r for r in rows if r["id"] > after][:limit]
        links = []
        if page and any(r["id"] > page[-1]["id"] for r in rows):
            links.append(f'<{self._link(req, {**filters, "after": page[-1]["id"]}, limit)}>; rel="next"')
        if page and any(r["id"] < page[0]["id"] for r in rows):
            links.insert(0, f'<{self._link(req, {**filters, "before": page[0]["id"]}, limit)}>; rel="previous"')
        extra = {"Link": ", ".join(links)} if links else {}
        return self._reply(req, 200, {"customers": [dict(r) for r in page]}, extra)

    def _link(self, req: Request, state: dict[str, Any], limit: int) -> str:
        token = base64.urlsafe_b64encode(json.dumps(state, sort_keys=True).encode()).decode().rstrip("=")
        return f"{self.root_url}{req.path}?{urlencode({'limit': limit, 'page_info': token})}"

    @staticmethod
    def _cursor(req: Request) -> dict[str, Any] | None:
        token = req.q("page_info")
        if not token:
            return None
        try:
            state = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        except (ValueError, binascii.Error):
            return {"invalid": True}
        return state if isinstance(state, dict) else {"invalid": True}

    def _filters(self, req: Request) -> tuple[dict[str, str], Response | None]:
        """The filter set of this request: from the page_info cursor on later pages, else from the query."""
        cursor = self._cursor(req)
        if cursor is None:
            names = ("ids", "since_id", "created_at_min", "created_at_max", "updated_at_min", "updated_at_max", "query")
            return {n: v for n in names if (v := req.q(n))}, None
        extra = set(req.query) - {"page_info", "limit", "fields"}
        if cursor.get("invalid") or extra:
            return {}, self._reply(req, 400, {"errors": {"page_info": ["Invalid value."]}})
        return {k: v for k, v in cursor.items() if k not in ("after", "before")}, None

    def _select(self, filters: dict[str, str]) -> list[dict[str, Any]] | str:
        rows = sorted(self.customers.values(), key=lambda r: int(r["id"]))
        if "ids" in filters:
            wanted = {int(x) for x in filters["ids"].split(",") if x.strip().isdigit()}
            rows = [r for r in rows if r["id"] in wanted]
        if "since_id" in filters:
            rows = [r for r in rows if r["id"] > int(filters["since_id"])]
        for name in ("created_at_min", "created_at_max", "updated_at_min", "updated_at_max"):
            if name in filters:
                bound = parse_time(filters[name])
                if bound is None:
                    return name
                column, is_min = name[:10], name.endswith("_min")
                rows = [r for r in rows if _within(r[column], bound, is_min)]
        return rows

    def list_customers(self, req: Request) -> Response:
        filters, error = self._filters(req)
        if error:
            return error
        rows = self._select(filters)
        if isinstance(rows, str):
            return self._reply(req, 400, {"errors": {rows: ["is invalid"]}})
        return self._page(req, rows, filters)

    def count_customers(self, req: Request) -> Response:
        rows = self._select({n: v for n in ("created_at_min", "updated_at_min") if (v := req.q(n))})
        return self._reply(req, 200, {"count": len(rows) if isinstance(rows, list) else 0})

    def search_customers(self, req: Request) -> Response:
        filters, error = self._filters(req)
        if error:
            return error
        terms = (filters.get("query") or "").split()
        rows = [r for r in sorted(self.customers.values(), key=lambda r: int(r["id"])) if all(_matches(r, t) for t in terms)]
        return self._page(req, rows, filters)

    # -- single records ---------------------------------------------------------------------------------------
    def _find(self, req: Request) -> dict[str, Any] | None:
        return self.customers.get(int(req.params["id"]))

    def get_customer(self, req: Request) -> Response:
        record = self._find(req)
        return self._reply(req, 200, {"customer": dict(record)}) if record else self._reply(req, 404, {"errors": "Not Found"})

    def _validate(self, fields: dict[str, Any], own_id: int | None) -> dict[str, list[str]]:
        errors: dict[str, list[str]] = {}
        email = fields.get("email")
        if email is not None and "@" not in str(email):
            errors["email"] = ["is invalid"]
        elif email and any(r["email"] == email and r["id"] != own_id for r in self.customers.values()):
            errors["email"] = ["has already been taken"]
        return errors

    def create_customer(self, req: Request) -> Response:
        body = req.json()
        fields = body.get("customer") if isinstance(body, dict) else None
        if not isinstance(fields, dict):
            return self._reply(req, 400, {"errors": {"customer": "Required parameter missing or invalid"}})
        if not any(fields.get(k) for k in ("email", "phone", "first_name", "last_name")):
            return self._reply(req, 422, {"errors": {"customer": ["Customer must have a name, phone number or email address"]}})
        errors = self._validate(fields, None)
        if errors:
            return self._reply(req, 422, {"errors": errors})
        return self._reply(req, 201, {"customer": self._create(fields)})

    def update_customer(self, req: Request) -> Response:
        record = self._find(req)
        if record is None:
            return self._reply(req, 404, {"errors": "Not Found"})
        body = req.json()
        fields = body.get("customer") if isinstance(body, dict) else None
        if not isinstance(fields, dict):
            return self._reply(req, 400, {"errors": {"customer": "Required parameter missing or invalid"}})
        errors = self._validate(fields, record["id"])
        if errors:
            return self._reply(req, 422, {"errors": errors})
        record.update({k: v for k, v in fields.items() if k in WRITABLE})
        self._set_addresses(record, fields.get("addresses"))
        record["updated_at"] = iso(self._tick())
        return self._reply(req, 200, {"customer": dict(record)})

    def delete_customer(self, req: Request) -> Response:
        if self.customers.pop(int(req.params["id"]), None) is None:
            return self._reply(req, 404, {"errors": "Not Found"})
        return self._reply(req, 200, {})


def _name(address: dict[str, Any], customer: dict[str, Any]) -> str:
    first = address.get("first_name") or customer.get("first_name") or ""
    last = address.get("last_name") or customer.get("last_name") or ""
    return f"{first} {last}".strip()


def _within(stamp: str, bound: datetime, is_min: bool) -> bool:
    """Whether a record timestamp is on the kept side of a *_min (inclusive) or *_max (inclusive) bound."""
    moment = parse_time(stamp)
    assert moment is not None
    return moment >= bound if is_min else moment <= bound


def _matches(record: dict[str, Any], term: str) -> bool:
    """One search term: `field:value` matches that field exactly (case-insensitive), a bare word any text field."""
    field, sep, value = term.partition(":")
    if sep:
        return str(record.get(field) or "").lower() == value.lower()
    return any(term.lower() in str(record.get(k) or "").lower() for k in ("email", "first_name", "last_name", "phone", "note"))


if __name__ == "__main__":  # python -m tests.apis.shopify.mock
    mock = ShopifyMock()
    mock.seed(5)
    serve_forever(mock, "{mock.base_url} X-Shopify-Access-Token: {mock.token}")
