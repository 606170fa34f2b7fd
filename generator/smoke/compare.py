"""Compare the requests two executors sent for the same step, as the mock (or the real-API recorder) saw them.

`normalise` keeps what must be equal across targets: method; host and path (`url`, the real URL the artifact meant,
when the recorder saw it; else the mock's `path`); every query parameter, the auth's own included; the body; the
spec's fixed and setting headers and every header the auth sets (auth placement: which header or parameter carries
which credential, the scheme prefix kept and each secret replaced by `<redacted>`, HTTP Basic decoded to
`user:<redacted>`); and the mock's verdict on the credentials. A trigger's cursor value, which legitimately differs
between runs, becomes a placeholder after its format (its filter's: epoch ms or s, ISO 8601, a date) is checked. Paged
requests compare one by one, a Link page (style link) as the path and parsed query the mock saw. `generalise` replaces
what differs by design between the targets of a real-API run (each target's record prefix, the ids the API gave).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from ..model import Field, Model, values
from ..model.encoding import parse_form
from ..redact import Secrets

CURSOR = "<cursor>"
_EPOCH_MS = re.compile(r"^\d{1,16}$")
_PARAM = re.compile(r"\{[^{}]*\}")


class Recorded(Protocol):
    """What normalise reads of a mock's RecordedRequest."""

    @property
    def method(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def query(self) -> dict[str, list[str]]: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def body(self) -> Any: ...
    @property
    def auth(self) -> str: ...


def _route(op_path: str) -> str:
    return "^" + "[^/]+".join(re.escape(part) for part in _PARAM.split(op_path)) + "$"


def _cursor_params(model: Model, method: str, path: str) -> dict[str, Field | None]:
    # Each trigger cursor parameter of this route, with the filter field that types it (None: epoch ms). A page a
    # Link header names may sit on a path of the API's own choosing (GitHub's /repositories/{id}/issues): a request
    # on no operation's route carries the cursor of a link-paged trigger.
    names: dict[str, Field | None] = {}
    elsewhere = not any(o.request.method == method and re.match(_route(o.request.path), path) for o in model.operations)
    for op in model.of_kind("polling_trigger"):
        linked = elsewhere and op.pagination is not None and op.pagination.style == "link"
        if (
            op.trigger
            and op.trigger.cursor_param
            and op.request.method == method
            and (linked or re.match(_route(op.request.path), path))
        ):
            flt = op.resource.filter(op.trigger.cursor_param)
            names[op.trigger.cursor_param] = flt.field if flt and flt.field.type in ("datetime", "date") else None
    return names


def _cursor(fld: Field | None, text: str) -> str:
    # A cursor differs between runs: it compares as a placeholder once it is a valid value of its format.
    if fld is None:
        return CURSOR if _EPOCH_MS.match(text) else f"<cursor not in epoch ms: {text!r}>"
    if values.problem(fld, values.parse(fld, text)) is None:
        return CURSOR
    unit = {"epoch_ms": "epoch ms", "epoch_s": "epoch s", "iso8601": "ISO 8601"}.get(fld.format or "", "its format")
    unit = "a date (YYYY-MM-DD)" if fld.type == "date" else unit
    return f"<cursor not in {unit}: {text!r}>"


def _basic(value: str, secrets: Secrets) -> str:
    # Base64 of "user:password" hides a secret from plain redaction when the user name is fixed text.
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic":
        return secrets.text(value)
    try:
        pair = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return "Basic <not base64>"
    user, _, password = pair.partition(":")
    return f"Basic base64({secrets.text(user)}:{secrets.text(password)})"


def _header_names(model: Model) -> list[str]:
    return sorted({name.lower() for name, _ in model.http.headers} | {name.lower() for name, _ in model.http.setting_headers})


def _token_paths(model: Model) -> set[str]:
    oauth = model.auth.oauth2
    return {urlsplit(t.text).path for t in (oauth.token_url, oauth.refresh_url)} if oauth else set()


def _form(body: Any, headers: Mapping[str, str]) -> Any:
    # A form body compares by its fields: platforms order them differently.
    if isinstance(body, str) and "form-urlencoded" in headers.get("content-type", ""):
        return {k: sorted(v) for k, v in sorted(parse_qs(body, keep_blank_values=True).items())}
    return body


def _form_data(body: Any, headers: Mapping[str, str]) -> Any:
    # A form-encoded API body compares as the data its pairs say (`encoding.parse_form`): the order of the fields
    # may differ between platforms, the order within a list may not. JSON bodies compare as data already.
    if isinstance(body, str) and "form-urlencoded" in headers.get("content-type", ""):
        return {"form": parse_form(body)}
    return body


def normalise(requests: Iterable[Recorded], model: Model, secrets: Secrets | None = None) -> list[dict[str, Any]]:
    """Each request as {method, url or path, query, headers, credentials, body, auth}, every secret redacted: query
    sorted, trigger cursor values as a placeholder, headers the spec's fixed and setting ones and credentials the
    headers the auth sets (None when not sent).
    An OAuth2 token request (its platform's own, headers and all) compares by its form fields and Authorization."""
    secrets = secrets or Secrets()
    out = []
    names = _header_names(model)
    auth_headers = sorted({name.lower() for name in model.auth.header_names})
    tokens = _token_paths(model)
    for req in requests:
        url = getattr(req, "url", None)
        where = {"url": url} if url else {"path": req.path}
        if tokens and urlsplit(url or req.path).path in tokens:
            auth = req.headers.get("authorization")
            sent = {"authorization": _basic(auth, secrets) if auth else None}
            body = _form(req.body, req.headers)
            out.append(secrets.value({"method": req.method, **where, "query": req.query, "credentials": sent, "body": body}))
            continue
        cursors = _cursor_params(model, req.method, req.path)
        query: dict[str, list[str]] = {}
        for name in sorted(req.query):
            texts = list(req.query[name])
            if name in cursors:
                texts = [_cursor(cursors[name], v) for v in texts]
            query[name] = texts
        headers = {name: req.headers.get(name) for name in names}
        # Auth placement: the headers the auth sets, by name (its query parameters are in `query`).
        sent = {name: _basic(v, secrets) if (v := req.headers.get(name)) is not None else None for name in auth_headers}
        body = _form_data(req.body, req.headers)
        entry = {"method": req.method, **where, "query": query, "headers": headers, "credentials": sent, "body": body}
        entry["auth"] = req.auth
        out.append(secrets.value(entry))
    return out


def generalise(requests: list[dict[str, Any]], run: Mapping[str, str]) -> list[dict[str, Any]]:
    """`requests` with each run-specific text (a key of `run`: a record prefix, an id the API gave) replaced by
    its stand-in, as a whole token (so an id `1` does not hit `/v1/`)."""
    if not run:
        return requests

    def token(key: str) -> str:
        left = r"(?<![A-Za-z0-9])" if key[:1].isalnum() else ""
        right = r"(?![A-Za-z0-9])" if key[-1:].isalnum() else ""
        return left + re.escape(key) + right

    pattern = re.compile("|".join(token(k) for k in sorted(run, key=len, reverse=True)))

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: run[m.group()], value)
        if isinstance(value, dict):
            return {swap(k): swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool):  # an integer id in a body
            return run.get(str(value), value)
        return value

    return [swap(r) for r in requests]


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def diff_requests(reference: list[dict[str, Any]], other: list[dict[str, Any]]) -> list[str]:
    """Human-readable differences between two normalised request lists (empty when they are equal)."""
    problems: list[str] = []
    for i, (ref, got) in enumerate(zip(reference, other, strict=False), start=1):
        for key in ("method", "url", "path", "query", "headers", "credentials", "body", "auth"):
            if ref.get(key) != got.get(key):
                where = f"request {i} ({ref.get('method')} {ref.get('url') or ref.get('path')})"
                problems.append(f"{where}: {key} is {_text(got.get(key))}, expected {_text(ref.get(key))}")
    if len(reference) != len(other):
        extra = other[len(reference) :] or reference[len(other) :]
        which = "more" if len(other) > len(reference) else "fewer"
        listed = ", ".join(f"{r.get('method')} {r.get('url') or r.get('path')}" for r in extra)
        label = "extra" if which == "more" else "missing"
        problems.append(f"sent {len(other)} requests, {which} than the reference's {len(reference)} ({label}: {listed})")
    return problems
