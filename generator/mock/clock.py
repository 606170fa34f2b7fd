"""The mock's notion of time: epoch milliseconds that move only when a test says so."""

from __future__ import annotations

import threading

# 2026-05-28T20:26:40Z: after the spec's sample timestamps, so records the mock creates are newer than samples.
START_MS = 1_780_000_000_000


class Clock:
    """A thread-safe manual clock in epoch milliseconds."""

    def __init__(self, start_ms: int = START_MS) -> None:
        self._lock = threading.Lock()
        self._now = start_ms

    def now(self) -> int:
        """The current time in epoch milliseconds."""
        with self._lock:
            return self._now

    def advance(self, ms: int) -> int:
        """Move time forward by `ms` (>= 0) milliseconds; returns the new time."""
        if isinstance(ms, bool) or not isinstance(ms, int) or ms < 0:
            raise ValueError("clock.advance() takes a non-negative integer number of milliseconds")
        with self._lock:
            self._now += ms
            return self._now

    def set(self, ms: int) -> int:
        """Jump to `ms` epoch milliseconds (backwards too, for tests of odd servers); returns it."""
        if isinstance(ms, bool) or not isinstance(ms, int) or ms < 0:
            raise ValueError("clock.set() takes a non-negative integer epoch in milliseconds")
        with self._lock:
            self._now = ms
            return self._now
