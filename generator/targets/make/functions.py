"""The app's custom IML functions (JavaScript, Make's `functions` components) for what built-in IML cannot say.

Built-in IML has no way to add keys to a record or to iterate with an index, so two small functions do it:
`isoDates` hands a record on with the ISO 8601 companion of each epoch field, `formEncode` writes a form body in
bracket notation. Make runs them in its JavaScript sandbox (app-components/iml-functions); an app gets only the
functions its communications call. Make enables custom IML functions per account on request (same page).
"""

from __future__ import annotations

from typing import Any

from ...render import environment, render_template
from .blocks import TARGET, Component

FORM_ENCODE = "formEncode"
ISO_DATES = "isoDates"
NAMES = (FORM_ENCODE, ISO_DATES)
# What each does, for the README.
WHAT = {
    FORM_ENCODE: "writes a form-encoded body in bracket notation (`a[b]`, `a[]`, `a[0][b]`), which built-in IML cannot",
    ISO_DATES: "hands each record on with an ISO 8601 companion beside every epoch timestamp (`createdAtIso`)",
}


def _calls(value: Any, name: str) -> bool:
    if isinstance(value, dict):
        return any(_calls(v, name) for v in value.values())
    if isinstance(value, list):
        return any(_calls(v, name) for v in value)
    return isinstance(value, str) and f"{name}(" in value


def components(found: list[Component]) -> list[Component]:
    """One `function` component per custom function some communication calls."""
    env = environment(TARGET)
    out = []
    for name in NAMES:
        if any(_calls(comp.sections.get("communication"), name) for comp in found):
            code = render_template(env, TARGET, f"functions/{name}.code.js")
            test = render_template(env, TARGET, f"functions/{name}.test.js")
            out.append(Component("function", name, {}, {"code": code, "test": test}))
    return out
