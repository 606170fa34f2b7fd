"""Smoke over paging (issue 14): on the embedded mock the plan makes lists (dropdown sources too) and searches read
more than one page, every spec of tests/specs/paging/ passes on the runtime, and the cross-target comparison
covers each paged request (a Link page as the path and parsed query the mock saw)."""

from __future__ import annotations

import pytest

from connector_gen.mock import RecordedRequest
from connector_gen.model import Model
from connector_gen.smoke.compare import CURSOR, diff_requests, normalise
from connector_gen.smoke.plan import build_plan
from connector_gen.smoke.runner import run_smoke

from ..sim import STYLES, paging_model


def test_hellotracks_lists_more_than_a_page_on_a_mock_only(model: Model) -> None:
    steps = {s.id: s for s in build_plan(model, "pre-", mock=True).steps}
    paged = [k for k in steps if k.endswith("(pages)")]
    assert paged == ["list_jobs (pages)"]  # find_job and find_member want one result; members do not page
    step = steps["list_jobs (pages)"]
    assert len(step.seeds) == 101 and step.expect.min_records == 101
    assert all(record["externalId"].startswith("pre-pages-") for _, record in step.seeds)
    assert not [s for s in build_plan(model, "pre-").steps if s.id.endswith("(pages)")]


@pytest.mark.parametrize("style", STYLES)
def test_every_paging_spec_passes_smoke_on_the_runtime(style: str) -> None:
    model = paging_model(style)
    report = run_smoke(model, ["python"])
    failed = {k: r.detail for k, r in report.results.items() if r.result != "ok"}
    assert failed == {}
    pages = {step: len(r.requests) for (step, _), r in report.results.items() if step.endswith("(pages)")}
    pag = model.resource("item").pagination
    assert pag is not None
    if pag.pages:
        # list_items over 6 records in pages of 5; find_items reads 12 (max_results) of 13: three pages.
        assert pages == {"list_items (pages)": 2, "find_items (pages)": 3}
    else:
        assert pages == {}


def _req(path: str, query: dict[str, list[str]]) -> RecordedRequest:
    return RecordedRequest("GET", path, query, {}, None, "valid")  # type: ignore[arg-type]


def test_paged_requests_compare_one_by_one_a_link_page_by_path_and_query() -> None:
    model = paging_model("link")
    first = _req("/items", {"per_page": ["5"]})
    ref = normalise([first, _req("/items", {"per_page": ["5"], "mock_page": ["abc"]})], model)
    same = normalise([first, _req("/items", {"mock_page": ["abc"], "per_page": ["5"]})], model)
    assert diff_requests(ref, same) == []
    other = normalise([first, _req("/items", {"per_page": ["5"], "mock_page": ["abd"]})], model)
    assert any("request 2" in d and "query" in d for d in diff_requests(ref, other))
    assert any("fewer" in d for d in diff_requests(ref, ref[:1]))


def test_a_date_cursor_is_a_placeholder_once_it_is_a_date() -> None:
    model = paging_model("after_id")  # updated_item: updated_on, a date filter
    good = normalise([_req("/items", {"updated_on": ["2026-05-01"], "limit": ["5"]})], model)
    assert good[0]["query"]["updated_on"] == [CURSOR]
    bad = normalise([_req("/items", {"updated_on": ["1777540000000"], "limit": ["5"]})], model)
    assert "not in a date" in bad[0]["query"]["updated_on"][0]
