"""A Make connection at run time: its parameters, its connection data (OAuth tokens, expiry) and the OAuth calls.

Make stores what a connection's calls put in `response.data` and hands it, with the parameters, to modules as
`connection.*`. An OAuth connection's `refresh` call runs when the stored access-token expiry (`data.expires`)
has passed (Make's OAuth 2.0 connection docs; response.json: "when the current time is greater than the key's
expiration, the refreshment process will be called"). Make's docs say nothing of a 401; this interpreter also
refreshes an OAuth connection once when a request answers 401 and sends the request again (the spec's
`refresh.on: ["401"]`, which every other target does), so a token revoked early recovers the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from .app import MakeApp, MakeError, Result
from .dates import to_date
from .iml import UNDEFINED, Context, drop_undefined, render

# Make's OAuth callback, the value of `oauth.redirectUri` (Make's OAuth 2.0 connection docs).
REDIRECT_URI = "https://www.make.com/oauth/cb/app"
EXPIRES = "expires"


@dataclass
class Connection:
    """One connection of an app: what the user typed, what its calls stored, and the app's common data."""

    local_id: str
    parameters: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)
    common: dict[str, Any] = field(default_factory=dict)
    state: str = "connector-gen"  # the OAuth `state` Make sends with the authorize redirect
    refreshes: int = 0

    @property
    def values(self) -> dict[str, Any]:
        """What modules read as `connection.*`: the stored data and the parameters (what the user typed wins)."""
        return {**self.data, **self.parameters}


class ConnectionRunner:
    """Runs a connection's own calls (test, token, info, refresh) and the modules that use it."""

    def __init__(self, app: MakeApp) -> None:
        self.app = app

    def _meta(self, conn: Connection) -> dict[str, Any]:
        return self.app.component("connection", conn.local_id)

    def is_oauth(self, conn: Connection) -> bool:
        """Whether the connection is Make's OAuth type (its calls live in an oauth communication)."""
        return self._meta(conn).get("connectionType") == "oauth"

    def _sections(self, conn: Connection) -> tuple[dict[str, Any], str]:
        path = self._meta(conn)["codeFiles"]["communication"]
        return self.app.section(path), path

    def _ctx(self, conn: Connection, now: datetime, **more: Any) -> Context:
        files = self._meta(conn)["codeFiles"]
        scope = self.app.section(files["defaultScope"]) if files.get("defaultScope") else []
        oauth = {"redirectUri": REDIRECT_URI, "scope": scope, "state": conn.state}
        variables = {"parameters": conn.parameters, "connection": conn.values, "data": conn.data, "common": conn.common}
        return Context({**variables, "oauth": oauth, **more}, now, timezone=self.app.timezone)

    def _store(self, conn: Connection, result: Result) -> None:
        if isinstance(result.data, dict):
            conn.data.update({k: v for k, v in drop_undefined(result.data).items() if v is not UNDEFINED})

    def authorize_url(self, conn: Connection, now: datetime) -> str:
        """The consent page Make sends the user to (the `authorize` call's URL and query)."""
        comm, where = self._sections(conn)
        ctx = self._ctx(conn, now)
        spec = comm["authorize"]
        url = self.app.redirect(str(render(spec["url"], ctx, f"{where}#/authorize/url")))
        qs = drop_undefined(render(spec.get("qs", {}), ctx, f"{where}#/authorize/qs"))
        return f"{url}?{urlencode(qs)}"

    def exchange(self, conn: Connection, code: str, now: datetime) -> Result:
        """The `token` call with the code the consent page sent back; the tokens go to the connection data."""
        comm, where = self._sections(conn)
        result = self.app.call(comm["token"], self._ctx(conn, now, temp={"code": code}, query={"code": code}), f"{where}#/token")
        self._store(conn, result)
        return result

    def expired(self, conn: Connection, now: datetime) -> bool:
        """Whether the stored access-token expiry has passed."""
        when = conn.data.get(EXPIRES)
        try:
            return when not in (None, "", UNDEFINED) and to_date(when) <= now
        except (ValueError, TypeError, OverflowError):
            return False

    def refresh(self, conn: Connection, now: datetime) -> None:
        """The `refresh` call: new tokens into the connection data; a failure is the token endpoint's error."""
        comm, where = self._sections(conn)
        if "refresh" not in comm:
            raise MakeError("InvalidAccessTokenError", "The connection cannot be refreshed; reauthorize it.", 401)
        self._store(conn, self.app.call(comm["refresh"], self._ctx(conn, now), f"{where}#/refresh"))
        conn.refreshes += 1

    def test(self, conn: Connection, now: datetime) -> Result:
        """Verify the connection: a basic one's test call, an OAuth one's `info` call (refreshed first if expired)."""
        comm, where = self._sections(conn)
        if not self.is_oauth(conn):
            result = self.app.call(comm, self._ctx(conn, now), f"{where}#")
        else:
            if self.expired(conn, now):
                self.refresh(conn, now)
            result = self._once_more(conn, now, lambda: self.app.call(comm["info"], self._ctx(conn, now), f"{where}#/info"))
        self._store(conn, result)
        return result

    def _once_more(self, conn: Connection, now: datetime, attempt: Callable[[], Result]) -> Result:
        try:
            return attempt()
        except MakeError as exc:
            if exc.status != 401 or "refresh" not in self._sections(conn)[0]:
                raise
        self.refresh(conn, now)
        return attempt()

    def run(self, kind: str, local_id: str, parameters: dict[str, Any], conn: Connection, now: datetime) -> Result:
        """Run a module or RPC with this connection: refreshed first when expired, and once on a 401."""
        oauth = self.is_oauth(conn)
        if oauth and self.expired(conn, now):
            self.refresh(conn, now)

        def retry() -> dict[str, Any] | None:
            self.refresh(conn, now)
            return conn.values

        return self.app.run(kind, local_id, parameters, conn.values, now, retry=retry if oauth else None)
