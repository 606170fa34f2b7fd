"""Contract mock of Todoist's unified API v1 (tasks), written from tests/apis/todoist/contract.md.

Todoist has one API host (api.todoist.com), so `m.base_url` is `http://127.0.0.1:<port>` and paths start with
`/api/v1/`. The token rides as `Authorization: Bearer`; POST bodies are JSON; close, reopen and delete answer 204;
errors are JSON objects with `error`, `error_code`, `error_tag`, `http_code` and `error_extra`. The retired REST v2
paths (`/rest/v2/...`) answer 410. Never imports connector_gen.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from .._server import ContractMock, Request, Response, json_response, serve_forever, text_response

EPOCH = datetime(2026, 4, 30, 9, 0, 0, tzinfo=UTC)
ID = r"(?P<id>[^/]+)"
PREFIX = "/api/v1"
DEFAULT_LIMIT, MAX_LIMIT = 50, 200
WRITABLE = ("content", "description", "project_id", "section_id", "parent_id", "order", "labels", "priority",
            "due_string", "due_date", "due_datetime", "due_lang", "assignee_id", "duration", "duration_unit",
            "deadline_date")  # fmt: skip
DUE = ("due_string", "due_date", "due_datetime")


def stamp(moment: datetime) -> str:
    """Todoist's timestamp form: UTC, microseconds, Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def error(status: int, message: str, tag: str, code: int, headers: dict[str, str] | None = None, **extra: Any) -> Response:
    """Todoist's JSON error object."""
    body = {"error": message, "error_code": code, "error_extra": extra, "error_tag": tag, "http_code": status}
    return json_response(status, body, headers)


def invalid(argument: str, expected: str) -> Response:
    """The 400 of an argument with a wrong value."""
    return error(400, "Invalid argument value", "INVALID_ARGUMENT_VALUE", 20, argument=argument, expected=expected)


