"""The Make connection: its parameters, how the auth reaches the API, and the OAuth 2.0 flow.

Modules and RPCs read the connection as `connection.<param>` (base.iml.json); the connection's own calls read what
the user typed as `parameters.<param>` (they inherit no base). An OAuth connection keeps its tokens in its
connection data (`connection.accessToken`, `connection.refreshToken`, `connection.expires`); Make calls its
`refresh` section when that expiry has passed (Make's OAuth 2.0 connection docs; api-oauth.json, response.json).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import ACCESS_TOKEN, Model, Template
from . import conventions as conv
from .blocks import Component, error_block, error_message, iml_path
from .escape import iml_concat, iml_literal, iml_regex, iml_template, iml_text

Placeholder = Callable[[str], str]


def placeholder(model: Model, root: str) -> Placeholder:
    """The IML of a `{name}`: a connection parameter under `root`, a derived one computed, or the access token."""

    def expression(name: str) -> str:
        if name == ACCESS_TOKEN:
            return f"connection.{conv.ACCESS_TOKEN}"
        fld = model.connection.field(name)
        if fld.derive is None:
            return f"{root}.{conv.param_name(fld)}"
        source = model.connection.field(fld.derive.source)
        # The first match of the pattern, as its group 1 (a search, not a full match): the whole text is replaced.
        whole = iml_regex(r"^[\s\S]*?(?:" + fld.derive.pattern + r")[\s\S]*$")
        return f"replace({root}.{conv.param_name(source)}, {whole}, '$1')"

    return expression


def path_url(model: Model, path: str, inputs: set[str], root: str) -> str:
    """A request path with each input as `encodeURL(parameters.x)` and each setting as `encodeURL(<root>.x)`."""
    setting = placeholder(model, root)
    for name in dict.fromkeys(n for n in _names(path)):
        expression = f"parameters.{name}" if name in inputs else setting(name)
        path = path.replace("{" + name + "}", f"{{{{encodeURL({expression})}}}}")
    return path


def _names(path: str) -> list[str]:
    out, rest = [], path
    while "{" in rest and "}" in rest:
        start = rest.index("{")
        end = rest.index("}", start)
        out.append(rest[start + 1 : end])
        rest = rest[end + 1 :]
    return out


def _basic_header(model: Model, value: Placeholder) -> str:
    auth = model.auth
    assert auth.username is not None and auth.password is not None
    return f"Basic {{{{base64({iml_concat(auth.username, value)} + ':' + {iml_concat(auth.password, value)})}}}}"


def headers(model: Model, root: str) -> dict[str, str]:
    """Every header a request sends: the fixed ones, the ones naming settings, then the auth's."""
    value = placeholder(model, root)
    out: dict[str, str] = {name: str(iml_text(text)) for name, text in model.http.headers}
    out.update({name: iml_template(template, value) for name, template in model.http.setting_headers})
    out.update({p.name: iml_template(p.value, value) for p in model.auth.headers})
    if model.auth.kind == "basic":
        out["Authorization"] = _basic_header(model, value)
    return out


def query(model: Model, root: str) -> dict[str, str]:
    """The auth's query parameters (API keys and tokens sent in the query)."""
    return {p.name: iml_template(p.value, placeholder(model, root)) for p in model.auth.query}


def sanitize(model: Model) -> dict[str, list[str]]:
    """`log.sanitize`: every header and query parameter the auth puts a secret in (Make's paths are lower-case)."""
    paths = [f"request.headers.{name.lower()}" for name in model.auth.header_names]
    paths += [f"request.qs.{p.name}" for p in model.auth.query]
    return {"sanitize": paths}


def _help(help_text: str | None, help_url: str | None, label: str) -> str:
    return " ".join(filter(None, (help_text, f"See {help_url}" if help_url else None))) or label


def parameters(model: Model) -> list[dict[str, Any]]:
    """The connection parameters: every asked field (secrets as passwords), plus a client-credentials client."""
    out: list[dict[str, Any]] = []
    for fld in model.connection.asked:
        param: dict[str, Any] = {"name": conv.param_name(fld), "type": "password" if fld.secret else "text"}
        param.update({"label": fld.label, "required": fld.required, "editable": True})
        param["help"] = _help(fld.help, fld.help_url, fld.label)
        if fld.choices:
            param["type"] = "select"
            param["options"] = [{"label": c, "value": c} for c in fld.choices]
        if fld.default is not None:
            param["default"] = fld.default
        if fld.pattern and not fld.choices:
            param["validate"] = {"pattern": fld.pattern}
        out.append(param)
    oauth = model.auth.oauth2
    if oauth is not None and oauth.grant == "client_credentials":
        for name, kind, label in ((conv.CLIENT_ID, "text", "Client ID"), (conv.CLIENT_SECRET, "password", "Client Secret")):
            out.append({"name": name, "type": kind, "label": label, "required": True, "editable": True, "help": label})
    return out


def _test_call(model: Model, root: str) -> dict[str, Any]:
    """The auth test request, absolute (a connection inherits no base), with the label and the account as data."""
    test = model.auth_test
    value = placeholder(model, root)
    inputs = {i.name for i in test.inputs}
    url = iml_template(model.app.base, value) + path_url(model, test.request.path, inputs, root)
    call: dict[str, Any] = {"url": url, "method": test.request.method, "headers": headers(model, root)}
    qs = query(model, root)
    if qs:
        call["qs"] = qs
    record = iml_path("body", test.response.path)
    label = iml_template(model.connection.label, lambda name: f"{record}.{name}")
    call["response"] = {
        "metadata": {"type": "text", "value": label},
        # The account the connection belongs to, kept as connection data (modules could read it as connection.*).
        "data": {f.name: f"{{{{{record}.{f.name}}}}}" for f in test.resource.fields},
        "error": error_block(model),
    }
    call["log"] = sanitize(model)
    return call


