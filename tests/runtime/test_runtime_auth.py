"""The runtime's auth kinds and OAuth2 refresh against the embedded mock, and its response shapes."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector_gen.mock import MockServer
from connector_gen.model import Model, Shape
from connector_gen.pipeline import load_model
from connector_gen.runtime import ApiError, Client, execute, unwrap

APIS = Path(__file__).resolve().parents[1] / "apis"


@pytest.fixture
def hubspot(tmp_path: Path) -> Callable[[Callable[[dict[str, Any]], None]], Model]:
    """The HubSpot spec with its auth changed by `edit(auth)`."""

    def make(edit: Callable[[dict[str, Any]], None]) -> Model:
        data = yaml.safe_load((APIS / "hubspot" / "spec.yaml").read_text("utf-8"))
        data["auth"]["refresh"] = {"on": data["auth"]["refresh"].pop(True)}  # YAML 1.1 reads the key `on` as true
        edit(data["auth"])
        shutil.copytree(APIS / "hubspot" / "icons", tmp_path / "icons", dirs_exist_ok=True)
        (tmp_path / "spec.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
        return load_model(tmp_path / "spec.yaml", "spec.yaml", ())

    return make


def oauth_client(model: Model, mock: MockServer, **kwargs: Any) -> Client:
    return Client(model, mock.base_url, mock.connection(), redirects=mock.redirects, sleep=lambda _s: None, **kwargs)


def test_refresh_with_client_auth_basic_and_the_token_in_the_query(
    hubspot: Callable[..., Model], caplog: pytest.LogCaptureFixture
) -> None:
    def edit(auth: dict[str, Any]) -> None:
        auth["client_auth"] = "basic"
        auth["send"] = [{"in": "query", "name": "access_token", "value": "{access_token}"}]

    model = hubspot(edit)
    caplog.set_level(logging.DEBUG)
    with MockServer(model) as mock:
        client = oauth_client(model, mock)
        first = client.values["access_token"]
        execute(client, model.auth_test, {})
        mock.expire_tokens()
        mock.clear_log()
        assert execute(client, model.auth_test, {}).records
        assert [r.auth for r in mock.requests()] == ["expired", "valid"]
        assert mock.requests()[1].query == {"access_token": ["<redacted>"]}
        assert mock.token_grants == ["authorization_code", "refresh_token"]
        new = client.values["access_token"]
        secrets = [first, new, client.values["refresh_token"], mock.tokens.client_secret]
        shown = [r.getMessage() for r in caplog.records] + [repr(client)]
        assert [s for s in secrets if any(s in line for line in shown)] == []
        assert new in client.credentials.secrets.values  # a refreshed token is redacted too


def test_without_401_in_refresh_on_a_401_is_the_apis_error(hubspot: Callable[..., Model]) -> None:
    model = hubspot(lambda auth: auth.update(refresh={"on": ["expiry"]}))
    with MockServer(model) as mock:
        client = oauth_client(model, mock)
        mock.expire_tokens()
        with pytest.raises(ApiError) as info:
            execute(client, model.auth_test, {})
        assert info.value.status == 401 and "expired" in info.value.message
        assert mock.token_grants == ["authorization_code"]


def test_a_refresh_that_is_refused_is_an_auth_error_and_not_retried(hubspot: Callable[..., Model]) -> None:
    model = hubspot(lambda auth: None)
    with MockServer(model) as mock:
        values = {**mock.connection(), "refresh_token": "not-a-refresh-token"}
        client = Client(model, mock.base_url, values, redirects=mock.redirects)
        mock.expire_tokens()
        with pytest.raises(ApiError) as info:
            execute(client, model.auth_test, {})
        assert info.value.kind == "unauthorized" and "refresh token is unknown" in info.value.message
        assert "not-a-refresh-token" not in str(info.value)
        assert len(mock.requests()) == 1


def test_client_credentials_refresh_is_refused_without_a_refresh_token(hubspot: Callable[..., Model]) -> None:
    def edit(auth: dict[str, Any]) -> None:
        del auth["authorize_url"]
        auth["grant"] = "client_credentials"

    model = hubspot(edit)
    with MockServer(model) as mock:
        client = oauth_client(model, mock)
        assert execute(client, model.auth_test, {}).records
        mock.expire_tokens()
        with pytest.raises(ApiError, match="no refresh token"):
            execute(client, model.auth_test, {})


@pytest.mark.parametrize(
    ("shape", "answer", "records"),
    [
        (Shape(False, ("data", "items", "0")), {"data": {"items": [{"id": 1}]}}, [{"id": 1}]),
        (Shape(False, ("data", "items", "0")), {"data": {"items": []}}, []),
        (Shape(False, ()), None, []),  # 204: no body, no record
        (Shape(False, ()), {}, []),
        (Shape(False, ("customer",)), {"customer": {"id": 2}}, [{"id": 2}]),
        (Shape(True, ()), [{"id": 3}, "junk"], [{"id": 3}]),
        (Shape(True, ("results",)), {"results": []}, []),
    ],
)
def test_response_shapes(shape: Shape, answer: Any, records: list[dict[str, Any]]) -> None:
    assert unwrap(shape, answer) == records


@pytest.mark.parametrize(
    ("shape", "answer"), [(Shape(True, ("results",)), {"other": []}), (Shape(True, ()), {"id": 1}), (Shape(False, ("x",)), [])]
)
def test_an_answer_in_another_shape_is_an_invalid_response(shape: Shape, answer: Any) -> None:
    with pytest.raises(ApiError) as info:
        unwrap(shape, answer)
    assert info.value.kind == "invalid_response"
