"""`connector-gen smoke --base-url <contract mock> --connection FILE` passes for each real API, on every target.

Each contract mock is written from its contract.md, not from our spec: a wrong spec (or a wrong rendering of one)
fails here. The connection file is written from the mock's own credentials; no secret may appear in stdout, stderr
or the --json report, in any form (raw, URL-encoded, Base64, HTTP Basic). Like every file under tests/apis this one
never imports connector_gen: it drives the command line.

Lists, searches and triggers read more than one page: each run seeds the mock with records made before the run and
smokes a copy of the spec whose page sizes (the paging `limit.max` and every fixed limit) are PAGE, so every paging
style is met over several pages without thousands of records; the cross-target comparison runs the spec as it is.

A platform target runs once `connector-gen validate` stops refusing the spec for it (until its helper's rendering
merges, each refusal names the target, and the case is skipped as pending): no manual switch. The cross-target
comparison runs `--target all` once every target renders the spec.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
import requests
import yaml

from .github.mock import GitHubMock
from .hubspot.mock import HubSpotMock
from .mailchimp.mock import MailchimpMock
from .shopify.mock import ShopifyMock
from .stripe.mock import StripeMock
from .todoist.mock import TodoistMock
from .trello.mock import TrelloMock

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
APIS = ("shopify", "hubspot", "trello", "mailchimp", "stripe", "todoist", "github")
TARGETS = ("python", "make", "n8n", "zapier")
CLI = [sys.executable, "-m", "connector_gen.cli"]
STEPS = {
    "shopify": [
        "get_shop",
        "new_customer (start)",
        "updated_customer (start)",
        "create_customer",
        "find_customers",
        "get_customer",
        "update_customer",
        "list_customers",
        "new_customer (poll 1)",
        "new_customer (poll 2)",
        "updated_customer (poll 1)",
        "updated_customer (poll 2)",
        "delete_customer",
        "get_customer (miss)",
        "find_customers (miss)",
    ],
    "hubspot": [
        "account_details",
        "create_contact",
        "search_contacts",
        "get_contact",
        "update_contact",
        "list_contacts",
        "archive_contact",
        "get_contact (miss)",
        "search_contacts (miss)",
    ],
    "trello": [
        "get_me",
        "create_card",
        "search_cards",
        "get_card",
        "update_card",
        "list_cards",
        "delete_card",
        "get_card (miss)",
        "search_cards (miss)",
    ],
    "mailchimp": [
        "get_account",
        "new_member (start)",
        "add_member",
        "find_member",
        "get_member",
        "update_member",
        "list_members",
        "new_member (poll 1)",
        "new_member (poll 2)",
        "archive_member",
        "get_member (miss)",
        "find_member (miss)",
    ],
    "stripe": [
        *["get_account", "new_customer (start)", "create_customer", "search_customers", "update_customer"],
        *["list_customers", "new_customer (poll 1)", "new_customer (poll 2)", "delete_customer"],
        "search_customers (miss)",
    ],
    "todoist": [
        *["get_user", "create_task", "get_task", "update_task", "list_tasks", "close_task", "reopen_task"],
        *["delete_task", "get_task (miss)"],
    ],
    "github": [
        *["get_user", "new_issue (start)", "updated_issue (start)", "create_issue", "get_issue", "update_issue"],
        *["list_issues", "new_issue (poll 1)", "new_issue (poll 2)", "updated_issue (poll 1)", "updated_issue (poll 2)"],
        *["close_issue", "updated_issue (poll 3)", "get_issue (miss)"],
    ],
}
# Each API's list that must read more than one page, and whether it has triggers (whose polls page too); Trello's
# cards come back whole (style none).
PAGED = {
    "shopify": ("list_customers", True),
    "hubspot": ("list_contacts", False),
    "trello": None,
    "mailchimp": ("list_members", True),
    "stripe": ("list_customers", True),
    "todoist": ("list_tasks", False),
    "github": ("list_issues", True),
}
PAGE = 2  # records per page in the smoke runs
SEEDED = 5  # records each mock holds before a run, so a list of them and the run's own record spans 3 pages
REAL_BASE = {
    "shopify": "https://acme.myshopify.com/admin/api/2024-10",
    "hubspot": "https://api.hubapi.com",
    "trello": "https://api.trello.com/1",
    "mailchimp": "https://us6.api.mailchimp.com/3.0",
    "stripe": "https://api.stripe.com/v1",
    "todoist": "https://api.todoist.com/api/v1",
    "github": "https://api.github.com",
}
GITHUB_SEEDS = 120  # more than one page of 100 for the list and every trigger


@dataclass
class Served:
    """A running contract mock, the base URL smoke gets, its connection file and every secret in it."""

    mock: Any
    base_url: str
    connection: Path
    secrets: list[str]
    leak_forms: set[str] = field(default_factory=set)


def forms(secret: str) -> set[str]:
    """The secret and each encoding of it an echo could carry."""
    found = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}
    found |= {f.lower() for f in list(found) if "%" in f}
    for raw in (secret, f"{secret}:", f":{secret}"):
        found |= {base64.b64encode(raw.encode()).decode().rstrip("=")}
    return found


def _oauth_pair(hub: HubSpotMock) -> dict[str, str]:
    # What a user's one browser consent yields: the tokens smoke is given (no browser here).
    redirect = "http://localhost/callback"
    form = {"grant_type": "authorization_code", "code": hub.issue_code(redirect), "redirect_uri": redirect}
    answer = requests.post(
        f"{hub.base_url}/oauth/v1/token",
        data={**form, "client_id": hub.client_id, "client_secret": hub.client_secret},
        timeout=10,
    ).json()
    return {
        "access_token": answer["access_token"],
        "refresh_token": answer["refresh_token"],
        "client_id": hub.client_id,
        "client_secret": hub.client_secret,
    }


@functools.cache
def _spec(api: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / api / "spec.yaml").read_text())
    return data


@contextlib.contextmanager
def served(api: str, folder: Path, one_page: bool = False) -> Iterator[Served]:
    """Start `api`'s contract mock and write a connection file from its credentials (`one_page`: no more records
    than one page holds, where the API's mock would otherwise start with several pages)."""
    mocks = {"shopify": ShopifyMock, "hubspot": HubSpotMock, "trello": TrelloMock, "mailchimp": MailchimpMock}
    mocks |= {"stripe": StripeMock, "todoist": TodoistMock, "github": GitHubMock}
    with mocks[api]() as m:
        extra: set[str] = set()
        if api == "shopify":
            base, conn = f"{m.base_url}/admin/api/2024-10", {"values": {"shop": m.shop, "access_token": m.token}}
            secrets = [m.token]
        elif api == "trello":
            base = f"{m.base_url}/1"
            # A card needs a real list and labels of its board: the file's `inputs`.
            given = {"create_card.idList": m.list_id, "create_card.idLabels": m.label_ids[:2]}
            conn = {"values": {"api_key": m.key, "token": m.token}, "inputs": given}
            secrets = [m.key, m.token]
        elif api == "mailchimp":
            base, conn = m.base_url, {"values": {"api_key": m.api_key, "list_id": m.list_id}}
            secrets = [m.api_key]
            user = _spec(api)["auth"]["username"]
            extra = {base64.b64encode(f"{user}:{m.api_key}".encode()).decode().rstrip("=")}
        elif api == "stripe":
            # Stripe's query language is not something the plan can build from a record: the file gives one that
            # finds what the create made (its metadata) and, after the delete, nothing.
            query = "metadata['source']:'connector-gen'"
            base = f"{m.base_url}/v1"
            conn = {"values": {"secret_key": m.secret_key}, "inputs": {"search_customers.query": query}}
            secrets = [m.secret_key]
        elif api == "todoist":
            # A task goes in a real project: the file gives the Inbox's id, as the user's account would.
            base = f"{m.base_url}/api/v1"
            conn = {"values": {"api_token": m.token}, "inputs": {"create_task.project_id": m.inbox_id}}
            secrets = [m.token]
        elif api == "github":
            # Every operation is scoped to one repository: the file names it, as a user picks theirs. The repository
            # already holds more than a page of issues and a few pull requests, created two hours earlier.
            m.advance(-7200)
            m.seeded = {i["number"] for i in m.seed(0 if one_page else GITHUB_SEEDS, pulls=3)}
            m.advance(7200)
            scoped = [op for op in _spec(api)["operations"] if op != "get_user"]
            given = {f"{op}.{name}": value for op in scoped for name, value in (("owner", m.owner), ("repo", m.repo))}
            base, conn = m.base_url, {"values": {"token": m.token}, "inputs": given}
            secrets = [m.token]
        else:
            pair = _oauth_pair(m)
            base, conn = m.base_url, {"oauth": pair}
            secrets = [pair["access_token"], pair["refresh_token"], pair["client_secret"]]
            m.expire_tokens()  # the given access token has expired: every target must refresh it and retry
        path = folder / f"{api}-connection.yaml"
        path.write_text(yaml.safe_dump(conn))
        yield Served(m, base, path, secrets, extra)