def _client(model: Model) -> tuple[str, str]:
    oauth = model.auth.oauth2
    assert oauth is not None
    # Authorization code: the app's own client, in Make's common data; client credentials: each connection's.
    root = "common" if oauth.grant == "authorization_code" else "parameters"
    return f"{root}.{conv.CLIENT_ID}", f"{root}.{conv.CLIENT_SECRET}"


def _token_call(model: Model, url: Template, grant: dict[str, str]) -> dict[str, Any]:
    """A form-encoded token request (code exchange, refresh or client credentials) storing the tokens it gets."""
    oauth = model.auth.oauth2
    assert oauth is not None
    client_id, client_secret = _client(model)
    call: dict[str, Any] = {"url": iml_template(url, placeholder(model, "parameters")), "method": "POST", "type": "urlencoded"}
    body = dict(grant)
    if oauth.client_auth == "basic":
        call["headers"] = {"Authorization": f"Basic {{{{base64({client_id} + ':' + {client_secret})}}}}"}
    else:
        body.update({"client_id": f"{{{{{client_id}}}}}", "client_secret": f"{{{{{client_secret}}}}}"})
    call["body"] = body
    # A refresh answer may omit the refresh token: the stored one stays valid then.
    refresh = "{{body.refresh_token}}"
    if "refresh_token" in grant:
        refresh = f"{{{{ifempty(body.refresh_token, connection.{conv.REFRESH_TOKEN})}}}}"
    data = {conv.ACCESS_TOKEN: "{{body.access_token}}"}
    if oauth.grant == "authorization_code":
        data[conv.REFRESH_TOKEN] = refresh
    if "expiry" in oauth.refresh_on or oauth.grant == "client_credentials":
        data[conv.EXPIRES] = "{{if(body.expires_in, addSeconds(now, body.expires_in), undefined)}}"
    message = error_message(model)
    standard = f"ifempty({message}, ifempty(body.error_description, body.error))"
    failed = f"[{{{{statusCode}}}}] {{{{ifempty({standard}, 'The token request failed.')}}}}"
    # A failed token call is an auth error: the connection must be authorized again.
    call["response"] = {"data": data, "error": {"type": "InvalidAccessTokenError", "message": failed}}
    secret_fields = ("code", "client_secret", "refresh_token")
    paths = [f"request.body.{k}" for k in secret_fields if k in body] + ["request.headers.authorization"]
    call["log"] = {"sanitize": [*paths, "response.body.access_token", "response.body.refresh_token"]}
    return call


def _oauth_communication(model: Model) -> dict[str, Any]:
    oauth = model.auth.oauth2
    assert oauth is not None
    scope = "{{join(oauth.scope, " + iml_literal(oauth.scope_separator) + ")}}"
    comm: dict[str, Any] = {}
    if oauth.grant == "authorization_code":
        assert oauth.authorize_url is not None
        client_id, _ = _client(model)
        authorize_qs = {"response_type": "code", "client_id": f"{{{{{client_id}}}}}", "redirect_uri": "{{oauth.redirectUri}}"}
        if oauth.scopes:
            authorize_qs["scope"] = scope
        authorize_qs["state"] = "{{oauth.state}}"
        comm["authorize"] = {
            "url": iml_template(oauth.authorize_url, placeholder(model, "parameters")),
            "qs": authorize_qs,
            "response": {"temp": {"code": "{{query.code}}"}},
        }
        grant = {"grant_type": "authorization_code", "code": "{{temp.code}}", "redirect_uri": "{{oauth.redirectUri}}"}
        comm["token"] = _token_call(model, oauth.token_url, grant)
        comm["info"] = _test_call(model, "parameters")
        refresh = {"grant_type": "refresh_token", "refresh_token": f"{{{{connection.{conv.REFRESH_TOKEN}}}}}"}
        comm["refresh"] = _token_call(model, oauth.refresh_url, refresh)
    else:
        grant = {"grant_type": "client_credentials", **({"scope": str(iml_text(oauth.scope))} if oauth.scopes else {})}
        comm["token"] = _token_call(model, oauth.token_url, grant)
        comm["info"] = _test_call(model, "parameters")
        # A client-credentials token is not refreshed but asked for again, the same way.
        comm["refresh"] = _token_call(model, oauth.token_url, grant)
    return comm


def connection(model: Model) -> Component:
    """The connection: `basic` (keys, tokens, passwords the user types) or `oauth` (Make's OAuth 2.0 flow)."""
    oauth = model.auth.oauth2
    meta = {"label": model.app.name, "connectionType": "basic" if oauth is None else "oauth"}
    sections: dict[str, Any] = {}
    if oauth is None:
        sections["communication"] = _test_call(model, "parameters")
    else:
        sections["communication"] = _oauth_communication(model)
    sections["params"] = parameters(model)
    if oauth is not None and oauth.grant == "authorization_code" and oauth.scopes:
        sections["scopeList"] = {s: s for s in oauth.scopes}
        sections["defaultScope"] = list(oauth.scopes)
    return Component("connection", model.app.key, meta, sections, model.auth_test)
