"""Fixtures for runtime tests: a fresh mock with a fake rate-limit timer, and a client whose sleeps are recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.runtime import Client


class FakeTime:
    """A monotonic timer for the mock's rate-limit window that moves only when the client 'sleeps'."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def timer(self) -> float:
        """The current fake time in seconds."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the wait and let fake time pass instead of real time."""
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    """Fake time shared by the mock's rate limiter and the client's sleeps."""
    return FakeTime()


@pytest.fixture
def mock(model: Model, fake_time: FakeTime) -> Iterator[MockServer]:
    """A fresh mock seeded with each resource's sample."""
    with MockServer(model, timer=fake_time.timer) as server:
        server.seed_samples()
        yield server


@pytest.fixture
def client(model: Model, mock: MockServer, fake_time: FakeTime) -> Iterator[Client]:
    """A runtime client of `mock` whose back-off sleeps are recorded, not slept."""
    c = Client(model, mock.base_url, mock.api_key, sleep=fake_time.sleep)
    yield c
    c.close()
