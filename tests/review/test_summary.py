"""The request summary (model/requests.py): what each operation sends, from the model, on Hellotracks and the
tests/apis and tests/specs specs: paging styles, form and wrapped bodies, fixed bodies, settings in paths, cursors."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.model.requests import REFERENCE, Dialect, Mapped, RequestSummary, read_pagination, summaries, summarise
from connector_gen.pipeline import load_model
from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]


def _api(name: str) -> dict[str, RequestSummary]:
    return {s.operation: s for s in summaries(load_model(ROOT / "tests" / "apis" / name / "spec.yaml"))}


def _paging(style: str) -> dict[str, RequestSummary]:
    return {s.operation: s for s in summaries(load_model(ROOT / "tests" / "specs" / "paging" / f"{style}.yaml"))}


def test_hellotracks_trigger_summary(model: Model) -> None:
    s = summarise(model, model.operation("completed_job"))
    assert (s.method, s.path, s.kind, s.encoding) == ("GET", "/jobs", "polling_trigger", None)
    assert s.fixed_query == (("includeArchived", True), ("progress", "success"), ("limit", 100))
    assert s.cursor is not None and (s.cursor.param, s.cursor.field, s.cursor.format) == ("updatedSince", "updatedAt", "epoch ms")
    assert s.paging is not None and (s.paging.style, s.paging.limit_param, s.paging.page_param, s.paging.size) == (
        "offset",
        "limit",
        "skip",
        100,
    )
    assert s.query_names == ("includeArchived", "progress", "limit", "skip", "updatedSince")
    assert s.auth == ("header API-Key",)  # the placement's name, never its value


def test_hellotracks_actions_and_searches(model: Model) -> None:
    by = {s.operation: s for s in summaries(model)}
    assert [s.operation for s in summaries(model)] == [o.key for o in model.operations]
    create = by["create_job"]
    assert (create.method, create.encoding, create.fixed_body, create.wrap) == ("POST", "json", (), None)
    assert create.body[0] == Mapped("title", required=True, advanced=False)
    assert Mapped("placeId", required=False, advanced=True) in create.body
    assert by["archive_job"].path_inputs == ("id",) and by["archive_job"].encoding is None
    get = by["get_job"]  # a lookup by id reads one answer: no paging, and a 404 is a miss
    assert get.paging is None and get.miss_status == 404
    assert read_pagination(model.operation("get_job")) is None
    assert by["find_member"].paging is not None and by["find_member"].paging.style == "none"
    assert by["find_job"].query == (Mapped("externalId", required=True, advanced=False),)


@pytest.mark.parametrize(
    ("style", "params", "location"),
    [
        ("offset", ("limit", "skip"), "query"),
        ("page", ("per_page", "page"), "query"),
        ("cursor", ("limit", "cursor"), "query"),
        ("after_id", ("limit", "starting_after"), "query"),
        ("link", ("per_page",), "query"),
        ("none", (), "query"),
    ],
)
def test_every_paging_style(style: str, params: tuple[str, ...], location: str) -> None:
    s = _paging(style)["list_items"]
    assert s.paging is not None and s.paging.style == style
    assert (s.paging.params, s.paging.location) == (params, location)
    assert (s.paging.first_page is not None) == (style == "page")
    assert (s.paging.link_rel is not None) == (style == "link")


def test_paging_in_the_body_makes_a_body() -> None:
    search = _paging("cursor")["find_items"]
    assert search.method == "POST" and search.paging is not None and search.paging.location == "body"
    assert search.encoding == "json" and set(search.paging.params) <= set(search.body_names)
    hubspot = _api("hubspot")["search_contacts"]
    assert hubspot.fixed_body == ("properties",) and hubspot.body_names[0] == "properties"


def test_cursor_formats_and_a_trigger_without_a_since_parameter() -> None:
    formats = {
        style: {k: s.cursor.format for k, s in _paging(style).items() if s.cursor and s.cursor.param}
        for style in ("offset", "page", "cursor", "after_id")
    }
    assert formats["offset"]["new_item"] == "epoch ms" and formats["page"]["new_item"] == "epoch s"
    assert formats["cursor"]["new_item"] == "ISO 8601" and formats["after_id"]["updated_item"] == "date"
    assert _api("stripe")["new_customer"].cursor.format == "epoch s"  # type: ignore[union-attr]
    newest = _paging("after_id")["new_item"].cursor
    assert newest is not None and newest.param is None and newest.field  # newest first, stops at what it saw


def test_form_wrapped_and_settings_bodies() -> None:
    assert _api("stripe")["create_customer"].encoding == "form"
    shopify = _api("shopify")["create_customer"]
    assert shopify.wrap == "customer" and shopify.body_names == ("customer",)
    mailchimp = _api("mailchimp")["update_member"]
    assert mailchimp.path_settings == ("list_id",) and mailchimp.path_inputs == ("id",)
    assert _api("github")["close_issue"].fixed_body == ("state",)


def test_every_target_declares_its_dialect() -> None:
    dialects = {name: t.requests for name, t in targets().items()}
    assert all(isinstance(d, Dialect) and d is not REFERENCE for d in dialects.values())
    assert dialects["make"].miss_is_error and not dialects["n8n"].miss_is_error
    assert {n: d.since for n, d in dialects.items()} == {"make": "window", "n8n": "state", "zapier": "window"}


def test_a_dialect_that_leaves_advanced_inputs_out(model: Model) -> None:
    s = summarise(model, model.operation("create_job"))
    lean = Dialect("lean", since="state", advanced="left_out")
    assert "placeId" not in [m.name for m in lean.view(s).body] and "placeId" in [m.name for m in REFERENCE.view(s).body]
    assert "placeId" not in lean.view(s).body_names
