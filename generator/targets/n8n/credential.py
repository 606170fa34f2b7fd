"""The credential class as Python data: one property per asked connection field, generic auth or n8n's oAuth2Api."""

from __future__ import annotations

from typing import Any

from ...model import ConnectionField, Model
from ...names import title_case
from .conventions import credential_class, credential_name
from .expressions import parameter, path
from .fields import describe
from .ts import parameter_text

# n8n's OAuth2 grant names (n8n-nodes-base OAuth2Api.credentials `grantType` options) and where the client id and
# secret go on token requests (`authentication`: body, or header = HTTP Basic).
GRANTS = {"authorization_code": "authorizationCode", "client_credentials": "clientCredentials"}
CLIENT_AUTH = {"body": "body", "basic": "header"}


def _field_property(field: ConnectionField) -> dict[str, Any]:
    """A connection field as a credential property: a password for a secret, text or a list of choices otherwise."""
    prop: dict[str, Any] = {"displayName": field.label, "name": field.names.camel}
    if field.choices:
        prop["type"] = "options"
        prop["options"] = sorted(({"name": title_case(c), "value": c} for c in field.choices), key=lambda o: o["name"])
    else:
        prop["type"] = "string"
    if field.secret:
        prop["typeOptions"] = {"password": True}
    if field.required:
        prop["required"] = True
    default = field.default if field.default is not None else (field.choices[0] if field.choices else "")
    prop["default"] = parameter_text(default)
    if field.example is not None and not field.choices:
        prop["placeholder"] = f"e.g. {field.example}"
    if field.help:
        prop["description"] = describe(field.help)
    return prop


def _hidden(label: str, name: str, value: str) -> dict[str, Any]:
    return {"displayName": label, "name": name, "type": "hidden", "default": value}


def _oauth2_properties(model: Model) -> list[dict[str, Any]]:
    """The oAuth2Api settings a generated credential fixes: grant, URLs, scope and client authentication."""
    oauth = model.auth.oauth2
    assert oauth is not None
    props = [_hidden("Grant Type", "grantType", GRANTS[oauth.grant])]
    if oauth.authorize_url is not None:
        props.append(_hidden("Authorization URL", "authUrl", parameter(model, oauth.authorize_url, "$self")))
    props.append(_hidden("Access Token URL", "accessTokenUrl", parameter(model, oauth.token_url, "$self")))
    props.append(_hidden("Scope", "scope", parameter_text(oauth.scope)))
    if oauth.authorize_url is not None:
        props.append(_hidden("Auth URI Query Parameters", "authQueryParameters", ""))
    props.append(_hidden("Authentication", "authentication", CLIENT_AUTH[oauth.client_auth]))
    return props


def _authenticate(model: Model) -> dict[str, Any] | None:
    """n8n's generic authentication: placements into headers and qs, or Basic `auth`; None for oauth2 and none."""
    auth = model.auth
    if auth.kind == "basic":
        assert auth.username is not None and auth.password is not None
        basic = {"username": parameter(model, auth.username), "password": parameter(model, auth.password)}
        return {"type": "generic", "properties": {"auth": basic}}
    if auth.kind not in ("api_key", "bearer"):
        return None
    properties: dict[str, dict[str, str]] = {}
    for placement in auth.send:
        where = properties.setdefault("headers" if placement.location == "header" else "qs", {})
        where[placement.name] = parameter(model, placement.value)
    return {"type": "generic", "properties": properties}


def request_headers(model: Model) -> dict[str, str]:
    """The spec's fixed headers as n8n parameter values; a header naming a setting reads it from the credential."""
    headers = {k: parameter_text(v) for k, v in model.http.headers}
    return headers | {k: parameter(model, v) for k, v in model.http.setting_headers}


def credential(model: Model, icon: dict[str, str]) -> dict[str, Any]:
    """Credential class data: its properties, how requests are authenticated and the test request."""
    app, test = model.app, model.auth_test
    docs = help_url(model) or app.docs_url
    properties = [_field_property(f) for f in model.connection.asked]
    oauth2 = model.auth.kind == "oauth2"
    return {
        "class": credential_class(model),
        "name": credential_name(model),
        "displayName": f"{app.name} OAuth2 API" if oauth2 else f"{app.name} API",
        "extends": ["oAuth2Api"] if oauth2 else None,
        "icon": icon,
        "documentationUrl": docs,
        "properties": properties + (_oauth2_properties(model) if oauth2 else []),
        "authenticate": _authenticate(model),
        "test": {
            "request": {
                "baseURL": parameter(model, app.base),
                "url": path(model, test.request.path, {}),
                "method": test.request.method,
                "headers": request_headers(model),
            }
        },
    }


def auth_note(model: Model) -> str:
    """How the credential reaches the API, for the README: `sends the key in the `API-Key` header`."""
    auth = model.auth
    if auth.kind == "oauth2":
        return "connects through OAuth2, refreshes the access token when the API answers 401,"
    if auth.kind == "basic":
        return "signs every request with HTTP Basic authentication"
    if auth.kind == "none":
        return "sends no credential"
    where = [f"the `{p.name}` {'header' if p.location == 'header' else 'query parameter'}" for p in auth.send]
    what = "the token" if auth.kind == "bearer" else "the key" if len(where) == 1 else "the credentials"
    return f"sends {what} in {' and '.join(where)}"


def help_url(model: Model) -> str | None:
    """The first connection field's help page."""
    return next((f.help_url for f in model.connection.fields if f.help_url), None)
