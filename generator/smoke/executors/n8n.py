"""Smoke executor for the n8n target: compiles dist/n8n and runs it with n8n's own engine (n8n-core) in Node."""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any

from ...errors import ConnectorGenError
from ...model import Http, Model, shapes
from ...redact import Secrets
from ...runtime.client import dig
from ...targets.n8n.conventions import credential_name, node_name
from ...targets.n8n.expressions import property_name
from ...targets.n8n.props import node_parameters, trigger_param
from ..executor import Call, Endpoint, Outcome, register_executor
from ..harness import StderrLog, ensure_harness

HARNESS = "n8n"
# The values of n8n's oauthTokenData that are secrets (its expires_in, token_type and scope are not).
TOKEN_KEYS = ("access_token", "refresh_token", "id_token")


class N8nHarnessError(ConnectorGenError):
    """The package did not compile, or the Node harness died or answered something that is not JSON."""


def package_dir(dist: Path) -> Path:
    """The package folder: `dist` itself when it holds package.json, else `dist/n8n`."""
    return dist if (dist / "package.json").is_file() else dist / "n8n"


def compile_package(source: Path, harness: Path) -> Path:
    """Copy the package sources under the harness (so `n8n-workflow` resolves to n8n-core's copy) and build it.

    Mirrors `n8n-node build`: `tsc`, then the icons copied next to the compiled files.
    """
    work = harness / "work"
    work.mkdir(exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="pkg-", dir=work))
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("node_modules", "dist"))
    tsc = harness / "node_modules" / "typescript" / "bin" / "tsc"
    result = subprocess.run(["node", str(tsc), "-p", "."], cwd=target, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        raise N8nHarnessError(f"tsc failed for the n8n package:\n{result.stdout}{result.stderr}")
    for icon in (target / "icons").glob("*.svg"):
        (target / "dist" / "icons").mkdir(parents=True, exist_ok=True)
        shutil.copy2(icon, target / "dist" / "icons" / icon.name)
    return target


# The packages this process compiled, by their sources' digest: executors of one package (a test session's smoke
# runs, simulations) share one `tsc` run; removed when the process ends.
_BUILT: dict[str, Path] = {}


def _remove_built() -> None:
    for path in _BUILT.values():
        shutil.rmtree(path, ignore_errors=True)
    _BUILT.clear()


def compiled_package(source: Path, harness: Path) -> Path:
    """`compile_package` once per process for the same sources and harness; the compiled copy is shared (read only)."""
    digest = hashlib.sha256(str(harness).encode())
    for path in sorted(p for p in source.rglob("*") if p.is_file() and not {"node_modules", "dist"} & set(p.parts)):
        digest.update(path.relative_to(source).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    key = digest.hexdigest()
    if key not in _BUILT or not (_BUILT[key] / "dist").is_dir():
        if not _BUILT:
            atexit.register(_remove_built)
        _BUILT[key] = compile_package(source, harness)
    return _BUILT[key]


def case_of(model: Model, call: Call) -> dict[str, Any]:
    """The harness case that runs `call`: credential test, poll (static data carried in) or a node run."""
    op = call.operation
    if op.kind == "auth_test":
        return {"kind": "credentialTest", "credential": credential_name(model)}
    if op.kind == "polling_trigger":
        # A scoped trigger's path inputs are trigger node parameters beside the event.
        scope = {trigger_param(op, i): call.inputs[i.name] for i in op.inputs_in("path") if i.name in call.inputs}
        return {
            "kind": "poll",
            "node": node_name(model, op),
            "parameters": {"event": op.names.camel, **scope},
            "staticData": call.state or {},
        }
    return {"kind": "action", "node": node_name(model, op), "parameters": node_parameters(model, op, call.inputs)}


def api_message(body: Any, http: Http | None) -> str | None:
    """The API's error message in an answer body (JSON or text): by the spec's error paths, else a common key."""
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return shapes.error_message(http, body) if http else (body.strip() or None)
    found = shapes.error_message(http, body) if http else None
    if found:
        return found
    for where in (("message",), ("error_description",), ("error",)):
        value = dig(body, where)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def error_text(error: dict[str, Any], http: Http | None = None) -> tuple[str, int | None]:
    """n8n's error message plus its description and the API's own message, and the status.

    The generated node puts the API's message (by the spec's error paths) in NodeApiError's description; an error
    raised before (a credential test) has its message in the body n8n keeps with the error, which the harness hands back.
    """
    message = str(error.get("message") or error.get("name") or "error")
    text = message
    for extra in (error.get("description"), api_message(error.get("body"), http)):
        if extra and str(extra) not in text:
            text = f"{text}: {extra}"
    code = error.get("httpCode")
    status = int(code) if isinstance(code, (int, str)) and str(code).isdigit() else None
    return text, status


def _account(items: list[dict[str, Any]], many: bool, path: tuple[str, ...]) -> list[dict[str, Any]]:
    """The test response's record: n8n hands an object body on as one item, an array body as one item per entry."""
    if not items:
        return []
    found: Any = items if many else items[0]
    if path:
        found = items[0]
        for part in path:  # dotted, an integer segment indexing a list (`data.items.0`)
            if isinstance(found, list) and part.isdigit():
                found = found[int(part)] if int(part) < len(found) else None
            else:
                found = found.get(part) if isinstance(found, dict) else None
    if many:
        return [r for r in found if isinstance(r, dict)][:1] if isinstance(found, list) else []
    return [found] if isinstance(found, dict) else []


class N8nHarness:
    """A long-running Node process with n8n-core, answering one JSON command per line."""

    def __init__(self, harness: Path) -> None:
        read_fd, write_fd = os.pipe()
        env = {
            **os.environ,
            "HARNESS_FD": str(write_fd),
            "N8N_USER_FOLDER": str(harness / "work" / "home"),
            "N8N_ENCRYPTION_KEY": "connector-gen-smoke",
            # n8n's logger (stdout, discarded) at error level and never to a file: a debug log holds requests.
            "N8N_LOG_LEVEL": "error",
            "N8N_LOG_OUTPUT": "console",
        }
        env.setdefault("N8N_DIAGNOSTICS_ENABLED", "false")
        self._stderr = StderrLog()  # Node's stack traces: shown only inside an error, redacted
        self.secrets = Secrets()  # every key the harness was handed: any of them may come back in its output
        self.refreshed: dict[str, Any] | None = None  # the token data of the last OAuth2 refresh, unredacted
        try:
            self._proc: subprocess.Popen[str] = subprocess.Popen(
                ["node", str(harness / "run-n8n-node.cjs")],
                cwd=harness,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,  # n8n's logger
                stderr=self._stderr.file,
                text=True,
                env=env,
                pass_fds=(write_fd,),
            )
        finally:
            os.close(write_fd)
        self._answers: IO[str] = os.fdopen(read_fd, "r", encoding="utf-8")

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one command and return its answer, every key the harness was handed redacted."""
        stdin = self._proc.stdin
        assert stdin is not None
        stdin.write(json.dumps(message) + "\n")
        stdin.flush()
        line = self._answers.readline()
        if not line:
            try:  # the answers pipe closed: the process is ending; its stderr is complete once it has
                code: int | None = self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                code = None
            raise N8nHarnessError(f"the n8n harness exited (code {code}): {self._stderr.tail(self.secrets)}")
        raw = json.loads(line)
        tokens = raw.get("oauthTokenData")
        if isinstance(tokens, dict):  # n8n-core refreshed an OAuth2 token: the new ones are secrets too
            self.secrets = self.secrets.adding(*(str(tokens[k]) for k in TOKEN_KEYS if tokens.get(k)))
            self.refreshed = dict(tokens)
        answer: dict[str, Any] = self.secrets.value(raw)
        if "fatal" in answer:
            raise N8nHarnessError(f"the n8n harness failed: {answer['fatal']}\n{answer.get('stack', '')}")
        return answer

    def close(self) -> None:
        """End the Node process."""
        if self._proc.stdin:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._answers.close()
        self._stderr.close()


class N8nExecutor:
    """Runs each Call through n8n-core: WorkflowExecute/RoutingNode, PollContext, or the credential test."""

    name = "n8n"

    def __init__(self) -> None:
        self._harness: N8nHarness | None = None
        self._package: Path | None = None
        self.loaded: dict[str, Any] = {}
        self.harness_dir: Path | None = None  # the installed toolchain, once prepared
        # OAuth2 token data n8n-core refreshed, by the connection's original refresh token (n8n keeps it stored)
        self._tokens: dict[str, dict[str, Any]] = {}

    def prepare(self, model: Model, dist: Path) -> None:
        """Install the toolchain (npm ci, first use only), compile the package and load it with n8n's loader."""
        source = package_dir(Path(dist))
        if not (source / "package.json").is_file():
            raise N8nHarnessError(f"no n8n package in {source}; run `connector-gen build --target n8n`")
        harness = ensure_harness(HARNESS)
        self.harness_dir = harness
        self._package = compiled_package(source, harness)
        self._harness = N8nHarness(harness)
        self.loaded = self._harness.ask({"cmd": "load", "packageDir": str(self._package)})

    def credentials(self, model: Model, endpoint: Endpoint) -> dict[str, Any]:
        """The credential's stored data: each asked field by property name; for OAuth2 the client and token data.

        Token data n8n-core refreshed for this connection earlier replaces the endpoint's (n8n stores it).
        """
        values = endpoint.values
        data: dict[str, Any] = {property_name(model, f.key): values[f.key] for f in model.connection.asked if f.key in values}
        if model.auth.kind == "oauth2":
            data["clientId"] = values.get("client_id", "")
            data["clientSecret"] = values.get("client_secret", "")
            given = {k: values[k] for k in ("access_token", "refresh_token") if k in values}
            data["oauthTokenData"] = self._tokens.get(given.get("refresh_token", ""), given)
        return data

    def raw(self, model: Model, case: dict[str, Any], endpoint: Endpoint) -> dict[str, Any]:
        """Run one harness case against `endpoint`; the harness's answer (items, error, staticData, sent), redacted."""
        if self._harness is None:
            raise N8nHarnessError("the n8n executor is not prepared")
        self._harness.secrets = self._harness.secrets | endpoint.secrets
        self._harness.refreshed = None
        # Longest prefix first, so a token URL under the base URL's host is matched before the base URL.
        pairs = sorted([(endpoint.real_base_url(model), endpoint.base_url), *endpoint.redirects], key=lambda p: -len(p[0]))
        answer = self._harness.ask(
            {"cmd": "run", "credentials": self.credentials(model, endpoint), "redirects": pairs, "case": case}
        )
        if self._harness.refreshed is not None:
            self._tokens[endpoint.values.get("refresh_token", "")] = self._harness.refreshed
        return answer

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation and return what n8n handed on (or its error), every key redacted."""
        outcome = self._run(model, call, endpoint)
        return outcome.redacted(self._harness.secrets) if self._harness is not None else outcome

    def _run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        answer = self.raw(model, case_of(model, call), endpoint)
        state = answer.get("staticData") if call.operation.kind == "polling_trigger" else None
        if not answer["ok"]:
            text, status = error_text(answer["error"] or {}, model.http)
            return Outcome(ok=False, error=text, status=status, state=state if state is not None else call.state)
        records = [r for r in answer["items"] if isinstance(r, dict)]
        if call.operation.kind == "auth_test":
            # n8n's credential test only says "OK"; hand on the account it answered with, like the runtime.
            records = _account(records, call.operation.response.many, call.operation.response.path)
        return Outcome(ok=True, records=records, state=state)

    @property
    def package(self) -> Path | None:
        """The compiled package this executor loaded (shared with the process's other executors of it)."""
        return self._package

    def close(self) -> None:
        """Stop the Node process (the compiled copy goes when the process ends)."""
        if self._harness is not None:
            self._harness.close()
            self._harness = None
        self._package = None


@register_executor(HARNESS)
def factory() -> N8nExecutor:
    """A fresh n8n executor."""
    return N8nExecutor()
