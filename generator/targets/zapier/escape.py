"""Zapier's text disciplines: one-line JS comments, and which spec text Zapier would read as a {{curly}} template."""

from __future__ import annotations

import re

# JavaScript ends a `//` comment at any of these (ECMA-262 LineTerminator).
_LINE_TERMINATORS = re.compile("[\n\r\u2028\u2029]")


def js_comment(text: str) -> str:
    """`text` safe inside a `//` comment: line terminators become spaces, so nothing after them runs as code."""
    return _LINE_TERMINATORS.sub(" ", text)


def templated(text: str) -> bool:
    """True when Zapier would template `text` (replace, strip or reject its `{{…}}`); such text goes through code."""
    return "{{" in text


def js_literal_text(text: str) -> str:
    """`text` safe inside a JavaScript template literal (backticks): backslash, backtick and `${` escaped."""
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")
