"""Shared smoke-test helpers."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, quote_plus

from connector_gen.mock import MockServer
from connector_gen.model import Model

KEY = "cg+Secret/Probe=7Zq"  # '+', '/' and '=' change under URL encoding, as in many real (Base64-like) keys


class TickingMock(MockServer):
    """A mock whose clock moves 1 ms per request, like a real API's: consecutive changes get new timestamps."""

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Any:
        self.clock.advance(1)
        return super().answer(method, target, headers, raw)


def leaked(text: str) -> list[str]:
    """The forms of KEY found in `text` (raw, URL-encoded, form-encoded, lower-case escapes)."""
    return [f for f in (KEY, quote(KEY, safe=""), quote_plus(KEY), "cg%2bSecret%2fProbe%3d7Zq") if f in text]


class EchoingMock(TickingMock):
    """An API that echoes the key in every error; creates and updates fail (500), member lists are refused (400)."""

    def __init__(self, model: Model) -> None:
        super().__init__(model, api_key=KEY, echo_key_in_errors=True)

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Any:
        path = target.split("?")[0]
        if (method == "POST" and path.endswith("/jobs")) or method == "PATCH":
            self.fail_next(1, 500)
        if method == "GET" and path.endswith("/members"):
            self.fail_next(1, 400)
        return super().answer(method, target, headers, raw)
