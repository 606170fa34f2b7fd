"""One redaction for the whole project: Secrets, the mock's echo switch and log, executors, runner and harness stderr."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
import requests

from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.redact import REDACTED, Secrets, forms
from connector_gen.smoke import executor as registry
from connector_gen.smoke.executor import Call, Endpoint, Outcome
from connector_gen.smoke.executors.make import MakeExecutor
from connector_gen.smoke.executors.python import PythonExecutor
from connector_gen.smoke.harness import StderrLog
from connector_gen.smoke.plan import build_plan
from connector_gen.smoke.report import table
from connector_gen.smoke.runner import resolve, run_smoke

from .conftest import KEY, EchoingMock, leaked

ROOT = Path(__file__).resolve().parents[2]


def test_every_form_of_a_secret_is_replaced_and_the_rest_of_the_text_stays() -> None:
    secrets = Secrets.of(KEY)
    basic = base64.b64encode(f"{KEY}:".encode()).decode()
    text = f"bad key {KEY} in /jobs?k={quote(KEY, safe='')}&f={quote_plus(KEY)}&l=cg%2bSecret%2fProbe%3d7Zq auth Basic {basic}"
    assert secrets.text(text) == f"bad key {REDACTED} in /jobs?k={REDACTED}&f={REDACTED}&l={REDACTED} auth Basic {REDACTED}"
    assert secrets.text(json.dumps({"m": 'say "x' + KEY + '"'})) == json.dumps({"m": f'say "x{REDACTED}"'})
    assert secrets.text("nothing secret here") == "nothing secret here"


def test_values_are_redacted_deeply_keys_included_and_never_shown() -> None:
    secrets = Secrets.of(KEY, None, "", ["tok-123456"])  # a set: the key now, OAuth tokens or passwords later
    value = {"a": [KEY, {"b": f"x{quote(KEY, safe='')}y"}], KEY: ("tok-123456", 3, None, True)}
    assert secrets.value(value) == {"a": [REDACTED, {"b": f"x{REDACTED}y"}], REDACTED: (REDACTED, 3, None, True)}
    assert KEY not in repr(secrets) and not Secrets.of(None, "") and Secrets().text(KEY) == KEY
    assert secrets.adding(KEY) is secrets and "new-secret" in secrets.adding("new-secret").values
    assert KEY in forms(KEY) and forms("") == set()


def test_the_mock_echoes_the_key_only_when_told_and_its_log_never_holds_it(model: Model) -> None:
    header = model.auth.headers[0].name
    with MockServer(model, api_key=KEY, echo_key_in_errors=True) as mock:
        reply = requests.get(mock.base_url + "/nowhere", params={"q": KEY}, headers={header: KEY, "X-Echo": KEY}, timeout=10)
        echoed = reply.json()["error"]["message"]
        requests.post(mock.base_url + "/jobs", json={"notes": f"key {KEY}"}, headers={header: KEY}, timeout=10)
        logged = json.dumps([r.to_json() for r in mock.requests()])
        assert leaked(logged) == [] and REDACTED in logged
        assert requests.get(mock.base_url + "/jobs", headers={header: KEY}, timeout=10).status_code == 200
    with MockServer(model) as plain:
        reply = requests.get(plain.base_url + "/nowhere", params={"q": KEY}, headers={header: plain.api_key}, timeout=10)
        message = reply.json()["error"]["message"]  # off by default
    assert plain.api_key not in message and KEY not in message
    assert reply.status_code == 404 and echoed == f"{message} (API key sent: {KEY}; as in a URL: {quote(KEY, safe='')})"


@pytest.fixture
def echoing(model: Model) -> Iterator[EchoingMock]:
    """The echoing API, seeded with the samples."""
    with EchoingMock(model) as api:
        api.seed_samples()
        yield api


@pytest.mark.parametrize("factory", [PythonExecutor, MakeExecutor], ids=["python", "make"])
def test_python_and_make_outcomes_carry_the_api_message_without_the_key(
    model: Model, echoing: EchoingMock, factory: type[PythonExecutor] | type[MakeExecutor]
) -> None:
    executor = factory()
    executor.prepare(model, ROOT / "dist" / executor.name)
    step = next(s for s in build_plan(model, "cg-secrets-", mock=True).steps if s.operation.key == "create_job")
    try:
        create = executor.run(
            model, Call(step.operation, resolve(step.inputs, {})), Endpoint.for_key(model, echoing.base_url, KEY)
        )
    finally:
        executor.close()
    assert not create.ok and create.error is not None
    assert "temporarily unavailable. (API key sent: <redacted>; as in a URL: <redacted>)" in create.error
    assert leaked(repr(create)) == []


class _Leaky(PythonExecutor):
    """An executor that forgot to redact: puts the key in its error, records and state, and crashes once."""

    name = "leaky"

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        api_key = endpoint.values[model.connection.secrets[0].key]
        if call.operation.kind == "auth_test":
            raise RuntimeError(f"boom with {api_key}")
        return Outcome(False, [{"k": api_key}], f"Error {quote(api_key, safe='')}", 500, {"cursor": api_key})


@pytest.fixture
def leaky() -> Iterator[None]:
    """Register the leaky executor for one test."""
    registry._REGISTRY["leaky"] = _Leaky
    yield
    registry._REGISTRY.pop("leaky", None)


def test_the_runner_redacts_what_an_executor_forgot(model: Model, echoing: EchoingMock, leaky: None) -> None:
    lines: list[str] = []
    report = run_smoke(model, ["python", "leaky"], base_url=echoing.base_url, api_key=KEY, progress=lines.append)
    shown = "\n".join([*lines, *table(report), json.dumps(report.to_json())])
    assert leaked(shown) == []
    assert "the leaky executor crashed: RuntimeError: boom with <redacted>" in shown
    assert "failed: Error <redacted> (HTTP 500)" in shown
    assert "Hellotracks API is temporarily unavailable. (API key sent: <redacted>; as in a URL: <redacted>)" in shown


def test_harness_stderr_is_shown_only_redacted_and_a_cut_secret_is_dropped() -> None:
    log = StderrLog()
    data = f"request {KEY}\nError: socket hang up\n    at send (API-Key: {KEY}, q={quote(KEY, safe='')})\n".encode()
    try:
        log.file.write(data)
        assert (
            log.tail(Secrets.of(KEY))
            == f"request {REDACTED}\nError: socket hang up\n    at send (API-Key: {REDACTED}, q={REDACTED})\n"
        )
        cut = len(data) - data.index(KEY.encode()) - 5  # the tail starts 5 characters into the first key
        tail = log.tail(Secrets.of(KEY), limit=cut)
        assert tail.startswith("Error: socket hang up") and leaked(tail) == [] and KEY[5:] not in tail
    finally:
        log.close()
