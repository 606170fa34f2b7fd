"""Zapier authentication: the connection's fields as auth fields, each auth kind in its native Zapier form, and the
one place (`values`) where a connection Template becomes JavaScript."""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from ...model import Model, Template
from ...model.connection import ConnectionField, OAuth2
from ...names import title_case
from . import escape
from .conventions import auth_key
from .modules import Modules

TARGET = "zapier"
# The JS object every generated function builds from bundle.authData, with the derived settings added.
CONNECTION = "connection"
# Token requests carry this flag: beforeRequest adds no credential to them, afterResponse leaves their errors to them.
TOKEN_FLAG = "skipThrowForStatus"
# What the token functions store besides the tokens: when the access token expires (epoch ms), if the answer said.
EXPIRES_AT = "expires_at"


def value(template: Template, *, encode: Collection[str] = (), keep: Collection[str] = ()) -> str:
    """`template` as a JS template literal over `connection`: the target's one emission point for connection values.

    Names in `encode` are URL-encoded (path segments); names in `keep` stay `{name}` text (path inputs, which the
    request builder fills in).
    """

    def placeholder(name: str) -> str:
        if name in keep:
            return escape.js_literal_text("{" + name + "}")
        read = f"{CONNECTION}.{name} ?? ''"
        return "${" + (f"encodeURIComponent({read})" if name in encode else read) + "}"

    return "`" + template.emit(escape.js_literal_text, placeholder) + "`"


def derived(model: Model) -> list[dict[str, str]]:
    """What the `connection` macro adds to bundle.authData: each field stored under a pinned key (a live app's
    `apiKey`) under its spec key too, then the derived settings (source key and JS regular expression)."""
    aliases = [{"key": f.key, "alias": auth_key(f)} for f in model.connection.asked if auth_key(f) != f.key]
    return aliases + [
        {"key": f.key, "source": f.derive.source, "pattern": f.derive.pattern}
        for f in model.connection.fields
        if f.derive is not None
    ]


def native_basic(model: Model) -> bool:
    """Whether Zapier's own `basic` auth fits: username and password are exactly the fields `username`/`password`.

    Zapier's basic scheme reads `bundle.authData.username`/`.password` and builds the header itself; any other shape
    (a fixed user name, the key as password, other keys) is custom auth whose beforeRequest computes the header, so
    the user is asked only for what the API needs.
    """
    auth = model.auth
    if auth.kind != "basic" or auth.username is None or auth.password is None:
        return False
    return auth.username.text == "{username}" and auth.password.text == "{password}"


def help_text(field: ConnectionField, app_name: str) -> str:
    """An auth field's help text, linking to where the value is found (Zapier's check D002)."""
    link = f"[Where to find your {field.label}]({field.help_url})" if field.help_url else ""
    return " ".join(part for part in (field.help, link) if part) or f"Your {app_name} {field.label}."


def fields(model: Model) -> list[dict[str, Any]]:
    """Zapier auth fields: every asked connection field (secrets as passwords; settings with default and choices)."""
    out: list[dict[str, Any]] = []
    for f in model.connection.asked:
        entry: dict[str, Any] = {
            "key": auth_key(f),
            "label": title_case(f.label),
            "type": "password" if f.secret else "string",
            "required": f.required,
            "helpText": help_text(f, model.app.name),
        }
        if f.default is not None:
            entry["default"] = f.default
        if f.choices:
            entry["choices"] = [{"value": c, "label": c, "sample": c} for c in f.choices]
        if f.example is not None:
            entry["placeholder"] = f.example
        out.append(entry)
    return out


def connection_label(mods: Modules, model: Model) -> str | dict[str, Any]:
    """Zapier's connectionLabel over the test's record: `{{name}}` text, or a function when literal text has braces."""
    label = model.connection.label
    if not any(isinstance(p, str) and ("{" in p or "}" in p) for p in label.parts):
        return label.emit(lambda text: text, lambda name: "{{" + (name if "." not in name else f"bundle.inputData.{name}") + "}}")
    paths = {name: name.split(".") for name in label.names}
    text = label.emit(escape.js_literal_text, lambda name: "${dig(bundle.inputData, " + json.dumps(paths[name]) + ") ?? ''}")
    return mods.add("authentication/connection_label.js", "connection_label.js", "The connection label", text="`" + text + "`")


