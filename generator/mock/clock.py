"""The mock's notion of time in epoch milliseconds: held (moves only when a test says so) or live (runs with real time).

Held is the default of an in-process MockServer, so a test decides every timestamp (`advance`, `set`). The
`connector-gen mock` command runs it live: time then moves with a monotonic timer from the start (advance and set
still shift it), and `stamp()` — the time a write records — is strictly increasing, so two changes in one
millisecond still get distinct, ordered timestamps, as a client polling by update time needs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

# 2026-05-28T20:26:40Z: after the spec's sample timestamps, so records the mock creates are newer than samples.
START_MS = 1_780_000_000_000
MAX_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z, the last instant an ISO 8601 date can show


def _check(ms: object, what: str) -> int:
    if isinstance(ms, bool) or not isinstance(ms, int) or not 0 <= ms <= MAX_MS:
        raise ValueError(f"{what} takes an integer number of milliseconds from 0 to {MAX_MS}")
    return ms


class Clock:
    """A thread-safe clock in epoch milliseconds, held or live."""

    def __init__(self, start_ms: int = START_MS, live: bool = False, ticks: Callable[[], int] = time.monotonic_ns) -> None:
        self._lock = threading.Lock()
        self._ticks = ticks  # nanoseconds of a monotonic timer; a live clock adds the time elapsed on it
        self._base = _check(start_ms, "Clock()")
        self._anchor = self._ms()
        self._live = live
        self._last = -1  # the last stamp handed out (live mode)

    def _ms(self) -> int:
        return self._ticks() // 1_000_000

    def _read(self) -> int:
        now = self._base + (self._ms() - self._anchor if self._live else 0)
        return max(now, self._last) if self._live else now

    @property
    def live(self) -> bool:
        """Whether time runs on its own (else it moves only by advance/set)."""
        return self._live

    def now(self) -> int:
        """The current time in epoch milliseconds (never before a timestamp already handed out, when live)."""
        with self._lock:
            return self._read()

    def stamp(self) -> int:
        """The time a write records: now, and when live strictly later than the previous stamp."""
        with self._lock:
            now = self._read()
            if self._live:
                now = max(now, self._last + 1)
                self._last = now
            return now

    def advance(self, ms: int) -> int:
        """Move time forward by `ms` (>= 0) milliseconds; returns the new time."""
        _check(ms, "clock.advance()")
        with self._lock:
            _check(self._read() + ms, "the clock")
            self._base += ms
            return self._read()

    def set(self, ms: int) -> int:
        """Jump to `ms` epoch milliseconds (backwards too, for tests of odd servers); returns it."""
        _check(ms, "clock.set()")
        with self._lock:
            self._base, self._anchor, self._last = ms, self._ms(), -1
            return self._read()

    def run(self, live: bool = True) -> int:
        """Let time run with real time (`live`) or hold it where it is; returns the current time."""
        with self._lock:
            self._base, self._anchor, self._last = self._read(), self._ms(), -1
            self._live = live
            return self._read()
