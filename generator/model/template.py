"""`{name}` templates: one parse of the strings that build URLs, header and query values and labels.

Every target turns a Template into its own expression syntax at one emission point (Zapier
`{{bundle.authData.x}}`, n8n `$credentials.x`, Make `{{connection.x}}`); the runtime, the mock and smoke render it
with real values. Literal braces are written `{{` and `}}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..frozen import Frozen

# A placeholder names a connection field, an input, `access_token`, or (in a connection label) a dotted path.
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TemplateError(ValueError):
    """A template string that cannot be parsed; the message says what is wrong."""


@dataclass(frozen=True, repr=False, eq=False)
class Placeholder(Frozen):
    """One `{name}` in a template."""

    name: str


@dataclass(frozen=True, repr=False, eq=False)
class Template(Frozen):
    """A string of literal text and placeholders, in order."""

    text: str  # as written in the spec
    parts: tuple[str | Placeholder, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The placeholder names, in order of first use."""
        return tuple(dict.fromkeys(p.name for p in self.parts if isinstance(p, Placeholder)))

    @property
    def is_static(self) -> bool:
        """True when the template has no placeholder (its value is its literal text)."""
        return not any(isinstance(p, Placeholder) for p in self.parts)

    @property
    def literal(self) -> str:
        """The text with `{{`/`}}` unescaped; only meaningful for a static template."""
        return "".join(p for p in self.parts if isinstance(p, str))

    def render(self, values: Mapping[str, str]) -> str:
        """The template with every placeholder replaced by its value (KeyError for a missing one)."""
        return "".join(p if isinstance(p, str) else str(values[p.name]) for p in self.parts)

    def emit(self, literal: Callable[[str], str], placeholder: Callable[[str], str]) -> str:
        """Join `literal(text)` and `placeholder(name)` for each part: a target's one emission point."""
        return "".join(literal(p) if isinstance(p, str) else placeholder(p.name) for p in self.parts)


def parse(text: str) -> Template:
    """Parse `text`; raise TemplateError for an unbalanced brace or a placeholder that is not a name."""
    parts: list[str | Placeholder] = []
    buf: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            buf.append(token[0])
            continue
        if m.group(1) is None:
            where = f"'{token}' at character {m.start() + 1}"
            unmatched = f"{where} has no closing '}}'" if token == "{" else f"{where} closes no '{{'"
            raise TemplateError(f"{unmatched}; a placeholder is written {{name}}, a literal brace '{token * 2}'")
        name = m.group(1).strip()
        if not NAME.fullmatch(name):
            raise TemplateError(
                f"'{{{m.group(1)}}}' is not a placeholder: a name is letters, digits and _ (dotted for a path, as in "
                "{company.name}); a literal brace is written '{{' or '}}'"
            )
        if buf:
            parts.append("".join(buf))
            buf = []
        parts.append(Placeholder(name))
    buf.append(text[pos:])
    tail = "".join(buf)
    if tail:
        parts.append(tail)
    return Template(text, tuple(p for p in parts if p != ""))


def static(text: str) -> Template:
    """A template of literal text only (no parsing: braces are kept as they are)."""
    return Template(text, (text,) if text else ())
