"""The embedded mock on a repository-scoped API (tests/apis/github): a create under /repos/{owner}/{repo}/issues lands in
that scope, and a filter choice no field value can hold (state=all) matches every record."""

from __future__ import annotations

from pathlib import Path

import requests

from connector_gen.mock import MockServer
from connector_gen.pipeline import load_model

SPEC = Path(__file__).resolve().parents[1] / "apis" / "github" / "spec.yaml"


def test_a_scoped_create_is_listed_in_its_scope_and_state_all_lists_every_state() -> None:
    model = load_model(SPEC, None, ())
    with MockServer(model) as mock:
        auth = {"Authorization": f"Bearer {mock.api_key}"}
        here, there = f"{mock.base_url}/repos/octo-org/hello-world/issues", f"{mock.base_url}/repos/octo-org/other/issues"
        made = requests.post(here, json={"title": "Found a bug"}, headers=auth, timeout=5)
        assert made.status_code in (200, 201), made.text
        number = made.json()["number"]
        closed = requests.patch(f"{here}/{number}", json={"state": "closed"}, headers=auth, timeout=5)
        assert closed.status_code == 200, closed.text

        def listed(url: str, **query: str) -> list[int]:
            resp = requests.get(url, params=query, headers=auth, timeout=5)
            assert resp.status_code == 200, resp.text
            return [i["number"] for i in resp.json()]

        assert listed(here, state="all") == [number] and listed(here, state="closed") == [number]
        assert listed(here, state="open") == [] and listed(there, state="all") == []
