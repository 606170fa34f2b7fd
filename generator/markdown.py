"""Markdown prose: spec text placed in a generated README renders as that text, never as markup."""

from __future__ import annotations

import re

# Characters that start inline markup (emphasis, code, links, HTML, table cells) anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<|])")
# Characters that start a block (heading, quote, list) at the beginning of a line.
_BLOCK_START = re.compile(r"^([#>+-])")
_LINE_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029]")


def prose(text: str) -> str:
    """`text` as one line of Markdown that renders as the text itself."""
    return _BLOCK_START.sub(r"\\\1", _INLINE.sub(r"\\\1", _LINE_BREAKS.sub(" ", text)))


def code(text: str) -> str:
    """`text` as one inline code span, fenced by more backticks than any run inside it."""
    flat = _LINE_BREAKS.sub(" ", text)
    runs = [len(run) for run in re.findall(r"`+", flat)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if runs else ""
    return f"{fence}{pad}{flat}{pad}{fence}"
