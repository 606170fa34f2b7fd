"""The small escaping functions each target owns, and the header comparison smoke makes across targets."""

from __future__ import annotations

import json

import pytest

from connector_gen.mock import RecordedRequest
from connector_gen.model import Model
from connector_gen.smoke.compare import diff_requests, normalise
from connector_gen.targets.n8n.ts import parameter_text
from connector_gen.targets.zapier.escape import js_comment, templated

TEXTS = ["={{ $credentials.apiKey }}", "=}} {{ \"'`\\", "=日本語 🚀", "plain", "{{x}} not first", ""]


@pytest.mark.parametrize("text", TEXTS)
def test_n8n_text_starting_with_equals_becomes_an_expression_yielding_it(text: str) -> None:
    out = parameter_text(text)
    if not text.startswith("="):
        assert out == text  # n8n evaluates only parameter strings that start with '='
        return
    assert out.startswith("={{ ") and out.endswith(" }}")
    inner = out[4:-3]
    assert "{" not in inner and "}" not in inner  # no brace inside can end or open an expression
    assert json.loads(inner) == text  # the JS string literal is JSON, with \u007b/\u007d for the braces


def test_n8n_non_text_values_stay_as_they_are() -> None:
    assert parameter_text(100) == 100 and parameter_text(True) is True


@pytest.mark.parametrize("text", ["a\nrequire('fs')", "a\rb", "a\u2028b", "a\u2029b", "*/ ok"])
def test_js_comment_keeps_text_on_its_line(text: str) -> None:
    out = js_comment(text)
    assert not any(ch in out for ch in "\n\r\u2028\u2029")
    assert len(out) == len(text)


def test_zapier_templated_marks_only_double_braces() -> None:
    assert templated("{{bundle.authData.api_key}}") and templated("a {{ b")
    assert not templated("{x} }") and not templated("application/json")


def _req(headers: dict[str, str]) -> RecordedRequest:
    return RecordedRequest("GET", "/jobs", {}, {"api-key": "<redacted>", **headers}, None, "valid")


def test_smoke_compares_the_specs_fixed_headers(model: Model) -> None:
    fixed = {name.lower(): value for name, value in model.http.headers}
    ref = normalise([_req({**fixed, "user-agent": "python"})], model)
    # Other headers (user agent, length) are each platform's own; the spec's fixed ones must be equal.
    assert diff_requests(ref, normalise([_req({**fixed, "user-agent": "n8n"})], model)) == []
    name = next(iter(fixed))
    leaked = normalise([_req({**fixed, name: "test-key"})], model)
    [problem] = diff_requests(ref, leaked)
    assert problem.startswith("request 1 (GET /jobs): headers is") and name in problem
    missing = normalise([_req({})], model)
    assert diff_requests(ref, missing) and normalise([_req({})], model)[0]["headers"] == dict.fromkeys(sorted(fixed))


@pytest.mark.parametrize("key", ["café ☕", "line\nbreak", "k\u2028"])
def test_runtime_refuses_a_header_it_cannot_send_without_retrying_or_showing_it(model: Model, key: str) -> None:
    from connector_gen.runtime import ApiError, Client, execute

    sleeps: list[float] = []
    client = Client(model, "http://127.0.0.1:9", key, sleep=sleeps.append)
    with pytest.raises(ApiError) as info:
        execute(client, model.operation("validate_connection"), {})
    assert info.value.kind == "invalid_header" and model.auth.headers[0].name in str(info.value)
    assert key not in str(info.value) and sleeps == []
