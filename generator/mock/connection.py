"""The mock's connection: fake but well-formed values for every field, and which credentials a request carries.

Values: a secret per secret field, each setting from its example, else its default, else its first choice, else a
generated text; each generated value matches the field's pattern (a small list of candidates is tried). The
connection whose only secret is one field keeps the historic `test-key` / `readonly-key`.
Credentials: `Check.sent(...)` reads what a request carries where the model's auth puts it, and `verdict` names it
valid, read-only, expired, invalid or missing.
"""

from __future__ import annotations

import base64
import binascii
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

import rstr

from ..model import Model
from ..model.connection import ACCESS_TOKEN, ConnectionField
from ..model.template import Placeholder, Template

Verdict = Literal["valid", "read_only", "expired", "invalid", "missing"]
_HEX = "0123456789abcdef" * 2
# Shapes real keys and settings take (Mailchimp's `<32 hex>-us6`, ten-hex ids, plain words): the first that the
# field's pattern accepts is used.
_SECRETS = ("test-{k}", _HEX + "-us6", _HEX, "test{k}0001", "{k}")
_READ_ONLY = ("readonly-{k}", _HEX[::-1] + "-us6", _HEX[::-1], "readonly{k}0001")
_SETTINGS = ("acme", "a1b2c3d4e5", "us6", "12345", "test-{k}", "{k}")


class NoValue(ValueError):
    """No generated value fits a field's pattern; the message names the field."""


def _pick(fld: ConnectionField, candidates: tuple[str, ...], tag: str, avoid: str | None = None) -> str:
    pattern = re.compile(fld.pattern) if fld.pattern else None
    for text in candidates:
        value = text.format(k=tag)
        if value != avoid and (pattern is None or pattern.fullmatch(value)):
            return value
    if pattern is not None:
        # A key format no stock value fits (`sk_test_` + 24 characters, 40 hex digits): a value generated from the
        # pattern itself, seeded by the field and the candidates so every run of the mock gives the same one.
        generator = rstr.Rstr(random.Random(f"{fld.key}:{candidates[0]}"))
        for _ in range(20):
            value = generator.xeger(pattern.pattern)
            if value != avoid and pattern.fullmatch(value):
                return value
    raise NoValue(f"the mock has no value for the connection field '{fld.key}' that matches '{fld.pattern}'; give one")


def _tag(model: Model, fld: ConnectionField) -> str:
    alone = len(model.connection.secrets) == 1
    return "key" if alone and fld.secret else fld.key.replace("_", "-")


def fake_values(model: Model, given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every connection value (derived ones included): what was `given`, else a fake but well-formed value."""
    chosen = dict(given or {})
    for fld in model.connection.asked:
        if fld.key in chosen:
            continue
        if fld.secret:
            chosen[fld.key] = _pick(fld, _SECRETS, _tag(model, fld))
        else:
            preset = fld.example or fld.default or (fld.choices[0] if fld.choices else None)
            chosen[fld.key] = preset if preset is not None else _pick(fld, _SETTINGS, _tag(model, fld))
    return model.connection.resolve(chosen)


def read_only_values(model: Model, values: Mapping[str, str]) -> dict[str, str] | None:
    """The same connection with other secrets that may read but not write; None when it has no secret."""
    secrets = model.connection.secrets
    if not secrets or model.auth.kind in ("oauth2", "none"):
        return None
    other = dict(values)
    for fld in secrets:
        if fld.asked:
            other[fld.key] = _pick(fld, _READ_ONLY, _tag(model, fld), avoid=values.get(fld.key))
    resolved = model.connection.resolve({k: v for k, v in other.items() if model.connection.field(k).asked})
    return resolved if all(resolved.get(k) == v for k, v in values.items() if k not in {f.key for f in secrets}) else None


def _regex(template: Template) -> re.Pattern[str]:
    parts = (f"(?P<{p.name.replace('.', '_')}>.+?)" if isinstance(p, Placeholder) else re.escape(p) for p in template.parts)
    return re.compile("".join(parts), re.DOTALL)


@dataclass(frozen=True)
class Sent:
    """The credential texts a request carried where the auth puts them (None: not sent) and the access token."""

    texts: tuple[str | None, ...]
    token: str | None

    @property
    def missing(self) -> bool:
        """Nothing was sent in any credential place."""
        return all(t is None or t == "" for t in self.texts)


class Check:
    """Reads and judges a request's credentials for one model and its connection values."""

    def __init__(self, model: Model, values: Mapping[str, str], read_only: Mapping[str, str] | None) -> None:
        self.model = model
        self.values = dict(values)
        self.read_only = dict(read_only) if read_only is not None else None

    def sent(self, headers: Mapping[str, str], query: Mapping[str, list[str]]) -> Sent:
        """What the request carries in each of the auth's places (headers by lower-case name)."""
        auth = self.model.auth
        if auth.kind == "basic":
            return Sent((headers.get("authorization"),), None)
        texts: list[str | None] = []
        for place in auth.send:
            if place.location == "header":
                texts.append(headers.get(place.name.lower()))
            else:
                texts.append(query.get(place.name, [None])[-1])
        token = None
        if auth.kind == "oauth2":
            for place, text in zip(auth.send, texts, strict=True):
                found = _regex(place.value).fullmatch(text or "") if ACCESS_TOKEN in place.value.names else None
                token = found.group(ACCESS_TOKEN) if found else token
        return Sent(tuple(texts), token)

    def _expected(self, values: Mapping[str, str]) -> tuple[str, ...]:
        auth = self.model.auth
        if auth.kind == "basic":
            assert auth.username is not None and auth.password is not None
            pair = f"{auth.username.render(values)}:{auth.password.render(values)}"
            return ("Basic " + base64.b64encode(pair.encode()).decode("ascii"),)
        return tuple(p.value.render(values) for p in auth.send)

    def verdict(self, sent: Sent, token_state: Callable[[str], Verdict]) -> Verdict:
        """valid / read_only / expired / invalid / missing; `token_state(token)` judges an oauth2 access token."""
        kind = self.model.auth.kind
        if kind == "none":
            return "valid"
        if sent.missing:
            return "missing"
        if kind == "oauth2":
            if sent.token is None:
                return "invalid"
            state = token_state(sent.token)
            rest = {**self.values, ACCESS_TOKEN: sent.token}
            return state if sent.texts == self._expected(rest) or state != "valid" else "invalid"
        if kind == "basic" and not _decodes(sent.texts[0]):
            return "invalid"
        if sent.texts == self._expected(self.values):
            return "valid"
        if self.read_only is not None and sent.texts == self._expected(self.read_only):
            return "read_only"
        return "invalid"


def _decodes(header: str | None) -> bool:
    scheme, _, data = (header or "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def base_prefix(model: Model, values: Mapping[str, str]) -> str:
    """The path the mock serves the API under: the base URL's path, or `/<host><path>` when it names settings."""
    if model.app.base.is_static:
        return urlsplit(model.app.base_url).path.rstrip("/")
    real = urlsplit(model.app.base.render(values))
    return f"/{real.netloc}{real.path}".rstrip("/")
