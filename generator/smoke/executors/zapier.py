"""Smoke executor for the Zapier target: runs dist/zapier with zapier-platform-core in a Node harness."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path
from typing import IO, Any

from ...errors import ConnectorGenError
from ...model import Model, Operation
from ...redact import Secrets
from ...targets.zapier import conventions
from ...targets.zapier.conventions import ENTRY_FILE, ZAPIER_ID, flat_inputs, method_of
from ..executor import Call, Endpoint, Outcome, register_executor
from ..harness import StderrLog, ensure_harness

# The harness prefixes its answers with this; other stdout lines (app or core output) are skipped.
MARK = "@@connector-gen@@ "
# What a Zapier OAuth2 connection's authData holds besides its asked fields (the platform stores what the app's
# getAccessToken / refreshAccessToken return).
TOKENS = ("access_token", "refresh_token")
# Where Zapier keeps an OAuth app's client id and secret: the app's environment (process.env).
CLIENT_ENV = {"client_id": "CLIENT_ID", "client_secret": "CLIENT_SECRET"}


class ZapierHarnessError(ConnectorGenError):
    """The Node harness died or answered something that is not JSON."""


def app_dir(dist: Path) -> Path:
    """The Zapier app folder: `dist` itself when it holds index.js, else `dist/zapier`."""
    return dist if (dist / ENTRY_FILE).is_file() else dist / "zapier"


def dedupe_keys(definition: dict[str, Any], op: Operation) -> list[str]:
    """The fields Zapier dedupes a trigger on: its `primary` output fields, else `id`."""
    fields = definition.get("triggers", {}).get(conventions.operation_key(op), {}).get("operation", {}).get("outputFields", [])
    primary = [f["key"] for f in fields if isinstance(f, dict) and f.get("primary")]
    return primary or [ZAPIER_ID]


def _strip_id_alias(op: Operation, records: list[dict[str, Any]]) -> str | None:
    """Check and drop the `id` the app copies from a resource's own id field; smoke compares API records."""
    source = op.resource.id_field if op.kind != "auth_test" else None
    if source is None or source == "id":
        return None
    for record in records:
        if source in record and record.get("id") != record[source]:
            return f"the app's id {record.get('id')!r} is not a copy of {source!r} ({record[source]!r})"
        record.pop("id", None)
    return None


def parse_error(error: dict[str, Any]) -> tuple[str, int | None]:
    """Error text and HTTP status from a core error (AppError/ThrottledError messages are JSON)."""
    name, message = str(error.get("name", "Error")), str(error.get("message", ""))
    try:
        detail = json.loads(message)
    except ValueError:
        return f"{name}: {message}", None
    if not isinstance(detail, dict):
        return f"{name}: {message}", None
    text = str(detail.get("message", message))
    if name == "ThrottledError":
        return f"{name}: {text}", 429
    status = detail.get("status")
    return f"{name}: {text}", status if isinstance(status, int) else None


def mock_now(clock: str | None) -> int | None:
    """The embedded mock's clock (`Endpoint.clock`), or None against a real API (its windows run on the wall clock)."""
    if clock is None:
        return None
    try:
        with urllib.request.urlopen(clock, timeout=10) as reply:
            now = json.load(reply).get("now")
    except (OSError, ValueError):
        return None
    return now if isinstance(now, int) else None


