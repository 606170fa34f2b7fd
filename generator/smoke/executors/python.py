"""The reference executor: runs operations with connector_gen.runtime (no artifact needed)."""

from __future__ import annotations

from pathlib import Path

from ...errors import ConnectorGenError
from ...model import Model
from ...runtime import ApiError, Client, execute
from ..executor import Call, Endpoint, Outcome, primary_secret, register_executor


@register_executor("python")
class PythonExecutor:
    """Runs each call through the Python runtime; one HTTP client per base URL and key."""

    name = "python"

    def __init__(self) -> None:
        self._clients: dict[tuple[str, str], Client] = {}

    def prepare(self, model: Model, dist: Path) -> None:
        """Nothing to install: the runtime reads the model directly."""

    def _client(self, model: Model, base_url: str, api_key: str) -> Client:
        key = (base_url, api_key)
        if key not in self._clients:
            self._clients[key] = Client(model, base_url, api_key, backoff_s=0.25, max_backoff_s=2.0)
        return self._clients[key]

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation and return its records (or the API's error), every secret redacted."""
        return self._run(model, call, endpoint.base_url, primary_secret(model, endpoint)).redacted(endpoint.secrets)

    def _run(self, model: Model, call: Call, base_url: str, api_key: str) -> Outcome:
        client = self._client(model, base_url, api_key)
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
