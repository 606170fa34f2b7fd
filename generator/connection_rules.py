"""Checks of `connection:` and `auth:` that JSON Schema cannot express; run only on schema-valid data.

Where each `{name}` may appear (docs/spec-language.md, section 2): a setting (a non-secret connection field) in the
base URL, fixed headers, paths and auth URLs; a secret only in what `auth` sends, so it cannot leak into a URL or a
label that a platform shows or logs; `access_token` only in an oauth2 `send`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from .model import template
from .model.connection import ACCESS_TOKEN

Report = Callable[[str, str], None]

# Which auth keys each kind reads, which it needs, and what to say when a key is used with the wrong kind.
_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "api_key": (frozenset({"send"}), frozenset({"send"})),
    "bearer": (frozenset({"token"}), frozenset({"token"})),
    "basic": (frozenset({"username", "password"}), frozenset({"username"})),
    "oauth2": (
        frozenset(
            {"send", "grant", "authorize_url", "token_url", "refresh_url", "scopes", "scope_separator", "client_auth", "refresh"}
        ),
        frozenset({"token_url"}),
    ),
    "none": (frozenset(), frozenset()),
}
_WHAT = {
    "send": "the headers or query parameters that carry the key, e.g. [{in: header, name: X-Api-Key, value: '{api_key}'}]",
    "token": "the token as a template, e.g. '{token}' (sent as Authorization: Bearer <token>)",
    "username": "the user name as a template, e.g. '{username}', or '{api_key}' when the key is the user name",
    "token_url": "the URL that exchanges the authorization code and refreshes tokens",
    "authorize_url": "the page where the user grants access",
}
_HINT = {
    "basic": "basic sends Authorization: Basic from username and password; a key in a header is kind api_key",
    "bearer": "bearer sends Authorization: Bearer <token>; other placements are kind api_key",
    "api_key": "api_key sends what `send` lists",
    "oauth2": "oauth2 sends the access token the platform's OAuth flow obtains",
    "none": "kind none sends no credentials",
}


def _closest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class ConnectionRules:
    """The checks, reporting through `report(pointer, message)`."""

    def __init__(self, spec: dict[str, Any], report: Report) -> None:
        self.spec = spec
        self.report = report
        self.fields: dict[str, Any] = spec["connection"]["fields"]
        self.secrets = {k for k, f in self.fields.items() if f.get("secret")}
        self.settings = {k for k in self.fields if k not in self.secrets}
        self.used: set[str] = set()

    def parse(self, pointer: str, text: str) -> template.Template | None:
        """The parsed template, or None after reporting why it does not parse."""
        try:
            return template.parse(text)
        except template.TemplateError as exc:
            self.report(pointer, str(exc))
            return None

    def setting_template(self, pointer: str, text: str, where: str, allowed: Iterable[str] = ()) -> None:
        """Check a template that may name settings (and `allowed` names) but no secret."""
        parsed = self.parse(pointer, text)
        extra = set(allowed)
        for name in parsed.names if parsed else ():
            if name in self.secrets:
                self.report(pointer, f"'{{{name}}}' is a secret; secrets may only be used in auth, not in {where}")
            elif name not in self.settings and name not in extra:
                hint = _closest(name, self.settings | extra) or f"; declare it under connection/fields/{name}"
                self.report(pointer, f"'{{{name}}}' is not a connection setting{hint}")
            else:
                self.used.add(name)

    def credential_template(self, pointer: str, text: str, kind: str) -> None:
        """Check a template of what auth sends: connection fields, and `access_token` for oauth2."""
        parsed = self.parse(pointer, text)
        known = set(self.fields) | ({ACCESS_TOKEN} if kind == "oauth2" else set())
        for name in parsed.names if parsed else ():
            if name == ACCESS_TOKEN and kind != "oauth2" and name not in self.fields:
                self.report(pointer, f"'{{{ACCESS_TOKEN}}}' is the OAuth2 access token; auth kind {kind} has none")
            elif name not in known:
                self.report(pointer, f"'{{{name}}}' is not a connection field{_closest(name, known)}")
            else:
                self.used.add(name)

    def check_fields(self) -> None:
        """Each field's pattern, default and derivation."""
        for key, f in self.fields.items():
            here = f"/connection/fields/{key}"
            pattern = None
            if "pattern" in f:
                try:
                    pattern = re.compile(f["pattern"])
                except re.error as exc:
                    self.report(f"{here}/pattern", f"not a regular expression: {exc}")
            if "default" in f:
                if pattern and not pattern.fullmatch(f["default"]):
                    self.report(f"{here}/default", f"'{f['default']}' does not match the pattern '{f['pattern']}'")
                if f.get("choices") and f["default"] not in f["choices"]:
                    self.report(f"{here}/default", f"'{f['default']}' is not one of the choices")
                if f.get("secret"):
                    self.report(f"{here}/default", "a secret cannot have a default (it would ship in every connector)")
            if key == ACCESS_TOKEN and self.spec["auth"]["kind"] == "oauth2":
                self.report(here, f"'{ACCESS_TOKEN}' is the OAuth2 token's name; call this field something else")
            derive = f.get("derive")
            if derive is None:
                continue
            source = self.fields.get(derive["from"])
            if source is None:
                self.report(
                    f"{here}/derive/from", f"'{derive['from']}' is not a connection field{_closest(derive['from'], self.fields)}"
                )
            elif "derive" in source:
                self.report(f"{here}/derive/from", f"'{derive['from']}' is derived itself; derive from a field the user types")
            else:
                self.used.add(derive["from"])
            try:
                groups = re.compile(derive["pattern"]).groups
            except re.error as exc:
                self.report(f"{here}/derive/pattern", f"not a regular expression: {exc}")
                continue
            if groups != 1:
                self.report(f"{here}/derive/pattern", f"needs exactly one group (the derived value), not {groups}")
            for other in ("default", "secret"):
                if other in f:
                    self.report(f"{here}/{other}", f"a derived field has no {other}: it is computed from '{derive['from']}'")

    def check_auth(self) -> None:
        """The keys each kind needs and allows, and what its templates name."""
        auth = self.spec["auth"]
        kind = auth["kind"]
        allowed, needed = _KEYS[kind]
        for key in auth:
            if key != "kind" and key not in allowed:
                self.report(f"/auth/{key}", f"'{key}' does not apply to auth kind {kind}: {_HINT[kind]}")
        for key in sorted(needed - set(auth)):
            self.report("/auth", f"auth kind {kind} needs '{key}': {_WHAT[key]}")
        if kind == "oauth2" and auth.get("grant", "authorization_code") == "authorization_code" and "authorize_url" not in auth:
            self.report("/auth", f"an authorization_code grant needs 'authorize_url': {_WHAT['authorize_url']}")
        if kind == "oauth2" and auth.get("grant") == "client_credentials" and "authorize_url" in auth:
            self.report("/auth/authorize_url", "a client_credentials grant has no authorize page; remove authorize_url")
        fixed = {h.lower() for h in self.spec["http"]["headers"]}
        for i, place in enumerate(auth.get("send") or ()) if "send" in allowed else ():
            here = f"/auth/send/{i}"
            self.credential_template(f"{here}/value", place["value"], kind)
            if place["in"] == "header" and place["name"].lower() in fixed:
                self.report(f"{here}/name", f"'{place['name']}' is also a fixed header in http/headers")
        for key in ("token", "username", "password"):
            if key in auth and key in allowed:
                self.credential_template(f"/auth/{key}", auth[key], kind)
        for key in ("authorize_url", "token_url", "refresh_url"):
            if key in auth and key in allowed:
                self.setting_template(f"/auth/{key}", auth[key], "an OAuth2 URL")
        if kind in ("api_key", "bearer", "basic") and not self.secrets:
            self.report(
                "/connection/fields", f"auth kind {kind} needs a connection field with secret: true (the key or password)"
            )

    def run(self) -> None:
        """Every check; a declared field that nothing uses is reported last (it would be asked for nothing)."""
        self.check_fields()
        self.check_auth()
        self.setting_template("/app/base_url", self.spec["app"]["base_url"], "the base URL")
        for name, value in self.spec["http"]["headers"].items():
            self.setting_template(f"/http/headers/{name}", value, "a fixed header")
        for key, op in self.spec["operations"].items():
            path_inputs = {i["name"] for i in op.get("inputs") or () if i["in"] == "path"}
            parsed = self.parse(f"/operations/{key}/request/path", op["request"]["path"])
            for name in parsed.names if parsed else ():
                if name in self.fields and name not in path_inputs:
                    self.setting_template(f"/operations/{key}/request/path", "{" + name + "}", "a path")
        for key in self.fields:
            if key not in self.used:
                f = self.fields[key]
                what = "secret" if f.get("secret") else "setting"
                where = "auth" if f.get("secret") else "the base URL, a path, a header or auth"
                self.report(f"/connection/fields/{key}", f"the {what} '{key}' is never used; use it in {where} or remove it")


def path_settings(spec: dict[str, Any]) -> set[str]:
    """The non-secret connection fields, which a path may name without an input."""
    return {k for k, f in spec["connection"]["fields"].items() if not f.get("secret")}
