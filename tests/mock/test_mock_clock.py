"""The mock clock: held for tests, live for `connector-gen mock`; and the bounds on the HTTP controls."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from connector_gen.mock import Clock, MockServer
from connector_gen.mock.clock import MAX_MS, START_MS
from connector_gen.mock.control import MAX_SEED
from connector_gen.model import Model

from .conftest import Client


class Ticks:
    """A monotonic nanosecond timer the test moves by hand."""

    def __init__(self) -> None:
        self.ns = 5_000_000_000

    def __call__(self) -> int:
        return self.ns

    def ms(self, n: int) -> None:
        self.ns += n * 1_000_000


def test_a_held_clock_moves_only_when_told() -> None:
    ticks = Ticks()
    clock = Clock(ticks=ticks)
    ticks.ms(500)
    assert not clock.live and clock.now() == clock.stamp() == clock.stamp() == START_MS
    assert clock.advance(7) == START_MS + 7 and clock.set(5) == 5


def test_a_live_clock_runs_with_real_time_and_stamps_are_distinct_and_increasing() -> None:
    ticks = Ticks()
    clock = Clock(1_000, live=True, ticks=ticks)
    assert clock.live and clock.now() == 1_000
    ticks.ms(40)
    assert clock.now() == 1_040
    assert [clock.stamp() for _ in range(3)] == [1_040, 1_041, 1_042]  # three writes in one millisecond
    assert clock.now() == 1_042  # never before a stamp already handed out
    ticks.ms(10)
    assert clock.stamp() == 1_050
    assert clock.advance(1_000) == 2_050  # a test offset on top of real time
    ticks.ms(5)
    assert clock.now() == 2_055
    assert clock.set(10) == 10 and clock.stamp() == 10  # backwards too
    ticks.ms(3)
    assert clock.run(False) == 13  # held where it was
    ticks.ms(100)
    assert clock.now() == clock.stamp() == 13
    assert clock.run() == 13
    ticks.ms(2)
    assert clock.now() == 15


def test_the_real_timer_moves_a_live_clock() -> None:
    clock = Clock(live=True)
    first = clock.stamp()
    assert clock.stamp() > first


@pytest.mark.parametrize("bad", [-1, MAX_MS + 1, 1.5, True, "5", None])
def test_clock_inputs_are_bounded(bad: Any) -> None:
    clock = Clock()
    with pytest.raises(ValueError, match="integer number of milliseconds from 0 to"):
        clock.set(bad)
    with pytest.raises(ValueError):
        clock.advance(bad)
    clock.set(MAX_MS - 1)
    with pytest.raises(ValueError, match="the clock takes"):
        clock.advance(2)


def test_in_process_mocks_hold_their_clock(model: Model) -> None:
    with MockServer(model) as mock:
        assert not mock.clock.live and mock.clock.now() == START_MS


def _control(mock: MockServer, path: str, body: Any) -> tuple[int, str]:
    data = body if isinstance(body, str) else json.dumps(body)
    resp = requests.post(f"{mock.origin}/__mock/{path}", data=data, timeout=30)
    return resp.status_code, (resp.json().get("error") or {}).get("message", "")


def test_huge_or_odd_control_inputs_get_a_clear_400(mock: MockServer, api: Client) -> None:
    status, message = _control(mock, "fail-next", {"n": 10**12})
    assert status == 400 and f"at most {MockServer.MAX_FAULTS} pending failures" in message
    status, message = _control(mock, "clock/advance", {"ms": 10**30})
    assert status == 400 and "milliseconds from 0 to" in message
    assert _control(mock, "clock/set", '{"ms": 1e400}')[0] == 400  # a huge JSON number parses as infinity
    status, message = _control(mock, "rate-limit", {"n": 1, "window_s": 10**9})
    assert status == 400 and "window_s <= 86400" in message
    status, message = _control(mock, "seed", {"resource": "job", "records": [{}] * (MAX_SEED + 1)})
    assert status == 400 and f"at most {MAX_SEED}" in message and mock.records("job") == []
    status, message = _control(mock, "clock/live", {"live": "yes"})
    assert status == 400 and "'live' must be true" in message
    assert api.call("GET", "/jobs").status_code == 200  # nothing of the above took effect
    mock.fail_next(MockServer.MAX_FAULTS)
    with pytest.raises(ValueError, match="n <= 0"):
        mock.fail_next(1)


def test_a_skewed_clock_url_serves_a_platform_clock_off_by_the_skew(mock: MockServer) -> None:
    # tests/sim: a platform whose clock differs from the API's reads its `Endpoint.clock` here.
    now = mock.clock.now()
    for skew in (-2000, 0, 1500):
        resp = requests.get(f"{mock.origin}/__mock/clock/skewed/{skew}", timeout=10)
        assert resp.status_code == 200 and resp.json() == {"now": now + skew}
    far = requests.get(f"{mock.origin}/__mock/clock/skewed/{10**12}", timeout=10)
    assert far.status_code == 400 and "at most a day" in far.text
