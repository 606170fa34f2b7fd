"""How the Zapier target renders each auth kind, connection setting and response shape (tests/specs/desk/desk.yaml
changed in memory), and the Zapier-only refusals; contract mocks run the results in test_zapier_contracts.py."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connector_gen.errors import SpecInvalid
from connector_gen.load import load_spec
from connector_gen.model import template
from connector_gen.pipeline import render_all
from connector_gen.targets.zapier import connection
from connector_gen.targets.zapier.modules import with_sources
from connector_gen.validate import validate

DESK = Path(__file__).resolve().parents[1] / "specs" / "desk" / "desk.yaml"
PRISTINE = load_spec(DESK, "desk.yaml")
Change = Callable[[dict[str, Any]], object]


def app(change: Change) -> dict[str, Any]:
    """The Zapier app definition of the desk spec with `change` applied to its data."""
    loaded = copy.copy(PRISTINE)
    loaded.data = copy.deepcopy(loaded.data)
    change(loaded.data)
    model = validate(loaded, ["zapier"])
    files = {str(p): t for p, t in render_all(model, ["zapier"])["zapier"].items()}
    # Each function's module text beside its `require`, so assertions read the code.
    result: dict[str, Any] = with_sources(json.loads(files["app-definition.json"]), files)
    return result


def refused(change: Change) -> list[tuple[str, str]]:
    loaded = copy.copy(PRISTINE)
    loaded.data = copy.deepcopy(loaded.data)
    change(loaded.data)
    with pytest.raises(SpecInvalid) as caught:
        validate(loaded, ["zapier"])
    return [(e.pointer, e.message) for e in caught.value.errors]


def before(definition: dict[str, Any]) -> str:
    [function] = definition["beforeRequest"]
    source: str = function["source"]
    return source


def fields(d: dict[str, Any], **extra: dict[str, Any]) -> None:
    d["connection"]["fields"].update(extra)


def test_native_basic_when_the_fields_are_username_and_password() -> None:
    def change(d: dict[str, Any]) -> None:
        d["connection"]["fields"] = {
            "username": {"label": "Username", "help": "Your login."},
            "password": {"label": "Password", "secret": True, "help": "Yours.", "help_url": "https://deskly.test/pw"},
        }
        d["auth"] = {"kind": "basic", "username": "{username}", "password": "{password}"}

    definition = app(change)
    auth = definition["authentication"]
    assert auth["type"] == "basic"
    assert [(f["key"], f["type"]) for f in auth["fields"]] == [("username", "string"), ("password", "password")]
    assert "beforeRequest" not in definition  # core's basic middleware builds the header


def test_basic_with_a_fixed_user_is_custom_with_a_computed_header() -> None:
    def change(d: dict[str, Any]) -> None:
        d["auth"] = {"kind": "basic", "username": "any", "password": "{token}"}

    definition = app(change)
    assert definition["authentication"]["type"] == "custom"
    assert "headers.Authorization = 'Basic ' + Buffer.from(`any:${connection.token ?? ''}`" in before(definition)


def test_query_placements_bearer_and_setting_headers() -> None:
    def change(d: dict[str, Any]) -> None:
        fields(d, region={"label": "Region", "default": "eu", "choices": ["eu", "us"], "help": "Where your desk lives."})
        d["auth"] = {"kind": "api_key", "send": [{"in": "query", "name": "key", "value": "K-{token}"}]}
        d["http"]["headers"]["X-Region"] = "{region}"

    definition = app(change)
    source = before(definition)
    assert "request.params[\"key\"] = `K-${connection.token ?? ''}`;" in source
    assert "\"X-Region\": `${connection.region ?? ''}`," in source
    region = definition["authentication"]["fields"][1]
    assert region == {
        "key": "region",
        "label": "Region",
        "type": "string",
        "required": True,
        "helpText": "Where your desk lives.",
        "default": "eu",
        "choices": [{"value": "eu", "label": "eu", "sample": "eu"}, {"value": "us", "label": "us", "sample": "us"}],
    }
    assert "X-Region" not in definition["requestTemplate"]["headers"]

    bearer = app(lambda d: d.update(auth={"kind": "bearer", "token": "{token}"}))
    assert "\"Authorization\": `Bearer ${connection.token ?? ''}`," in before(bearer)


def test_settings_and_derived_values_build_the_url() -> None:
    def change(d: dict[str, Any]) -> None:
        fields(
            d,
            account={"label": "Account", "help": "Your account."},
            zone={"label": "Zone", "derive": {"from": "token", "pattern": "-([a-z]+)$"}},
        )
        d["app"]["base_url"] = "https://{zone}.deskly.test/{account}/api/v2"

    definition = app(change)
    test = definition["authentication"]["test"]["source"]
    # lib/connection.js derives each setting from this list; the URL reads the result.
    assert 'const DERIVED = [{"key": "zone", "source": "token", "pattern": "-([a-z]+)$"}];' in test
    assert "url: `https://${connection.zone ?? ''}.deskly.test/${connection.account ?? ''}/api/v2/me`" in test
    assert [f["key"] for f in definition["authentication"]["fields"]] == ["token", "account"]  # zone is never asked


def test_connection_label_paths_and_braces() -> None:
    def change(d: dict[str, Any]) -> None:
        team = {"type": "object", "label": "Team", "fields": {"name": {"type": "string", "label": "Name", "read_only": True}}}
        d["resources"]["profile"]["fields"]["team"] = team
        d["connection"]["label"] = "{login} of {team.name}"

    dotted = app(change)
    assert dotted["authentication"]["connectionLabel"] == "{{login}} of {{bundle.inputData.team.name}}"
    braces = app(lambda d: d["connection"].update(label="{{{login}}}"))
    label = braces["authentication"]["connectionLabel"]
    assert "module.exports = async (z, bundle) => `{${dig(bundle.inputData, [\"login\"]) ?? ''}}`;" in label["source"]


def test_wrap_and_own_response_shape() -> None:
    def change(d: dict[str, Any]) -> None:
        op = next(o for o in d["operations"].values() if o["kind"] == "action" and o.get("crud") == "create")
        op["request"]["wrap"] = "ticket"
        op["response"] = {"record": "ticket"}

    sources = [c["operation"]["perform"]["source"] for c in app(change)["creates"].values()]
    wrapped = [s for s in sources if '"wrap": "ticket",' in s]
    assert len(wrapped) == 1 and '"path": ["ticket"],' in wrapped[0]


def test_client_credentials_is_refused_where_zapier_cannot_run_it() -> None:
    def change(d: dict[str, Any]) -> None:
        d["connection"]["fields"] = {}
        d["auth"] = {"kind": "oauth2", "grant": "client_credentials", "token_url": "https://deskly.test/oauth/token"}

    [(pointer, message)] = refused(change)
    assert pointer == "/auth/grant" and "authorization_code" in message


@pytest.mark.slow
def test_emitted_values_are_literal_text_in_javascript() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("needs node")
    text = "a`b${{c}}\\d {{x}} {name}/{seg}"
    js = connection.value(template.parse(text), encode=["seg"])
    program = f"const connection = {{name: 'N', seg: 'a/b'}}; process.stdout.write({js});"
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout
    assert out == "a`b${c}\\d {x} N/a%2Fb"
