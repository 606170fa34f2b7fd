"""The reference executor: runs operations with connector_gen.runtime (no artifact needed)."""

from __future__ import annotations

from pathlib import Path

from ...errors import ConnectorGenError
from ...model import Model
from ...runtime import ApiError, Client, execute
from ..executor import Call, Endpoint, Outcome, register_executor


@register_executor("python")
class PythonExecutor:
    """Runs each call through the Python runtime; one HTTP client per endpoint (it keeps refreshed OAuth2 tokens)."""

    name = "python"

    def __init__(self) -> None:
        self._clients: dict[tuple[object, ...], Client] = {}

    def prepare(self, model: Model, dist: Path) -> None:
        """Nothing to install: the runtime reads the model directly."""

    def _client(self, model: Model, endpoint: Endpoint) -> Client:
        key = (endpoint.base_url, tuple(sorted(endpoint.values.items())), endpoint.redirects)
        if key not in self._clients:
            self._clients[key] = Client(
                model, endpoint.base_url, endpoint.values, redirects=endpoint.redirects, backoff_s=0.25, max_backoff_s=2.0
            )
        return self._clients[key]

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation and return its records (or the API's error), every secret redacted (new tokens too)."""
        client = self._client(model, endpoint)
        return self._run(client, call).redacted(endpoint.secrets | client.credentials.secrets)

    def _run(self, client: Client, call: Call) -> Outcome:
        try:
            result = execute(client, call.operation, call.inputs, call.state)
        except ApiError as exc:
            return Outcome(ok=False, error=str(exc), status=exc.status, state=call.state)
        except ConnectorGenError as exc:  # an input the runtime refused before sending anything
            return Outcome(ok=False, error=str(exc), state=call.state)
        return Outcome(ok=True, records=result.records, status=client.last_status, state=result.state)

    def close(self) -> None:
        """Close every HTTP client."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()
