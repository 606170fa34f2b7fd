"""Connection and auth rules (connection_rules.py) beyond the broken-spec corpus: each defect alone, one message.

The corpus (tests/specs_with_errors/49-66) proves the located lines a user reads; these cover the remaining rules on
a tiny inline spec, and that one defect yields one message (no "never used" echo of a name another message names).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connector_gen.errors import SpecInvalid
from connector_gen.validate import validate

from .tiny import Change, auth, base_url, fields, write

KEY = {"label": "API Key", "secret": True}
REGION = {"label": "Region", "default": "eu"}
OAUTH = {"kind": "oauth2", "authorize_url": "https://example.com/authorize", "token_url": "https://example.com/token"}


def path_of(op: str, path: str) -> Change:
    return lambda data: data["operations"][op]["request"].__setitem__("path", path)


def header(name: str, value: str) -> Change:
    return lambda data: data["http"]["headers"].__setitem__(name, value)


def problems(tmp_path: Path, *changes: Change) -> list[tuple[str, str]]:
    with pytest.raises(SpecInvalid) as caught:
        validate(write(tmp_path, *changes), names=())
    return [(e.pointer, e.message) for e in caught.value.errors]


DERIVE = {"from": "api_key", "pattern": "-([a-z]+)$"}
CASES: list[tuple[str, tuple[Change, ...], list[tuple[str, str]]]] = [
    (
        "access-token-in-base-url",
        (fields(region=REGION), auth(**OAUTH), base_url("https://{region}.example.com/{access_token}")),
        [("/app/base_url", "'{access_token}' is the OAuth2 access token; it may only be used in auth/send")],
    ),
    (
        "secret-in-path",
        (path_of("list_notes", "/notes/{api_key}"),),
        [
            (
                "/operations/list_notes/request/path",
                "'{api_key}' is a secret and may not appear in a path, which platforms show and log; send it only "
                "through auth (kind api_key's send puts it in a header or query parameter)",
            )
        ],
    ),
    (
        "secret-in-templated-header",
        (header("X-Account", "acct-{api_key}"),),
        [
            (
                "/http/headers/X-Account",
                "'{api_key}' is a secret and may not appear in a fixed header, which platforms show and log; send it "
                "only through auth (kind api_key's send puts it in a header or query parameter)",
            )
        ],
    ),
    (
        "setting-in-oauth-url-undeclared",
        (fields(region=REGION), auth(**{**OAUTH, "token_url": "https://{tenant}.example.com/token"})),
        [
            (
                "/auth/token_url",
                "'{tenant}' is not a declared connection setting; declare it under connection/fields, "
                "e.g. tenant: {label: Tenant}",
            )
        ],
    ),
    (
        "derived-with-default",
        (fields(api_key=KEY, dc={"label": "DC", "default": "us", "derive": DERIVE}), base_url("https://{dc}.example.com")),
        [("/connection/fields/dc/default", "a derived field has no default: it is computed from 'api_key'")],
    ),
    (
        "derive-two-groups",
        (
            fields(api_key=KEY, dc={"label": "DC", "derive": {"from": "api_key", "pattern": "-([a-z]+)([0-9]+)$"}}),
            base_url("https://{dc}.example.com"),
        ),
        [
            (
                "/connection/fields/dc/derive/pattern",
                "a derive pattern needs exactly one group in parentheses, the part that becomes the value "
                "(e.g. '-([a-z0-9]+)$'); '-([a-z]+)([0-9]+)$' has 2; make the others non-capturing, (?:...)",
            )
        ],
    ),
    (
        "derive-from-derived",
        (
            fields(
                api_key=KEY,
                dc={"label": "DC", "derive": DERIVE},
                zone={"label": "Zone", "derive": {"from": "dc", "pattern": "(.)"}},
            ),
            base_url("https://{dc}.{zone}.example.com"),
        ),
        [("/connection/fields/zone/derive/from", "'dc' is derived itself; derive from a field the user types")],
    ),
    (
        "derive-bad-regex",
        (
            fields(api_key=KEY, dc={"label": "DC", "derive": {"from": "api_key", "pattern": "-(["}}),
            base_url("https://{dc}.x.com"),
        ),
        [
            (
                "/connection/fields/dc/derive/pattern",
                "the pattern is not a regular expression: unterminated character set at position 2",
            )
        ],
    ),
    (
        "pattern-bad-regex",
        (fields(api_key=KEY, region={"label": "Region", "pattern": "(["}),),
        [
            (
                "/connection/fields/region/pattern",
                "the pattern is not a regular expression: unterminated character set at position 1",
            )
        ],
    ),
    (
        "default-not-a-choice",
        (fields(api_key=KEY, region={"label": "Region", "default": "mars", "choices": ["eu", "us"]}),),
        [("/connection/fields/region/default", "the default 'mars' is not one of the choices (eu, us)")],
    ),
    (
        "secret-with-default",
        (fields(api_key={**KEY, "default": "k-1"}, region=REGION),),
        [("/connection/fields/api_key/default", "a secret cannot have a default (it would ship in every connector)")],
    ),
    (
        "client-credentials-with-authorize-url",
        (fields(region=REGION), auth(**OAUTH, grant="client_credentials")),
        [("/auth/authorize_url", "a client_credentials grant has no authorize page; remove authorize_url")],
    ),
    (
        "oauth2-field-named-access-token",
        (fields(region=REGION, access_token={"label": "Token"}), auth(**OAUTH)),
        [("/connection/fields/access_token", "'access_token' is the OAuth2 token's name; call this field something else")],
    ),
    (
        "placement-also-a-fixed-header",
        (header("x-api-key", "v1"),),
        [("/auth/send/0/name", "'X-Api-Key' is also a fixed header in http/headers; set it in one place")],
    ),
    (
        "bearer-with-send",
        (auth(kind="bearer", token="{api_key}", send=[{"in": "query", "name": "key", "value": "{api_key}"}]),),
        [
            (
                "/auth/send",
                "'send' does not apply to auth kind bearer: bearer sends only Authorization: Bearer <token>; for a key "
                "in another header or a query parameter use kind api_key",
            )
        ],
    ),
    (
        "api-key-without-send",
        (auth(kind="api_key"),),
        [
            (
                "/auth",
                "auth kind api_key needs 'send', the headers or query parameters that carry the key, e.g. "
                "send: [{in: header, name: X-Api-Key, value: '{api_key}'}]",
            )
        ],
    ),
    (
        "basic-without-username",
        (auth(kind="basic", password="{api_key}"),),
        [
            (
                "/auth",
                "auth kind basic needs 'username', the user name, e.g. username: '{username}', or username: "
                "'{api_key}' when the key is the user name",
            )
        ],
    ),
    (
        "key-kind-without-a-secret",
        (fields(region=REGION), auth(kind="bearer", token="{region}")),
        [("/connection/fields", "auth kind bearer needs a connection field with secret: true (the key or password)")],
    ),
    (
        "derived-setting-never-used",
        (fields(api_key=KEY, region=REGION, dc={"label": "DC", "derive": DERIVE}),),
        [
            (
                "/connection/fields/dc",
                "the derived setting 'dc' is never used; name it as '{dc}' in app/base_url, a request path, a fixed "
                "header or an OAuth2 URL, or remove it",
            )
        ],
    ),
    (
        "secret-never-used",
        (fields(api_key=KEY, region=REGION, password={"label": "Password", "secret": True}),),
        [
            (
                "/connection/fields/password",
                "the secret 'password' is never used; send it through auth (e.g. '{password}' in auth/send) or remove it",
            )
        ],
    ),
    (
        "misspelled-secret-in-send-is-one-message",
        (auth(kind="api_key", send=[{"in": "header", "name": "X-Api-Key", "value": "{api_kye}"}]),),
        [("/auth/send/0/value", "'{api_kye}' is not a connection field; did you mean 'api_key'?")],
    ),
    (
        "bad-placeholder-in-send",
        (auth(kind="api_key", send=[{"in": "header", "name": "X-Api-Key", "value": "{api key}"}]),),
        [
            (
                "/auth/send/0/value",
                "'{api key}' is not a placeholder: a name is letters, digits and _ (dotted for a path, as in "
                "{company.name}); a literal brace is written '{{' or '}}'",
            )
        ],
    ),
]


@pytest.mark.parametrize(("changes", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_defect_one_message(tmp_path: Path, changes: tuple[Change, ...], want: list[tuple[str, str]]) -> None:
    assert problems(tmp_path, *changes) == want


def test_a_setting_in_a_path_needs_no_input(tmp_path: Path) -> None:
    model = validate(write(tmp_path, path_of("list_notes", "/{region}/notes")), names=())
    assert model.operation("list_notes").request.path == "/{region}/notes"


@pytest.mark.parametrize(
    "kind_keys",
    [
        {"kind": "api_key", "send": [{"in": "query", "name": "key", "value": "{api_key}"}]},
        {"kind": "bearer", "token": "{api_key}"},
        {"kind": "basic", "username": "{api_key}", "password": ""},
        {"kind": "basic", "username": "user", "password": "{api_key}"},
    ],
    ids=["api_key", "bearer", "basic-key-as-user", "basic-key-as-password"],
)
def test_each_key_kind_accepts_its_keys(tmp_path: Path, kind_keys: dict[str, Any]) -> None:
    assert validate(write(tmp_path, auth(**kind_keys)), names=()).auth.kind == kind_keys["kind"]
