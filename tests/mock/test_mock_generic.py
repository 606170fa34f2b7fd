"""The mock is built from the model alone: a made-up API with other names, paths, envelope and order works unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.pipeline import load_model

from .conftest import Client

SPEC = Path(__file__).resolve().parents[1] / "specs" / "desk" / "desk.yaml"


@pytest.fixture(scope="module")
def desk() -> Model:
    """The made-up help-desk model."""
    return load_model(SPEC, "desk.yaml")


@pytest.fixture
def client(desk: Model) -> Iterator[Client]:
    """A client of a running mock of the help desk."""
    with MockServer(desk) as server:
        c = Client(server, desk.auth.headers[0].name)
        yield c
        c.session.close()


def _records(client: Client, method: str, path: str, **kwargs: Any) -> list[dict[str, Any]]:
    resp = client.call(method, path, **kwargs)
    assert resp.status_code == 200, resp.text
    records: list[dict[str, Any]] = resp.json()["result"]["records"]
    return records


def _error(client: Client, method: str, path: str, status: int, **kwargs: Any) -> str:
    resp = client.call(method, path, **kwargs)
    assert resp.status_code == status, resp.text
    detail: str = resp.json()["problem"]["detail"]
    return detail


def test_base_path_header_envelope_and_messages_come_from_the_spec(client: Client) -> None:
    assert client.mock.base_url.endswith("/api/v2")
    assert _records(client, "GET", "/me") == [{"login": "agent-007"}]
    assert _error(client, "GET", "/me", 401, key=None) == "Token rejected."
    assert _error(client, "POST", "/tickets", 403, key="read_only", json={}).startswith("Not allowed.")
    assert _error(client, "GET", "/jobs", 404).startswith("Nothing here.")
    client.mock.fail_next(1)
    assert _error(client, "GET", "/me", 500) == "Deskly is down."
    assert client.mock.requests()[0].headers["x-desk-token"] == "<redacted>"


def test_create_upsert_link_and_defaults(client: Client) -> None:
    client.mock.seed("agent", [{"handle": "ann", "email": "ann@deskly.test"}])
    [made] = _records(client, "POST", "/tickets", json={"subject": "Printer", "ref": "R-1", "ownerEmail": "ann@deskly.test"})
    assert len(made["key"]) == 24 and made["stage"] == "new" and made["closed"] is False
    assert made["openedOn"] == made["touchedOn"] == client.mock.clock.now()
    assert made["owner"] == {"handle": "ann", "email": "ann@deskly.test"} and "ownerEmail" not in made
    client.mock.clock.advance(9)
    [again] = _records(client, "POST", "/tickets", json={"subject": "Printer!", "ref": "R-1"})
    assert (again["key"], again["subject"], again["touchedOn"]) == (made["key"], "Printer!", made["touchedOn"] + 9)
    assert [t["key"] for t in _records(client, "GET", "/tickets", params={"ownerHandle": "ann"})] == [made["key"]]
    message = _error(client, "POST", "/tickets", 400, json={"subject": "x", "severity": 9})
    assert message == "Bad input. Field 'severity' must be an integer from 1 to 5."


def test_update_by_path_parameter_close_and_delete(client: Client) -> None:
    [ticket] = client.mock.seed("ticket", [{"subject": "a"}])
    key = ticket["key"]
    [edited] = _records(client, "PUT", f"/tickets/{key}", json={"subject": "b"})
    assert edited["subject"] == "b"
    mismatch = _error(client, "PUT", f"/tickets/{key}", 400, json={"key": "other", "subject": "c"})
    assert mismatch == f"Bad input. Field 'key' in the body ('other') differs from the one in the path ('{key}')."
    assert _records(client, "PUT", f"/tickets/{key}/close")[0]["closed"] is True
    assert _records(client, "GET", "/tickets") == []
    assert [t["key"] for t in _records(client, "GET", "/tickets", params={"withClosed": "true"})] == [key]
    assert _records(client, "DELETE", f"/tickets/{key}")[0]["key"] == key
    assert _error(client, "DELETE", f"/tickets/{key}", 404) == f"Nothing here. No Ticket with key '{key}'."


def test_ascending_order_paging_and_contains(client: Client) -> None:
    rows = client.mock.seed(
        "ticket",
        [
            {"key": "k2", "subject": "Beta", "touchedOn": 5},
            {"key": "k1", "subject": "Alpha", "touchedOn": 5},
            {"key": "k0", "subject": "Gamma", "ref": "beta-ref", "touchedOn": 9},
            {"key": "k3", "subject": "Delta", "touchedOn": 1},
        ],
    )
    assert len(rows) == 4
    assert [t["key"] for t in _records(client, "GET", "/tickets")] == ["k3", "k1", "k2"]  # pageSize defaults to max 3
    assert [t["key"] for t in _records(client, "GET", "/tickets", params={"pageSize": 2, "from": 2})] == ["k2", "k0"]
    assert [t["key"] for t in _records(client, "GET", "/tickets", params={"touchedAfter": 5})] == ["k1", "k2", "k0"]
    assert [t["key"] for t in _records(client, "GET", "/tickets", params={"text": "BETA"})] == ["k2", "k0"]
    assert _error(client, "GET", "/tickets", 400, params={"pageSize": 4}) == (
        "Query parameter 'pageSize' must be an integer from 1 to 3 (got '4')."
    )
    assert _error(client, "GET", "/tickets", 400, params={"limit": 1}).startswith(
        "Unknown query parameter 'limit' (accepted: touchedAfter, stage, withClosed, ownerHandle, text, from, pageSize)."
    )
