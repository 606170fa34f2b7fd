"""Name forms (snake, camel, Pascal, kebab, title) derived once from a key or API name."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .frozen import Frozen

_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9]|$)|[A-Z]?[a-z0-9]+|[A-Z]+")
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
_ACRONYMS = {w: w.upper() for w in ("id", "url", "uri", "api", "uid", "uuid", "http", "https", "json", "xml", "html", "csv")}


def words(text: str) -> list[str]:
    """Split `new_job`, `assigneeUsername`, `API-Key` or `time window` into lower-case words."""
    return [w.lower() for w in _WORD.findall(_SEPARATORS.sub(" ", text))]


def title_case(text: str) -> str:
    """Title-case a label: small words stay lower except first and last, acronyms upper."""
    parts = text.split()
    out = []
    for i, part in enumerate(parts):
        low = part.lower()
        if low in _ACRONYMS:
            out.append(_ACRONYMS[low])
        elif 0 < i < len(parts) - 1 and low in _SMALL:
            out.append(low)
        else:
            out.append(part[:1].upper() + part[1:])
    return " ".join(out)


@dataclass(frozen=True, repr=False, eq=False)
class Names(Frozen):
    """One identifier in every form a platform asks for."""

    raw: str
    snake: str
    camel: str
    pascal: str
    kebab: str
    title: str

    @classmethod
    def of(cls, raw: str) -> Names:
        """Derive every form from `raw`."""
        return _derived(raw)


# The model and every target ask for the same few hundred names thousands of times; a Names is frozen, so one
# instance per raw text can be shared (bounded: a long test process reads many specs).
@functools.lru_cache(maxsize=4096)
def _derived(raw: str) -> Names:
    ws = words(raw) or ["x"]
    pascal = "".join(w[:1].upper() + w[1:] for w in ws)
    return Names(
        raw=raw,
        snake="_".join(ws),
        camel=ws[0] + pascal[len(ws[0]) :],
        pascal=pascal,
        kebab="-".join(ws),
        title=title_case(" ".join(ws)),
    )
