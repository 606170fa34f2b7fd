"""An app's custom IML functions (JavaScript in `functions/<name>/<name>.code.js`), run in Node as Make runs them.

Make executes them in a sandbox that offers only JavaScript's built-in objects and Buffer, for at most 10 seconds
(developers.make.com/custom-apps-documentation/app-components/iml-functions); here each call runs in the `vm`
context of its function (one per function) in one long-lived Node process, with the same limits. Arguments and
results cross as JSON: undefined and dates as Make's IML sees them (undefined as JavaScript's undefined, a date
as its ISO text).
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .values import UNDEFINED, iso

TIMEOUT_SECONDS = 10
# Reads one {code, name, args} query per line on stdin and answers each with one line. Each function's code is
# loaded once into a vm context of its own (only built-ins and Buffer) and called there: one Node process serves
# every call without a start-up per call, and without a new context per call (5 ms each, most of a poll's time).
_BRIDGE = r"""
const vm = require("vm");
const contexts = new Map();
const rl = require("readline").createInterface({ input: process.stdin });
rl.on("line", (line) => {
  let answer;
  try {
    const q = JSON.parse(line);
    const args = q.args.map((a) => (a && a.__undefined__ === true ? undefined : a));
    let ctx = contexts.get(q.code);
    if (ctx === undefined) {
      ctx = vm.createContext({ Buffer });
      vm.runInContext(q.code, ctx, { timeout: q.timeout });
      contexts.set(q.code, ctx);
    }
    ctx.__args__ = args;
    const result = vm.runInContext(`${q.name}(...__args__)`, ctx, { timeout: q.timeout });
    answer = result === undefined ? { undefined: true } : { value: result };
  } catch (error) {
    answer = { error: `${(error && error.name) || "Error"}: ${(error && error.message) || error}` };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
"""


class FunctionError(Exception):
    """A custom function failed (a JavaScript error, a timeout) or Node is missing."""


def _plain(value: Any) -> Any:
    if value is UNDEFINED:
        return {"__undefined__": True}
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not UNDEFINED}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Node:
    """One Node process answering function calls line by line (started on first use, restarted if it died)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def ask(self, query: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = subprocess.Popen(
                    ["node", "-e", _BRIDGE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
                )
            assert self._proc.stdin is not None and self._proc.stdout is not None
            self._proc.stdin.write(json.dumps(query) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise FunctionError(f"custom function {query['name']}() could not run: Node ended")
        answer: dict[str, Any] = json.loads(line)
        return answer


_NODE = _Node()


def runner(name: str, code: str) -> Callable[..., Any]:
    """A Python callable that runs the JavaScript function `name` defined by `code`."""

    def call(*args: Any) -> Any:
        query = {"code": code, "name": name, "args": [_plain(a) for a in args], "timeout": TIMEOUT_SECONDS * 1000}
        try:
            answer = _NODE.ask(query)
        except OSError as exc:
            raise FunctionError(f"custom function {name}() could not run: {type(exc).__name__}") from None
        if "error" in answer:
            raise FunctionError(f"custom function {name}() failed: {answer['error']}")
        return UNDEFINED if answer.get("undefined") else answer["value"]

    return call
