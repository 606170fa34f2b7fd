"""Contract mock of the Mailchimp Marketing API (list members), written from tests/apis/mailchimp/contract.md.

Per-data-center hosts are served by PATH PREFIX: the real `https://{dc}.api.mailchimp.com/3.0/...` is served at
`http://127.0.0.1:<port>/{dc}.api.mailchimp.com/3.0/...`, so `m.base_url` is `http://127.0.0.1:<port>/us6.api.mailchimp.com/3.0`
for the default key `...-us6`. A key only works on its own data center. Never imports connector_gen.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from .._server import ContractMock, Request, Response, json_response, new_uuid, serve_forever

EPOCH = datetime(2024, 1, 1, 9, 0, 0, tzinfo=UTC)
PREFIX = r"/(?P<dc>[a-z]+[0-9]+)\.api\.mailchimp\.com/3\.0"
MEMBERS = PREFIX + r"/lists/(?P<list>[0-9a-f]{10})/members"
PROBLEM = "application/problem+json; charset=utf-8"
ERRORS_DOC = "https://mailchimp.com/developer/marketing/docs/errors/"
STATUSES = ("subscribed", "unsubscribed", "cleaned", "pending", "transactional")
DEFAULT_COUNT, MAX_COUNT = 10, 1000
MERGE_TAGS = ("FNAME", "LNAME")  # the mock audience's merge fields (an audience may define others)
SEARCH_LIMIT = 10


def iso(moment: datetime) -> str:
    """Mailchimp's timestamp form: ISO 8601 with +00:00, no fraction."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def subscriber_hash(email: str) -> str:
    """The member id: MD5 of the lowercased address."""
    return hashlib.md5(email.strip().lower().encode()).hexdigest()


def problem(status: int, title: str, detail: str, **extra: Any) -> Response:
    """An RFC 7807 problem document, as every Mailchimp error is."""
    body = {"type": ERRORS_DOC, "title": title, "status": status, "detail": detail, "instance": new_uuid(), **extra}
    return json_response(status, body, content_type=PROBLEM)


