"""Contract mock of the Trello REST API (cards), written from tests/apis/trello/contract.md.

Trello has one API host (api.trello.com), so `m.base_url` is `http://127.0.0.1:<port>` and paths start with `/1/`.
Credentials are the `key` and `token` query (or form/JSON body) parameters; errors are plain text, except 429.
Never imports connector_gen.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from .._server import ContractMock, Request, Response, json_response, serve_forever, text_response

EPOCH = datetime(2024, 1, 1, 9, 0, 0, tzinfo=UTC)
HEX24 = re.compile(r"[0-9a-f]{24}")
ID = r"(?P<id>[^/]+)"
MAX_LIMIT = 1000
SEARCH_LIMIT = 1000
WORD = re.compile(r"[0-9a-z]+")
LABEL_COLORS = ("green", "yellow", "orange", "red", "purple", "blue")  # the labels a new board starts with
WRITABLE = ("name", "desc", "pos", "due", "dueComplete", "idList", "closed", "start")


def iso(moment: datetime) -> str:
    """Trello's timestamp form: UTC ISO 8601 with milliseconds and Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class TrelloMock(ContractMock):
    """Trello cards on loopback: `with TrelloMock() as m: m.base_url, m.key, m.token, m.board_id, m.list_id`."""

    def __init__(self) -> None:
        self.key = "0123456789abcdef0123456789abcdef"
        self.token = "ATTA" + "0" * 60
        self.tokens: dict[str, str] = {self.token: "5f0c1a2b3c4d5e6f70811111"}  # token -> member id
        self._counter = itertools.count(1)
        self._clock = EPOCH
        self.member_id = self.tokens[self.token]
        self.board_id = self._oid()
        self.list_id = self._oid()
        self.boards: dict[str, dict[str, Any]] = {self.board_id: {"members": {self.member_id}, "lists": {self.list_id}}}
        self.labels: dict[str, dict[str, Any]] = {}
        self.label_ids = [self._label(self.board_id, color) for color in LABEL_COLORS]
        self.cards: dict[str, dict[str, Any]] = {}
        super().__init__()

    @property
    def base_url(self) -> str:
        """What https://api.trello.com becomes on loopback."""
        return self.root_url

    # -- test controls ----------------------------------------------------------------------------------------
    def _tick(self) -> datetime:
        self._clock += timedelta(minutes=1)
        return self._clock

    def _oid(self) -> str:
        """A 24-hex id shaped like Trello's: creation seconds in the first 8 hex digits, then a counter."""
        return f"{int(self._tick().timestamp()):08x}{next(self._counter):016x}"

    def _label(self, board: str, color: str, name: str = "") -> str:
        lid = self._oid()
        self.labels[lid] = {"id": lid, "idBoard": board, "name": name, "color": color}
        return lid

    def add_foreign_board(self) -> tuple[str, str]:
        """A board (and list) the mock's member is not on; returns (board_id, list_id)."""
        board, lst = self._oid(), self._oid()
        self.boards[board] = {"members": {"5f0c1a2b3c4d5e6f70899999"}, "lists": {lst}}
        return board, lst

    def seed(self, count: int = 0, cards: list[dict[str, Any]] | None = None, list_id: str | None = None) -> list[dict[str, Any]]:
        """Add generated cards and/or the given ones to `list_id` (default: the member's list)."""
        rows = [dict(c) for c in cards or []] + [{"name": f"Card {i}"} for i in range(count)]
        return [dict(self._create({"idList": list_id or self.list_id, **row})) for row in rows]

    def _board_of(self, list_id: str) -> str | None:
        return next((b for b, info in self.boards.items() if list_id in info["lists"]), None)

    def _create(self, fields: dict[str, Any]) -> dict[str, Any]:
        cid = self._oid()
        board = self._board_of(fields["idList"]) or ""
        short = cid[-8:]
        card: dict[str, Any] = {
            "id": cid,
            "name": "",
            "desc": "",
            "closed": False,
            "idBoard": board,
            "idList": fields["idList"],
            "idShort": sum(1 for c in self.cards.values() if c["idBoard"] == board) + 1,
            "idMembers": [],
            "idLabels": [],
            "labels": [],
            "pos": 16384 * (len(self.cards) + 1),
            "due": None,
            "dueComplete": False,
            "start": None,
            "shortLink": short,
            "shortUrl": f"https://trello.com/c/{short}",
            "url": f"https://trello.com/c/{short}",
            "dateLastActivity": iso(self._clock),
        }
        problem = self._apply(card, fields)
        assert problem is None, problem  # callers validate first
        self.cards[cid] = card
        return card

    def _invalid(self, board: str, fields: dict[str, Any]) -> str | None:
        """Trello's plain-text refusal of a parameter value, or None."""
        if "due" in fields and _due(fields["due"]) is False:
            return "invalid value for due"
        if "idLabels" in fields:
            ids = _ids(fields["idLabels"])
            if ids is None or any(self.labels.get(i, {}).get("idBoard") != board for i in ids):
                return "invalid value for idLabels"
        return None

    def _apply(self, card: dict[str, Any], fields: dict[str, Any]) -> str | None:
        """Write the writable parameters into `card`; the refusal text when one is invalid."""
        problem = self._invalid(card["idBoard"], fields)
        if problem:
            return problem
        card.update({k: _coerce(k, v) for k, v in fields.items() if k in WRITABLE})
        if "idLabels" in fields:
            card["idLabels"] = _ids(fields["idLabels"]) or []
            card["labels"] = [dict(self.labels[i]) for i in card["idLabels"]]
        return None

    # -- protocol ---------------------------------------------------------------------------------------------
    def routes(self) -> None:
        self.route("GET", r"/1/members/me", self.get_me)
        self.route("GET", rf"/1/boards/{ID}/cards(?:/(?P<filter>open|closed|all|visible))?", self.board_cards)
        self.route("GET", rf"/1/lists/{ID}/cards", self.list_cards)
        self.route("GET", r"/1/search", self.search)
        self.route("POST", r"/1/cards", self.create_card)
        self.route("GET", rf"/1/cards/{ID}", self.get_card)
        self.route("PUT", rf"/1/cards/{ID}", self.update_card)
        self.route("DELETE", rf"/1/cards/{ID}", self.delete_card)

    def _params(self, req: Request) -> dict[str, Any]:
        """Query, form and JSON body parameters merged (Trello reads all three; the body wins)."""
        merged: dict[str, Any] = {k: v[0] for k, v in req.query.items()}
        if "json" in (req.header("Content-Type") or ""):
            body = req.json()
            merged.update(body if isinstance(body, dict) else {})
        elif req.body:
            merged.update({k: v[0] for k, v in req.form().items()})
        return merged

    def authenticate(self, req: Request) -> Response | None:
        params = self._params(req)
        if params.get("key") != self.key:
            return text_response(401, "invalid key")
        token = params.get("token")
        if not token:
            return text_response(401, "unauthorized permission requested")
        if token not in self.tokens:
            return text_response(401, "invalid token")
        return None

    def rate_limited(self, req: Request) -> Response:
        return json_response(429, {"error": "API_TOKEN_LIMIT_EXCEEDED", "message": "Rate limit exceeded"})

    def not_found(self, req: Request) -> Response:
        return text_response(404, f"Cannot {req.method} {req.path}")

    def _member(self, req: Request) -> str:
        return self.tokens[str(self._params(req)["token"])]

    def get_me(self, req: Request) -> Response:
        member = self._member(req)
        boards = sorted(b for b, info in self.boards.items() if member in info["members"])
        body = {"id": member, "username": "contractmock", "fullName": "Contract Mock", "url": "https://trello.com/u/contractmock"}
        return json_response(200, {**body, "idBoards": boards})

    # -- cards ------------------------------------------------------------------------------------------------
    def _card(self, req: Request, permission: str = "card") -> tuple[dict[str, Any] | None, Response | None]:
        cid = req.params["id"]
        if not HEX24.fullmatch(cid):
            return None, text_response(400, "invalid id")
        card = self.cards.get(cid)
        if card is None:
            return None, text_response(404, "The requested resource was not found.")
        if self._member(req) not in self.boards[card["idBoard"]]["members"]:
            return None, text_response(401, f"unauthorized {permission} permission requested")
        return card, None

    def board_cards(self, req: Request) -> Response:
        """GET /1/boards/{id}/cards[/{filter}]: the board's cards as a top-level array."""
        return self._cards_of(req, "idBoard", req.params["id"])

    def list_cards(self, req: Request) -> Response:
        """GET /1/lists/{id}/cards: the list's cards as a top-level array."""
        return self._cards_of(req, "idList", req.params["id"])

    def _cards_of(self, req: Request, key: str, wanted: str) -> Response:
        if not HEX24.fullmatch(wanted):
            return text_response(400, "invalid id")
        board = wanted if key == "idBoard" else self._board_of(wanted)
        if board is None or board not in self.boards:
            return text_response(404, "The requested resource was not found.")
        if self._member(req) not in self.boards[board]["members"]:
            return text_response(401, "unauthorized permission requested")
        which = req.params.get("filter") or req.q("filter") or "open"
        rows = [c for c in self.cards.values() if c[key] == wanted and (which == "all" or c["closed"] == (which == "closed"))]
        limit_text, before, since = req.q("limit"), req.q("before"), req.q("since")
        if limit_text is None and before is None and since is None:
            return json_response(200, sorted(rows, key=lambda c: c["pos"]))
        try:
            limit = int(limit_text or MAX_LIMIT)
        except ValueError:
            return text_response(400, "invalid value for limit")
        if not 0 < limit <= MAX_LIMIT:
            return text_response(400, "invalid value for limit")
        rows.sort(key=lambda c: c["id"], reverse=True)  # with paging, newest first: ids are time-ordered
        rows = [c for c in rows if (before is None or c["id"] < before) and (since is None or c["id"] > since)]
        return json_response(200, rows[:limit])

    def create_card(self, req: Request) -> Response:
        params = self._params(req)
        list_id = str(params.get("idList") or "")
        if not HEX24.fullmatch(list_id):
            return text_response(400, "invalid value for idList")
        board = self._board_of(list_id)
        if board is None:
            return text_response(404, "The requested resource was not found.")
        if self._member(req) not in self.boards[board]["members"]:
            return text_response(401, "unauthorized permission requested")
        problem = self._invalid(board, params)
        if problem:
            return text_response(400, problem)
        self._tick()
        return json_response(200, dict(self._create(params)))

    def get_card(self, req: Request) -> Response:
        card, denied = self._card(req)
        return denied or json_response(200, dict(card or {}))

    def update_card(self, req: Request) -> Response:
        card, denied = self._card(req)
        if denied or card is None:
            return denied or text_response(404, "The requested resource was not found.")
        params = self._params(req)
        if "idList" in params and self._board_of(str(params["idList"])) is None:
            return text_response(400, "invalid value for idList")
        if "idList" in params:
            card["idBoard"] = self._board_of(str(params["idList"]))
        problem = self._apply(card, params)
        if problem:
            return text_response(400, problem)
        card["dateLastActivity"] = iso(self._tick())
        return json_response(200, dict(card))

    def delete_card(self, req: Request) -> Response:
        card, denied = self._card(req)
        if denied or card is None:
            return denied or text_response(404, "The requested resource was not found.")
        del self.cards[card["id"]]
        return json_response(200, {"limits": {}})

    def search(self, req: Request) -> Response:
        """GET /1/search: cards whose name or description holds every word of `query`, under `cards`."""
        params = self._params(req)
        query = str(params.get("query") or "")
        if not 1 <= len(query) <= 16384:
            return text_response(400, "invalid value for query")
        types = [t for t in str(params.get("modelTypes") or "all").split(",") if t]
        types = ["actions", "boards", "cards", "members", "organizations"] if "all" in types else types
        try:
            limit = int(params.get("cards_limit") or 10)
        except ValueError:
            return text_response(400, "invalid value for cards_limit")
        if not 1 <= limit <= SEARCH_LIMIT:
            return text_response(400, "invalid value for cards_limit")
        partial = str(params.get("partial") or "false").lower() == "true"
        terms = WORD.findall(query.lower())
        member = self._member(req)
        visible = {b for b, info in self.boards.items() if member in info["members"]}
        wanted = str(params.get("idBoards") or "mine")
        boards = visible if wanted == "mine" else visible & set(wanted.split(","))
        found = [
            dict(c)
            for c in sorted(self.cards.values(), key=lambda c: c["dateLastActivity"], reverse=True)
            if c["idBoard"] in boards and not c["closed"] and _matches(c, terms, partial)
        ]
        body: dict[str, Any] = {"options": {"terms": [{"text": t} for t in terms], "modelTypes": types, "partial": partial}}
        body |= {t: found[:limit] if t == "cards" else [] for t in types}
        return json_response(200, body)


