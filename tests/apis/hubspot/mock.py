"""Contract mock of HubSpot CRM v3 contacts plus its OAuth 2.0 endpoints, written from tests/apis/hubspot/contract.md.

HubSpot has one API host (api.hubapi.com), so `m.base_url` is simply `http://127.0.0.1:<port>`; the authorize page
(app.hubspot.com/oauth/authorize) is served on the same loopback server at `/oauth/authorize`. Never imports
connector_gen.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from .._server import ContractMock, Request, Response, json_response, new_uuid, serve_forever

EPOCH = datetime(2024, 1, 1, 9, 0, 0, tzinfo=UTC)
CONTACTS = r"/crm/v3/objects/contacts"
DEFAULT_PROPERTIES = ("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname")
LIST_LIMIT, SEARCH_LIMIT = 100, 200
PORTAL_ID = 123456
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
TOKEN_LIFETIME = 1800
NO_CREDENTIALS = (
    "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at "
    "https://developers.hubspot.com/docs/methods/auth/oauth-overview"
)


def iso(moment: datetime) -> str:
    """HubSpot's timestamp form: UTC ISO 8601 with milliseconds and Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def error(status: int, message: str, category: str, **extra: Any) -> Response:
    """HubSpot's common error body."""
    return json_response(
        status, {"status": "error", "message": message, "correlationId": new_uuid(), "category": category, **extra}
    )


