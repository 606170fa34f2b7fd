"""Contract mock of the Stripe API (customers), written from tests/apis/stripe/contract.md.

Stripe has one API host (api.stripe.com), so `m.base_url` is `http://127.0.0.1:<port>` and paths start with `/v1/`.
Request bodies are read as application/x-www-form-urlencoded only (bracket notation for maps and lists); answers are
JSON; errors are `{"error": {"type", "message", "code"?, "param"?}}`. Never imports connector_gen.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from .._server import ContractMock, Request, Response, json_response, serve_forever
from .wire import WireError, parse_params, parse_query

EPOCH_S = 1777540000  # the mock's clock never reads earlier than this (epoch seconds)
DEFAULT_VERSION = "2026-09-30.endive"
VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$")
KEY = re.compile(r"^(sk|rk)_(test|live)_[A-Za-z0-9]+$")
ID = r"(?P<id>[^/]+)"
WRITABLE = ("email", "name", "description", "phone", "metadata", "balance", "preferred_locales", "address")
LIST_PARAMS = {"limit", "starting_after", "ending_before", "email", "created", "expand", "test_clock"}
NO_KEY = (
    "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer "
    "auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for "
    "details, or we can help at https://support.stripe.com/."
)
RATE_ERROR = "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits."
FORM_ONLY = (
    "Invalid request: Stripe reads request bodies as application/x-www-form-urlencoded only; this body was not form-encoded."
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def error(status: int, message: str, kind: str = "invalid_request_error", **extra: Any) -> Response:
    """Stripe's error body: everything under `error`."""
    return json_response(status, {"error": {"message": message, "type": kind, **extra}})


def missing(what: str, ident: str, param: str = "id") -> Response:
    """The 404 of an unknown id."""
    return error(
        404,
        f"No such {what}: '{ident}'",
        code="resource_missing",
        doc_url="https://stripe.com/docs/error-codes/resource-missing",
        param=param,
    )


