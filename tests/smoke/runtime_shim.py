"""TRANSITIONAL (issue 12): `connector-gen` whose python executor speaks every auth kind, for the contract-mock runs.

The runtime's `Client` still takes one API key; the runtime helper's `Client(model, base_url, values, ...)` replaces
it. Until that merges, this swaps the python executor for a small adapter (auth placements, Basic, an OAuth2 Bearer
token refreshed once on a 401, settings in paths, per-operation response shapes, `request.wrap`); once the runtime
takes connection values it changes nothing and the CLI runs as shipped. Delete this file after that merge.

Run as `python -m tests.smoke.runtime_shim smoke ...` from the repository root.
"""

from __future__ import annotations

import base64
import inspect
from pathlib import Path
from typing import Any

import requests

from connector_gen import cli
from connector_gen.errors import ConnectorGenError
from connector_gen.model import Model, Shape
from connector_gen.runtime import ApiError, Client, HttpCall, execute
from connector_gen.runtime.client import dig
from connector_gen.smoke.executor import Call, Endpoint, Outcome, executors, register_executor


def pending() -> bool:
    """Whether the runtime's Client still takes a single API key (the adapter is needed)."""
    params = list(inspect.signature(Client).parameters)
    return len(params) > 2 and params[2] == "api_key"


class _EndpointClient(Client):
    def __init__(self, model: Model, endpoint: Endpoint) -> None:
        super().__init__(model, endpoint.base_url, "", backoff_s=0.25, max_backoff_s=2.0)
        self._secrets = endpoint.secrets
        self.values = dict(endpoint.values)
        self.redirects = endpoint.redirects
        self.shape = Shape(True, model.http.items_path)
        self.wrap: str | None = None

    def _headers(self, call: HttpCall) -> dict[str, str]:
        auth = self.model.auth
        headers = {**dict(self.model.http.headers), **{k: t.render(self.values) for k, t in self.model.http.setting_headers}}
        headers |= {p.name: p.value.render(self.values) for p in auth.headers}
        if auth.kind == "basic" and auth.username is not None and auth.password is not None:
            pair = f"{auth.username.render(self.values)}:{auth.password.render(self.values)}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        if auth.kind == "oauth2" and not auth.send:
            headers["Authorization"] = f"Bearer {self.values.get('access_token', '')}"
        return headers

    def send(self, call: HttpCall) -> Any:
        query = (*call.query, *((p.name, p.value.render(self.values)) for p in self.model.auth.query))
        body = {self.wrap: call.body} if self.wrap and call.body is not None else call.body
        call = HttpCall(call.method, call.path, query, body, call.idempotent)
        oauth = self.model.auth.oauth2
        try:
            return super().send(call)
        except ApiError as exc:
            if exc.status != 401 or oauth is None or "401" not in oauth.refresh_on:
                raise
        self._refresh()
        return super().send(call)

    def _refresh(self) -> None:
        oauth = self.model.auth.oauth2
        assert oauth is not None
        url = oauth.refresh_url.render(self.values)
        for real, served in self.redirects:
            if url.startswith(real):
                url = served + url[len(real) :]
                break
        form = {"grant_type": "refresh_token", "refresh_token": self.values.get("refresh_token", "")}
        client = (self.values.get("client_id", ""), self.values.get("client_secret", ""))
        if oauth.client_auth == "body":
            form |= {"client_id": client[0], "client_secret": client[1]}
        resp = requests.post(url, data=form, auth=client if oauth.client_auth == "basic" else None, timeout=30)
        answer = resp.json() if resp.content else {}
        if resp.status_code >= 400 or not answer.get("access_token"):
            message = answer.get("message") or answer.get("error_description") or answer.get("error") or "refresh failed"
            raise ApiError(resp.status_code, self._secrets.text(f"the token refresh failed: {message}"), "unauthorized")
        self.values["access_token"] = answer["access_token"]
        self.values["refresh_token"] = answer.get("refresh_token") or self.values.get("refresh_token", "")
        self._secrets = self._secrets.adding(self.values["access_token"], self.values["refresh_token"])

    def records(self, call: HttpCall) -> list[dict[str, Any]]:
        answer = self.send(call)
        found = dig(answer, self.shape.path) if self.shape.path else answer
        if isinstance(found, list):
            return [r for r in found if isinstance(r, dict)]
        return [found] if isinstance(found, dict) else []


class _AdapterExecutor:
    name = "python"

    def __init__(self) -> None:
        self._clients: dict[str, _EndpointClient] = {}

    def prepare(self, model: Model, dist: Path) -> None:
        """Nothing to install."""

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation through the adapted client."""
        client = self._clients.setdefault(endpoint.base_url, _EndpointClient(model, endpoint))
        op = call.operation
        client.shape, client.wrap = op.response, op.request.wrap
        settings = {k: endpoint.values[k] for k in op.request.path_params if k in endpoint.values}
        secrets = endpoint.secrets
        try:
            result = execute(client, op, {**settings, **call.inputs}, call.state)
            outcome = Outcome(ok=True, records=result.records, status=client.last_status, state=result.state)
        except ApiError as exc:
            outcome = Outcome(ok=False, error=str(exc), status=exc.status, state=call.state)
        except ConnectorGenError as exc:
            outcome = Outcome(ok=False, error=str(exc), state=call.state)
        return outcome.redacted(secrets | client._secrets)

    def close(self) -> None:
        """Close the clients."""
        for client in self._clients.values():
            client.close()


if __name__ == "__main__":
    if pending():
        executors()  # import every executor first, so the adapter's registration is the one that stays
        register_executor("python")(_AdapterExecutor)
    cli.main()
