"""An app's custom IML functions (JavaScript in `functions/<name>/<name>.code.js`), run in Node as Make runs them.

Make executes them in a sandbox that offers only JavaScript's built-in objects and Buffer, for at most 10 seconds
(developers.make.com/custom-apps-documentation/app-components/iml-functions); here each call runs in a fresh
`vm` context of a Node process with the same limits. Arguments and results cross as JSON: undefined and dates
as Make's IML sees them (undefined as JavaScript's undefined, a date as its ISO text).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .values import UNDEFINED, iso

TIMEOUT_SECONDS = 10
# Reads {code, name, args} on stdin; undefined arguments arrive as a marker object and are restored.
_BRIDGE = r"""
const vm = require("vm");
let text = "";
process.stdin.on("data", (d) => (text += d)).on("end", () => {
  const q = JSON.parse(text);
  const args = q.args.map((a) => (a && a.__undefined__ === true ? undefined : a));
  const ctx = vm.createContext({ Buffer });
  vm.runInContext(q.code, ctx, { timeout: q.timeout });
  ctx.__args__ = args;
  const result = vm.runInContext(`${q.name}(...__args__)`, ctx, { timeout: q.timeout });
  process.stdout.write(JSON.stringify(result === undefined ? { undefined: true } : { value: result }));
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


def runner(name: str, code: str) -> Callable[..., Any]:
    """A Python callable that runs the JavaScript function `name` defined by `code`."""

    def call(*args: Any) -> Any:
        query = {"code": code, "name": name, "args": [_plain(a) for a in args], "timeout": TIMEOUT_SECONDS * 1000}
        try:
            done = subprocess.run(
                ["node", "-e", _BRIDGE],
                input=json.dumps(query),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS + 20,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise FunctionError(f"custom function {name}() could not run: {type(exc).__name__}") from None
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if "Error" in line]
            raise FunctionError(f"custom function {name}() failed: {(lines or ['exit ' + str(done.returncode)])[0]}")
        answer = json.loads(done.stdout)
        return UNDEFINED if answer.get("undefined") else answer["value"]

    return call
