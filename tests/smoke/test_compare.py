"""Request comparison across targets: normalised requests, cursor placeholders, readable differences."""

from __future__ import annotations

from connector_gen.mock import RecordedRequest
from connector_gen.model import Model
from connector_gen.smoke.compare import CURSOR, diff_requests, normalise
from connector_gen.smoke.proxy import Forwarded


def _req(
    path: str, query: dict[str, list[str]], body: object = None, method: str = "GET", auth: str = "valid"
) -> RecordedRequest:
    return RecordedRequest(method, path, query, {"api-key": "<redacted>"}, body, auth)  # type: ignore[arg-type]


def test_trigger_cursor_values_become_a_placeholder_but_keep_their_name(model: Model) -> None:
    trig = model.operation("new_job").trigger
    assert trig is not None
    a = normalise([_req("/jobs", {trig.cursor_param: ["1780000000000"], "limit": ["100"]})], model)
    b = normalise([_req("/jobs", {"limit": ["100"], trig.cursor_param: ["1780000009999"]})], model)
    assert a == b
    assert a[0]["query"][trig.cursor_param] == [CURSOR]
    other = normalise([_req("/jobs", {"updatedSince": ["1780000000000"], "limit": ["100"]})], model)
    assert diff_requests(a, other)  # a different cursor parameter is a difference


def test_a_cursor_not_in_epoch_ms_is_reported(model: Model) -> None:
    good = normalise([_req("/jobs", {"createdSince": ["1780000000000"]})], model)
    iso = normalise([_req("/jobs", {"createdSince": ["2026-05-28T20:26:40Z"]})], model)
    (problem,) = diff_requests(good, iso)
    assert "createdSince" in problem and "epoch ms" in problem


def test_path_query_body_and_auth_differences_are_named(model: Model) -> None:
    ref = normalise([_req("/jobs", {}, {"title": "T", "priority": 7}, "POST")], model)
    assert diff_requests(ref, normalise([_req("/jobs", {}, {"title": "T", "priority": 7}, "POST")], model)) == []
    (body,) = diff_requests(ref, normalise([_req("/jobs", {}, {"title": "T", "priority": "7"}, "POST")], model))
    assert "body" in body and '"7"' in body
    (auth,) = diff_requests(ref, normalise([_req("/jobs", {}, {"title": "T", "priority": 7}, "POST", "missing")], model))
    assert "auth" in auth
    (count,) = diff_requests(ref, [*ref, *ref])
    assert "sent 2 requests" in count and "extra" in count


def _forwarded(url: str, headers: dict[str, str], query: dict[str, list[str]] | None = None, body: object = None) -> Forwarded:
    return Forwarded("GET", url, url.split("/1", 1)[-1], query or {}, headers, body)


def test_auth_placement_is_compared_with_secrets_redacted_and_basic_decoded() -> None:
    import base64

    from connector_gen.redact import Secrets

    from .api_models import api_model

    trello, mailchimp = api_model("trello"), api_model("mailchimp")
    secrets = Secrets.of("k-1", "t-2")
    url = "https://api.trello.com/1/cards"
    good = normalise([_forwarded(url, {}, {"key": ["k-1"], "token": ["t-2"]})], trello, secrets)
    assert good[0]["query"] == {"key": ["<redacted>"], "token": ["<redacted>"]} and good[0]["url"] == url
    swapped = normalise([_forwarded(url, {}, {"key": ["t-2"], "api_key": ["k-1"]})], trello, secrets)
    assert any("query" in d for d in diff_requests(good, swapped))
    elsewhere = normalise([_forwarded("https://trello.com/1/cards", {}, {"key": ["k-1"], "token": ["t-2"]})], trello, secrets)
    assert any("url" in d for d in diff_requests(good, elsewhere))  # host/path
    key = "0123456789abcdef0123456789abcdef-us6"
    basic = "Basic " + base64.b64encode(f"connector-gen:{key}".encode()).decode()
    (seen,) = normalise([_forwarded("https://us6.api.mailchimp.com/3.0/", {"authorization": basic})], mailchimp, Secrets.of(key))
    assert seen["credentials"]["authorization"] == "Basic base64(connector-gen:<redacted>)"
    assert key not in str(seen) and base64.b64encode(f"connector-gen:{key}".encode()).decode() not in str(seen)


def test_token_requests_compare_by_form_fields_and_run_values_are_generalised() -> None:
    from connector_gen.redact import Secrets
    from connector_gen.smoke.compare import generalise

    from .api_models import api_model

    hub = api_model("hubspot")
    secrets = Secrets.of("r-1", "s-1")
    form = {"content-type": "application/x-www-form-urlencoded", "accept": "*/*"}
    url = "https://api.hubapi.com/oauth/v1/token"
    one = normalise([_forwarded(url, form, body="grant_type=refresh_token&refresh_token=r-1&client_secret=s-1")], hub, secrets)
    two = normalise(
        [
            _forwarded(
                url, {**form, "accept": "application/json"}, body="client_secret=s-1&refresh_token=r-1&grant_type=refresh_token"
            )
        ],
        hub,
        secrets,
    )
    assert one == two and one[0]["body"]["refresh_token"] == ["<redacted>"]
    assert one[0]["credentials"] == {"authorization": None}
    run = {"cg-9-python-": "<prefix>", "101": "<create.id>"}
    sent = [{"url": "https://api.hubapi.com/v1/x/101", "body": {"email": "a+cg-9-python-1@x.org", "n": 101, "v1": 1}}]
    assert generalise(sent, run) == [
        {"url": "https://api.hubapi.com/v1/x/<create.id>", "body": {"email": "a+<prefix>1@x.org", "n": "<create.id>", "v1": 1}}
    ]
