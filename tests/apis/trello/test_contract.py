"""Drive the Trello contract mock with plain requests, exactly as tests/apis/trello/contract.md describes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import pytest
import requests

from .mock import TrelloMock


@pytest.fixture
def trello() -> Iterator[TrelloMock]:
    with TrelloMock() as mock:
        yield mock


def creds(mock: TrelloMock) -> dict[str, str]:
    return {"key": mock.key, "token": mock.token}


def test_auth_test_is_members_me(trello: TrelloMock) -> None:
    resp = requests.get(f"{trello.base_url}/1/members/me", params=creds(trello), timeout=5)
    assert resp.status_code == 200
    assert resp.json()["id"] == trello.member_id and trello.board_id in resp.json()["idBoards"]


@pytest.mark.parametrize(
    ("params", "text"),
    [
        ({}, "invalid key"),
        ({"key": "wrong", "token": "x"}, "invalid key"),
        ({"key": "KEY", "token": "ATTAwrong"}, "invalid token"),
        ({"key": "KEY"}, "unauthorized permission requested"),
    ],
)
def test_bad_credentials_are_401_plain_text(trello: TrelloMock, params: dict[str, str], text: str) -> None:
    params = {k: trello.key if v == "KEY" else v for k, v in params.items()}
    resp = requests.get(f"{trello.base_url}/1/members/me", params=params, timeout=5)
    assert resp.status_code == 401
    assert resp.text == text and resp.headers["Content-Type"].startswith("text/plain")


def test_credentials_in_a_header_are_not_enough(trello: TrelloMock) -> None:
    resp = requests.get(f"{trello.base_url}/1/members/me", headers={"Authorization": f"Bearer {trello.token}"}, timeout=5)
    assert resp.status_code == 401


def test_board_cards_is_a_top_level_array_with_hex_ids(trello: TrelloMock) -> None:
    trello.seed(3)
    resp = requests.get(f"{trello.base_url}/1/boards/{trello.board_id}/cards", params=creds(trello), timeout=5)
    assert resp.status_code == 200 and isinstance(resp.json(), list) and len(resp.json()) == 3
    card = resp.json()[0]
    assert re.fullmatch(r"[0-9a-f]{24}", card["id"])
    assert datetime.fromisoformat(card["dateLastActivity"].replace("Z", "+00:00")).utcoffset() is not None


def test_board_cards_pages_with_limit_and_before(trello: TrelloMock) -> None:
    created = trello.seed(7)
    seen: list[str] = []
    params = {**creds(trello), "limit": "3"}
    while True:
        page = requests.get(f"{trello.base_url}/1/boards/{trello.board_id}/cards", params=params, timeout=5).json()
        seen += [c["id"] for c in page]
        if len(page) < 3:
            break
        params["before"] = page[-1]["id"]
    assert seen == [c["id"] for c in reversed(created)]


def test_create_with_query_params_then_update_and_delete(trello: TrelloMock) -> None:
    query = {**creds(trello), "idList": trello.list_id, "name": "Write contract", "desc": "from docs"}
    created = requests.post(f"{trello.base_url}/1/cards", params=query, timeout=5)
    assert created.status_code == 200
    card = created.json()
    assert card["name"] == "Write contract" and card["idBoard"] == trello.board_id

    url = f"{trello.base_url}/1/cards/{card['id']}"
    assert requests.get(url, params=creds(trello), timeout=5).json()["desc"] == "from docs"

    updated = requests.put(url, params=creds(trello), data={"name": "Renamed", "closed": "true"}, timeout=5)
    assert updated.status_code == 200
    assert updated.json()["name"] == "Renamed" and updated.json()["closed"] is True
    assert updated.json()["dateLastActivity"] > card["dateLastActivity"]

    deleted = requests.delete(url, params=creds(trello), timeout=5)
    assert deleted.status_code == 200 and deleted.json() == {"limits": {}}
    gone = requests.get(url, params=creds(trello), timeout=5)
    assert gone.status_code == 404 and gone.text == "The requested resource was not found."


def test_create_with_form_body_credentials(trello: TrelloMock) -> None:
    form = {**creds(trello), "idList": trello.list_id, "name": "Form card"}
    resp = requests.post(f"{trello.base_url}/1/cards", data=form, timeout=5)
    assert resp.status_code == 200 and resp.json()["name"] == "Form card"


def test_card_errors(trello: TrelloMock) -> None:
    assert requests.get(f"{trello.base_url}/1/cards/nothex", params=creds(trello), timeout=5).text == "invalid id"
    missing = requests.post(f"{trello.base_url}/1/cards", params={**creds(trello), "name": "x"}, timeout=5)
    assert missing.status_code == 400 and missing.text == "invalid value for idList"
    _, foreign_list = trello.add_foreign_board()
    (card,) = trello.seed(1, list_id=foreign_list)
    denied = requests.get(f"{trello.base_url}/1/cards/{card['id']}", params=creds(trello), timeout=5)
    assert denied.status_code == 401 and denied.text == "unauthorized card permission requested"


def test_429_is_json_with_error_code(trello: TrelloMock) -> None:
    trello.throttle(1)
    resp = requests.get(f"{trello.base_url}/1/members/me", params=creds(trello), timeout=5)
    assert resp.status_code == 429
    assert resp.json() == {"error": "API_TOKEN_LIMIT_EXCEEDED", "message": "Rate limit exceeded"}
    assert requests.get(f"{trello.base_url}/1/members/me", params=creds(trello), timeout=5).status_code == 200


def test_labels_are_ids_and_objects_and_due_is_iso(trello: TrelloMock) -> None:
    body = {**creds(trello), "idList": trello.list_id, "name": "Ship it", "idLabels": trello.label_ids[:2]}
    card = requests.post(f"{trello.base_url}/1/cards", json={**body, "due": "2026-06-01T11:30:00+02:00"}, timeout=5).json()
    assert card["idLabels"] == trello.label_ids[:2]
    first, second = trello.label_ids[:2]
    assert [(label["id"], label["color"]) for label in card["labels"]] == [(first, "green"), (second, "yellow")]
    assert card["due"] == "2026-06-01T09:30:00.000Z"
    url = f"{trello.base_url}/1/cards/{card['id']}"
    form = requests.put(url, params=creds(trello), data={"idLabels": trello.label_ids[2]}, timeout=5)
    assert form.json()["idLabels"] == [trello.label_ids[2]]
    bad = requests.put(f"{trello.base_url}/1/cards/{card['id']}", params={**creds(trello), "due": "soon"}, timeout=5)
    assert (bad.status_code, bad.text) == (400, "invalid value for due")
    foreign = requests.put(f"{trello.base_url}/1/cards/{card['id']}", params={**creds(trello), "idLabels": "f" * 24}, timeout=5)
    assert (foreign.status_code, foreign.text) == (400, "invalid value for idLabels")


def test_search_answers_cards_under_their_model_type(trello: TrelloMock) -> None:
    trello.seed(cards=[{"name": "Plan the offsite (cg-x1)"}, {"name": "Book the venue", "desc": "offsite too"}])
    query = {**creds(trello), "query": "offsite cg-x1", "modelTypes": "cards"}
    found = requests.get(f"{trello.base_url}/1/search", params=query, timeout=5).json()
    assert set(found) == {"options", "cards"} and [c["name"] for c in found["cards"]] == ["Plan the offsite (cg-x1)"]
    both = requests.get(f"{trello.base_url}/1/search", params={**query, "query": "offsite"}, timeout=5).json()
    assert len(both["cards"]) == 2
    none = requests.get(f"{trello.base_url}/1/search", params={**query, "query": "absent"}, timeout=5).json()
    assert none["cards"] == []
    empty = requests.get(f"{trello.base_url}/1/search", params={**creds(trello), "query": ""}, timeout=5)
    assert (empty.status_code, empty.text) == (400, "invalid value for query")


def test_list_cards_is_a_top_level_array_of_the_lists_open_cards(trello: TrelloMock) -> None:
    _, other = trello.add_foreign_board()
    mine = trello.seed(2)
    trello.seed(1, list_id=other)
    requests.put(f"{trello.base_url}/1/cards/{mine[0]['id']}", params={**creds(trello), "closed": "true"}, timeout=5)
    resp = requests.get(f"{trello.base_url}/1/lists/{trello.list_id}/cards", params=creds(trello), timeout=5)
    assert resp.status_code == 200 and [c["id"] for c in resp.json()] == [mine[1]["id"]]
    everything = requests.get(
        f"{trello.base_url}/1/lists/{trello.list_id}/cards", params={**creds(trello), "filter": "all"}, timeout=5
    )
    assert len(everything.json()) == 2
    assert requests.get(f"{trello.base_url}/1/lists/{other}/cards", params=creds(trello), timeout=5).status_code == 401
