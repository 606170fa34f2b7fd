"""Smoke executor for the n8n target: compiles dist/n8n and runs it with n8n's own engine (n8n-core) in Node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any

from ...errors import ConnectorGenError
from ...model import Model
from ...redact import Secrets
from ...runtime.client import dig
from ...targets.n8n.conventions import credential_name, node_name
from ...targets.n8n.props import node_parameters
from ..executor import Call, Endpoint, Outcome, primary_secret, register_executor
from ..harness import StderrLog, ensure_harness

HARNESS = "n8n"


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


def case_of(model: Model, call: Call) -> dict[str, Any]:
    """The harness case that runs `call`: credential test, poll (static data carried in) or a node run."""
    op = call.operation
    if op.kind == "auth_test":
        return {"kind": "credentialTest", "credential": credential_name(model)}
    if op.kind == "polling_trigger":
        return {
            "kind": "poll",
            "node": node_name(model, op),
            "parameters": {"event": op.names.camel},
            "staticData": call.state or {},
        }
    return {"kind": "action", "node": node_name(model, op), "parameters": node_parameters(model, op, call.inputs)}


def error_text(error: dict[str, Any]) -> tuple[str, int | None]:
    """n8n's error message plus its description (where NodeApiError keeps the API's error.message), and the status."""
    message = str(error.get("message") or error.get("name") or "error")
    description = error.get("description")
    text = f"{message}: {description}" if description and str(description) not in message else message
    code = error.get("httpCode")
    status = int(code) if isinstance(code, (int, str)) and str(code).isdigit() else None
    return text, status


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
        answer: dict[str, Any] = self.secrets.value(json.loads(line))
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

    def prepare(self, model: Model, dist: Path) -> None:
        """Install the toolchain (npm ci, first use only), compile the package and load it with n8n's loader."""
        source = package_dir(Path(dist))
        if not (source / "package.json").is_file():
            raise N8nHarnessError(f"no n8n package in {source}; run `connector-gen build --target n8n`")
        harness = ensure_harness(HARNESS)
        self._package = compile_package(source, harness)
        self._harness = N8nHarness(harness)
        self.loaded = self._harness.ask({"cmd": "load", "packageDir": str(self._package)})

    def raw(self, model: Model, case: dict[str, Any], endpoint: Endpoint) -> dict[str, Any]:
        """Run one harness case against `base_url`; the harness's answer (items, error, staticData, sent), key redacted."""
        if self._harness is None:
            raise N8nHarnessError("the n8n executor is not prepared")
        self._harness.secrets = self._harness.secrets | endpoint.secrets
        api_key = primary_secret(model, endpoint)
        return self._harness.ask(
            {
                "cmd": "run",
                "credentials": {"apiKey": api_key},
                "realBaseUrl": endpoint.real_base_url(model),
                "redirectBaseUrl": endpoint.base_url,
                "case": case,
            }
        )

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation and return what n8n handed on (or its error), every key redacted."""
        outcome = self._run(model, call, endpoint)
        return outcome.redacted(self._harness.secrets) if self._harness is not None else outcome

    def _run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        answer = self.raw(model, case_of(model, call), endpoint)
        state = answer.get("staticData") if call.operation.kind == "polling_trigger" else None
        if not answer["ok"]:
            text, status = error_text(answer["error"] or {})
            return Outcome(ok=False, error=text, status=status, state=state if state is not None else call.state)
        records = [r for r in answer["items"] if isinstance(r, dict)]
        if call.operation.kind == "auth_test":
            # n8n's credential test only says "OK"; hand on the account it answered with, like the runtime.
            found = dig(records[0], model.http.items_path) if records else None
            records = [r for r in found if isinstance(r, dict)][:1] if isinstance(found, list) else []
        return Outcome(ok=True, records=records, state=state)

    def close(self) -> None:
        """Stop the Node process and remove the compiled copy."""
        if self._harness is not None:
            self._harness.close()
            self._harness = None
        if self._package is not None:
            shutil.rmtree(self._package, ignore_errors=True)
            self._package = None


@register_executor(HARNESS)
def factory() -> N8nExecutor:
    """A fresh n8n executor."""
    return N8nExecutor()
