"""Checks of `connection:` and `auth:` that JSON Schema cannot express; run only on schema-valid data.

Where each `{name}` may appear (docs/spec-language.md, section 2): a setting (a non-secret connection field) in the
base URL, fixed headers, paths and auth URLs; a secret only in what `auth` sends, so it cannot leak into a URL or a
label that a platform shows or logs; `access_token` only in an oauth2 `send`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from .model import template
from .model.connection import ACCESS_TOKEN


class Report(Protocol):
    """Where the checks send each problem: at `pointer` (at its key when `key`, else at its value)."""

    def __call__(self, pointer: str, message: str, *, key: bool = False) -> None: ...


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
# What each needed key holds; `{secret}` is the spec's first secret field (or a typical name when it has none).
_WHAT = {
    "send": (
        "the headers or query parameters that carry the key, e.g. send: [{{in: header, name: X-Api-Key, value: '{{{secret}}}'}}]"
    ),
    "token": "the token it sends as Authorization: Bearer <token>, e.g. token: '{{{secret}}}'",
    "username": "the user name, e.g. username: '{{username}}', or username: '{{{secret}}}' when the key is the user name",
    "token_url": "the URL that issues and refreshes access tokens, e.g. token_url: https://example.com/oauth/token",
    "authorize_url": (
        "the page where the user grants access, e.g. authorize_url: https://example.com/oauth/authorize "
        "(an API that issues tokens without a user is grant: client_credentials)"
    ),
}
_HINT = {
    "basic": "basic sends only Authorization: Basic, built from username and password; for a key in a header or query "
    "parameter use kind api_key",
    "bearer": "bearer sends only Authorization: Bearer <token>; for a key in another header or a query parameter use kind "
    "api_key",
    "api_key": "api_key sends what `send` lists",
    "oauth2": "oauth2 sends the access token the platform's OAuth flow obtains",
    "none": "kind none sends no credentials",
}


def _close(name: str, known: Iterable[str]) -> str | None:
    import difflib  # only an error suggests a name

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return close[0] if close else None


class ConnectionRules:
    """The checks, reporting through `report(pointer, message)`."""

    def __init__(self, spec: dict[str, Any], report: Report) -> None:
        self.spec = spec
        self.sink = report
        self.reported = 0
        self.fields: dict[str, Any] = spec["connection"]["fields"]
        self.secrets = {k for k, f in self.fields.items() if f.get("secret")}
        self.settings = {k for k in self.fields if k not in self.secrets}
        self.used: set[str] = set()
        # Names a message already points the user to (a did-you-mean): not reported again as never used.
        self.suggested: set[str] = set()

    def report(self, pointer: str, message: str, *, key: bool = False) -> None:
        """Pass one problem on (and count it)."""
        self.reported += 1
        self.sink(pointer, message, key=key)

    def closest(self, name: str, known: Iterable[str]) -> str:
        """`; did you mean 'x'?` for the closest known name, or ''."""
        close = _close(name, known)
        if close is None:
            return ""
        self.suggested.add(close)
        return f"; did you mean '{close}'?"

    def secret_example(self) -> str:
        """The spec's first secret field, for examples in messages (marked as pointed to)."""
        first: str | None = next((k for k in self.fields if k in self.secrets), None)
        if first is None:
            return "api_key"
        self.suggested.add(first)
        return first

    def parse(self, pointer: str, text: str) -> template.Template | None:
        """The parsed template, or None after reporting why it does not parse."""
        try:
            return template.parse(text)
        except template.TemplateError as exc:
            self.report(pointer, str(exc), key=True)
            return None

    def setting_template(self, pointer: str, text: str, where: str, allowed: Iterable[str] = ()) -> None:
        """Check a template that may name settings (and `allowed` names) but no secret."""
        parsed = self.parse(pointer, text)
        extra = set(allowed)
        for name in parsed.names if parsed else ():
            if name in self.secrets:
                self.used.add(name)  # reported here; "never used" would send the user the wrong way
                self.report(
                    pointer,
                    f"'{{{name}}}' is a secret and may not appear in {where}, which platforms show and log; "
                    "send it only through auth (kind api_key's send puts it in a header or query parameter)",
                    key=True,
                )
            elif name == ACCESS_TOKEN and name not in self.fields:
                self.report(
                    pointer, f"'{{{ACCESS_TOKEN}}}' is the OAuth2 access token; it may only be used in auth/send", key=True
                )
            elif name not in self.settings and name not in extra:
                hint = self.closest(name, self.settings | extra) or (
                    f"; declare it under connection/fields, e.g. {name}: {{label: {name.replace('_', ' ').title()}}}"
                )
                self.report(pointer, f"'{{{name}}}' is not a declared connection setting{hint}", key=True)
            else:
                self.used.add(name)

    def credential_template(self, pointer: str, text: str, kind: str) -> None:
        """Check a template of what auth sends: connection fields, and `access_token` for oauth2."""
        parsed = self.parse(pointer, text)
        known = set(self.fields) | ({ACCESS_TOKEN} if kind == "oauth2" else set())
        for name in parsed.names if parsed else ():
            if name == ACCESS_TOKEN and kind != "oauth2" and name not in self.fields:
                example = self.secret_example()
                self.report(
                    pointer,
                    f"'{{{ACCESS_TOKEN}}}' is the access token of auth kind oauth2; kind {kind} sends connection fields, "
                    f"e.g. '{{{example}}}'",
                    key=True,
                )
            elif name not in known:
                self.report(pointer, f"'{{{name}}}' is not a connection field{self.closest(name, known)}", key=True)
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
                    self.report(f"{here}/pattern", f"the pattern is not a regular expression: {exc}", key=True)
            if "default" in f:
                if pattern and not pattern.fullmatch(f["default"]):
                    message = f"the default '{f['default']}' does not match the field's own pattern '{f['pattern']}'"
                    self.report(f"{here}/default", message)
                if f.get("choices") and f["default"] not in f["choices"]:
                    listed = ", ".join(f["choices"])
                    self.report(f"{here}/default", f"the default '{f['default']}' is not one of the choices ({listed})")
                if f.get("secret"):
                    self.report(f"{here}/default", "a secret cannot have a default (it would ship in every connector)")
            if key == ACCESS_TOKEN and self.spec["auth"]["kind"] == "oauth2":
                self.suggested.add(key)  # renaming it comes first; "never used" would only add noise
                self.report(here, f"'{ACCESS_TOKEN}' is the OAuth2 token's name; call this field something else", key=True)
            derive = f.get("derive")
            if derive is None:
                continue
            source = self.fields.get(derive["from"])
            if source is None:
                hint = self.closest(derive["from"], set(self.fields) - {key})
                self.report(f"{here}/derive/from", f"'{derive['from']}' is not a connection field{hint}")
            elif "derive" in source:
                self.report(f"{here}/derive/from", f"'{derive['from']}' is derived itself; derive from a field the user types")
            else:
                self.used.add(derive["from"])
            try:
                groups = re.compile(derive["pattern"]).groups
            except re.error as exc:
                self.report(f"{here}/derive/pattern", f"the pattern is not a regular expression: {exc}", key=True)
                continue
            if groups != 1:
                many = f"has {groups}; make the others non-capturing, (?:...)" if groups else "has none"
                message = (
                    "a derive pattern needs exactly one group in parentheses, the part that becomes the value "
                    f"(e.g. '-([a-z0-9]+)$'); '{derive['pattern']}' {many}"
                )
                self.report(f"{here}/derive/pattern", message)
            for other in ("default", "secret"):
                if other in f:
                    self.report(
                        f"{here}/{other}", f"a derived field has no {other}: it is computed from '{derive['from']}'", key=True
                    )

    def check_auth(self) -> None:
        """The keys each kind needs and allows, and what its templates name."""
        auth = self.spec["auth"]
        kind = auth["kind"]
        allowed, needed = _KEYS[kind]
        for key in auth:
            if key != "kind" and key not in allowed:
                self.report(f"/auth/{key}", f"'{key}' does not apply to auth kind {kind}: {_HINT[kind]}", key=True)
        for key in sorted(needed - set(auth)):
            what = _WHAT[key].format(secret=self.secret_example())
            self.report("/auth", f"auth kind {kind} needs '{key}', {what}", key=True)
        if kind == "oauth2" and auth.get("grant", "authorization_code") == "authorization_code" and "authorize_url" not in auth:
            what = _WHAT["authorize_url"].format(secret="")
            self.report("/auth", f"an authorization_code grant needs 'authorize_url', {what}", key=True)
        if kind == "oauth2" and auth.get("grant") == "client_credentials" and "authorize_url" in auth:
            self.report("/auth/authorize_url", "a client_credentials grant has no authorize page; remove authorize_url", key=True)
        fixed = {h.lower() for h in self.spec["http"]["headers"]}
        for i, place in enumerate(auth.get("send") or ()) if "send" in allowed else ():
            here = f"/auth/send/{i}"
            self.credential_template(f"{here}/value", place["value"], kind)
            if place["in"] == "header" and place["name"].lower() in fixed:
                self.report(f"{here}/name", f"'{place['name']}' is also a fixed header in http/headers; set it in one place")
        for key in ("token", "username", "password"):
            if key in auth and key in allowed:
                self.credential_template(f"/auth/{key}", auth[key], kind)
        for key in ("authorize_url", "token_url", "refresh_url"):
            if key in auth and key in allowed:
                self.setting_template(f"/auth/{key}", auth[key], "an OAuth2 URL")
        if kind in ("api_key", "bearer", "basic") and not self.secrets:
            self.report(
                "/connection/fields",
                f"auth kind {kind} needs a connection field with secret: true (the key or password)",
                key=True,
            )

    def run(self) -> None:
        """Every check; a declared field that nothing uses is reported last (it would be asked for nothing)."""
        self.check_fields()
        before = self.reported
        self.check_auth()
        auth_ok = self.reported == before
        self.setting_template("/app/base_url", self.spec["app"]["base_url"], "the base URL")
        for name, value in self.spec["http"]["headers"].items():
            self.setting_template(f"/http/headers/{name}", value, "a fixed header")
        for key, op in self.spec["operations"].items():
            path_inputs = {i["name"] for i in op.get("inputs") or () if i["in"] == "path"}
            parsed = self.parse(f"/operations/{key}/request/path", op["request"]["path"])
            for name in parsed.names if parsed else ():
                if name in self.fields and name not in path_inputs:
                    self.setting_template(f"/operations/{key}/request/path", "{" + name + "}", "a path")
        for key, f in self.fields.items():
            if key in self.used or key in self.suggested:
                continue
            here = f"/connection/fields/{key}"
            if not f.get("secret"):
                where = "app/base_url, a request path, a fixed header or an OAuth2 URL"
                if "derive" in f:
                    message = f"the derived setting '{key}' is never used; name it as '{{{key}}}' in {where}, or remove it"
                else:
                    why = "every user would be asked for it"
                    message = f"the setting '{key}' is never used, yet {why}; name it as '{{{key}}}' in {where}, or remove it"
                self.report(here, message, key=True)
            elif auth_ok:  # while auth itself is wrong, its errors say what to fix first
                message = f"the secret '{key}' is never used; send it through auth (e.g. '{{{key}}}' in auth/send) or remove it"
                self.report(here, message, key=True)


def path_settings(spec: dict[str, Any]) -> set[str]:
    """The connection fields, which a path may name without an input (ConnectionRules refuses a secret there)."""
    return set(spec["connection"]["fields"])