def seed(api: str, mock: Any) -> set[Any]:
    """Store SEEDED records made before the run (what a real account holds already); returns their ids."""
    rows = mock.seed(SEEDED)
    return {r["id"] for r in rows}


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader without YAML 1.1's yes/no/on/off booleans (`refresh: {on: [401]}` keeps its key)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def small_pages(api: str, folder: Path) -> Path:
    """A copy of `api`'s spec whose pages hold PAGE records (paging limits and fixed limits), beside its icons."""
    data = yaml.load((HERE / api / "spec.yaml").read_text(), Loader=_Yaml12Loader)
    paged = [r.get("pagination") for r in data["resources"].values()]
    for op in data["operations"].values():
        pag = op.get("pagination") or data["resources"][op["resource"]].get("pagination")
        paged.append(op.get("pagination"))
        limit = ((pag or {}).get("limit") or {}).get("param")
        for where in ("query", "body"):
            fixed = op["request"].get(where)
            if limit and isinstance(fixed, dict) and limit in fixed:
                fixed[limit] = PAGE
    for pag in paged:
        if pag and "max" in (pag.get("limit") or {}):
            pag["limit"]["max"] = PAGE
    out = folder / f"{api}-small-pages"
    out.mkdir(exist_ok=True)
    if not (out / "icons").exists():
        (out / "icons").symlink_to(HERE / api / "icons")
    (out / "spec.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return out / "spec.yaml"


def _run(args: list[str], env: dict[str, str] | None = None, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONNECTOR_GEN_") or k == "CONNECTOR_GEN_CACHE"}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env={**clean, **(env or {})})


@functools.cache
def refusals(api: str) -> dict[str, str]:
    """By target, the first error `connector-gen validate` reports for it on `api`'s spec (none: it renders)."""
    result = _run(["validate", str(HERE / api / "spec.yaml")], timeout=120)
    found: dict[str, str] = {}
    for line in result.stderr.splitlines():
        for target in TARGETS:
            if f": {target}: " in line:
                found.setdefault(target, line.split(": ", 1)[-1])
    assert result.returncode == 0 or found, result.stderr  # refused for another reason: the spec itself is wrong
    return found


def pending(api: str, targets: tuple[str, ...]) -> None:
    """Skip while a platform target still refuses `api`'s spec (its rendering has not merged yet)."""
    waiting = {t: refusals(api)[t] for t in targets if t != "python" and t in refusals(api)}
    if waiting:
        pytest.skip(f"pending: {', '.join(waiting)} does not render the {api} spec yet ({next(iter(waiting.values()))})")


def _smoke(
    api: str, target: str, srv: Served, folder: Path, env: dict[str, str] | None = None, spec: Path | None = None
) -> dict[str, Any]:
    spec = spec or HERE / api / "spec.yaml"
    dist = folder / "dist"
    for name in TARGETS[1:] if target == "all" else (() if target == "python" else (target,)):
        built = _run(["build", "--target", name, "--spec", str(spec), "--out", str(dist)], timeout=300)
        assert built.returncode == 0, built.stderr
    args = ["smoke", "--target", target, "--spec", str(spec), "--dist", str(dist), "--base-url", srv.base_url]
    result = _run([*args, "--connection", str(srv.connection), "--json"], env)
    shown = result.stdout + result.stderr
    # Tokens the API handed out during the run (a refreshed access token) are secrets too.
    issued = [*getattr(srv.mock, "access_tokens", {}), *getattr(srv.mock, "refresh_tokens", set())]
    assert issued or srv.mock.__class__ is not HubSpotMock
    for secret in [*srv.secrets, *issued]:
        leaked = sorted(f for f in forms(secret) | srv.leak_forms if f in shown)
        assert not leaked, f"a secret appears in smoke's output (forms: {len(leaked)})"
    assert result.returncode == 0, result.stderr[-4000:]
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["ok"] is True and report["mode"] == "api"
    return report


# The platform targets run their artifacts in Node (Zapier, n8n) or the IML interpreter, like the other slow tests.
ON_TARGETS = [pytest.param(t, marks=() if t == "python" else pytest.mark.slow) for t in TARGETS]


@pytest.mark.parametrize("target", ON_TARGETS)
@pytest.mark.parametrize("api", APIS)
def test_smoke_passes_against_the_contract_mock(api: str, target: str, tmp_path: Path) -> None:
    pending(api, (target,))
    # Make's list and trigger modules stop at their Limit, whose default is the page size (Make's result limit):
    # on small pages Make would read, and hand on, one page of the seeded records by design. It runs the spec as it
    # is, so what it reads fits one page.
    paged = target != "make"
    small = paged and api != "github"  # GitHub's mock already holds more than a page of 100 (GITHUB_SEEDS)
    with served(api, tmp_path) as srv:
        seeded = seed(api, srv.mock) if api != "github" else set()
        report = _smoke(api, target, srv, tmp_path, spec=small_pages(api, tmp_path) if small else None)
        assert [s["step"] for s in report["steps"]] == STEPS[api]
        for step in report["steps"]:
            assert step["results"][target]["result"] == "ok", step
        # Every request went to the API's real host and path (as the recorder saw them), and the plan left nothing.
        urls = [r["url"] for s in report["steps"] for r in s["results"][target]["requests"]]
        assert urls and all(u.startswith(REAL_BASE[api]) for u in urls), urls
        assert report["undeclared"], "a real API answers fields the spec does not declare; smoke notes them"
        assert not leftovers(api, srv.mock, seeded)
        requests_of = {s["step"]: len(s["results"][target]["requests"]) for s in report["steps"]}
        if PAGED[api] and paged:  # the list read every page; some poll paged (activation, or a window's pages)
            listed, triggers = PAGED[api]
            assert requests_of[listed] > 1, requests_of
            polls = [n for step, n in requests_of.items() if "(start)" in step or "(poll" in step]
            assert not triggers or max(polls) > 1, requests_of
        if api == "hubspot":  # the expired access token was refreshed once and the request retried
            assert [e.status for e in srv.mock.log[1:4]] == [401, 200, 200], srv.mock.log


def leftovers(api: str, mock: Any, seeded: frozenset[Any] | set[Any] = frozenset()) -> list[Any]:
    """Records the smoke run left behind in the contract mock (archived ones are gone for the API's users)."""
    if api == "shopify":
        rows = list(mock.customers.values())
    elif api == "trello":
        rows = list(mock.cards.values())
    elif api == "hubspot":
        rows = [c for c in mock.contacts.values() if not c.get("archived")]
    elif api == "stripe":
        rows = list(mock.customers.values())
    elif api == "todoist":
        rows = list(mock.tasks.values())
    elif api == "github":  # issues cannot be deleted: the run closes what it opened
        rows = [i for n, i in mock.issues().items() if n not in mock.seeded and i["state"] == "open"]
    else:
        rows = [m for members in mock.lists.values() for m in members.values() if m.get("status") != "archived"]
    return [r for r in rows if r["id"] not in seeded]


@pytest.mark.slow
@pytest.mark.parametrize("api", APIS)
def test_requests_match_across_targets(api: str, tmp_path: Path) -> None:
    pending(api, TARGETS)
    # Over several pages the platforms read differently by design (Zapier and Make read a trigger's whole window, the
    # runtime and n8n from their cursor; Make's list stops at its Limit): requests compare one for one on one page.
    with served(api, tmp_path, one_page=True) as srv:
        report = _smoke(api, "all", srv, tmp_path)
    assert report["targets"] == list(TARGETS)
    for step in report["steps"]:  # the runner compares already; this holds even if it forgot to
        reference = step["results"]["python"]["requests"]
        assert reference
        for target in TARGETS[1:]:
            assert step["results"][target]["requests"] == reference, (step["step"], target)


def test_connection_values_come_from_the_environment_too(tmp_path: Path) -> None:
    with served("shopify", tmp_path) as srv:
        srv.connection.write_text("{}\n")
        env = {"CONNECTOR_GEN_SHOP": srv.mock.shop, "CONNECTOR_GEN_ACCESS_TOKEN": srv.mock.token}
        report = _smoke("shopify", "python", srv, tmp_path, env)
    assert [s["step"] for s in report["steps"]] == STEPS["shopify"]


def test_a_missing_value_is_a_usage_error_naming_field_and_variable(tmp_path: Path) -> None:
    key = "0123456789abcdef0123456789abcdef"
    conn = tmp_path / "trello.json"
    conn.write_text(json.dumps({"values": {"api_key": key}}))
    spec = str(HERE / "trello" / "spec.yaml")
    result = _run(["smoke", "--target", "python", "--spec", spec, "--base-url", "http://127.0.0.1:9", "--connection", str(conn)])
    assert result.returncode == 2, result.stderr
    assert "'token'" in result.stderr and "CONNECTOR_GEN_TOKEN" in result.stderr
    assert not any(f in result.stdout + result.stderr for f in forms(key))


def test_records_left_by_a_failed_run_are_cleaned_up(tmp_path: Path) -> None:
    with served("trello", tmp_path) as srv:
        conn = yaml.safe_load(srv.connection.read_text())
        conn["inputs"]["delete_card.id"] = "5abbe4b7ddc1b351ef960000"  # the plan's delete misses: the run fails
        srv.connection.write_text(yaml.safe_dump(conn))
        spec = str(HERE / "trello" / "spec.yaml")
        args = ["smoke", "--target", "python", "--spec", spec, "--base-url", srv.base_url, "--connection", str(srv.connection)]
        result = _run([*args, "--json"])
        assert result.returncode == 1, result.stderr
        report = json.loads(result.stdout)
        assert any("delete_card" in note and note.endswith(": done") for note in report["cleanup"]), report["cleanup"]
        assert not leftovers("trello", srv.mock)


def test_a_throttled_request_is_retried_after_the_apis_retry_after(tmp_path: Path) -> None:
    # Shopify documents a 429 with Retry-After in seconds (written `2.0`); the run waits and repeats the request.
    with served("shopify", tmp_path) as srv:
        srv.mock.throttle(1)
        report = _smoke("shopify", "python", srv, tmp_path)
        assert [e.status for e in srv.mock.log[:2]] == [429, 200], srv.mock.log
    assert all(s["results"]["python"]["result"] == "ok" for s in report["steps"])
