"""Typed errors carrying a location; only the CLI formats and prints them."""

from __future__ import annotations

from dataclasses import dataclass

from .frozen import Frozen


@dataclass(frozen=True, repr=False, eq=False)
class SpecError(Frozen):
    """One problem in a spec file, located by JSON pointer and line/column (1-based)."""

    file: str
    pointer: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        pointer = self.pointer or "/"
        return f"{self.file}:{self.line}:{self.column} {pointer}: {self.message}"


class ConnectorGenError(Exception):
    """Root of every error connector-gen raises on purpose; the CLI maps it to exit 1."""


class SpecInvalid(ConnectorGenError):
    """The spec could not be loaded or failed validation; carries every error found."""

    def __init__(self, errors: list[SpecError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class RenderError(ConnectorGenError):
    """A target failed to render (for example a template used a missing model attribute)."""

    def __init__(self, target: str, template: str | None, message: str) -> None:
        self.target = target
        self.template = template
        where = f"{target}:{template}" if template else target
        super().__init__(f"{where}: {message}")


class StaleDist(ConnectorGenError):
    """`check` found dist/ out of date; carries a human-readable report."""

    def __init__(self, report: str) -> None:
        self.report = report
        super().__init__(report)


class WriteError(ConnectorGenError):
    """Writing the rendered targets failed (disk full, read-only, permissions, a name or text the OS refuses).

    `replaced` names the targets that are new in spite of the error (empty when the output folder was left as
    it was); `kept` the targets that stayed as they were.
    """

    def __init__(self, path: str, reason: str, replaced: tuple[str, ...] = (), kept: tuple[str, ...] = ()) -> None:
        self.path = path
        self.reason = reason
        self.replaced = replaced
        self.kept = kept
        super().__init__(f"cannot write {path}: {reason}")
