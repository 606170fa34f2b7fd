"""Fixtures for the mock's contract tests: a running mock and a small HTTP client for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from connector_gen.mock import MockServer
from connector_gen.model import Model


class Client:
    """`requests` against the mock's base URL, sending the model's API key header unless told otherwise."""

    def __init__(self, mock: MockServer, header: str) -> None:
        self.mock = mock
        self.header = header
        self.session = requests.Session()

    def call(self, method: str, path: str, key: str | None = "valid", **kwargs: Any) -> requests.Response:
        """One request; `key` is "valid", "read_only", None (no header) or a literal key."""
        headers = dict(kwargs.pop("headers", {}))
        if key is not None:
            headers[self.header] = {"valid": self.mock.api_key, "read_only": self.mock.read_only_key}.get(key, key)
        return self.session.request(method, self.mock.base_url + path, headers=headers, timeout=10, **kwargs)

    def items(self, path: str, **params: Any) -> list[dict[str, Any]]:
        """GET `path` with `params`, expect 200, return data.items."""
        resp = self.call("GET", path, params=params)
        assert resp.status_code == 200, resp.text
        items: list[dict[str, Any]] = resp.json()["data"]["items"]
        return items

    def error(self, method: str, path: str, status: int, **kwargs: Any) -> str:
        """Send a request, expect `status`, return error.message."""
        resp = self.call(method, path, **kwargs)
        assert resp.status_code == status, resp.text
        message: str = resp.json()["error"]["message"]
        return message


@pytest.fixture
def mock(model: Model) -> Iterator[MockServer]:
    """A fresh mock of the Hellotracks model, stopped after the test."""
    with MockServer(model) as server:
        yield server


@pytest.fixture
def api(mock: MockServer, model: Model) -> Iterator[Client]:
    """A client of `mock` that sends the valid API key."""
    client = Client(mock, model.auth.headers[0].name)
    yield client
    client.session.close()
