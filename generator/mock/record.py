"""The mock's request log: what each API request carried, with every credential redacted."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, replace
from typing import Any

from ..model.connection import Auth as ModelAuth
from ..redact import REDACTED, Secrets
from .connection import Verdict


@dataclass(frozen=True)
class RecordedRequest:
    """One API request as the mock received it (control requests are never recorded)."""

    method: str
    path: str  # relative to the base URL's path, e.g. "/items"
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names; the auth headers' values are "<redacted>"
    body: Any | None  # parsed JSON, or the raw text when it is not JSON (any key in query or body: "<redacted>")
    auth: Verdict

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this request."""
        return {
            "method": self.method,
            "path": self.path,
            "query": copy.deepcopy(self.query),
            "headers": dict(self.headers),
            "body": copy.deepcopy(self.body),
            "auth": self.auth,
        }


def recorded(auth: ModelAuth, secrets: Secrets, request: RecordedRequest) -> RecordedRequest:
    """`request` as the log keeps it: the auth's headers and query parameters "<redacted>", and every form of
    every secret redacted anywhere else (other headers, query, body)."""
    auth_headers = {n.lower() for n in auth.header_names}
    auth_query = {p.name for p in auth.query}
    shown = {k: (REDACTED if k in auth_headers else secrets.text(v)) for k, v in request.headers.items()}
    params = {k: ([REDACTED] * len(v) if k in auth_query else secrets.value(v)) for k, v in request.query.items()}
    body = str(request.body) if isinstance(request.body, Text) else request.body
    return replace(request, query=params, headers=shown, body=secrets.value(body))


class Text(str):
    """A request body that was not JSON (kept as text for the log)."""


def parse_body(raw: bytes) -> Any:
    """The parsed JSON body, None when empty, or the raw text as Text when it is not JSON."""
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return Text(text)