def parse_rfc3339(text: Any) -> datetime | None:
    """An RFC 3339 date-time with an offset or Z (a fraction allowed), else None."""
    if not isinstance(text, str) or "T" not in text.upper():
        return None
    try:
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class TodoistMock(ContractMock):
    """Todoist tasks on loopback: `with TodoistMock() as m: m.base_url, m.token, m.inbox_id, m.seed(...)`."""

    def __init__(self, token: str = "c0ffee0123456789abcdef0123456789abcdef01") -> None:
        self.token = token
        self.user_id = "2671355"
        self.inbox_id = self._new_id()
        self.projects: dict[str, str] = {self.inbox_id: "Inbox"}
        self.tasks: dict[str, dict[str, Any]] = {}
        self._clock = EPOCH
        self._order = itertools.count(1)
        super().__init__()

    @property
    def base_url(self) -> str:
        """What https://api.todoist.com becomes on loopback."""
        return self.root_url

    def add_project(self, name: str) -> str:
        """Another project; returns its id."""
        pid = self._new_id()
        self.projects[pid] = name
        return pid

    def seed(self, count: int = 0, tasks: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Add `count` generated tasks and/or the given ones to the Inbox; returns the created records."""
        rows = [dict(t) for t in tasks or []] + [{"content": f"Seed task {i}"} for i in range(count)]
        return [dict(self._create(row)) for row in rows]

    @staticmethod
    def _new_id() -> str:
        alphabet = "23456789CFGHJMPQRVWXcfghjmpqrvwx"  # opaque 16-character ids, as the v1 API mints them
        return "".join(secrets.choice(alphabet) for _ in range(16))

    def _tick(self) -> str:
        self._clock += timedelta(seconds=1, microseconds=234567)
        return stamp(self._clock)

    def _create(self, fields: dict[str, Any]) -> dict[str, Any]:
        now = self._tick()
        tid = self._new_id()
        task: dict[str, Any] = {
            "id": tid, "user_id": self.user_id, "project_id": self.inbox_id, "section_id": None, "parent_id": None,
            "added_by_uid": self.user_id, "assigned_by_uid": None, "responsible_uid": None, "labels": [],
            "deadline": None, "duration": None, "checked": False, "is_deleted": False, "added_at": now,
            "completed_at": None, "completed_by_uid": None, "updated_at": now, "due": None, "priority": 1,
            "child_order": next(self._order), "content": "", "description": "", "note_count": 0, "day_order": -1,
            "is_collapsed": False,
        }  # fmt: skip
        self._apply(task, fields)
        self.tasks[tid] = task
        return task

    @staticmethod
    def _apply(task: dict[str, Any], fields: dict[str, Any]) -> None:
        for name in ("content", "description", "project_id", "section_id", "parent_id", "labels", "priority"):
            if name in fields:
                task[name] = fields[name]
        if "order" in fields:
            task["child_order"] = fields["order"]
        lang = fields.get("due_lang") or "en"
        if fields.get("due_datetime"):
            moment = parse_rfc3339(fields["due_datetime"])
            assert moment is not None
            text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            task["due"] = {"date": text, "timezone": "UTC", "string": text[:16].replace("T", " "), "lang": lang,
                           "is_recurring": False}  # fmt: skip
        elif fields.get("due_date"):
            task["due"] = {"date": fields["due_date"], "timezone": None, "string": fields["due_date"], "lang": lang,
                           "is_recurring": False}  # fmt: skip
        elif str(fields.get("due_string") or "").lower() == "no date":
            task["due"] = None
        elif fields.get("due_string"):
            task["due"] = {"date": None, "timezone": None, "string": fields["due_string"], "lang": lang,
                           "is_recurring": str(fields["due_string"]).lower().startswith("every")}  # fmt: skip
        elif any(name in fields for name in DUE):  # an empty due_* value removes the due date
            task["due"] = None

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", PREFIX + r"/user", self.get_user)
        self.route("GET", PREFIX + r"/tasks", self.list_tasks)
        self.route("POST", PREFIX + r"/tasks", self.create_task)
        self.route("GET", PREFIX + rf"/tasks/{ID}", self.get_task)
        self.route("POST", PREFIX + rf"/tasks/{ID}", self.update_task)
        self.route("POST", PREFIX + rf"/tasks/{ID}/close", self.close_task)
        self.route("POST", PREFIX + rf"/tasks/{ID}/reopen", self.reopen_task)
        self.route("DELETE", PREFIX + rf"/tasks/{ID}", self.delete_task)
        for method in ("GET", "POST", "DELETE"):  # the retired REST API v2
            self.route(method, r"/rest/v2/.*", lambda req: text_response(410, "This endpoint is deprecated"), public=True)

    def authenticate(self, req: Request) -> Response | None:
        scheme, _, value = (req.header("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or value.strip() != self.token:
            return error(401, "Invalid token", "AUTH_INVALID_TOKEN", 401)
        return None

    def rate_limited(self, req: Request) -> Response:
        return error(429, "Too many requests", "LIMITS_REACHED", 429, {"Retry-After": "5"}, retry_after=5)

    def not_found(self, req: Request) -> Response:
        return error(404, "Not found", "NOT_FOUND", 404)

    @staticmethod
    def _missing() -> Response:
        return error(404, "Task not found", "NOT_FOUND", 478)

    def _body(self, req: Request) -> dict[str, Any] | Response:
        """The JSON object a POST carries ({} when there is no body)."""
        if not req.body:
            return {}
        kind = (req.header("Content-Type") or "").split(";")[0].strip().lower()
        try:
            body = json.loads(req.body) if kind == "application/json" else None
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return error(400, "Invalid JSON body", "INVALID_ARGUMENT_VALUE", 20, expected="a JSON object")
        return body

    def _checked(self, body: dict[str, Any], creating: bool) -> dict[str, Any] | Response:
        """The arguments of a create/update after Todoist's checks; unknown arguments are ignored."""
        fields = {k: v for k, v in body.items() if k in WRITABLE}
        if not creating:  # an update does not move a task (that is POST /tasks/{id}/move)
            fields = {k: v for k, v in fields.items() if k not in ("project_id", "section_id", "parent_id")}
        if creating and not (isinstance(fields.get("content"), str) and fields["content"].strip()):
            return error(400, "Required argument is missing", "ARGUMENT_MISSING", 19, argument="content")
        for name in ("content", "description", "due_string", "due_date", "due_datetime", "due_lang"):
            if name in fields and fields[name] is not None and not isinstance(fields[name], str):
                return invalid(name, "a string")
        if "labels" in fields and not (isinstance(fields["labels"], list) and all(isinstance(x, str) for x in fields["labels"])):
            return invalid("labels", "an array of label names")
        priority = fields.get("priority")
        if priority is not None and (not isinstance(priority, int) or isinstance(priority, bool) or not 1 <= priority <= 4):
            return invalid("priority", "an integer from 1 (normal) to 4 (urgent)")
        if sum(1 for name in DUE if fields.get(name)) > 1:
            return invalid("due", "only one of due_string, due_date and due_datetime")
        if fields.get("due_datetime") and parse_rfc3339(fields["due_datetime"]) is None:
            return invalid("due_datetime", "an RFC 3339 date-time in UTC")
        if fields.get("due_date"):
            try:
                datetime.strptime(fields["due_date"], "%Y-%m-%d")
            except ValueError:
                return invalid("due_date", "a date as YYYY-MM-DD")
        if fields.get("project_id") is not None and fields["project_id"] not in self.projects:
            return error(404, "Project not found", "NOT_FOUND", 478, argument="project_id")
        return fields

    # -- endpoints --------------------------------------------------------------------------------------------
    def get_user(self, req: Request) -> Response:
        user = {"id": self.user_id, "email": "ann@example.com", "full_name": "Ann Lee", "inbox_project_id": self.inbox_id,
                "lang": "en", "tz_info": {"timezone": "UTC", "gmt_string": "+00:00", "hours": 0, "minutes": 0,
                "is_dst": 0}, "is_premium": False, "start_day": 1}  # fmt: skip
        return json_response(200, user)

    def list_tasks(self, req: Request) -> Response:
        raw = req.q("limit") or str(DEFAULT_LIMIT)
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
            return invalid("limit", f"an integer from 1 to {MAX_LIMIT}")
        limit = int(raw)
        rows = sorted((t for t in self.tasks.values() if not t["checked"]), key=lambda t: t["child_order"])
        for name in ("project_id", "section_id", "parent_id"):
            if req.q(name):
                rows = [t for t in rows if t[name] == req.q(name)]
        if req.q("label"):
            rows = [t for t in rows if req.q("label") in t["labels"]]
        if req.q("ids"):
            wanted = set((req.q("ids") or "").split(","))
            rows = [t for t in rows if t["id"] in wanted]
        start = 0
        if req.q("cursor"):
            try:
                start = int(base64.urlsafe_b64decode((req.q("cursor") or "").encode()).decode())
            except (ValueError, binascii.Error):
                return invalid("cursor", "a cursor this list returned")
        page = rows[start : start + limit]
        more = start + limit < len(rows)
        cursor = base64.urlsafe_b64encode(str(start + limit).encode()).decode() if more else None
        return json_response(200, {"results": page, "next_cursor": cursor})

    def create_task(self, req: Request) -> Response:
        body = self._body(req)
        if isinstance(body, Response):
            return body
        fields = self._checked(body, creating=True)
        if isinstance(fields, Response):
            return fields
        return json_response(200, self._create(fields))

    def get_task(self, req: Request) -> Response:
        task = self.tasks.get(req.params["id"])
        return json_response(200, task) if task else self._missing()

    def update_task(self, req: Request) -> Response:
        task = self.tasks.get(req.params["id"])
        if task is None:
            return self._missing()
        body = self._body(req)
        if isinstance(body, Response):
            return body
        fields = self._checked(body, creating=False)
        if isinstance(fields, Response):
            return fields
        if "content" in fields and not str(fields["content"]).strip():
            return invalid("content", "a non-empty string")
        self._apply(task, fields)
        task["updated_at"] = self._tick()
        return json_response(200, task)

    def _set_checked(self, req: Request, checked: bool) -> Response:
        task = self.tasks.get(req.params["id"])
        if task is None:
            return self._missing()
        now = self._tick()
        for sub in [task, *(t for t in self.tasks.values() if t["parent_id"] == task["id"] and checked)]:
            sub.update(checked=checked, updated_at=now, completed_at=now if checked else None,
                       completed_by_uid=self.user_id if checked else None)  # fmt: skip
        return Response(204)

    def close_task(self, req: Request) -> Response:
        return self._set_checked(req, True)

    def reopen_task(self, req: Request) -> Response:
        return self._set_checked(req, False)

    def delete_task(self, req: Request) -> Response:
        task = self.tasks.pop(req.params["id"], None)
        if task is None:
            return self._missing()
        for sub in [t["id"] for t in self.tasks.values() if t["parent_id"] == task["id"]]:
            self.tasks.pop(sub, None)
        return Response(204)


if __name__ == "__main__":  # python -m tests.apis.todoist.mock
    mock = TodoistMock()
    mock.seed(5)
    serve_forever(mock, "{mock.base_url}/api/v1 Authorization: Bearer {mock.token}")
