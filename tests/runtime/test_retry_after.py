"""Retry-After: seconds or an HTTP date, garbage ignored (the usual back-off), the wait capped."""

from __future__ import annotations

import email.utils
from typing import Any

import pytest
import requests

from connector_gen.model import Model
from connector_gen.runtime import Client
from connector_gen.runtime.client import retry_after_seconds
from connector_gen.runtime.request import HttpCall

NOW = 1_780_000_000.0


@pytest.mark.parametrize(
    ("value", "wait"),
    [
        ("3", 3.0),
        (" 120 ", 120.0),
        ("0", 0.0),
        (email.utils.formatdate(NOW + 30, usegmt=True), 30.0),  # IMF-fixdate
        (email.utils.formatdate(NOW - 30, usegmt=True), 0.0),  # already past: no wait
        ("Thu, 28 May 2026 20:27:10 -0000", 30.0),  # no zone given: GMT
        ("Thu May 28 20:27:10 2026", 30.0),  # asctime, an obsolete HTTP-date form
    ],
)
def test_seconds_and_http_dates(value: str, wait: float) -> None:
    assert retry_after_seconds(value, NOW) == pytest.approx(wait)


@pytest.mark.parametrize(
    "value", ["", "Mon, garbage", "garbage", "-1", "1.", ".5", "1e3", "\u0663", ", , ,", "Mon, 99 Foo 99999 99:99:99 GMT"]
)
def test_garbage_is_none(value: str) -> None:
    assert retry_after_seconds(value, NOW) is None


@pytest.mark.parametrize(("value", "seconds"), [("2.0", 2.0), ("1.5", 2.0), ("0.2", 1.0)])
def test_decimal_seconds_are_rounded_up(value: str, seconds: float) -> None:
    # RFC 9110 allows whole seconds only, but Shopify documents `Retry-After: 2.0`.
    assert retry_after_seconds(value, NOW) == seconds


class Scripted:
    """A session answering 429 with the given Retry-After once, then 200 with an empty list."""

    def __init__(self, retry_after: str) -> None:
        self.retry_after = retry_after
        self.calls = 0

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        self.calls += 1
        resp = requests.Response()
        resp.status_code = 429 if self.calls == 1 else 200
        resp.headers["Retry-After"] = self.retry_after
        resp._content = b'{"data": {"items": []}}'
        return resp

    def close(self) -> None:
        return


@pytest.mark.parametrize(
    ("header", "slept"),
    [("Mon, garbage", 0.5), ("", 0.5), ("7", 7.0), ("99999999999999999999999", 60.0), ("Fri, 31 Dec 9999 23:59:59 GMT", 60.0)],
)
def test_the_client_survives_any_retry_after_and_caps_the_wait(model: Model, header: str, slept: float) -> None:
    sleeps: list[float] = []
    session = Scripted(header)
    client = Client(model, "https://api.example.test/v1", "k", sleep=sleeps.append, session=session)  # type: ignore[arg-type]
    call = HttpCall("GET", "/jobs", (), None, True)
    assert client.records(call) == []
    assert session.calls == 2 and sleeps == [slept]  # garbage: the first back-off step (backoff_s); else capped
