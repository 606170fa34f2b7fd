"""Shared smoke-test helpers."""

from __future__ import annotations

from typing import Any

from connector_gen.mock import MockServer


class TickingMock(MockServer):
    """A mock whose clock moves 1 ms per request, like a real API's: consecutive changes get new timestamps."""

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Any:
        self.clock.advance(1)
        return super().answer(method, target, headers, raw)
