"""Issue 15: a date-only input is the day the user picked in their organization's time zone, not the UTC day."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connector_gen.make_engine.iml import Context, evaluate
from connector_gen.mock import MockServer
from connector_gen.model import Model
from connector_gen.smoke.executor import Call, Endpoint
from connector_gen.smoke.executors.make import MakeExecutor

ZONES = ("Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo")
NOW = datetime(2026, 5, 1, tzinfo=UTC)


def _date_input(model: Model) -> tuple[str, str]:
    create = next(o for o in model.of_kind("action") if o.crud == "create")
    return create.key, next(i.name for i in create.inputs if i.type == "date")


def test_a_date_is_formatted_in_the_organizations_time_zone(app_files: dict[str, str], model: Model) -> None:
    key, name = _date_input(model)
    folder = "modules/" + key.replace("_", "-")
    comm = json.loads(app_files[f"{folder}/{folder.split('/')[1]}.communication.iml.json"])
    sent = json.dumps(comm["body"])
    assert f"formatDate(parameters.{name}, 'YYYY-MM-DD')" in sent and "'UTC'" not in sent


@pytest.mark.parametrize("zone", ZONES)
def test_format_date_without_a_zone_uses_the_contexts(zone: str) -> None:
    midnight = {"Europe/Berlin": "2026-05-09T22:00:00.000Z", "America/Los_Angeles": "2026-05-10T07:00:00.000Z"}
    picked = midnight.get(zone, "2026-05-09T15:00:00.000Z")  # Tokyo's midnight is 15:00 UTC the day before
    ctx = Context({"parameters": {"d": picked}}, NOW, timezone=zone)
    assert evaluate("formatDate(parameters.d, 'YYYY-MM-DD')", ctx) == "2026-05-10"
    assert evaluate("formatDate(parameters.d, 'YYYY-MM-DD', 'UTC')", ctx) == picked[:10]
    assert evaluate("formatDate(parameters.d, 'YYYY-MM-DD')", Context({"parameters": {"d": picked}}, NOW)) == picked[:10]


@pytest.mark.parametrize("zone", ZONES)
def test_a_picked_day_reaches_the_api_as_that_day(zone: str, model: Model, app_dir: Path) -> None:
    key, name = _date_input(model)
    create = model.operation(key)
    title = next(i.name for i in create.required_inputs)
    executor = MakeExecutor(timezone=zone)
    executor.prepare(model, app_dir)
    with MockServer(model) as mock:
        mock.seed_samples()
        endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key, mock.clock_url)
        made = executor.run(model, Call(create, {title: "Dated", name: "2026-05-10"}), endpoint)
        assert made.ok, made.error
        assert mock.requests()[-1].body[name] == "2026-05-10"
    executor.close()
