"""Drive the GitHub contract mock with plain requests, exactly as tests/apis/github/contract.md describes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from .mock import GitHubMock, stamp


@pytest.fixture
def github() -> Iterator[GitHubMock]:
    with GitHubMock() as mock:
        yield mock


def url(mock: GitHubMock, path: str) -> str:
    return f"{mock.base_url}{path}"


def issues_url(mock: GitHubMock, suffix: str = "") -> str:
    return url(mock, f"/repos/{mock.owner}/{mock.repo}/issues{suffix}")


def auth(mock: GitHubMock, scheme: str = "Bearer") -> dict[str, str]:
    return {
        "Authorization": f"{scheme} {mock.token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
    }


def next_link(resp: requests.Response) -> str | None:
    return resp.links.get("next", {}).get("url")


def test_auth_test_reads_the_user_with_either_scheme(github: GitHubMock) -> None:
    for scheme in ("Bearer", "token"):
        resp = requests.get(url(github, "/user"), headers=auth(github, scheme), timeout=5)
        assert resp.status_code == 200
        assert resp.json()["login"] == "octocat" and isinstance(resp.json()["id"], int)
        assert {"x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"} <= {k.lower() for k in resp.headers}


def test_wrong_missing_token_and_private_repositories(github: GitHubMock) -> None:
    wrong = requests.get(url(github, "/user"), headers={"Authorization": "Bearer ghp_wrong"}, timeout=5)
    assert wrong.status_code == 401 and wrong.json()["message"] == "Bad credentials"
    assert wrong.json()["documentation_url"].startswith("https://docs.github.com/")
    assert github.token not in wrong.text
    assert requests.get(url(github, "/user"), timeout=5).status_code == 401
    hidden = requests.get(issues_url(github), timeout=5)  # a private repository is hidden from anonymous requests
    assert hidden.status_code == 404 and hidden.json()["message"] == "Not Found"


def test_headers_github_asks_for(github: GitHubMock) -> None:
    bad = requests.get(url(github, "/user"), headers={**auth(github), "X-GitHub-Api-Version": "2020-01-01"}, timeout=5)
    assert bad.status_code == 400 and "X-GitHub-Api-Version" in bad.json()["message"]
    default = {k: v for k, v in auth(github).items() if k != "X-GitHub-Api-Version"}
    assert requests.get(url(github, "/user"), headers=default, timeout=5).status_code == 200
    no_agent = requests.get(url(github, "/user"), headers={**auth(github), "User-Agent": ""}, timeout=5)
    assert no_agent.status_code == 403 and "User-Agent" in no_agent.json()["message"]


def test_create_is_201_and_get_reads_it(github: GitHubMock) -> None:
    body = {"title": "Found a bug", "body": "It breaks.", "labels": ["bug"], "assignees": ["octocat"]}
    resp = requests.post(issues_url(github), json=body, headers=auth(github), timeout=5)
    assert resp.status_code == 201
    issue = resp.json()
    assert resp.headers["Location"] == issue["url"]
    assert (issue["number"], issue["state"], issue["state_reason"], issue["title"]) == (1, "open", None, "Found a bug")
    assert [lab["name"] for lab in issue["labels"]] == ["bug"] and isinstance(issue["labels"][0]["id"], int)
    assert [a["login"] for a in issue["assignees"]] == ["octocat"]
    created = datetime.strptime(issue["created_at"], "%Y-%m-%dT%H:%M:%SZ")
    assert issue["created_at"] == issue["updated_at"] and created.year >= 2026
    got = requests.get(issues_url(github, "/1"), headers=auth(github), timeout=5)
    assert got.status_code == 200 and got.json() == issue


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [({}, "title", "missing_field"), ({"title": "x", "state_reason": "x"}, None, None), ({"title": ["x"]}, "title", "invalid"),
     ({"title": "x", "assignees": ["someone-else"]}, "assignees", "invalid")],
)  # fmt: skip
def test_validation_failed_names_the_field(github: GitHubMock, body: dict[str, Any], field: str | None, code: str | None) -> None:
    resp = requests.post(issues_url(github), json=body, headers=auth(github), timeout=5)
    if field is None:  # a create ignores state and state_reason
        assert resp.status_code == 201
        return
    assert resp.status_code == 422 and resp.json()["message"] == "Validation Failed"
    assert resp.json()["errors"][0] == {"resource": "Issue", "field": field, "code": code, **resp.json()["errors"][0]}
    assert resp.json()["errors"][0]["code"] == code


def test_bad_json_and_disabled_or_unknown_repositories(github: GitHubMock) -> None:
    garbled = requests.post(issues_url(github), data=b"{nope", headers=auth(github), timeout=5)
    assert (garbled.status_code, garbled.json()["message"]) == (400, "Problems parsing JSON")
    listed = requests.post(issues_url(github), json=["x"], headers=auth(github), timeout=5)
    assert (listed.status_code, listed.json()["message"]) == (400, "Body should be a JSON object")
    gone = requests.get(url(github, f"/repos/{github.owner}/no-issues/issues"), headers=auth(github), timeout=5)
    assert gone.status_code == 410
    assert requests.get(url(github, "/repos/nobody/nothing/issues"), headers=auth(github), timeout=5).status_code == 404
    assert requests.get(issues_url(github, "/999"), headers=auth(github), timeout=5).status_code == 404


def test_update_closes_and_reopens_by_state(github: GitHubMock) -> None:
    (issue,) = github.seed(issues=[{"title": "Plan"}])
    one = issues_url(github, f"/{issue['number']}")
    github.advance(5)
    renamed = requests.patch(one, json={"title": "Plan more"}, headers=auth(github), timeout=5).json()
    assert renamed["title"] == "Plan more" and renamed["updated_at"] > issue["updated_at"]
    closed = requests.patch(one, json={"state": "closed"}, headers=auth(github), timeout=5).json()
    assert (closed["state"], closed["state_reason"], closed["closed_by"]["login"]) == ("closed", "completed", "octocat")
    assert closed["closed_at"] is not None
    not_planned = requests.patch(one, json={"state_reason": "not_planned"}, headers=auth(github), timeout=5).json()
    assert not_planned["state_reason"] == "not_planned"
    reopened = requests.patch(one, json={"state": "open"}, headers=auth(github), timeout=5).json()
    assert (reopened["state"], reopened["state_reason"], reopened["closed_at"]) == ("open", "reopened", None)
    bad = requests.patch(one, json={"state": "done"}, headers=auth(github), timeout=5)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "state"


def test_list_pages_by_link_header_until_no_next(github: GitHubMock) -> None:
    made = github.seed(7, pulls=1)
    first = requests.get(issues_url(github), params={"per_page": "3", "state": "all"}, headers=auth(github), timeout=5)
    assert first.status_code == 200 and "prev" not in first.links
    assert set(first.links) == {"next", "last"}
    seen = [i["number"] for i in first.json()]
    link = next_link(first)
    pages = 1
    while link:
        # The page URLs name the repository by id and keep the query, page replaced.
        split = urlsplit(link)
        repo_id = github.repos[(github.owner, github.repo)].id
        assert split.path == f"/repositories/{repo_id}/issues"
        assert parse_qs(split.query)["per_page"] == ["3"] and parse_qs(split.query)["state"] == ["all"]
        resp = requests.get(link, headers=auth(github), timeout=5)
        seen += [i["number"] for i in resp.json()]
        pages += 1
        link = next_link(resp)
        assert "first" in resp.links and "prev" in resp.links
    assert pages == 3 and seen == sorted((i["number"] for i in made), reverse=True)  # created, newest first
    pull = next(i for i in made if "pull_request" in i)
    listed = requests.get(issues_url(github), params={"per_page": "100"}, headers=auth(github), timeout=5).json()
    assert pull["number"] in [i["number"] for i in listed]  # pull requests are in the issues list
    assert "Link" not in requests.get(issues_url(github), params={"per_page": "100"}, headers=auth(github), timeout=5).headers


def test_per_page_is_capped_at_100_and_defaults_to_30(github: GitHubMock) -> None:
    github.seed(105)
    capped = requests.get(issues_url(github), params={"per_page": "150"}, headers=auth(github), timeout=5)
    assert len(capped.json()) == 100 and "next" in capped.links
    assert len(requests.get(issues_url(github), headers=auth(github), timeout=5).json()) == 30
    past = requests.get(issues_url(github), params={"per_page": "100", "page": "3"}, headers=auth(github), timeout=5)
    assert past.json() == []


def test_since_filters_by_update_time_and_sort_updated_orders_newest_first(github: GitHubMock) -> None:
    old, quiet = github.seed(issues=[{"title": "old"}, {"title": "quiet"}])
    github.advance(3600)
    cut = github.now()
    github.advance(1)
    requests.patch(issues_url(github, f"/{old['number']}"), json={"body": "changed"}, headers=auth(github), timeout=5)
    github.advance(1)
    (fresh,) = github.seed(issues=[{"title": "fresh"}])
    query = {"state": "all", "sort": "updated", "direction": "desc", "since": stamp(cut)}
    changed = requests.get(issues_url(github), params=query, headers=auth(github), timeout=5).json()
    assert [i["title"] for i in changed] == ["fresh", "old"]
    exact = {**query, "since": fresh["updated_at"]}  # at or after: inclusive
    inclusive = requests.get(issues_url(github), params=exact, headers=auth(github), timeout=5).json()
    assert [i["title"] for i in inclusive] == ["fresh"]
    fraction = {**query, "since": (cut - timedelta(hours=2)).astimezone(UTC).isoformat(timespec="milliseconds")}
    assert len(requests.get(issues_url(github), params=fraction, headers=auth(github), timeout=5).json()) == 3
    bad = requests.get(issues_url(github), params={"since": "yesterday"}, headers=auth(github), timeout=5)
    assert bad.status_code == 422
    ascending = requests.get(issues_url(github), params={**query, "direction": "asc"}, headers=auth(github), timeout=5).json()
    assert [i["title"] for i in ascending] == ["old", "fresh"] and quiet["title"] == "quiet"


def test_state_and_label_filters(github: GitHubMock) -> None:
    a, b = github.seed(issues=[{"title": "a", "labels": ["bug", "ui"]}, {"title": "b", "labels": ["bug"]}])
    requests.patch(issues_url(github, f"/{b['number']}"), json={"state": "closed"}, headers=auth(github), timeout=5)

    def titles(**params: str) -> list[str]:
        return [i["title"] for i in requests.get(issues_url(github), params=params, headers=auth(github), timeout=5).json()]

    assert titles() == ["a"]  # open by default
    assert titles(state="closed") == ["b"] and titles(state="all") == ["b", "a"]
    assert titles(state="all", labels="bug,ui") == ["a"] and titles(state="all", labels="BUG") == ["b", "a"]
    assert a["labels"][0]["name"] == "bug"


def test_primary_rate_limit_is_403_with_remaining_0(github: GitHubMock) -> None:
    github.throttle(1)
    resp = requests.get(url(github, "/user"), headers=auth(github), timeout=5)
    assert resp.status_code == 403 and resp.headers["x-ratelimit-remaining"] == "0"
    assert int(resp.headers["x-ratelimit-reset"]) > datetime.now(UTC).timestamp()
    assert resp.json()["message"].startswith("API rate limit exceeded")
    assert requests.get(url(github, "/user"), headers=auth(github), timeout=5).status_code == 200


def test_secondary_rate_limit_is_429_with_retry_after(github: GitHubMock) -> None:
    github.throttle(1, "secondary")
    resp = requests.get(issues_url(github), headers=auth(github), timeout=5)
    assert resp.status_code == 429 and resp.headers["retry-after"] == "60"
    assert "secondary rate limit" in resp.json()["message"]
    assert requests.get(issues_url(github), headers=auth(github), timeout=5).status_code == 200
