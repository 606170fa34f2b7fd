"""The app and the whole model: the API's identity, its connection and auth, and every resource and operation."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from ..frozen import Frozen
from ..names import Names
from .connection import Auth, Connection
from .http import Http
from .nodes import Operation, OperationKind, Resource
from .pins import NONE, Pins
from .template import Template


@dataclass(frozen=True, repr=False, eq=False)
class Publisher(Frozen):
    """Who publishes the connectors."""

    name: str
    email: str
    url: str | None
    pointer: str = dataclasses.field(compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class App(Frozen):
    """Identity of the API and its connectors."""

    key: str
    names: Names
    name: str
    description: str
    version: str
    base_url: str  # as written (a template text when it names connection settings)
    base: Template  # the same, parsed: targets emit it, the runtime renders it with the connection's values
    docs_url: str
    help_url: str | None
    homepage_url: str | None
    icon_light: str  # SVG text
    icon_dark: str
    publisher: Publisher
    repository: str | None
    license: str
    categories: tuple[str, ...]
    pointer: str = dataclasses.field(compare=False)
    pins: Pins = NONE  # app-wide pins: the n8n package name


@dataclass(frozen=True, repr=False, eq=False)
class Model(Frozen):
    """Everything a target, the mock, the runtime or smoke needs to know about one API."""

    spec_file: str  # file name only: generated files must not carry absolute paths
    app: App
    connection: Connection
    auth: Auth
    http: Http
    resources: tuple[Resource, ...]
    operations: tuple[Operation, ...]
    n8n_versions: tuple[Model, ...] = ()  # the models of earlier n8n node versions, oldest first (`versions: n8n:`)

    def operation(self, key: str) -> Operation:
        """The operation called `key`."""
        return self._operations[key][1]

    def position(self, key: str) -> int:
        """Where the operation called `key` stands in the spec's order."""
        return self._operations[key][0]

    def resource(self, key: str) -> Resource:
        """The resource called `key`."""
        return self._resources[key]

    @functools.cached_property
    def _operations(self) -> dict[str, tuple[int, Operation]]:
        # by key once, not by scanning: targets look operations up for every operation (quadratic on large specs)
        return {o.key: (i, o) for i, o in enumerate(self.operations)}

    @functools.cached_property
    def _resources(self) -> dict[str, Resource]:
        return {r.key: r for r in self.resources}

    def of_kind(self, kind: OperationKind) -> tuple[Operation, ...]:
        """Operations of one kind, in spec order."""
        return tuple(o for o in self.operations if o.kind == kind)

    @property
    def auth_test(self) -> Operation:
        """The operation that validates a connection."""
        return self.operation(self.connection.test)
