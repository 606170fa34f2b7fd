"""Runs a Make custom app's communication (base merged in) with the IML interpreter, as Make's engine would.

Covers what the generated apps use: url/method/headers/qs/body (JSON or form-encoded), `condition`, `temp`,
`pagination`, and the response directives `valid`, `error` (with per-status overrides), `iterate` (string or
container + condition), `output`, `limit`, `trigger`, `metadata` and `data`. Anything else raises, so nothing
passes silently. Connections (their parameters, data and OAuth calls) are `make_engine.connection`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import json5
import requests

from .functions import runner
from .iml import UNDEFINED, Context, IMLError, drop_undefined, render, to_text, truthy

_REQUEST_KEYS = {
    *("url", "baseUrl", "encodeUrl", "method", "headers", "qs", "body", "type", "condition", "temp", "log", "pagination"),
    "response",
}
_RESPONSE_KEYS = {"valid", "error", "iterate", "output", "limit", "trigger", "metadata", "data", "type", "temp", "expires"}
_DEFAULT_ERRORS = {429: "Third party API limit likely exceeded", 500: "Service is temporarily unavailable."}
MAX_PAGES = 1000
# What a request may do when its answer is a 401: refresh the connection and hand back its new values, or None.
Retry = Callable[[], dict[str, Any] | None]


class MakeError(Exception):
    """A module's error as Make reports it: a type (RuntimeError, RateLimitError, …), message and status."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        self.kind, self.message, self.status = kind, message, status
        super().__init__(f"{kind}: {message}")


@dataclass
class Output:
    """One bundle a module outputs, with its trigger identity when the module is a trigger."""

    value: Any
    trigger_id: str | None = None
    trigger_date: Any = None


@dataclass
class Result:
    """Every bundle of one run, plus the limit a trigger applies after Make's dedupe."""

    outputs: list[Output] = field(default_factory=list)
    limit: int | None = None
    metadata: Any = None
    data: Any = None  # a connection's stored data (response.data)


def load_jsonc(text: str) -> Any:
    """Parse JSONC (comments, trailing commas) as Make's tooling does; json5 reads a superset of it."""
    return json5.loads(text)


