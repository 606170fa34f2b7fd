"""The Executor contract shared by every target's smoke executor, and their registry."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import Model, Operation
from ..redact import Secrets


@dataclass
class Call:
    """One run of an operation: inputs by API name (object inputs nested), plus trigger poll state."""

    operation: Operation
    inputs: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] | None = None


@dataclass
class Outcome:
    """What the platform handed on: records, or an error whose text carries the API's error.message."""

    ok: bool
    records: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    status: int | None = None
    state: dict[str, Any] | None = None

    def redacted(self, secrets: Secrets) -> Outcome:
        """This outcome with every secret of the connection replaced in its error, records and state."""
        if not secrets:
            return self
        error = secrets.text(self.error) if self.error is not None else None
        return Outcome(self.ok, secrets.value(self.records), error, self.status, secrets.value(self.state))


class Executor(Protocol):
    """Runs operations of one target's artifact (or the Python runtime) against a base URL."""

    name: str
    # Optional class attribute `miss_is_error = True`: the platform reports a search's not_found_status as an
    # error (Make does for every 4xx); smoke then accepts that error for a step that must miss.

    def prepare(self, model: Model, dist: Path) -> None:
        """Install or compile whatever running the artifact in `dist` needs (once)."""

    def run(self, model: Model, call: Call, base_url: str, api_key: str) -> Outcome:
        """Run one operation and return what the platform returned, with the key (in any form) redacted."""

    def close(self) -> None:
        """Release processes or files."""


ExecutorFactory = Callable[[], Executor]
_REGISTRY: dict[str, ExecutorFactory] = {}


def register_executor(name: str) -> Callable[[ExecutorFactory], ExecutorFactory]:
    """Decorator a `smoke/executors/<target>.py` module uses to register its executor factory."""

    def wrap(factory: ExecutorFactory) -> ExecutorFactory:
        _REGISTRY[name] = factory
        return factory

    return wrap


def executors() -> Mapping[str, ExecutorFactory]:
    """Every registered executor factory by name; importing `smoke/executors/*` registers them."""
    from . import executors as package

    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))
