"""`smoke --base-url` connections: a connection file, CONNECTOR_GEN_<FIELD> variables and --api-key -> Endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from connector_gen.cli import main
from connector_gen.smoke.connection import ConnectionFile, ConnectionProblem, connect, env_name, read_file

from .api_models import APIS_DIR, api_model

KEY = "0123456789abcdef0123456789abcdef-us6"


def test_file_values_win_over_the_environment_and_api_key_over_both() -> None:
    model = api_model("shopify")
    env = {"CONNECTOR_GEN_SHOP": "from-env", "CONNECTOR_GEN_ACCESS_TOKEN": "env-token", "CONNECTOR_GEN_API_VERSION": "2024-07"}
    file = ConnectionFile(values={"shop": "from-file"})
    endpoint = connect(model, "http://127.0.0.1:1/x", file, env).endpoint
    assert endpoint.values["shop"] == "from-file" and endpoint.values["api_version"] == "2024-07"
    assert endpoint.values["access_token"] == "env-token"
    endpoint = connect(model, "http://127.0.0.1:1/x", file, env, api_key="cli-token").endpoint
    assert endpoint.values["access_token"] == "cli-token" and "cli-token" in endpoint.secrets.values
    assert endpoint.real_base_url(model) == "https://from-file.myshopify.com/admin/api/2024-07"
    # The spec's own base URL is redirected to --base-url last, so a token URL under it never leaves loopback.
    assert endpoint.redirects[-1] == ("https://from-file.myshopify.com/admin/api/2024-07", "http://127.0.0.1:1/x")


def test_derived_values_are_computed_and_never_given() -> None:
    model = api_model("mailchimp")
    endpoint = connect(model, "http://127.0.0.1:1", ConnectionFile(values={"api_key": KEY, "list_id": "a1b2c3d4e5"})).endpoint
    assert endpoint.values["dc"] == "us6"
    with pytest.raises(ConnectionProblem, match="dc is derived"):
        connect(model, "http://127.0.0.1:1", ConnectionFile(values={"api_key": KEY, "list_id": "a1b2c3d4e5", "dc": "us1"}))


def test_missing_values_name_the_field_and_its_variable_and_wrong_ones_hide_secrets() -> None:
    model = api_model("mailchimp")
    with pytest.raises(ConnectionProblem) as missing:
        connect(model, "http://127.0.0.1:1", ConnectionFile(values={"api_key": KEY}))
    assert "'list_id' (Audience ID)" in str(missing.value) and "CONNECTOR_GEN_LIST_ID" in str(missing.value)
    with pytest.raises(ConnectionProblem) as wrong:
        connect(model, "http://127.0.0.1:1", ConnectionFile(values={"api_key": "not-a-key-secret", "list_id": "zz"}))
    text = str(wrong.value)
    assert "'api_key'" in text and "not-a-key-secret" not in text  # a secret is never echoed
    assert "'zz' does not match" in text  # a setting is


def test_oauth2_needs_the_token_pair_and_client_and_other_kinds_refuse_oauth() -> None:
    hub = api_model("hubspot")
    with pytest.raises(ConnectionProblem) as exc:
        connect(hub, "http://127.0.0.1:1", ConnectionFile(oauth={"access_token": "a"}))
    for key in ("refresh_token", "client_id", "client_secret"):
        assert env_name(key) in str(exc.value)
    pair = {"access_token": "a1", "refresh_token": "r1", "client_id": "c", "client_secret": "s1"}
    endpoint = connect(hub, "http://127.0.0.1:1", None, {env_name(k): v for k, v in pair.items()}).endpoint
    assert dict(endpoint.values) == pair and endpoint.secrets.values == {"a1", "r1", "s1"}
    with pytest.raises(ConnectionProblem, match="not oauth2"):
        connect(api_model("trello"), "http://127.0.0.1:1", ConnectionFile(oauth={"access_token": "a"}))


def test_inputs_name_operation_and_input_and_nest_sub_fields() -> None:
    values = {"access_token": "a", "refresh_token": "r", "client_id": "c", "client_secret": "s"}
    file = ConnectionFile(oauth=values, inputs={"create_contact.properties.email": "me@corp.example", "get_contact.id": "7"})
    inputs = connect(api_model("hubspot"), "http://127.0.0.1:1", file).inputs
    assert inputs == {"create_contact": {"properties": {"email": "me@corp.example"}}, "get_contact": {"id": "7"}}
    for bad in ("nope.id", "get_contact.nope", "get_contact"):
        with pytest.raises(ConnectionProblem, match="inputs"):
            connect(api_model("hubspot"), "http://127.0.0.1:1", ConnectionFile(oauth=values, inputs={bad: 1}))


def test_connection_files_are_yaml_or_json_and_a_broken_one_shows_no_line(tmp_path: Path) -> None:
    good = tmp_path / "c.json"
    good.write_text(json.dumps({"values": {"list_id": "a1b2c3d4e5"}, "redirects": {"https://a.example": "http://127.0.0.1:2"}}))
    read = read_file(good)
    assert read.values == {"list_id": "a1b2c3d4e5"} and read.redirects == (("https://a.example", "http://127.0.0.1:2"),)
    broken = tmp_path / "c.yaml"
    broken.write_text("values:\n  api_key: [s3cret-value\n")
    with pytest.raises(ConnectionProblem) as exc:
        read_file(broken)
    assert "not valid YAML" in str(exc.value) and "s3cret" not in str(exc.value)
    odd = tmp_path / "d.yaml"
    odd.write_text("secrets: {a: b}\n")
    with pytest.raises(ConnectionProblem, match="unknown section secrets"):
        read_file(odd)


def test_the_cli_exits_2_for_a_missing_value_and_documents_the_variables(tmp_path: Path) -> None:
    runner = CliRunner()
    spec = str(APIS_DIR / "trello" / "spec.yaml")
    args = ["smoke", "--target", "python", "--spec", spec, "--base-url", "http://127.0.0.1:9", "--api-key", "k-secret-1"]
    result = runner.invoke(main, args, env={"CONNECTOR_GEN_TOKEN": ""})
    assert result.exit_code == 2
    assert "CONNECTOR_GEN_TOKEN" in result.output and "k-secret-1" not in result.output
    assert runner.invoke(main, ["smoke", "--connection", str(tmp_path / "x.yaml")]).exit_code == 2  # needs --base-url
    shown = runner.invoke(main, ["smoke", "--help"]).output
    for name in ("--connection", "CONNECTOR_GEN_<FIELD>", "CONNECTOR_GEN_ACCESS_TOKEN", "CONNECTOR_GEN_REFRESH_TOKEN"):
        assert name in shown
