"""Compare the requests two executors sent for the same step, as the mock recorded them.

`normalise` keeps what must be equal across targets (method, path, query, body, the spec's fixed headers,
whether the API key was sent and valid) and replaces a trigger's cursor value, which legitimately differs between runs, by a
placeholder after checking its format (integer epoch milliseconds).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, Protocol

from ..model import Model

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


def _cursor_params(model: Model, method: str, path: str) -> set[str]:
    names: set[str] = set()
    for op in model.of_kind("polling_trigger"):
        pattern = "^" + "[^/]+".join(re.escape(part) for part in _PARAM.split(op.request.path)) + "$"
        if op.trigger and op.request.method == method and re.match(pattern, path):
            names.add(op.trigger.cursor_param)
    return names


def normalise(requests: Iterable[Recorded], model: Model) -> list[dict[str, Any]]:
    """Each request as {method, path, query, headers, body, auth}: query sorted, trigger cursor values as a
    placeholder, headers the spec's fixed ones (lower-case names; None when not sent), the key header by `auth`."""
    out = []
    fixed = sorted(name.lower() for name, _ in model.http.headers)
    for req in requests:
        cursors = _cursor_params(model, req.method, req.path)
        query: dict[str, list[str]] = {}
        for name in sorted(req.query):
            values = list(req.query[name])
            if name in cursors:
                values = [CURSOR if _EPOCH_MS.match(v) else f"<cursor not in epoch ms: {v!r}>" for v in values]
            query[name] = values
        headers = {name: req.headers.get(name) for name in fixed}
        out.append(
            {"method": req.method, "path": req.path, "query": query, "headers": headers, "body": req.body, "auth": req.auth}
        )
    return out


def _text(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def diff_requests(reference: list[dict[str, Any]], other: list[dict[str, Any]]) -> list[str]:
    """Human-readable differences between two normalised request lists (empty when they are equal)."""
    problems: list[str] = []
    for i, (ref, got) in enumerate(zip(reference, other, strict=False), start=1):
        for key in ("method", "path", "query", "headers", "body", "auth"):
            if ref.get(key) != got.get(key):
                where = f"request {i} ({ref.get('method')} {ref.get('path')})"
                problems.append(f"{where}: {key} is {_text(got.get(key))}, expected {_text(ref.get(key))}")
    if len(reference) != len(other):
        extra = other[len(reference) :] or reference[len(other) :]
        which = "more" if len(other) > len(reference) else "fewer"
        listed = ", ".join(f"{r.get('method')} {r.get('path')}" for r in extra)
        label = "extra" if which == "more" else "missing"
        problems.append(f"sent {len(other)} requests, {which} than the reference's {len(reference)} ({label}: {listed})")
    return problems