def before_request(mods: Modules, model: Model, templated: dict[str, str]) -> dict[str, Any] | None:
    """The beforeRequest that puts the connection on every request: settings headers and the auth's placements."""
    auth = model.auth
    headers = [[name, json.dumps(text)] for name, text in templated.items()]
    headers += [[name, value(template)] for name, template in model.http.setting_headers]
    params: list[list[str]] = []
    basic = None
    if auth.kind in ("api_key", "bearer", "oauth2"):
        headers += [[p.name, value(p.value)] for p in auth.headers]
        params += [[p.name, value(p.value)] for p in auth.query]
    elif auth.kind == "basic" and not native_basic(model) and auth.username is not None and auth.password is not None:
        pair = Template(f"{auth.username.text}:{auth.password.text}", (*auth.username.parts, ":", *auth.password.parts))
        basic = value(pair)
    oauth = auth.oauth2
    expiry = oauth is not None and "expiry" in oauth.refresh_on
    if not (headers or params or basic or expiry):
        return None
    return mods.add(
        "middleware/before_request.js",
        "before_request.js",
        "beforeRequest: the connection on every request",
        derived=derived(model),
        headers=headers,
        params=params,
        basic=basic,
        expiry=expiry,
        expires_at=EXPIRES_AT,
        token_flag=TOKEN_FLAG if oauth is not None else None,
        kind=auth.kind,
    )


def _token_request(mods: Modules, model: Model, oauth: OAuth2, grant: str) -> dict[str, Any]:
    url = oauth.token_url if grant == "authorization_code" else oauth.refresh_url
    source = "...bundle.authData, ...bundle.inputData" if grant == "authorization_code" else "...bundle.authData"
    name = "get_access_token" if grant == "authorization_code" else "refresh_access_token"
    return mods.add(
        f"authentication/{name}.js",
        "oauth_token.js",
        f"OAuth 2.0 {grant} grant",
        derived=derived(model),
        source=source,
        templated=not url.is_static,
        url=value(url),
        grant=grant,
        client_auth=oauth.client_auth,
        scope=oauth.scope,
        error_paths=[list(p) for p in model.http.error_paths],
        expires_at=EXPIRES_AT,
        token_flag=TOKEN_FLAG,
    )


def _oauth2_config(mods: Modules, model: Model, oauth: OAuth2) -> dict[str, Any]:
    assert oauth.authorize_url is not None  # check() refuses client_credentials, the one grant without it
    authorize = mods.add(
        "authentication/authorize_url.js",
        "oauth_authorize.js",
        "OAuth 2.0 authorize URL",
        derived=derived(model),
        templated=not oauth.authorize_url.is_static,
        url=value(oauth.authorize_url),
        scope=oauth.scope,
    )
    config: dict[str, Any] = {
        "authorizeUrl": authorize,
        "getAccessToken": _token_request(mods, model, oauth, "authorization_code"),
        "refreshAccessToken": _token_request(mods, model, oauth, "refresh_token"),
    }
    if oauth.scope:
        config["scope"] = oauth.scope
    # Zapier's own switch for "a 401 means: refresh the token, then run the request again" (AuthenticationOAuth2ConfigSchema).
    config["autoRefresh"] = "401" in oauth.refresh_on
    return config


def authentication(mods: Modules, model: Model, test: dict[str, Any]) -> dict[str, Any]:
    """The app's `authentication`: Zapier `custom`, `basic` or `oauth2`, with its fields, test and label."""
    auth = model.auth
    kind = "oauth2" if auth.kind == "oauth2" else "basic" if native_basic(model) else "custom"
    out: dict[str, Any] = {"type": kind}
    asked = fields(model)
    if asked or kind == "custom":
        out["fields"] = asked
    if auth.oauth2 is not None:
        out["oauth2Config"] = _oauth2_config(mods, model, auth.oauth2)
    out["test"] = test
    out["connectionLabel"] = connection_label(mods, model)
    return out


def describe(model: Model) -> str:
    """One sentence for the README: which Zapier scheme the app uses and where the credentials go."""
    auth = model.auth
    if auth.kind == "oauth2" and auth.oauth2 is not None:
        refresh = " and ".join({"expiry": "when the token expires", "401": "on a 401"}[r] for r in auth.oauth2.refresh_on)
        return "OAuth v2 (authorization code)" + (f"; the token is refreshed {refresh}" if refresh else "")
    if native_basic(model):
        return "Basic authentication (Zapier builds the header)"
    if auth.kind == "basic":
        return "Custom authentication sending an HTTP Basic `Authorization` header"
    placed = [f"{p.location} `{p.name}`" for p in auth.send]
    return "Custom authentication" + (" sending " + ", ".join(placed) if placed else "")
