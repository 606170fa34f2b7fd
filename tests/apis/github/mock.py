"""Contract mock of GitHub's REST API (repository issues), written from tests/apis/github/contract.md.

GitHub has one API host (api.github.com), so `m.base_url` is `http://127.0.0.1:<port>` and paths are the real ones
(`/user`, `/repos/{owner}/{repo}/issues`, `/repositories/{id}/issues` for the pages a `Link` header names). The token
rides as `Authorization: Bearer` (or `token`); bodies are JSON; lists are top-level arrays paged by `per_page` and
`page` with a `Link` header (`rel="next"`, `"last"`, `"first"`, `"prev"`); errors are `{"message", "documentation_url"}`
(422 adds `errors`); every answer carries the `x-ratelimit-*` headers. Pull requests are issues too: they sit in the
list with a `pull_request` key. Never imports connector_gen.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from .._server import ContractMock, Request, Response, json_response, serve_forever

API = "https://api.github.com"
WEB = "https://github.com"
DOCS = "https://docs.github.com/rest"
VERSIONS = ("2022-11-28",)
DEFAULT_PER_PAGE, MAX_PER_PAGE = 30, 100
LIMIT = 5000
REPO = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"
STATES = ("open", "closed")
REASONS = ("completed", "not_planned", "duplicate", "reopened")
_ORDER = ("prev", "next", "last", "first")  # the order of the docs' example


def stamp(moment: datetime) -> str:
    """GitHub's timestamp form: UTC, whole seconds, Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str | None) -> datetime | None:
    """An ISO 8601 date-time (Z or an offset; no offset is UTC) or a date, else None."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip().upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def error(status: int, message: str, doc: str = DOCS, headers: dict[str, str] | None = None, **extra: Any) -> Response:
    """GitHub's error body: a message and the documentation URL (a 422 adds `errors`)."""
    return json_response(status, {"message": message, **extra, "documentation_url": doc}, headers)


def invalid(field: str, code: str = "invalid", **more: Any) -> Response:
    """A 422 Validation Failed naming the issue field."""
    return error(
        422, "Validation Failed", f"{DOCS}/issues/issues", errors=[{"resource": "Issue", "field": field, "code": code, **more}]
    )


def user(login: str, uid: int) -> dict[str, Any]:
    """A simple user object as GitHub embeds it."""
    return {"login": login, "id": uid, "node_id": f"U_{uid}", "avatar_url": f"https://avatars.githubusercontent.com/u/{uid}",
            "url": f"{API}/users/{login}", "html_url": f"{WEB}/{login}", "type": "User", "site_admin": False}  # fmt: skip


class Repo:
    """One repository's issues (pull requests included) and its labels."""

    def __init__(self, rid: int, owner: str, name: str, has_issues: bool = True) -> None:
        self.id, self.owner, self.name, self.has_issues = rid, owner, name, has_issues
        self.issues: dict[int, dict[str, Any]] = {}
        self.numbers = itertools.count(1)
        self.labels: dict[str, dict[str, Any]] = {}