class MakeApp:
    """A Make app folder (makecomapp.json + sections) that can run its connection, modules and RPCs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest = self.section("makecomapp.json")
        self.base = self.section(self.manifest["generalCodeFiles"]["base"])
        self.session = requests.Session()
        # (real URL prefix, served at) pairs: where requests to the real API (and its token URL) are sent instead.
        self.redirects: tuple[tuple[str, str], ...] = ()
        # The organization's time zone: formatDate/parseDate without one use it (Make's date and time functions).
        self.timezone = "UTC"
        # The app's custom IML functions, callable from every expression of its modules and RPCs.
        self.functions = {
            name: runner(name, (self.folder / meta["codeFiles"]["code"]).read_text("utf-8"))
            for name, meta in self.manifest["components"].get("function", {}).items()
        }

    def section(self, relative: str) -> Any:
        """One file of the app, parsed as JSONC."""
        return load_jsonc((self.folder / relative).read_text("utf-8"))

    def component(self, kind: str, local_id: str) -> dict[str, Any]:
        """The manifest entry of one component; raises KeyError naming it when it does not exist."""
        found = self.manifest["components"][kind].get(local_id)
        if found is None:
            raise KeyError(f"no {kind} '{local_id}' in makecomapp.json")
        return dict(found)

    def parameters(self, kind: str, local_id: str) -> list[dict[str, Any]]:
        """A module's static and mappable parameters, or an RPC's or connection's parameters."""
        files = self.component(kind, local_id)["codeFiles"]
        return [p for key in ("staticParams", "mappableParams", "params") if files.get(key) for p in self.section(files[key])]

    def defaults(self, kind: str, local_id: str) -> dict[str, Any]:
        """The default values of a component's parameters (what Make pre-fills)."""
        return {p["name"]: p["default"] for p in self.parameters(kind, local_id) if "default" in p}

    def run(
        self,
        kind: str,
        local_id: str,
        parameters: dict[str, Any],
        connection: dict[str, Any],
        now: datetime,
        api_base: str | None = None,
        retry: Retry | None = None,
    ) -> Result:
        """Run a module's or RPC's communication; `api_base` replaces the base URL, `retry` refreshes on a 401."""
        path = self.component(kind, local_id)["codeFiles"]["communication"]
        ctx = Context({"parameters": parameters, "connection": connection}, now, self.functions, self.timezone)
        base = {**self.base, "baseUrl": api_base} if api_base else self.base
        return self._communication(self.section(path), base, ctx, path, trigger=kind == "module", retry=retry)

    def test_connection(self, local_id: str, parameters: dict[str, Any], now: datetime, api_base: str | None = None) -> Result:
        """Run a basic connection's test call; an `api_base` takes the place of the app's base URL in its URL."""
        path = self.component("connection", local_id)["codeFiles"]["communication"]
        comm = self.section(path)
        app_base = self.base["baseUrl"].rstrip("/")
        if api_base and isinstance(comm.get("url"), str) and comm["url"].startswith(app_base):
            comm["url"] = api_base.rstrip("/") + comm["url"][len(app_base) :]
        ctx = Context({"parameters": parameters}, now, self.functions, self.timezone)
        return self._communication(comm, {}, ctx, path, trigger=False)

    def call(self, request: dict[str, Any], ctx: Context, where: str) -> Result:
        """Run one request of a connection (no base: connections inherit none)."""
        return self._communication(request, {}, ctx, where, trigger=False)

    # -- one communication ---------------------------------------------------------------------

    def _communication(
        self, comm: Any, base: dict[str, Any], ctx: Context, where: str, trigger: bool, retry: Retry | None = None
    ) -> Result:
        result = Result()
        for i, req in enumerate(comm if isinstance(comm, list) else [comm]):
            spot = f"{where}#/{i}" if isinstance(comm, list) else f"{where}#"
            unknown = sorted(set(req) - _REQUEST_KEYS)
            if unknown:
                raise IMLError(f"request directive '{unknown[0]}' is not supported by this runtime", spot)
            self._request(req, base, ctx, spot, trigger, result, retry)
        return result

    def _request(
        self,
        req: dict[str, Any],
        base: dict[str, Any],
        ctx: Context,
        where: str,
        trigger: bool,
        result: Result,
        retry: Retry | None = None,
    ) -> None:
        if "temp" in req:
            ctx = ctx.extend(temp=render(req["temp"], ctx, f"{where}/temp"))
        if "condition" in req and not truthy(render(req["condition"], ctx, f"{where}/condition")):
            return
        response = {**base.get("response", {}), **req.get("response", {})}
        response["error"] = {**base.get("response", {}).get("error", {}), **req.get("response", {}).get("error", {})}
        unknown = sorted(set(response) - _RESPONSE_KEYS)
        if unknown:
            raise IMLError(f"response directive '{unknown[0]}' is not supported by this runtime", where)
        limit = render(response.get("limit", UNDEFINED), ctx, f"{where}/response/limit")
        limit_n = int(limit) if limit not in (UNDEFINED, None, "") else None
        pagination = req.get("pagination")
        page, spec, outputs = 1, req, []
        # The pagination directive is evaluated with the last response in view (body, headers), as its condition is.
        last: dict[str, Any] = {}
        while True:
            pctx = ctx.extend(pagination={"page": page})
            reply = self._send(spec, base, pctx.extend(**last) if last else pctx, where)
            fresh = retry() if retry is not None and reply[2] == 401 else None
            if fresh is not None:  # refreshed once; this request and every later one send the new token
                retry, ctx = None, ctx.extend(connection=fresh)
                pctx = ctx.extend(pagination={"page": page})
                reply = self._send(spec, base, pctx, where)
            rctx = pctx.extend(body=reply[0], headers=reply[1], statusCode=reply[2])
            self._check(response, rctx, where)
            if "metadata" in response:
                result.metadata = render(response["metadata"], rctx, f"{where}/response/metadata")
            if "data" in response:
                result.data = render(response["data"], rctx, f"{where}/response/data")
            got, read = self._outputs(response, rctx, where)
            outputs.extend(got)
            # The limit also decides whether to fetch the next page; a trigger's limit counts what its dedupe keeps.
            full = limit_n is not None and "trigger" not in response and len(outputs) >= limit_n
            if not pagination or not read or full or page >= MAX_PAGES:
                break
            if not truthy(render(pagination.get("condition", True), rctx, f"{where}/pagination/condition")):
                break
            page += 1
            spec = _merge_page(req, pagination)
            last = {"body": reply[0], "headers": reply[1], "statusCode": reply[2]}
        if trigger and "trigger" in response:
            result.limit = limit_n
        elif limit_n is not None:
            outputs = outputs[:limit_n]
        result.outputs.extend(outputs)

    def _send(self, req: dict[str, Any], base: dict[str, Any], ctx: Context, where: str) -> tuple[Any, dict[str, str], int]:
        url = to_text(render(req.get("url", ""), ctx, f"{where}/url"))
        if not re.match(r"^https?://", url):
            # One `/` between base and path: Make drops a doubled one (universal-module/rest: "automatically removed").
            root = to_text(render(base.get("baseUrl", ""), ctx, f"{where}/baseUrl")).rstrip("/")
            url = root + ("/" + url.lstrip("/") if url else "")
        url = self.redirect(url)
        method = to_text(render(req.get("method", "GET"), ctx, f"{where}/method")).upper()
        headers = drop_undefined(render({**base.get("headers", {}), **req.get("headers", {})}, ctx, f"{where}/headers"))
        qs = drop_undefined(render({**base.get("qs", {}), **req.get("qs", {})}, ctx, f"{where}/qs"))
        pairs = [(k, to_text(v)) for k, value in qs.items() for v in (value if isinstance(value, list) else [value])]
        data = None
        if "body" in req:
            body = drop_undefined(render(req["body"], ctx, f"{where}/body"))
            kind = req.get("type", "json")
            if kind not in ("json", "urlencoded", "text"):
                raise IMLError(f"request type '{kind}' is not supported by this runtime", where)
            if body is not UNDEFINED and kind == "text":  # sent as it is (the request's headers say what it is)
                data = to_text(body).encode("utf-8")
            elif body is not UNDEFINED and kind == "urlencoded":
                form = body.items() if isinstance(body, dict) else []
                data = urlencode([(k, to_text(v)) for k, v in form]).encode("ascii")
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            elif body is not UNDEFINED:  # an undefined body is not sent at all
                data = json.dumps(body).encode("utf-8")
                headers.setdefault("Content-Type", "application/json")
        try:
            sent = {k: to_text(v) for k, v in headers.items()}
            reply = self.session.request(method, url, params=pairs, data=data, headers=sent)
        except requests.RequestException as exc:
            raise MakeError("ConnectionError", f"Request failed: {type(exc).__name__}") from None
        try:
            body_value: Any = reply.json() if reply.content else UNDEFINED
        except ValueError:
            body_value = reply.text
        return body_value, {k.lower(): v for k, v in reply.headers.items()}, reply.status_code

    def redirect(self, url: str) -> str:
        """`url` moved onto where its real prefix is served (the longest matching prefix wins)."""
        for real, served in sorted(self.redirects, key=lambda pair: -len(pair[0])):
            if real and url.startswith(real) and url[len(real) : len(real) + 1] in ("", "/", "?", "#"):
                return served + url[len(real) :]
        return url

    def _check(self, response: dict[str, Any], ctx: Context, where: str) -> None:
        status = ctx.lookup("statusCode")
        valid = True
        if "valid" in response:
            spec = response["valid"]
            condition = spec.get("condition", True) if isinstance(spec, dict) else spec
            valid = truthy(render(condition, ctx, f"{where}/response/valid"))
        if status < 400 and valid:
            return
        spec = response.get("valid")
        if status < 400 and isinstance(spec, dict) and "message" in spec:
            message = to_text(render(spec["message"], ctx, f"{where}/response/valid/message"))
            raise MakeError(to_text(render(spec.get("type", "RuntimeError"), ctx, where)), message, status)
        error = response.get("error", {})
        chosen = error.get(str(status), error)
        if "message" not in chosen:
            fallback = "Response marked as invalid." if status < 400 else f"Status Code Error: {status}"
            default = _DEFAULT_ERRORS.get(500 if status >= 500 else status, fallback)
            raise MakeError(chosen.get("type", "RuntimeError"), default, status)
        message = to_text(render(chosen["message"], ctx, f"{where}/response/error"))
        raise MakeError(to_text(render(chosen.get("type", "RuntimeError"), ctx, where)), message, status)

    def _outputs(self, response: dict[str, Any], ctx: Context, where: str) -> tuple[list[Output], int]:
        """The bundles of one response and how many items it held before the iterate condition (0: an empty page)."""
        if "iterate" not in response:
            value = render(response.get("output", "{{body}}"), ctx, f"{where}/response/output")
            return ([], 0) if value is UNDEFINED else ([Output(value)], 1)
        spec = response["iterate"]
        container_spec = spec.get("container") if isinstance(spec, dict) else spec
        container = render(container_spec, ctx, f"{where}/response/iterate")
        items = container if isinstance(container, list) else ([] if container in (UNDEFINED, None) else [container])
        found = []
        for item in items:
            ictx = ctx.extend(item=item)
            keep = spec.get("condition", True) if isinstance(spec, dict) else True
            if not truthy(render(keep, ictx, f"{where}/response/iterate/condition")):
                continue
            out = Output(drop_undefined(render(response.get("output", "{{item}}"), ictx, f"{where}/response/output")))
            if "trigger" in response:
                trig = response["trigger"]
                out.trigger_id = to_text(render(trig["id"], ictx, f"{where}/response/trigger/id"))
                out.trigger_date = render(trig.get("date", UNDEFINED), ictx, f"{where}/response/trigger/date")
            found.append(out)
        return found, len(items)


def _merge_page(parent: dict[str, Any], pagination: dict[str, Any]) -> dict[str, Any]:
    # qs and headers merge into the parent's (mergeWithParent, the default); url, method and body replace them.
    if pagination.get("mergeWithParent", True) is False:
        return dict(pagination)
    merged = dict(parent)
    for key in ("qs", "headers"):
        if key in pagination:
            merged[key] = {**parent.get(key, {}), **pagination[key]}
    for key in ("url", "method", "body"):
        if key in pagination:
            merged[key] = pagination[key]
    return merged