class ZapierExecutor:
    """Runs each Call through core's `execute` command on the unchanged app, emulating Zapier's dedupe."""

    name = "zapier"

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._stderr: StderrLog | None = None
        self._dist: Path | None = None
        self._definition: dict[str, Any] = {}
        self._secrets = Secrets()  # every key this executor was handed: the harness may echo any of them
        # Tokens a refresh returned, by the access token they replaced: Zapier stores them in the connection.
        self._refreshed: dict[str, dict[str, str]] = {}

    def prepare(self, model: Model, dist: Path) -> None:
        """Install the harness (npm ci, first use only) and start its Node process."""
        self._dist = app_dir(Path(dist)).resolve()
        if not (self._dist / "index.js").is_file():
            raise ZapierHarnessError(f"no Zapier app in {self._dist}; run `connector-gen build --target zapier`")
        harness = ensure_harness("zapier")
        # index.js requires zapier-platform-core; dist/ has no node_modules, so resolve it from the harness.
        env = {**os.environ, "NODE_PATH": str(harness / "node_modules"), "NODE_ENV": "test"}
        env.pop("LOGGING_TOKEN", None)  # else core streams logs to Zapier
        for name in ("LOG_TO_STDOUT", "DETAILED_LOG_TO_STDOUT"):  # else core prints each request, headers and all
            env.pop(name, None)
        self._stderr = StderrLog()
        self._proc = subprocess.Popen(
            ["node", str(harness / "harness.js")],
            cwd=harness,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr.file,
            text=True,
            env=env,
        )
        self._definition = self.ask({"cmd": "definition", "dist": str(self._dist)})["definition"]

    @property
    def definition(self) -> dict[str, Any]:
        """The app as its index.js exports it (loaded by the harness at prepare time)."""
        return self._definition

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one command to the harness and return its answer, every key it was handed redacted."""
        if self._proc is None or self._proc.stdin is None or self._proc.stdout is None:
            raise ZapierHarnessError("the Zapier executor is not prepared")
        stdin: IO[str] = self._proc.stdin
        stdin.write(json.dumps(message) + "\n")
        stdin.flush()
        while True:
            line = self._proc.stdout.readline()
            if not line:
                code = self._proc.wait()
                err = self._stderr.tail(self._secrets) if self._stderr else ""
                raise ZapierHarnessError(f"the Zapier harness exited (code {code})" + (f": {err}" if err else ""))
            if line.startswith(MARK):  # any other line (the app's or core's own output) is dropped unseen
                raw = json.loads(line[len(MARK) :])
                refreshed = raw.pop("refreshed", None) if isinstance(raw, dict) else None
                tokens = {k: v for k, v in refreshed.items() if isinstance(v, str | int)} if isinstance(refreshed, dict) else None
                if tokens:  # a refresh's new tokens are secrets before anything of this answer is kept
                    self._secrets = self._secrets.adding(*(v for v in tokens.values() if isinstance(v, str)))
                answer: dict[str, Any] = self._secrets.value(raw)
                if tokens is not None:  # kept for the connection (never handed on): see invoke
                    answer["refreshed"] = tokens
                return answer

    def validate(self) -> dict[str, list[str]]:
        """Errors from zapier-platform-schema's validateAppDefinition and core's `validate` command."""
        answer = self.ask({"cmd": "validate", "dist": str(self._dist)})
        return {"schema": answer["schema"], "core": answer["core"]}

    def auth_data(self, model: Model, endpoint: Endpoint) -> dict[str, str]:
        """Zapier's authData for `endpoint`: every asked connection field, plus the OAuth tokens (refreshed ones kept)."""
        asked = {f.key: conventions.auth_key(f) for f in model.connection.asked}  # under the app's own keys
        data = {asked.get(k, k): v for k, v in endpoint.values.items() if k in asked or k in TOKENS}
        return {**data, **self._refreshed.get(data.get("access_token", ""), {})}

    def invoke(self, method: str, bundle: dict[str, Any], endpoint: Endpoint, model: Model) -> dict[str, Any]:
        """Run one function of the app (by dotted path) against `endpoint`; the harness answer, secrets redacted."""
        self._secrets = self._secrets | endpoint.secrets
        auth = bundle.get("authData") or {}
        self._secrets = self._secrets.adding(
            *(str(auth[k]) for k in (*TOKENS, *{conventions.auth_key(f) for f in model.connection.secrets}) if k in auth)
        )
        redirects = [[endpoint.real_base_url(model), endpoint.base_url.rstrip("/")], *map(list, endpoint.redirects)]
        env = {name: endpoint.values[key] for key, name in CLIENT_ENV.items() if key in endpoint.values}
        answer = self.ask(
            {
                "cmd": "run",
                "dist": str(self._dist),
                "method": method,
                "bundle": bundle,
                "redirects": redirects,
                "env": env,
                "now": mock_now(endpoint.clock),
            }
        )
        refreshed = answer.pop("refreshed", None)
        if isinstance(refreshed, dict) and "access_token" in endpoint.values:
            # Zapier stores the refreshed tokens in the connection: later calls with this endpoint use them.
            self._refreshed[endpoint.values["access_token"]] = {k: str(v) for k, v in refreshed.items()}
            answer["refreshed"] = sorted(refreshed)
        return answer

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation and return what Zapier would hand on, every key redacted."""
        self._secrets = self._secrets | endpoint.secrets
        return self._run(model, call, endpoint).redacted(self._secrets)

    def _run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        op = call.operation
        bundle = {"authData": self.auth_data(model, endpoint), "inputData": flat_inputs(op, call.inputs), "meta": {}}
        answer = self.invoke(method_of(op), bundle, endpoint, model)
        if not answer.get("ok"):
            text, status = parse_error(answer.get("error") or {})
            return Outcome(ok=False, error=text, status=status, state=call.state)
        result = answer.get("result")
        if op.kind in ("auth_test", "action"):
            records = [result] if isinstance(result, dict) else []
        else:
            records = [r for r in result if isinstance(r, dict)] if isinstance(result, list) else []
        alias_problem = _strip_id_alias(op, records)
        if alias_problem:
            return Outcome(ok=False, error=alias_problem, state=call.state)
        if op.kind in ("auth_test", "action"):
            return Outcome(ok=True, records=records)
        if op.kind != "polling_trigger":
            return Outcome(ok=True, records=records)
        return self._dedupe(op, records, call.state)

    def _dedupe(self, op: Operation, records: list[dict[str, Any]], state: dict[str, Any] | None) -> Outcome:
        # Zapier hands on only records whose primary key it has not seen before.
        keys = dedupe_keys(self._definition, op)
        seen = set((state or {}).get("seen", ()))
        fresh: list[dict[str, Any]] = []
        for record in records:
            identity = json.dumps([record.get(k) for k in keys])
            if identity not in seen:
                seen.add(identity)
                fresh.append(record)
        return Outcome(ok=True, records=fresh, state={"seen": sorted(seen)})

    def close(self) -> None:
        """Stop the Node process."""
        if self._proc is not None:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stdout is not None:
                self._proc.stdout.close()
            self._proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


@register_executor("zapier")
def factory() -> ZapierExecutor:
    """A fresh Zapier executor."""
    return ZapierExecutor()
