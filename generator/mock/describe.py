"""What `connector-gen mock` tells a user: the base URL to use and every connection value a connector needs."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ..model.connection import ACCESS_TOKEN

if TYPE_CHECKING:
    from .server import MockServer


def _on_the_wire(mock: MockServer, values: dict[str, Any]) -> str:
    # The credentials as a request carries them, for a quick try with curl.
    auth = mock.model.auth
    if auth.kind == "none":
        return "no credentials needed"
    if auth.kind == "basic":
        assert auth.username is not None and auth.password is not None
        pair = f"{auth.username.render(values)}:{auth.password.render(values)}"
        return "Authorization: Basic " + base64.b64encode(pair.encode()).decode("ascii")
    parts = [f"{p.name}: {p.value.render(values)}" for p in auth.headers]
    query = [(p.name, p.value.render(values)) for p in auth.query]
    return "   ".join([*parts, *(["?" + urlencode(query)] if query else [])])


def describe(mock: MockServer) -> list[str]:
    """Lines naming the base URL (and the real one it stands for), how credentials are sent, each connection value,
    the read-only variant and, for oauth2, the client, its endpoints and a first token pair."""
    model = mock.model
    pair = mock.issue_tokens() if model.auth.oauth2 is not None else {}
    values: dict[str, Any] = {**mock.values, **({ACCESS_TOKEN: pair[ACCESS_TOKEN]} if pair else {})}
    lines = [f"mock {model.app.name} API at {mock.base_url}", f"  {_on_the_wire(mock, values)}"]
    real = model.app.base.render(mock.values)
    lines.append(f"  use {mock.base_url} as the base URL in place of {real}")
    lines.append(f"  auth: {model.auth.kind}; connection values:" + ("" if model.connection.fields else " none"))
    for fld in model.connection.fields:
        what = "secret" if fld.secret else ("derived from " + fld.derive.source if fld.derive else "setting")
        lines.append(f"    {fld.key}: {mock.values.get(fld.key, '')}   ({what}; {fld.label})")
    ro = mock.read_only_values
    if ro is not None:
        changed = ", ".join(f"{f.key}: {ro[f.key]}" for f in model.connection.secrets if ro.get(f.key) != mock.values.get(f.key))
        lines.append(f"  read-only variant (403 on writes): {changed}")
    oauth2 = model.auth.oauth2
    if oauth2 is not None:
        lines.append(f"  oauth2 client_id: {mock.tokens.client_id}   client_secret: {mock.tokens.client_secret}")
        lines.append(f"    (sent {'in the token request body' if oauth2.client_auth == 'body' else 'as HTTP Basic'})")
        for real_url, served in mock.redirects:
            lines.append(f"    {served}   (stands in for {real_url})")
        lines.append(f"    a token pair to start with: access_token {pair[ACCESS_TOKEN]}")
        if "refresh_token" in pair:
            lines.append(f"      refresh_token {pair['refresh_token']}   (the access token expires in {pair['expires_in']} s)")
    lines.append(f"  controls under {mock.origin}/__mock/ (POST expire-tokens, fail-next, ...); Ctrl-C to stop")
    return lines
