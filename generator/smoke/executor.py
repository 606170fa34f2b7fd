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


# What an OAuth2 connection holds besides its fields: the platform obtained these in its OAuth flow.
OAUTH_VALUES = ("access_token", "refresh_token", "client_id", "client_secret")


@dataclass(frozen=True)
class Endpoint:
    """Where an executor sends requests and the connection it sends them with.

    `base_url` stands in for the spec's base URL resolved with the connection's settings (each executor redirects
    the one to the other); `redirects` are further (real URL prefix, served at) pairs, e.g. an OAuth2 token URL.
    `clock` is the embedded mock's clock URL (GET answers `{"now": ms}`) for executors that compute time windows;
    None against a real API, which is never sent a request outside the spec.
    """

    base_url: str
    values: Mapping[str, str]  # by connection field key, derived fields included; oauth2 adds OAUTH_VALUES
    secrets: Secrets
    redirects: tuple[tuple[str, str], ...] = ()
    clock: str | None = None

    @classmethod
    def of(
        cls,
        model: Model,
        base_url: str,
        given: Mapping[str, str],
        redirects: tuple[tuple[str, str], ...] = (),
        clock: str | None = None,
    ) -> Endpoint:
        """The endpoint for the values a user `given`: defaults and derived fields filled in, secrets collected."""
        values = {**model.connection.resolve(given), **{k: given[k] for k in OAUTH_VALUES if k in given}}
        secret_keys = {f.key for f in model.connection.secrets} | {"access_token", "refresh_token", "client_secret"}
        secrets = Secrets.of(v for k, v in values.items() if k in secret_keys)
        return cls(base_url.rstrip("/"), values, secrets, redirects, clock)

    @classmethod
    def for_key(cls, model: Model, base_url: str, api_key: str, clock: str | None = None) -> Endpoint:
        """The endpoint of a connection whose only value is its first secret field (the API key)."""
        given = {model.connection.secrets[0].key: api_key} if model.connection.secrets else {}
        return cls.of(model, base_url, given, clock=clock)

    def real_base_url(self, model: Model) -> str:
        """The spec's base URL with this connection's settings: what the artifacts send to, before redirection."""
        return model.app.base.render(self.values)


class Executor(Protocol):
    """Runs operations of one target's artifact (or the Python runtime) against a base URL."""

    name: str
    # Optional class attribute `miss_is_error = True`: the platform reports a search's not_found_status as an
    # error (Make does for every 4xx); smoke then accepts that error for a step that must miss.

    def prepare(self, model: Model, dist: Path) -> None:
        """Install or compile whatever running the artifact in `dist` needs (once)."""

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation and return what the platform returned, with every secret (in any form) redacted."""

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