class HubSpotMock(ContractMock):
    """HubSpot contacts on loopback: private-app token `m.private_token`, or OAuth via `m.client_id`/`m.client_secret`."""

    def __init__(self) -> None:
        self.private_token = "pat-na1-contract-mock"
        self.client_id, self.client_secret = "mock-client-id", "mock-client-secret"
        self.access_tokens: dict[str, dict[str, Any]] = {}  # token -> {"expired": bool}
        self.refresh_tokens: set[str] = set()
        self.codes: dict[str, str] = {}  # authorization code -> redirect_uri
        self.contacts: dict[str, dict[str, Any]] = {}
        self._next_id = 100
        self._clock = EPOCH
        super().__init__()

    @property
    def base_url(self) -> str:
        """What https://api.hubapi.com becomes on loopback."""
        return self.root_url

    # -- test controls ----------------------------------------------------------------------------------------
    def expire_tokens(self) -> None:
        """Expire every OAuth access token issued so far (refresh tokens stay valid)."""
        with self.lock:
            for state in self.access_tokens.values():
                state["expired"] = True

    def issue_code(self, redirect_uri: str = "http://localhost/callback") -> str:
        """An authorization code, as if a user had consented on the authorize page."""
        code = secrets.token_hex(8)
        self.codes[code] = redirect_uri
        return code

    def seed(self, count: int = 0, contacts: list[dict[str, str]] | None = None) -> list[dict[str, Any]]:
        """Add generated contacts and/or the given property maps; returns the created records."""
        rows = [dict(c) for c in contacts or []]
        rows += [{"email": f"contact{i}@example.com", "firstname": f"First{i}", "lastname": "Seed"} for i in range(count)]
        return [self._create(row) for row in rows]

    def _tick(self) -> datetime:
        self._clock += timedelta(minutes=1)
        return self._clock

    def _create(self, properties: dict[str, Any]) -> dict[str, Any]:
        now = self._tick()
        self._next_id += 1
        cid = str(self._next_id)
        props = {k: None if v is None else str(v) for k, v in properties.items()}
        props.update({"createdate": iso(now), "lastmodifieddate": iso(now), "hs_object_id": cid})
        record = {"id": cid, "properties": props, "createdAt": iso(now), "updatedAt": iso(now), "archived": False}
        self.contacts[cid] = record
        return self._view(record, None)

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", r"/oauth/authorize", self.authorize, public=True)
        self.route("POST", r"/oauth/v1/token", self.token, public=True)
        self.route("GET", r"/account-info/v3/details", self.account_details)
        self.route("GET", CONTACTS, self.list_contacts)
        self.route("POST", CONTACTS, self.create_contact)
        self.route("POST", CONTACTS + r"/search", self.search_contacts)
        self.route("GET", CONTACTS + r"/(?P<id>[^/]+)", self.get_contact)
        self.route("PATCH", CONTACTS + r"/(?P<id>[^/]+)", self.update_contact)
        self.route("DELETE", CONTACTS + r"/(?P<id>[^/]+)", self.delete_contact)

    def authenticate(self, req: Request) -> Response | None:
        scheme, _, token = (req.header("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return error(401, NO_CREDENTIALS, "INVALID_AUTHENTICATION")
        if token == self.private_token:
            return None
        state = self.access_tokens.get(token)
        if state is None:
            return error(401, "The OAuth token used to make this call is not valid.", "INVALID_AUTHENTICATION")
        if state["expired"]:
            return error(401, "The OAuth token used to make this call expired 1 second(s) ago.", "EXPIRED_AUTHENTICATION")
        return None

    def rate_limited(self, req: Request) -> Response:
        body = {
            "status": "error",
            "message": "You have reached your ten_secondly_rolling limit.",
            "errorType": "RATE_LIMIT",
            "correlationId": new_uuid(),
            "policyName": "TEN_SECONDLY_ROLLING",
        }
        headers = {
            "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
            "X-HubSpot-RateLimit-Max": "100",
            "X-HubSpot-RateLimit-Remaining": "0",
        }
        return json_response(429, body, headers)

    def not_found(self, req: Request) -> Response:
        return error(404, "Resource not found", "OBJECT_NOT_FOUND")

    # -- OAuth ------------------------------------------------------------------------------------------------
    def authorize(self, req: Request) -> Response:
        """The consent page: consents at once and redirects back with ?code=&state=."""
        if req.q("client_id") != self.client_id or not req.q("redirect_uri"):
            return error(400, "Invalid client_id or redirect_uri", "VALIDATION_ERROR")
        redirect = req.q("redirect_uri") or ""
        query = {"code": self.issue_code(redirect), **({"state": s} if (s := req.q("state")) else {})}
        return Response(302, b"", {"Location": f"{redirect}{'&' if '?' in redirect else '?'}{urlencode(query)}"})

    def token(self, req: Request) -> Response:
        """POST /oauth/v1/token, form-encoded: authorization_code and refresh_token grants."""
        form = {k: v[0] for k, v in req.form().items()}
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return json_response(
                400, {"status": "BAD_CLIENT_ID", "message": "missing or unknown client id", "correlationId": new_uuid()}
            )
        grant = form.get("grant_type")
        if grant == "authorization_code":
            if self.codes.pop(form.get("code", ""), None) != form.get("redirect_uri"):
                return json_response(
                    400, {"status": "BAD_AUTH_CODE", "message": "missing or unknown auth code", "correlationId": new_uuid()}
                )
            refresh = secrets.token_hex(16)
            self.refresh_tokens.add(refresh)
        elif grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            if refresh not in self.refresh_tokens:
                body = {"status": "BAD_REFRESH_TOKEN", "message": "missing or unknown refresh token", "correlationId": new_uuid()}
                return json_response(400, body)
        else:
            return json_response(
                400, {"status": "BAD_GRANT_TYPE", "message": "unsupported grant_type", "correlationId": new_uuid()}
            )
        access = "CJ" + secrets.token_urlsafe(24)
        self.access_tokens[access] = {"expired": False}
        return json_response(
            200, {"token_type": "bearer", "refresh_token": refresh, "access_token": access, "expires_in": TOKEN_LIFETIME}
        )

    # -- records ----------------------------------------------------------------------------------------------
    @staticmethod
    def _view(record: dict[str, Any], wanted: list[str] | None) -> dict[str, Any]:
        names = set(wanted) | {"createdate", "lastmodifieddate", "hs_object_id"} if wanted else set(DEFAULT_PROPERTIES)
        props = {k: record["properties"].get(k) for k in sorted(names)}
        return {**record, "properties": props}

    @staticmethod
    def _properties(req: Request) -> list[str] | None:
        names = [p for value in req.query.get("properties", []) for p in value.split(",") if p]
        return names or None

    def _find(self, req: Request) -> dict[str, Any] | None:
        key = req.params["id"]
        if req.q("idProperty") == "email":
            return next((r for r in self.contacts.values() if r["properties"].get("email") == key and not r["archived"]), None)
        record = self.contacts.get(key)
        return record if record and not record["archived"] else None

    def _missing(self, req: Request) -> Response:
        return error(
            404, "Object not found.  objectId are usually numeric.", "OBJECT_NOT_FOUND", context={"id": [req.params["id"]]}
        )

    def _page(self, rows: list[dict[str, Any]], after: str | None, limit: int, link: str | None) -> tuple[list[Any], Any]:
        start = int(after) if after and after.isdigit() else 0
        page = rows[start : start + limit]
        if start + limit >= len(rows):
            return page, None
        nxt: dict[str, str] = {"after": str(start + limit)}
        if link:
            nxt["link"] = f"{self.root_url}{link}?{urlencode({'after': start + limit, 'limit': limit})}"
        return page, {"next": nxt}

    def account_details(self, req: Request) -> Response:
        """GET /account-info/v3/details: the account (portal) the token belongs to."""
        details = {
            "portalId": PORTAL_ID,
            "accountType": "STANDARD",
            "timeZone": "US/Eastern",
            "companyCurrency": "USD",
            "additionalCurrencies": [],
            "utcOffset": "-05:00",
            "utcOffsetMilliseconds": -18000000,
            "uiDomain": "app.hubspot.com",
            "dataHostingLocation": "na1",
        }
        return json_response(200, details)

    def list_contacts(self, req: Request) -> Response:
        try:
            limit = min(int(req.q("limit") or 10), LIST_LIMIT)
        except ValueError:
            return error(400, "limit must be a number", "VALIDATION_ERROR")
        archived = req.q("archived") == "true"
        rows = [r for r in sorted(self.contacts.values(), key=lambda r: int(r["id"])) if r["archived"] == archived]
        page, paging = self._page(rows, req.q("after"), limit, CONTACTS)
        wanted = self._properties(req)
        body: dict[str, Any] = {"results": [self._view(r, wanted) for r in page]}
        if paging:
            body["paging"] = paging
        return json_response(200, body)

    def get_contact(self, req: Request) -> Response:
        record = self._find(req)
        return json_response(200, self._view(record, self._properties(req))) if record else self._missing(req)

    def _email_owner(self, email: Any) -> dict[str, Any] | None:
        return next((r for r in self.contacts.values() if email and r["properties"].get("email") == email), None)

    def create_contact(self, req: Request) -> Response:
        body = req.json()
        props = body.get("properties") if isinstance(body, dict) else None
        if not isinstance(props, dict):
            return error(400, "Invalid input JSON on line 1: properties is required", "VALIDATION_ERROR")
        invalid = _invalid_properties(props)
        if invalid:
            return invalid
        owner = self._email_owner(props.get("email"))
        if owner:
            return error(409, f"Contact already exists. Existing ID: {owner['id']}", "CONFLICT")
        created = self._create(props)
        return json_response(201, self._view(self.contacts[created["id"]], list(props)))

    def update_contact(self, req: Request) -> Response:
        record = self._find(req)
        if record is None:
            return self._missing(req)
        body = req.json()
        props = body.get("properties") if isinstance(body, dict) else None
        if not isinstance(props, dict):
            return error(400, "Invalid input JSON on line 1: properties is required", "VALIDATION_ERROR")
        invalid = _invalid_properties(props)
        if invalid:
            return invalid
        owner = self._email_owner(props.get("email"))
        if owner and owner is not record:
            return error(409, f"Contact already exists. Existing ID: {owner['id']}", "CONFLICT")
        now = iso(self._tick())
        record["properties"].update({k: None if v is None else str(v) for k, v in props.items()})
        record["properties"]["lastmodifieddate"] = now
        record["updatedAt"] = now
        return json_response(200, self._view(record, list(props)))

    def delete_contact(self, req: Request) -> Response:
        record = self._find(req)
        if record is None:
            return Response(204)  # archiving an absent contact is not an error on HubSpot (assumed, see contract)
        record["archived"] = True
        record["archivedAt"] = iso(self._tick())
        return Response(204)

    def search_contacts(self, req: Request) -> Response:
        body = req.json()
        if not isinstance(body, dict):
            return error(400, "Invalid input JSON", "VALIDATION_ERROR")
        try:
            limit = min(int(body.get("limit") or 10), SEARCH_LIMIT)
        except (TypeError, ValueError):
            return error(400, "limit must be a number", "VALIDATION_ERROR")
        groups = body.get("filterGroups") or []
        rows = [r for r in self.contacts.values() if not r["archived"]]
        if groups:
            rows = [r for r in rows if any(all(_test(r, f) for f in g.get("filters", [])) for g in groups)]
        if body.get("query"):
            text = str(body["query"]).lower()
            rows = [r for r in rows if any(text in str(r["properties"].get(k) or "").lower() for k in DEFAULT_PROPERTIES)]
        for sort in reversed(body.get("sorts") or []):
            name, desc = (
                (sort.get("propertyName"), sort.get("direction") == "DESCENDING") if isinstance(sort, dict) else (sort, False)
            )
            rows.sort(key=lambda r, n=name: str(r["properties"].get(n) or ""), reverse=desc)
        if not body.get("sorts"):
            rows.sort(key=lambda r: int(r["id"]))
        page, paging = self._page(rows, str(body.get("after") or ""), limit, None)
        out: dict[str, Any] = {"total": len(rows), "results": [self._view(r, body.get("properties")) for r in page]}
        if paging:
            out["paging"] = paging
        return json_response(200, out)


def _invalid_properties(props: dict[str, Any]) -> Response | None:
    """HubSpot's VALIDATION_ERROR for property values it cannot store: a summary `message` and one `errors` entry each."""
    problems = []
    email = props.get("email")
    if email not in (None, "") and not EMAIL.fullmatch(str(email)):
        problems.append(
            {
                "message": f"Email address {email} is invalid",
                "code": "INVALID_EMAIL",
                "in": "email",
                "context": {"propertyName": ["email"]},
            }
        )
    if not problems:
        return None
    details = [{"isValid": False, "message": p["message"], "error": p["code"], "name": p["in"]} for p in problems]
    summary = "Property values were not valid: " + json.dumps(details)
    return error(400, summary, "VALIDATION_ERROR", errors=problems)


def _comparable(value: Any) -> Any:
    """Dates compare as instants (ISO text or epoch milliseconds), everything else as text."""
    text = str(value)
    if text.isdigit() and len(text) >= 12:
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _test(record: dict[str, Any], flt: dict[str, Any]) -> bool:
    """One search filter against one record."""
    actual = record["properties"].get(flt.get("propertyName"))
    op = flt.get("operator", "EQ")
    if op == "HAS_PROPERTY":
        return actual not in (None, "")
    if op == "NOT_HAS_PROPERTY":
        return actual in (None, "")
    if actual is None:
        return op == "NEQ"
    if op == "IN":
        return str(actual).lower() in {str(v).lower() for v in flt.get("values", [])}
    if op == "CONTAINS_TOKEN":
        return str(flt.get("value", "")).strip("*").lower() in str(actual).lower()
    left, right = _comparable(actual), _comparable(flt.get("value"))
    if type(left) is not type(right):
        left, right = str(actual).lower(), str(flt.get("value")).lower()
    elif isinstance(left, str):
        left, right = left.lower(), str(right).lower()
    checks = {"EQ": left == right, "NEQ": left != right}
    if op in checks:
        return checks[op]
    return {"GT": left > right, "GTE": left >= right, "LT": left < right, "LTE": left <= right}.get(op, False)


if __name__ == "__main__":  # python -m tests.apis.hubspot.mock
    mock = HubSpotMock()
    mock.seed(5)
    serve_forever(mock, "{mock.base_url} Bearer {mock.private_token}")
