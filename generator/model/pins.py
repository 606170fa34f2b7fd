"""The keys a spec pins for one node on each platform (issue 16); `keys.pin` fills them in."""

from __future__ import annotations

from dataclasses import dataclass

from ..frozen import Frozen


@dataclass(frozen=True, repr=False, eq=False)
class Pins(Frozen):
    """The keys pinned for one node: (platform, path inside the node or "" for the node itself, key)."""

    entries: tuple[tuple[str, str, str], ...] = ()

    def get(self, platform: str, path: str = "") -> str | None:
        """The key pinned on `platform` for `path` (a dotted sub-field path, or "" for the node), if any."""
        return next((key for p, at, key in self.entries if p == platform and at == path), None)

    def of(self, platform: str) -> dict[str, str]:
        """Every key pinned on `platform`, by path."""
        return {at: key for p, at, key in self.entries if p == platform}


NONE = Pins()