class MailchimpMock(ContractMock):
    """Mailchimp list members on loopback: `with MailchimpMock() as m: m.base_url, m.api_key, m.list_id, m.seed(...)`."""

    def __init__(self, dc: str = "us6") -> None:
        self.dc = dc
        self.api_key = "0123456789abcdef0123456789abcdef-" + dc
        self.list_id = "a1b2c3d4e5"
        self.lists: dict[str, dict[str, dict[str, Any]]] = {self.list_id: {}}
        self.forgotten: set[tuple[str, str]] = set()  # (list, hash) permanently deleted
        self._clock = EPOCH
        self.tag_ids: dict[str, int] = {}  # tag name -> id, account-wide
        super().__init__()

    @property
    def base_url(self) -> str:
        """The API root of the key's data center: what https://{dc}.api.mailchimp.com/3.0 becomes on loopback."""
        return self.dc_url(self.dc)

    def dc_url(self, dc: str) -> str:
        """The loopback API root of any data center."""
        return f"{self.root_url}/{dc}.api.mailchimp.com/3.0"

    # -- test controls ----------------------------------------------------------------------------------------
    def seed(self, count: int = 0, members: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Add generated subscribed members and/or the given ones to the list; returns the created records."""
        rows = [dict(m) for m in members or []]
        rows += [{"email_address": f"member{i}@example.com", "merge_fields": {"FNAME": f"First{i}"}} for i in range(count)]
        return [dict(self._create(self.list_id, {"status": "subscribed", **row})) for row in rows]

    def _tick(self) -> datetime:
        # Stamps follow the real clock (whole seconds, strictly increasing): a platform polling by "now - window"
        # meets them where a real audience's would be.
        self._clock = max(datetime.now(UTC).replace(microsecond=0), self._clock + timedelta(seconds=1))
        return self._clock

    def _create(self, list_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        now = iso(self._tick())
        email = str(fields["email_address"])
        merge = {tag: "" for tag in MERGE_TAGS} | _merge_fields(fields.get("merge_fields"))
        member = {
            "id": subscriber_hash(email),
            "email_address": email,
            "unique_email_id": subscriber_hash(email)[:10],
            "full_name": f"{merge['FNAME']} {merge['LNAME']}".strip(),
            "email_type": fields.get("email_type", "html"),
            "status": fields["status"],
            "merge_fields": merge,
            "tags": [{"id": self._tag_id(t), "name": t} for t in fields.get("tags") or [] if isinstance(t, str)],
            "timestamp_signup": "",
            "timestamp_opt": now,
            "last_changed": now,
            "list_id": list_id,
        }
        member["tags_count"] = len(member["tags"])
        self.lists[list_id][member["id"]] = member
        return member

    def _tag_id(self, name: str) -> int:
        return self.tag_ids.setdefault(name, 4000 + len(self.tag_ids) + 1)

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", PREFIX + r"/", self.api_root)
        self.route("GET", PREFIX + r"/ping", self.ping)
        self.route("GET", PREFIX + r"/search-members", self.search_members)
        self.route("GET", MEMBERS, self.list_members)
        self.route("POST", MEMBERS, self.add_member)
        self.route("GET", MEMBERS + r"/(?P<hash>[^/]+)", self.get_member)
        self.route("PUT", MEMBERS + r"/(?P<hash>[^/]+)", self.upsert_member)
        self.route("PATCH", MEMBERS + r"/(?P<hash>[^/]+)", self.update_member)
        self.route("DELETE", MEMBERS + r"/(?P<hash>[^/]+)", self.archive_member)
        self.route("POST", MEMBERS + r"/(?P<hash>[^/]+)/actions/delete-permanent", self.delete_permanent)

    def authenticate(self, req: Request) -> Response | None:
        scheme, _, encoded = (req.header("Authorization") or "").partition(" ")
        if scheme.lower() != "basic" or not encoded:
            return problem(401, "API Key Missing", "Your request did not include an API key.")
        try:
            _, _, password = base64.b64decode(encoded).decode().partition(":")
        except (ValueError, binascii.Error):
            password = ""
        if password != self.api_key or req.params["dc"] != password.rpartition("-")[2]:
            invalid = "Your API key may be invalid, or you've attempted to access the wrong datacenter."
            return problem(401, "API Key Invalid", invalid)
        return None

    def rate_limited(self, req: Request) -> Response:
        return problem(429, "Too Many Requests", "You have exceeded the limit of 10 simultaneous connections.")

    def not_found(self, req: Request) -> Response:
        return problem(404, "Resource Not Found", "The requested resource could not be found.")

    def api_root(self, req: Request) -> Response:
        """GET /3.0/: the account the API key belongs to."""
        root = {
            "account_id": "8d3a3db4d97663a9074efcc16",
            "login_id": "46102137",
            "account_name": "Acme Newsletters",
            "email": "owner@example.com",
            "first_name": "Olive",
            "last_name": "Owner",
            "username": "acme_owner",
            "role": "owner",
            "total_subscribers": sum(len(members) for members in self.lists.values()),
            "_links": [],
        }
        return json_response(200, root)

    def ping(self, req: Request) -> Response:
        return json_response(200, {"health_status": "Everything's Chimpy!"})

    # -- members ----------------------------------------------------------------------------------------------
    def _list(self, req: Request) -> dict[str, dict[str, Any]] | None:
        return self.lists.get(req.params["list"])

    def list_members(self, req: Request) -> Response:
        members = self._list(req)
        if members is None:
            return self.not_found(req)
        try:
            count = min(int(req.q("count") or DEFAULT_COUNT), MAX_COUNT)
            offset = int(req.q("offset") or 0)
        except ValueError:
            return problem(400, "Invalid Resource", "count and offset must be integers.")
        rows = sorted(members.values(), key=lambda m: (m["last_changed"], m["id"]))
        status = req.q("status")
        rows = [m for m in rows if m["status"] == status] if status else [m for m in rows if m["status"] != "archived"]
        for param, column in (("since_last_changed", "last_changed"), ("since_timestamp_opt", "timestamp_opt")):
            since = req.q(param)
            if since:
                bound = _parse(since)
                if bound is None:
                    return problem(400, "Invalid Resource", f"{param} must be an ISO 8601 date-time.")
                rows = [m for m in rows if (_parse(m[column]) or EPOCH) > bound]
        page = [dict(m) for m in rows[offset : offset + count]]
        return json_response(200, {"members": page, "list_id": req.params["list"], "total_items": len(rows), "_links": []})

    def _member(self, req: Request) -> tuple[dict[str, Any] | None, Response | None]:
        members = self._list(req)
        if members is None:
            return None, self.not_found(req)
        key = req.params["hash"].lower()
        member = members.get(key if len(key) == 32 else subscriber_hash(key))  # an address works in place of its hash
        return (member, None) if member else (None, self.not_found(req))

    def search_members(self, req: Request) -> Response:
        """GET /search-members?query=[&list_id=]: exact address matches and full-text matches, each in its own block."""
        query = (req.q("query") or "").strip().lower()
        if not query:
            errors = [{"field": "query", "message": "This value should not be blank."}]
            return problem(400, "Invalid Resource", "The resource submitted could not be validated.", errors=errors)
        list_id = req.q("list_id")
        if list_id and list_id not in self.lists:
            return self.not_found(req)
        pool = [
            m
            for lid, members in sorted(self.lists.items())
            if not list_id or lid == list_id
            for m in sorted(members.values(), key=lambda m: m["id"])
            if m["status"] != "archived"
        ]
        exact = [m for m in pool if m["email_address"].lower() == query]
        words = query.split()
        full = [m for m in pool if m not in exact and all(w in f"{m['email_address']} {m['full_name']}".lower() for w in words)]
        return json_response(
            200,
            {
                "exact_matches": {"members": [dict(m) for m in exact[:SEARCH_LIMIT]], "total_items": len(exact)},
                "full_search": {"members": [dict(m) for m in full[:SEARCH_LIMIT]], "total_items": len(full)},
                "_links": [],
            },
        )

    def get_member(self, req: Request) -> Response:
        member, missing = self._member(req)
        return missing or json_response(200, dict(member or {}))

    def _check(self, body: Any, status_key: str) -> Response | None:
        if not isinstance(body, dict):
            return problem(400, "Invalid Resource", "The resource submitted could not be validated.")
        email = body.get("email_address")
        if not isinstance(email, str) or "@" not in email:
            return problem(400, "Invalid Resource", "Please provide a valid email address.")
        if body.get(status_key) not in STATUSES:
            errors = [{"field": status_key, "message": f"Value must be one of: {', '.join(STATUSES)}"}]
            return problem(400, "Invalid Resource", "The resource submitted could not be validated.", errors=errors)
        return None

    def add_member(self, req: Request) -> Response:
        members = self._list(req)
        if members is None:
            return self.not_found(req)
        body = req.json()
        invalid = self._check(body, "status")
        if invalid:
            return invalid
        key = subscriber_hash(body["email_address"])
        if key in members:
            detail = f"{body['email_address']} is already a list member. Use PUT to insert or update list members."
            return problem(400, "Member Exists", detail)
        if (req.params["list"], key) in self.forgotten:
            return problem(
                400,
                "Forgotten Email Not Subscribed",
                f"{body['email_address']} was permanently deleted and cannot be re-imported.",
            )
        return json_response(200, dict(self._create(req.params["list"], body)))

    def upsert_member(self, req: Request) -> Response:
        members = self._list(req)
        if members is None:
            return self.not_found(req)
        body = req.json()
        existing = members.get(req.params["hash"].lower())
        if existing is None:
            invalid = self._check(body, "status_if_new")
            if invalid:
                return invalid
            if subscriber_hash(body["email_address"]) != req.params["hash"].lower():
                return problem(400, "Invalid Resource", "The subscriber hash does not match the email address.")
            return json_response(200, dict(self._create(req.params["list"], {**body, "status": body["status_if_new"]})))
        return self._apply(existing, body)

    def update_member(self, req: Request) -> Response:
        member, missing = self._member(req)
        return missing or self._apply(member or {}, req.json())

    def _apply(self, member: dict[str, Any], body: Any) -> Response:
        if not isinstance(body, dict):
            return problem(400, "Invalid Resource", "The resource submitted could not be validated.")
        if "status" in body and body["status"] not in STATUSES:
            return problem(400, "Invalid Resource", "The resource submitted could not be validated.")
        if "status" in body:
            member["status"] = body["status"]
        member["merge_fields"].update(_merge_fields(body.get("merge_fields")))
        member["full_name"] = f"{member['merge_fields']['FNAME']} {member['merge_fields']['LNAME']}".strip()
        member["email_type"] = body.get("email_type", member["email_type"])
        member["last_changed"] = iso(self._tick())
        return json_response(200, dict(member))

    def archive_member(self, req: Request) -> Response:
        member, missing = self._member(req)
        if missing or member is None:
            return missing or self.not_found(req)
        member["status"] = "archived"
        member["last_changed"] = iso(self._tick())
        return Response(204)

    def delete_permanent(self, req: Request) -> Response:
        member, missing = self._member(req)
        if missing or member is None:
            return missing or self.not_found(req)
        del self.lists[req.params["list"]][member["id"]]
        self.forgotten.add((req.params["list"], member["id"]))
        return Response(204)


def _merge_fields(given: Any) -> dict[str, Any]:
    """The given merge values the audience has a field for (others are not stored)."""
    return {k: v for k, v in given.items() if k in MERGE_TAGS} if isinstance(given, dict) else {}


def _parse(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


if __name__ == "__main__":  # python -m tests.apis.mailchimp.mock
    mock = MailchimpMock()
    mock.seed(5)
    serve_forever(mock, "{mock.base_url} api key {mock.api_key} list {mock.list_id}")
