"""The connection (what a user enters when connecting) and the auth (how its secrets reach the API)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..frozen import Frozen
from ..names import Names
from .pins import NONE, Pins
from .template import Template

AuthKind = Literal["api_key", "bearer", "basic", "oauth2", "none"]
Grant = Literal["authorization_code", "client_credentials"]
ClientAuth = Literal["body", "basic"]
RefreshOn = Literal["expiry", "401"]
PlacementIn = Literal["header", "query"]

# The placeholder an oauth2 `send` uses for the current access token; it is no connection field.
ACCESS_TOKEN = "access_token"


@dataclass(frozen=True, repr=False, eq=False)
class Derive(Frozen):
    """A setting computed from another field: the first group of `pattern` searched in its value."""

    source: str
    pattern: str

    def apply(self, value: str) -> str | None:
        """The derived value, or None when the source does not match."""
        m = re.search(self.pattern, value)
        return m.group(1) if m else None


@dataclass(frozen=True, repr=False, eq=False)
class ConnectionField(Frozen):
    """One value of a connection: a secret (key, token, password) or a setting (subdomain, region, version)."""

    key: str
    names: Names
    label: str
    help: str | None
    help_url: str | None
    secret: bool
    required: bool
    pattern: str | None
    example: str | None
    default: str | None
    choices: tuple[str, ...]
    derive: Derive | None
    pointer: str = dataclasses.field(compare=False)
    pins: Pins = NONE  # the field's key pinned per platform

    @property
    def asked(self) -> bool:
        """True when the user types it (a derived field is computed, never asked)."""
        return self.derive is None


@dataclass(frozen=True, repr=False, eq=False)
class Connection(Frozen):
    """The connection's fields, the operation that tests it and the template of its label."""

    fields: tuple[ConnectionField, ...]
    test: str
    label: Template  # placeholders are dotted paths into the test response's record
    pointer: str = dataclasses.field(compare=False)

    def field(self, key: str) -> ConnectionField:
        """The field called `key`."""
        return next(f for f in self.fields if f.key == key)

    @property
    def asked(self) -> tuple[ConnectionField, ...]:
        """The fields a user types, in spec order."""
        return tuple(f for f in self.fields if f.asked)

    @property
    def secrets(self) -> tuple[ConnectionField, ...]:
        """The secret fields (redacted everywhere)."""
        return tuple(f for f in self.fields if f.secret)

    def resolve(self, given: Mapping[str, str]) -> dict[str, str]:
        """Every field's value: what was given, else its default, then the derived fields (missing ones omitted)."""
        values = {f.key: given.get(f.key, f.default) for f in self.fields if f.asked}
        out = {k: v for k, v in values.items() if v is not None}
        for f in self.fields:
            if f.derive is not None and f.derive.source in out:
                derived = f.derive.apply(out[f.derive.source])
                if derived is not None:
                    out[f.key] = derived
        return out


@dataclass(frozen=True, repr=False, eq=False)
class Placement(Frozen):
    """Where one credential value goes on every request: a header or a query parameter."""

    location: PlacementIn
    name: str
    value: Template
    pointer: str = dataclasses.field(compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class OAuth2(Frozen):
    """An OAuth2 flow: its URLs, scopes, where the client credentials go and when the token is refreshed."""

    grant: Grant
    authorize_url: Template | None  # None for client_credentials
    token_url: Template
    refresh_url: Template  # the token URL unless the spec names another
    scopes: tuple[str, ...]
    scope_separator: str
    client_auth: ClientAuth
    refresh_on: tuple[RefreshOn, ...]
    pointer: str = dataclasses.field(compare=False)

    @property
    def scope(self) -> str:
        """The scopes as the authorize and token requests send them."""
        return self.scope_separator.join(self.scopes)


@dataclass(frozen=True, repr=False, eq=False)
class Auth(Frozen):
    """How a request is authenticated. `send` is the effective list for every kind except basic (one header).

    api_key: the spec's placements; bearer: `Authorization: Bearer <token>`; oauth2: the spec's placements or
    `Authorization: Bearer {access_token}`; basic: `username`/`password` templates; none: nothing.
    """

    kind: AuthKind
    send: tuple[Placement, ...]
    username: Template | None
    password: Template | None
    oauth2: OAuth2 | None
    pointer: str = dataclasses.field(compare=False)

    @property
    def headers(self) -> tuple[Placement, ...]:
        """The placements that are headers."""
        return tuple(p for p in self.send if p.location == "header")

    @property
    def query(self) -> tuple[Placement, ...]:
        """The placements that are query parameters."""
        return tuple(p for p in self.send if p.location == "query")

    @property
    def header_names(self) -> tuple[str, ...]:
        """Every header the auth sets, `Authorization` for basic included (what logs and executors redact)."""
        names = tuple(p.name for p in self.headers)
        return (*names, "Authorization") if self.kind == "basic" else names
