"""IML, Make's template language: spec text as IML literals, and as JSON string values Make reads literally.

Make evaluates every `{{…}}` inside a JSON string of a communication section. Text without `{{` or `}}` is
literal as it stands; other text becomes one IML expression that yields the text. That expression is
built so that no two braces ever stand side by side inside it (`'a{' + '{b'`), so neither Make's template
scanner nor ours can take a brace in the text for the start or end of an expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...model import Scalar, Template

# A cut between two adjacent braces, and between the quote kinds, keeps every piece free of both hazards.
_CUT = re.compile(r"(?<=[{}])(?=[{}])")
# JS string escapes for what a literal cannot hold raw (a line break ends a JS string literal).
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_ESCAPED = re.compile("[\\\\'\n\r\u2028\u2029]")


def _quoted(piece: str) -> str:
    return "'" + _ESCAPED.sub(lambda m: _ESCAPES[m.group(0)], piece) + "'"


def iml_literal(value: Scalar) -> str:
    """A scalar written as an IML literal (text as single-quoted pieces joined by `+`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    pieces = _CUT.split(value)
    return " + ".join(_quoted(piece) for piece in pieces) if len(pieces) > 1 else _quoted(value)


def iml_text(value: Scalar) -> Scalar:
    """A fixed value for a communication section: as is, unless its text holds `{{` or `}}`."""
    if isinstance(value, str) and ("{{" in value or "}}" in value):
        return "{{" + iml_literal(value) + "}}"
    return value


def iml_template(template: Template, placeholder: Callable[[str], str]) -> str:
    """A Template as a JSON string value: literal text as is (IML pieces where it holds braces), `{{expr}}` per name.

    `placeholder(name)` is the IML expression of one placeholder (`connection.shop`). A literal piece that holds any
    brace becomes an expression, so no brace of the text can stand beside a `{{` or `}}` of an expression.
    """

    def literal(text: str) -> str:
        return "{{" + iml_literal(text) + "}}" if "{" in text or "}" in text else text

    return template.emit(literal, lambda name: "{{" + placeholder(name) + "}}")


def iml_concat(template: Template, placeholder: Callable[[str], str]) -> str:
    """A Template as one IML expression: its literal pieces and placeholders joined by `+` (`''` when empty)."""
    pieces: list[str] = []

    def keep(piece: str) -> str:
        pieces.append(piece)
        return ""

    template.emit(lambda text: keep(iml_literal(text)), lambda name: keep(placeholder(name)))
    return " + ".join(pieces) if pieces else "''"


def iml_regex(pattern: str) -> str:
    """A regex literal (`/…/`) for IML: `/` escaped, since it ends the literal."""
    return "/" + re.sub(r"(?<!\\)((?:\\\\)*)/", r"\1\\/", pattern) + "/"