class GitHubMock(ContractMock):
    """GitHub issues on loopback: `with GitHubMock() as m: m.base_url, m.token, m.owner, m.repo, m.seed(...)`."""

    def __init__(self, token: str = "ghp_" + "C0nnect0rGenM0ckT0ken0123456789abcd") -> None:
        self.token = token
        self.me = user("octocat", 583231)
        self.owner, self.repo = "octo-org", "hello-world"
        self.repos: dict[tuple[str, str], Repo] = {}
        self.offset = timedelta()  # tests move the clock; real time otherwise (Zapier and Make poll a window of it)
        self.remaining = LIMIT
        self._ids = itertools.count(1_900_000_001)
        self._limited: tuple[str, int] = ("primary", 0)
        super().__init__()
        self.add_repo(self.owner, self.repo)
        self.add_repo(self.owner, "no-issues", has_issues=False)

    @property
    def base_url(self) -> str:
        """What https://api.github.com becomes on loopback."""
        return self.root_url

    def now(self) -> datetime:
        """The server's clock (real time, moved by `advance`), to the second."""
        return (datetime.now(UTC) + self.offset).replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        """Move the server's clock forward."""
        self.offset += timedelta(seconds=seconds)

    def add_repo(self, owner: str, name: str, has_issues: bool = True) -> Repo:
        """Another repository; returns it."""
        repo = Repo(1_296_269 + len(self.repos), owner, name, has_issues)
        self.repos[(owner.lower(), name.lower())] = repo
        return repo

    def issues(self, owner: str | None = None, name: str | None = None) -> dict[int, dict[str, Any]]:
        """The issues (and pull requests) of a repository, by number."""
        return self.repos[((owner or self.owner).lower(), (name or self.repo).lower())].issues

    def seed(self, count: int = 0, issues: list[dict[str, Any]] | None = None, pulls: int = 0) -> list[dict[str, Any]]:
        """Add `count` generated issues, the given ones and `pulls` pull requests to the default repository."""
        repo = self.repos[(self.owner, self.repo)]
        rows = [dict(i) for i in issues or []] + [{"title": f"Seed issue {i}"} for i in range(count)]
        made = [dict(self._create(repo, row)) for row in rows]
        for i in range(pulls):
            pull = self._create(repo, {"title": f"Seed pull request {i}"})
            n = pull["number"]
            pull["pull_request"] = {"url": f"{API}/repos/{repo.owner}/{repo.name}/pulls/{n}", "merged_at": None,
                                    "html_url": f"{WEB}/{repo.owner}/{repo.name}/pull/{n}",
                                    "diff_url": f"{WEB}/{repo.owner}/{repo.name}/pull/{n}.diff",
                                    "patch_url": f"{WEB}/{repo.owner}/{repo.name}/pull/{n}.patch"}  # fmt: skip
            pull["html_url"] = pull["pull_request"]["html_url"]
            made.append(dict(pull))
        return made

    def throttle(self, count: int = 1, kind: str = "primary") -> None:
        """Answer the next `count` authenticated requests as rate limited: `primary` (403, remaining 0, reset) or
        `secondary` (429 with retry-after)."""
        with self.lock:
            self._limited = (kind, count)

    # -- records ----------------------------------------------------------------------------------------------
    def _label(self, repo: Repo, name: str) -> dict[str, Any]:
        if name.lower() not in repo.labels:
            lid = next(self._ids)
            where = f"{API}/repos/{repo.owner}/{repo.name}/labels/{name}"
            repo.labels[name.lower()] = {"id": lid, "node_id": f"LA_{lid}", "url": where, "name": name, "color": "ededed",
                                         "default": False, "description": None}  # fmt: skip
        return dict(repo.labels[name.lower()])

    def _create(self, repo: Repo, fields: dict[str, Any]) -> dict[str, Any]:
        now = stamp(self.now())
        n = next(repo.numbers)
        iid = next(self._ids)
        base = f"{API}/repos/{repo.owner}/{repo.name}/issues/{n}"
        issue: dict[str, Any] = {
            "id": iid, "node_id": f"I_{iid}", "url": base, "repository_url": f"{API}/repos/{repo.owner}/{repo.name}",
            "labels_url": base + "/labels{/name}", "comments_url": base + "/comments", "events_url": base + "/events",
            "html_url": f"{WEB}/{repo.owner}/{repo.name}/issues/{n}", "number": n, "state": "open", "state_reason": None,
            "title": "", "body": None, "user": self.me, "labels": [], "assignee": None, "assignees": [], "milestone": None,
            "locked": False, "active_lock_reason": None, "comments": 0, "created_at": now, "updated_at": now,
            "closed_at": None, "closed_by": None, "author_association": "OWNER",
        }  # fmt: skip
        self._apply(repo, issue, fields)
        repo.issues[n] = issue
        return issue

    def _apply(self, repo: Repo, issue: dict[str, Any], fields: dict[str, Any]) -> None:
        if "title" in fields:
            issue["title"] = str(fields["title"])  # GitHub takes a string or an integer title
        if "body" in fields:
            issue["body"] = fields["body"]
        if "labels" in fields:
            names = [x["name"] if isinstance(x, dict) else x for x in fields["labels"] or []]
            issue["labels"] = [self._label(repo, str(name)) for name in names]
        if "assignees" in fields:
            issue["assignees"] = [self.me for login in fields["assignees"] or [] if login == self.me["login"]]
            issue["assignee"] = issue["assignees"][0] if issue["assignees"] else None
        state = fields.get("state")
        if state is not None and state != issue["state"]:
            issue["state"] = state
            closing = state == "closed"
            issue["closed_at"] = stamp(self.now()) if closing else None
            issue["closed_by"] = self.me if closing else None
            issue["state_reason"] = fields.get("state_reason") or ("completed" if closing else "reopened")
        elif "state_reason" in fields and issue["state"] == "closed":
            issue["state_reason"] = fields["state_reason"]

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", r"/user", self.get_user)
        self.route("GET", REPO + r"/issues", self.list_issues)
        self.route("GET", r"/repositories/(?P<rid>\d+)/issues", self.list_issues)
        self.route("POST", REPO + r"/issues", self.create_issue)
        self.route("GET", REPO + r"/issues/(?P<number>\d+)", self.get_issue)
        self.route("PATCH", REPO + r"/issues/(?P<number>\d+)", self.update_issue)

    def dispatch(self, req: Request) -> Response:
        """Route one request, then add the rate-limit headers every answer carries."""
        if not (req.header("User-Agent") or "").strip():
            message = "Request forbidden by administrative rules. Please make sure your request has a User-Agent header."
            return error(403, message, f"{DOCS}/using-the-rest-api/getting-started-with-the-rest-api#user-agent")
        version = req.header("X-GitHub-Api-Version")
        if version is not None and version.strip() not in VERSIONS:
            return error(
                400, f"Unsupported 'X-GitHub-Api-Version' header value: {version}", f"{DOCS}/about-the-rest-api/api-versions"
            )
        resp = super().dispatch(req)
        with self.lock:
            if self._authorized(req):
                self.remaining = max(0, self.remaining - 1)
            reset = int((self.now() + timedelta(hours=1)).timestamp())
            resp.headers.setdefault("x-ratelimit-limit", str(LIMIT))
            resp.headers.setdefault("x-ratelimit-remaining", str(self.remaining))
            resp.headers.setdefault("x-ratelimit-used", str(LIMIT - self.remaining))
            resp.headers.setdefault("x-ratelimit-reset", str(reset))
            resp.headers.setdefault("x-ratelimit-resource", "core")
            resp.headers.setdefault("x-github-api-version-selected", VERSIONS[0])
        return resp

    def _authorized(self, req: Request) -> bool:
        scheme, _, value = (req.header("Authorization") or "").partition(" ")
        return scheme.lower() in ("bearer", "token") and value.strip() == self.token

    def authenticate(self, req: Request) -> Response | None:
        if req.header("Authorization") is None:
            # A private repository is hidden from anonymous requests; the user endpoint needs a token.
            if req.path == "/user":
                return error(401, "Requires authentication", f"{DOCS}/users/users#get-the-authenticated-user")
            return error(404, "Not Found", f"{DOCS}/issues/issues")
        if not self._authorized(req):
            return error(401, "Bad credentials", DOCS)
        with self.lock:
            kind, count = self._limited
            if count > 0:
                self._limited = (kind, count - 1)
                return self._rate_limited(kind)
        return None

    def _rate_limited(self, kind: str) -> Response:
        reset = str(int((self.now() + timedelta(minutes=30)).timestamp()))
        if kind == "secondary":
            message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
            return error(429, message, f"{DOCS}/using-the-rest-api/rate-limits-for-the-rest-api", {"retry-after": "60"})
        heads = {"x-ratelimit-remaining": "0", "x-ratelimit-used": str(LIMIT), "x-ratelimit-reset": reset}
        message = f"API rate limit exceeded for user ID {self.me['id']}."
        return error(403, message, f"{DOCS}/using-the-rest-api/rate-limits-for-the-rest-api", heads)

    def not_found(self, req: Request) -> Response:
        return error(404, "Not Found", DOCS)

    def _repo(self, req: Request) -> Repo | Response:
        if "rid" in req.params:
            found = next((r for r in self.repos.values() if str(r.id) == req.params["rid"]), None)
        else:
            found = self.repos.get((req.params["owner"].lower(), req.params["repo"].lower()))
        if found is None:
            return error(404, "Not Found", f"{DOCS}/issues/issues")
        if not found.has_issues:
            return error(410, "Issues are disabled for this repo", f"{DOCS}/issues/issues")
        return found

    def _issue(self, req: Request) -> tuple[Repo, dict[str, Any]] | Response:
        repo = self._repo(req)
        if isinstance(repo, Response):
            return repo
        issue = repo.issues.get(int(req.params["number"]))
        if issue is None:
            return error(404, "Not Found", f"{DOCS}/issues/issues#get-an-issue")
        return repo, issue

    @staticmethod
    def _body(req: Request) -> dict[str, Any] | Response:
        try:
            body = json.loads(req.body) if req.body else {}
        except ValueError:
            return error(400, "Problems parsing JSON", DOCS)
        if not isinstance(body, dict):
            return error(400, "Body should be a JSON object", DOCS)
        return body

    def _checked(self, body: dict[str, Any], creating: bool) -> dict[str, Any] | Response:
        """The issue fields of a create/update after GitHub's checks; unknown keys are ignored."""
        fields = {
            k: v for k, v in body.items() if k in ("title", "body", "state", "state_reason", "labels", "assignees", "milestone")
        }
        title = fields.get("title")
        if creating and (title is None or (isinstance(title, str) and not title.strip())):
            return invalid("title", "missing_field")
        if "title" in fields and (isinstance(title, bool) or not isinstance(title, (str, int))):
            return invalid("title")
        if fields.get("body") is not None and not isinstance(fields["body"], str):
            return invalid("body")
        if creating:
            fields.pop("state", None), fields.pop("state_reason", None)
        if "state" in fields and fields["state"] not in STATES:
            return invalid("state")
        if fields.get("state_reason") is not None and fields["state_reason"] not in REASONS:
            return invalid("state_reason")
        for name in ("labels", "assignees"):
            if name in fields and fields[name] is not None and not isinstance(fields[name], list):
                return invalid(name)
        unknown = [a for a in fields.get("assignees") or [] if a != self.me["login"]]
        if unknown:
            return invalid("assignees", value=unknown)
        return fields

    # -- endpoints --------------------------------------------------------------------------------------------
    def get_user(self, req: Request) -> Response:
        return json_response(200, {**self.me, "name": "The Octocat", "email": None, "company": "@github",
                                   "created_at": "2011-01-25T18:44:36Z", "public_repos": 8})  # fmt: skip

    def list_issues(self, req: Request) -> Response:
        repo = self._repo(req)
        if isinstance(repo, Response):
            return repo
        rows = list(repo.issues.values())
        state = req.q("state") or "open"
        if state != "all":
            rows = [i for i in rows if i["state"] == state]
        if req.q("labels"):
            wanted = {n.strip().lower() for n in (req.q("labels") or "").split(",") if n.strip()}
            rows = [i for i in rows if wanted <= {lab["name"].lower() for lab in i["labels"]}]
        if req.q("creator"):
            rows = [i for i in rows if i["user"]["login"].lower() == (req.q("creator") or "").lower()]
        if req.q("assignee"):
            who = (req.q("assignee") or "").lower()
            rows = [i for i in rows if (who == "none" and not i["assignees"]) or (who == "*" and i["assignees"])
                    or any(a["login"].lower() == who for a in i["assignees"])]  # fmt: skip
        if req.q("since") is not None:
            since = parse_iso(req.q("since"))
            if since is None:
                return invalid("since")
            rows = [i for i in rows if parse_iso(i["updated_at"]) >= since]  # type: ignore[operator]
        sort = req.q("sort") or "created"
        key = {"updated": "updated_at", "comments": "comments"}.get(sort, "created_at")
        rows.sort(key=lambda i: (i[key], i["number"]), reverse=(req.q("direction") or "desc") != "asc")
        per_page = int(req.q("per_page") or 0) if (req.q("per_page") or "").isdigit() else 0
        per_page = min(per_page, MAX_PER_PAGE) if per_page > 0 else DEFAULT_PER_PAGE
        page = int(req.q("page") or 1) if (req.q("page") or "").isdigit() and int(req.q("page") or 0) > 0 else 1
        last = max(1, -(-len(rows) // per_page))
        links = self._links(repo, req, page, last)
        headers = {"Link": links} if links else {}
        return json_response(200, rows[(page - 1) * per_page : page * per_page], headers)

    def _links(self, repo: Repo, req: Request, page: int, last: int) -> str:
        # The pages of a paginated answer, as GitHub names them: by the repository's id, the query kept, page replaced.
        if last == 1:
            return ""
        query = [(k, v) for k, vs in req.query.items() if k != "page" for v in vs]

        def url(n: int) -> str:
            return f"{self.root_url}/repositories/{repo.id}/issues?{urlencode([*query, ('page', str(n))])}"

        rels = [(page - 1, "prev"), (1, "first")] if page > 1 else []
        rels = ([(page + 1, "next"), (last, "last")] if page < last else []) + rels
        return ", ".join(f'<{url(n)}>; rel="{rel}"' for n, rel in sorted(rels, key=lambda r: _ORDER.index(r[1])))

    def create_issue(self, req: Request) -> Response:
        repo = self._repo(req)
        if isinstance(repo, Response):
            return repo
        body = self._body(req)
        if isinstance(body, Response):
            return body
        fields = self._checked(body, creating=True)
        if isinstance(fields, Response):
            return fields
        issue = self._create(repo, fields)
        return json_response(201, issue, {"Location": issue["url"]})

    def get_issue(self, req: Request) -> Response:
        found = self._issue(req)
        return found if isinstance(found, Response) else json_response(200, found[1])

    def update_issue(self, req: Request) -> Response:
        found = self._issue(req)
        if isinstance(found, Response):
            return found
        repo, issue = found
        body = self._body(req)
        if isinstance(body, Response):
            return body
        fields = self._checked(body, creating=False)
        if isinstance(fields, Response):
            return fields
        if "title" in fields and not str(fields["title"]).strip():
            return invalid("title", "missing_field")
        self._apply(repo, issue, fields)
        issue["updated_at"] = stamp(self.now())
        return json_response(200, issue)


if __name__ == "__main__":  # python -m tests.apis.github.mock
    mock = GitHubMock()
    mock.seed(5, pulls=1)
    serve_forever(mock, "{mock.base_url} Authorization: Bearer {mock.token} repo: {mock.owner}/{mock.repo}")