class StripeMock(ContractMock):
    """Stripe customers on loopback: `with StripeMock() as m: m.base_url, m.secret_key, m.seed(...)`."""

    def __init__(self, secret_key: str = "sk_test_51ContractMockKey0123456789abcdef") -> None:
        self.secret_key = secret_key
        self.account_id = "acct_1ContractMock0001"
        self.customers: dict[str, dict[str, Any]] = {}  # live customers, by id
        self.deleted: set[str] = set()  # ids of deleted customers (retrieve answers their tombstone)
        self._clock = EPOCH_S
        self._order = itertools.count()
        self._sequence: dict[str, int] = {}  # id -> creation order (ties of `created` break by it)
        super().__init__()

    @property
    def base_url(self) -> str:
        """What https://api.stripe.com becomes on loopback."""
        return self.root_url

    def seed(self, count: int = 0, customers: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Add `count` generated customers and/or the given ones (oldest first); returns the created records."""
        rows = [dict(c) for c in customers or []]
        rows += [{"email": f"customer{i}@example.com", "name": f"Seed {i}"} for i in range(count)]
        return [dict(self._create(row)) for row in rows]

    def _tick(self) -> int:
        # `created` follows the real clock in whole seconds, one second apart at least (assumed: the mock never
        # stamps two customers alike, so a created[gte] bound names exactly one of them).
        self._clock = max(int(time.time()), self._clock + 1)
        return self._clock

    @staticmethod
    def _new_id(prefix: str) -> str:
        alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        return prefix + "".join(secrets.choice(alphabet) for _ in range(14))

    def _create(self, fields: dict[str, Any]) -> dict[str, Any]:
        cid = self._new_id("cus_")
        record: dict[str, Any] = {
            "id": cid,
            "object": "customer",
            "address": None,
            "balance": 0,
            "created": self._tick(),
            "currency": None,
            "default_source": None,
            "delinquent": False,
            "description": None,
            "email": None,
            "invoice_prefix": secrets.token_hex(4).upper(),
            "invoice_settings": {"custom_fields": None, "default_payment_method": None, "footer": None},
            "livemode": "_live_" in self.secret_key,
            "metadata": {},
            "name": None,
            "next_invoice_sequence": 1,
            "phone": None,
            "preferred_locales": [],
            "shipping": None,
            "tax_exempt": "none",
            "test_clock": None,
        }
        self._apply(record, fields)
        self.customers[cid] = record
        self._sequence[cid] = next(self._order)
        return record

    @staticmethod
    def _apply(record: dict[str, Any], fields: dict[str, Any]) -> None:
        for name, value in fields.items():
            if name == "metadata":
                if value == "":  # `metadata=` unsets every key
                    record["metadata"] = {}
                    continue
                for key, text in value.items():
                    if text == "":
                        record["metadata"].pop(key, None)
                    else:
                        record["metadata"][key] = text
            elif name == "balance":
                record["balance"] = int(value)
            elif name in ("preferred_locales", "address"):
                record[name] = value or ([] if name == "preferred_locales" else None)
            else:
                record[name] = value if value != "" else None

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", r"/v1/account", self.get_account)
        self.route("GET", r"/v1/customers", self.list_customers)
        self.route("POST", r"/v1/customers", self.create_customer)
        self.route("GET", r"/v1/customers/search", self.search_customers)
        self.route("GET", rf"/v1/customers/{ID}", self.get_customer)
        self.route("POST", rf"/v1/customers/{ID}", self.update_customer)
        self.route("DELETE", rf"/v1/customers/{ID}", self.delete_customer)

    def _key_of(self, req: Request) -> str | None:
        header = req.header("Authorization") or ""
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer":
            return value.strip() or None
        if scheme.lower() == "basic":
            try:
                user = base64.b64decode(value.strip(), validate=True).decode().partition(":")[0]
            except (binascii.Error, UnicodeDecodeError):
                return None
            return user or None
        return None

    def authenticate(self, req: Request) -> Response | None:
        key = self._key_of(req)
        if key is None:
            return error(401, NO_KEY)
        if key != self.secret_key:
            shown = key[:8] + "*" * 4 + key[-4:] if KEY.match(key) else "****"
            return error(401, f"Invalid API Key provided: {shown}")
        version = req.header("Stripe-Version")
        if version is not None and not VERSION.match(version):
            return error(400, f"Invalid Stripe API version: {version}", param="Stripe-Version")
        return None

    def rate_limited(self, req: Request) -> Response:
        return error(429, RATE_ERROR, code="rate_limit")

    def not_found(self, req: Request) -> Response:
        return error(404, f"Unrecognized request URL ({req.method}: {req.path}).")

    def dispatch(self, req: Request) -> Response:
        resp = super().dispatch(req)
        resp.headers.setdefault("Request-Id", "req_" + secrets.token_hex(7))
        resp.headers.setdefault("Stripe-Version", req.header("Stripe-Version") or DEFAULT_VERSION)
        return resp

    def _body(self, req: Request) -> dict[str, Any] | Response:
        """The form body's parameters, or the error of a body Stripe cannot read."""
        if not req.body:
            return {}
        kind = (req.header("Content-Type") or "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded" or req.body.lstrip()[:1] in (b"{", b"["):
            return error(400, FORM_ONLY)
        try:
            return parse_params(req.body.decode("utf-8"))
        except (WireError, UnicodeDecodeError) as exc:
            return error(400, str(exc), param=getattr(exc, "param", None))

    @staticmethod
    def _query(req: Request) -> dict[str, Any] | Response:
        pairs = [(k, v) for k, values in req.query.items() for v in values]
        try:
            return parse_params(urlencode(pairs))
        except WireError as exc:
            return error(400, str(exc), param=exc.param)

    def _fields(self, params: dict[str, Any]) -> dict[str, Any] | Response:
        """The writable fields of a create/update, checked as Stripe checks them."""
        params = {k: v for k, v in params.items() if k != "expand"}
        for name, value in params.items():
            if name not in WRITABLE:
                return error(400, f"Received unknown parameter: {name}", code="parameter_unknown", param=name)
            if name == "email" and value != "" and not (isinstance(value, str) and EMAIL.match(value)):
                return error(400, f"Invalid email address: {value}", code="email_invalid", param="email")
            if name == "balance" and not (isinstance(value, str) and re.fullmatch(r"-?\d+", value)):
                return error(400, f"Invalid integer: {value}", code="parameter_invalid_integer", param="balance")
            if name in ("name", "description", "phone", "email") and not isinstance(value, str):
                return error(400, f"Invalid string: {json.dumps(value)}", param=name)
        meta = params.get("metadata")
        if meta is not None and meta != "":
            if not isinstance(meta, dict) or any(not isinstance(v, str) for v in meta.values()):
                return error(400, "Invalid metadata: each key takes one text value.", param="metadata")
            if len(meta) > 50:
                return error(400, "Invalid metadata: at most 50 keys.", param="metadata")
            for key, text in meta.items():
                if len(key) > 40 or len(text) > 500:
                    message = "Invalid metadata: keys up to 40 and values up to 500 characters."
                    return error(400, message, param=f"metadata[{key}]")
        return params

    # -- endpoints --------------------------------------------------------------------------------------------
    def get_account(self, req: Request) -> Response:
        account = {
            "id": self.account_id,
            "object": "account",
            "business_profile": {"name": "Acme Test Shop", "url": None},
            "charges_enabled": True,
            "country": "US",
            "default_currency": "usd",
            "email": "owner@example.com",
            "settings": {"dashboard": {"display_name": "Acme Test Shop", "timezone": "Etc/UTC"}},
            "type": "standard",
        }
        return json_response(200, account)

    def _ordered(self) -> list[dict[str, Any]]:
        # Newest first, as Stripe lists: by `created`, then by creation order.
        rows = self.customers.values()
        return sorted(rows, key=lambda r: (r["created"], self._sequence[r["id"]]), reverse=True)

    @staticmethod
    def _limit(params: dict[str, Any]) -> int | Response:
        raw = params.get("limit", "10")
        if not isinstance(raw, str) or not re.fullmatch(r"\d+", raw):
            return error(400, f"Invalid integer: {raw}", code="parameter_invalid_integer", param="limit")
        if not 1 <= int(raw) <= 100:
            return error(400, "This value must be between 1 and 100.", param="limit")
        return int(raw)

    def list_customers(self, req: Request) -> Response:
        params = self._query(req)
        if isinstance(params, Response):
            return params
        for name in params:
            if name not in LIST_PARAMS:
                return error(400, f"Received unknown parameter: {name}", code="parameter_unknown", param=name)
        limit = self._limit(params)
        if isinstance(limit, Response):
            return limit
        rows = self._ordered()
        if "email" in params:
            rows = [r for r in rows if r["email"] == params["email"]]  # case-sensitive, as documented
        created = params.get("created")
        if created is not None:
            bounds = created if isinstance(created, dict) else {"eq": created}
            for op, raw in bounds.items():
                if op not in ("eq", "gt", "gte", "lt", "lte") or not isinstance(raw, str) or not re.fullmatch(r"\d+", raw):
                    return error(400, f"Invalid integer: {raw}", code="parameter_invalid_integer", param=f"created[{op}]")
                rows = [r for r in rows if _within(r["created"], op, int(raw))]
        for cursor, before in (("starting_after", False), ("ending_before", True)):
            if cursor in params:
                ids = [r["id"] for r in rows]
                if params[cursor] not in self.customers:
                    return missing("customer", str(params[cursor]), cursor)
                at = ids.index(params[cursor]) if params[cursor] in ids else -1
                rows = rows[:at][-limit:] if before else rows[at + 1 :]
        page = rows[:limit]
        body = {"object": "list", "url": "/v1/customers", "has_more": len(rows) > len(page), "data": page}
        return json_response(200, body)

    def search_customers(self, req: Request) -> Response:
        params = self._query(req)
        if isinstance(params, Response):
            return params
        query = params.get("query")
        if not isinstance(query, str) or not query.strip():
            return error(400, "Missing required param: query.", code="parameter_missing", param="query")
        limit = self._limit(params)
        if isinstance(limit, Response):
            return limit
        try:
            clauses, join = parse_query(query)
        except WireError as exc:
            return error(400, str(exc), param="query")
        test = all if join == "AND" else any
        rows = [r for r in self._ordered() if test(c.matches(r) for c in clauses)]
        start = 0
        if "page" in params:
            try:
                start = int(base64.urlsafe_b64decode(str(params["page"]).encode()).decode())
            except (ValueError, binascii.Error):
                return error(400, "Invalid page: the cursor is not one this search returned.", param="page")
        page = rows[start : start + limit]
        more = start + limit < len(rows)
        nxt = base64.urlsafe_b64encode(str(start + limit).encode()).decode() if more else None
        body = {"object": "search_result", "url": "/v1/customers/search", "has_more": more, "next_page": nxt, "data": page}
        return json_response(200, body)

    def create_customer(self, req: Request) -> Response:
        params = self._body(req)
        if isinstance(params, Response):
            return params
        fields = self._fields(params)
        if isinstance(fields, Response):
            return fields
        return json_response(200, self._create(fields))

    def get_customer(self, req: Request) -> Response:
        cid = req.params["id"]
        if cid in self.deleted:  # a deleted customer is still retrievable, as a tombstone
            return json_response(200, {"id": cid, "object": "customer", "deleted": True})
        record = self.customers.get(cid)
        return json_response(200, record) if record else missing("customer", cid)

    def update_customer(self, req: Request) -> Response:
        record = self.customers.get(req.params["id"])
        if record is None:
            return missing("customer", req.params["id"])
        params = self._body(req)
        if isinstance(params, Response):
            return params
        fields = self._fields(params)
        if isinstance(fields, Response):
            return fields
        self._apply(record, fields)
        return json_response(200, record)

    def delete_customer(self, req: Request) -> Response:
        cid = req.params["id"]
        if self.customers.pop(cid, None) is None:
            return missing("customer", cid)
        self.deleted.add(cid)
        return json_response(200, {"id": cid, "object": "customer", "deleted": True})


def _within(value: int, op: str, bound: int) -> bool:
    return {"eq": value == bound, "gt": value > bound, "gte": value >= bound, "lt": value < bound, "lte": value <= bound}[op]


if __name__ == "__main__":  # python -m tests.apis.stripe.mock
    mock = StripeMock()
    mock.seed(5)
    serve_forever(mock, "{mock.base_url}/v1 Authorization: Bearer {mock.secret_key}")
