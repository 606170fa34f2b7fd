"""The mock's test hooks: a server-side change and a callback before each API request is answered."""

from __future__ import annotations

import pytest
import requests

from connector_gen.mock import MockServer, RecordedRequest
from connector_gen.model import Model


def test_change_merges_and_stamps_and_the_hook_runs_before_the_answer(model: Model) -> None:
    with MockServer(model) as mock:
        [job] = mock.seed("job", [{"title": "T"}])
        mock.clock.advance(5)
        changed = mock.change("job", job["id"], {"notes": "n"})
        assert changed["notes"] == "n" and changed["updatedAt"] == job["updatedAt"] + 5
        with pytest.raises(ValueError, match="no job"):
            mock.change("job", "nope", {})
        seen: list[str] = []

        def hook(req: RecordedRequest) -> None:
            seen.append(req.path)
            mock.change("job", job["id"], {"notes": "during"})  # the mock's own methods work from the hook

        mock.on_request(hook)
        headers = {model.auth.headers[0].name: mock.api_key}
        answer = requests.get(f"{mock.base_url}/jobs/{job['id']}", headers=headers, timeout=5).json()
        assert seen == [f"/jobs/{job['id']}"] and answer["data"]["items"][0]["notes"] == "during"
        requests.get(f"{mock.origin}/__mock/clock", timeout=5)  # control requests do not call it
        mock.reset()  # drops the hook
        requests.get(f"{mock.base_url}/jobs", headers=headers, timeout=5)
        assert seen == [f"/jobs/{job['id']}"]
