"""A real-API connection for `smoke --base-url`: a connection file, environment variables and --api-key -> Endpoint.

Connection file (YAML or JSON), every part optional:

    values: {<field key>: text}            # connection fields the spec declares (settings and secrets)
    oauth: {access_token, refresh_token, client_id, client_secret}   # oauth2 specs only; no browser flow
    redirects: {<real URL prefix>: <served at>}                      # e.g. an OAuth2 token URL on another host
    inputs: {<operation>.<input>: value}   # real references the plan cannot invent (a list id); dotted deeper
                                           # for a sub-field of an object input: create_contact.properties.email

Environment: `CONNECTOR_GEN_<FIELD KEY IN UPPER CASE>` per field, and for oauth2 `CONNECTOR_GEN_ACCESS_TOKEN`,
`CONNECTOR_GEN_REFRESH_TOKEN`, `CONNECTOR_GEN_CLIENT_ID`, `CONNECTOR_GEN_CLIENT_SECRET`.
Precedence, most explicit first: `--api-key` (the first secret field; the access token of an oauth2 spec without
one), then the connection file named on the command line, then the environment (which may linger from elsewhere).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import ConnectorGenError
from ..model import Model, Operation
from .executor import OAUTH_VALUES, Endpoint

ENV_PREFIX = "CONNECTOR_GEN_"
# Variables connector-gen reads for itself: a field whose name would collide is given by the file or --api-key only.
RESERVED = frozenset({"CONNECTOR_GEN_BASE_URL", "CONNECTOR_GEN_CACHE"})
SECTIONS = ("values", "oauth", "redirects", "inputs")


class ConnectionProblem(ConnectorGenError):
    """A connection file, environment variable or value that cannot make a connection (a usage error, exit 2)."""


@dataclass(frozen=True)
class ConnectionFile:
    """What a connection file holds, as read (values still unchecked against the spec)."""

    values: dict[str, str] = field(default_factory=dict)
    oauth: dict[str, str] = field(default_factory=dict)
    redirects: tuple[tuple[str, str], ...] = ()
    inputs: dict[str, Any] = field(default_factory=dict)  # "<operation>.<input>[.<sub>...]" -> value
    source: str = "the connection file"


@dataclass(frozen=True)
class Connected:
    """The endpoint smoke runs with and the inputs the plan must use, by operation key then input name."""

    endpoint: Endpoint
    inputs: dict[str, dict[str, Any]]


def env_name(key: str) -> str:
    """The environment variable that gives connection value `key`: CONNECTOR_GEN_<KEY>."""
    return ENV_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def _text(where: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ConnectionProblem(f"{where} must be text, not {type(value).__name__}")
    return str(value)


def _mapping(where: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ConnectionProblem(f"{where} must be a mapping of names to values")
    return value


def read_file(path: Path) -> ConnectionFile:
    """Parse a connection file (JSON when it ends in .json, else YAML); raises ConnectionProblem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConnectionProblem(f"cannot read the connection file {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        # The parser's message may quote the line, which may hold a secret: name only where it broke.
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else f" at line {getattr(exc, 'lineno', '?')}"
        raise ConnectionProblem(f"{path} is not valid {'JSON' if path.suffix == '.json' else 'YAML'}{where}") from None
    top = _mapping(str(path), data)
    unknown = sorted(set(top) - set(SECTIONS))
    if unknown:
        raise ConnectionProblem(f"{path}: unknown section {', '.join(unknown)} (use {', '.join(SECTIONS)})")
    values = {k: _text(f"{path}: values.{k}", v) for k, v in _mapping(f"{path}: values", top.get("values")).items()}
    oauth = {k: _text(f"{path}: oauth.{k}", v) for k, v in _mapping(f"{path}: oauth", top.get("oauth")).items()}
    extra = sorted(set(oauth) - set(OAUTH_VALUES))
    if extra:
        raise ConnectionProblem(f"{path}: unknown oauth value {', '.join(extra)} (use {', '.join(OAUTH_VALUES)})")
    redirects = tuple(
        (k, _text(f"{path}: redirects.{k}", v)) for k, v in _mapping(f"{path}: redirects", top.get("redirects")).items()
    )
    inputs = _mapping(f"{path}: inputs", top.get("inputs"))
    return ConnectionFile(values, oauth, redirects, dict(inputs), str(path))


def _keys(model: Model) -> dict[str, str]:
    # Every value a user may give, with what it is called in messages.
    keys = {f.key: f"'{f.key}' ({f.label})" for f in model.connection.asked}
    if model.auth.kind == "oauth2":
        keys |= {k: f"the OAuth2 {k.replace('_', ' ')}" for k in OAUTH_VALUES}
    return keys


def _required(model: Model) -> list[str]:
    needed = [f.key for f in model.connection.asked if f.required and f.default is None]
    oauth = model.auth.oauth2
    if oauth is not None and oauth.grant == "client_credentials":
        needed += ["client_id", "client_secret"]
    elif oauth is not None:
        needed += ["access_token", *(("refresh_token", "client_id", "client_secret") if oauth.refresh_on else ())]
    return needed


def _hint(model: Model, key: str) -> str:
    section = "oauth" if key in OAUTH_VALUES and model.auth.kind == "oauth2" else "values"
    return f"give {section}.{key} in --connection FILE or set {env_name(key)}"


def _check_values(model: Model, given: Mapping[str, str]) -> None:
    problems = []
    for f in model.connection.asked:
        value = given.get(f.key)
        if value is None:
            continue
        shown = "the value given" if f.secret else f"'{value}'"  # a secret is never echoed, not even a wrong one
        if f.pattern and not re.search(f.pattern, value):
            problems.append(f"connection value '{f.key}': {shown} does not match {f.pattern}")
        if f.choices and value not in f.choices:
            problems.append(f"connection value '{f.key}': {shown} is not one of {', '.join(f.choices)}")
    if problems:
        raise ConnectionProblem("; ".join(problems))


def _operation_inputs(model: Model, given: Mapping[str, Any], source: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    by_key: dict[str, Operation] = {o.key: o for o in model.operations}
    for dotted, value in given.items():
        op_key, _, rest = dotted.partition(".")
        op = by_key.get(op_key)
        if op is None or not rest:
            raise ConnectionProblem(f"{source}: inputs.{dotted} names no '<operation>.<input>' of the spec")
        head, *subs = rest.split(".")
        inp = next((i for i in op.inputs if i.name == head), None)
        fld = inp.field if inp else None
        for sub in subs:
            fld = next((s for s in fld.fields if s.name == sub), None) if fld is not None else None
        if fld is None:
            raise ConnectionProblem(f"{source}: inputs.{dotted}: {op_key} has no input '{rest}'")
        node = out.setdefault(op_key, {})
        for part in [head, *subs][:-1]:
            node = node.setdefault(part, {})
        node[[head, *subs][-1]] = value
    return out


def _base_url(base_url: str) -> str:
    split = urlsplit(base_url)
    if split.scheme not in ("http", "https") or not split.netloc:
        raise ConnectionProblem(f"--base-url must be an http(s) URL, got '{base_url}'")
    return base_url


def connect(
    model: Model,
    base_url: str,
    file: ConnectionFile | None = None,
    env: Mapping[str, str] | None = None,
    api_key: str | None = None,
) -> Connected:
    """The Endpoint and plan inputs of a real-API run; raises ConnectionProblem naming each missing value and its variable."""
    file = file or ConnectionFile()
    keys = _keys(model)
    derived = {f.key for f in model.connection.fields if not f.asked}
    for section, given in (("values", file.values), ("oauth", file.oauth)):
        for key in given:
            if section == "oauth" and model.auth.kind != "oauth2":
                raise ConnectionProblem(f"{file.source}: oauth.{key}: the spec's auth is {model.auth.kind}, not oauth2")
            if key in derived:
                raise ConnectionProblem(f"{file.source}: {section}.{key} is derived from another field; leave it out")
            if key not in keys:
                raise ConnectionProblem(f"{file.source}: {section}.{key}: no such connection field (fields: {', '.join(keys)})")
    env = env or {}
    values = {k: env[env_name(k)] for k in keys if env_name(k) not in RESERVED and env.get(env_name(k))}
    values |= {**file.values, **file.oauth}
    if api_key:
        secrets = model.connection.secrets
        values[secrets[0].key if secrets else "access_token"] = api_key
    missing = [k for k in _required(model) if not values.get(k)]
    if missing:
        raise ConnectionProblem("; ".join(f"missing connection value {keys.get(k, repr(k))}: {_hint(model, k)}" for k in missing))
    _check_values(model, values)
    endpoint = Endpoint.of(model, _base_url(base_url), values)
    real = endpoint.real_base_url(model).rstrip("/")
    # The spec's own base URL goes last: an OAuth2 token URL under it reaches --base-url too, never the internet.
    redirects = (*file.redirects, *(((real, endpoint.base_url),) if real != endpoint.base_url else ()))
    endpoint = Endpoint(endpoint.base_url, endpoint.values, endpoint.secrets, redirects, endpoint.clock)
    return Connected(endpoint, _operation_inputs(model, file.inputs, file.source))