def _matches(card: dict[str, Any], terms: list[str], partial: bool) -> bool:
    """Every search term is a word of the card's name or description (with `partial`, the start of one)."""
    words = set(WORD.findall(f"{card['name']} {card['desc']}".lower()))
    return bool(terms) and all(any(w == t or (partial and w.startswith(t)) for w in words) for t in terms)


def _ids(value: Any) -> list[str] | None:
    """A list of ids from a JSON array or comma-separated text; None when one is not a 24-hex id."""
    items = value if isinstance(value, list) else [v for v in str(value or "").split(",") if v]
    ids = [str(i).strip() for i in items]
    return ids if all(HEX24.fullmatch(i) for i in ids) else None


def _due(value: Any) -> str | bool | None:
    """A `due` value as Trello stores it (UTC ISO 8601 with milliseconds), None to clear it, False when invalid."""
    if value in (None, "", "null"):
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    return iso((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC))


def _coerce(name: str, value: Any) -> Any:
    """Query/form values arrive as text: booleans and numbers become JSON types as Trello stores them."""
    if name == "due":
        return _due(value)
    if name in ("closed", "dueComplete") and isinstance(value, str):
        return value.lower() == "true"
    if name == "pos" and isinstance(value, str):
        return {"top": 0, "bottom": 10**9}.get(value, float(value) if value.replace(".", "", 1).isdigit() else value)
    return value


if __name__ == "__main__":  # python -m tests.apis.trello.mock
    mock = TrelloMock()
    mock.seed(5)
    serve_forever(mock, "{mock.base_url} key={mock.key} token={mock.token} board={mock.board_id}")
