"""The Zapier app's one paging loop (beforeApp's `z.pages`), run by Node on canned pages and checked against the
paging reference (model/paging.py): the same requests, the same stop, the page cap's error, and dropdown pages
through bundle.meta.page and z.cursor. Also what the app definition and README say about paging."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector_gen.errors import SpecInvalid
from connector_gen.model import Model
from connector_gen.model.paging import NextPage, first_params, next_page
from connector_gen.pipeline import load_model, render_all
from connector_gen.targets.zapier import pages
from connector_gen.targets.zapier.modules import with_sources

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("pages_runner.js")
STYLES: dict[str, dict[str, Any]] = {
    "offset": {"style": "offset", "limit": {"param": "limit", "max": 3}, "offset": {"param": "skip"}},
    "page": {"style": "page", "limit": {"param": "per_page", "max": 3}, "page": {"param": "page", "first": 1}},
    "cursor": {"style": "cursor", "limit": {"param": "limit", "max": 3}, "cursor": {"from": "meta.next", "param": "cursor"}},
    "after_id": {"style": "after_id", "limit": {"param": "limit", "max": 3}, "after": {"param": "after", "has_more": "more"}},
    "after_id_short": {"style": "after_id", "limit": {"param": "limit", "max": 3}, "after": {"param": "after"}},
    "link": {"style": "link", "limit": {"param": "limit", "max": 3}},
}

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _model(tmp: Path, pagination: dict[str, Any]) -> Model:
    return _cached_model(json.dumps(pagination, sort_keys=True))


@functools.cache
def _cached_model(pagination_json: str) -> Model:
    # One model per pagination for the whole module (loading and rendering dominate these tests' time).
    pagination = json.loads(pagination_json)
    tmp = Path(tempfile.mkdtemp(prefix="zapier-pages-"))
    spec = yaml.safe_load((ROOT / "spec" / "hellotracks.yaml").read_text(encoding="utf-8"))
    spec["resources"]["job"]["pagination"] = {**pagination, "max_pages": 4}
    for op in spec["operations"].values():
        query = op["request"].get("query") or {}
        if op["resource"] == "job" and "limit" in query:  # pages of 3, under the style's limit parameter
            del query["limit"]
            query[pagination["limit"]["param"]] = 3
    path = tmp / "spec" / "paged.yaml"
    shutil.copytree(ROOT / "spec", tmp / "spec", dirs_exist_ok=True)
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return load_model(path, names=["zapier"])


_APPS: dict[int, dict[str, Any]] = {}


def _render(model: Model) -> dict[str, Any]:
    files = render_all(model, ["zapier"])["zapier"]
    texts = {str(path): text for path, text in files.items()}
    # Each function's module text beside its `require`, so assertions read the code.
    data: dict[str, Any] = with_sources(json.loads(texts["app-definition.json"]), texts)
    return data


def _app(model: Model) -> dict[str, Any]:
    # Only the module's cached models come here: they live as long as the module, so their ids stay theirs.
    if id(model) not in _APPS:
        _APPS[id(model)] = _render(model)
    return _APPS[id(model)]


def _canned(style: str, sizes: list[int]) -> list[dict[str, Any]]:
    # Pages of `sizes` records; the envelope and Link header say "more" on every page but the last.
    out, next_id = [], 1
    for number, size in enumerate(sizes):
        items = [{"id": f"r{next_id + i}"} for i in range(size)]
        next_id += size
        last = number == len(sizes) - 1
        data: dict[str, Any] = {"items": items, "meta": {"next": None if last else f"t{number + 1}"}, "more": not last}
        out.append({"data": data, "link": None if last else f'<https://api.example.com/items?pt={number + 1}>; rel="next"'})
    return out


def _run(model: Model, **spec: Any) -> dict[str, Any]:
    # The first request as the app builds it: the first page's paging parameters as text (query) or values (body).
    op = model.operation("list_jobs")
    first = dict(pages.first(op))
    spec.setdefault("params", {} if pages.in_body(op) else {k: str(v) for k, v in first.items()})
    spec.setdefault("body", first if pages.in_body(op) else None)
    spec.update(source=_app(model)["beforeApp"][0]["source"], paging=pages.paging(op))
    done = subprocess.run(["node", str(RUNNER)], input=json.dumps(spec), capture_output=True, text=True, check=True, timeout=60)
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def _expected(model: Model, canned: list[dict[str, Any]], stop_after: int | None = None) -> list[dict[str, Any]]:
    # The requests the paging reference makes over the same pages: first params, then each NextPage.
    op = model.operation("list_jobs")
    pag = pages.pagination(op)
    assert pag is not None
    base = {k: str(v) for k, v in first_params(pag, op.page_size)}
    out: list[dict[str, Any]] = []
    nxt: NextPage | None = None
    for number, page in enumerate(canned):
        params: dict[str, Any] = dict(base) if nxt is None or nxt.url is None else {}
        params.update({k: v for k, v in (nxt.params if nxt else ())})
        out.append({"url": nxt.url if nxt and nxt.url else "https://api.example.com/items", "params": params})
        records = page["data"]["items"]
        if stop_after is not None and sum(len(p["data"]["items"]) for p in canned[: number + 1]) >= stop_after:
            break
        headers = {"Link": page["link"]} if page["link"] else {}
        nxt = next_page(pag, number, op.page_size, records, page["data"], headers, op.resource.id_field)
        if nxt is None:
            break
    return out


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("sizes", [[3, 3, 1], [3, 3, 0], [2]], ids=["short-last", "empty-last", "one"])
def test_every_page_as_the_reference_reads_it(style: str, sizes: list[int], tmp_path: Path) -> None:
    model = _model(tmp_path, STYLES[style])
    canned = _canned(style, sizes)
    answer = _run(model, pages=canned, mode="all")
    sent = [{"url": r["url"], "params": r["params"]} for r in answer["requests"]]
    assert sent == _expected(model, canned)
    assert len(answer["results"][0]) == sum(len(p["data"]["items"]) for p in canned[: len(sent)])


@pytest.mark.parametrize("style", ["offset", "cursor", "link"])
def test_page_cap_is_a_clear_error(style: str, tmp_path: Path) -> None:
    model = _model(tmp_path, STYLES[style])
    answer = _run(model, pages=_canned(style, [3] * 6), mode="all")
    assert answer["error"] == "List Jobs: more than 4 pages; stopping"
    assert len(answer["requests"]) == 4


def test_enough_records_stop_early(tmp_path: Path) -> None:
    model = _model(tmp_path, STYLES["cursor"])
    canned = _canned("cursor", [3, 3, 3, 1])
    answer = _run(model, pages=canned, mode="all", max=4)
    assert len(answer["requests"]) == 2 == len(_expected(model, canned, stop_after=4))


def test_body_paging_sets_body_params(tmp_path: Path) -> None:
    model = _model(tmp_path, {**STYLES["page"], "in": "body"})
    answer = _run(model, pages=_canned("page", [3, 1]), mode="all")
    assert [r["body"] for r in answer["requests"]] == [{"per_page": 3, "page": 1}, {"per_page": 3, "page": 2}]


@pytest.mark.parametrize("style", ["offset", "page", "cursor", "after_id", "link"])
def test_dropdown_pages_by_meta_page_and_cursor(style: str, tmp_path: Path) -> None:
    # Zapier's "Load more" asks for page 0, 1, 2, ...; token styles keep the next request in z.cursor.
    model = _model(tmp_path, STYLES[style])
    canned = _canned(style, [3, 3, 1])
    metas = [{"isFillingDynamicDropdown": True, "page": n} for n in range(4)]
    answer = _run(model, pages=canned, mode="one", metas=metas)
    expected = _expected(model, canned)
    sent = [{"url": r["url"], "params": r["params"]} for r in answer["requests"]]
    assert sent[:3] == expected
    assert [len(r) for r in answer["results"][:3]] == [3, 3, 1]
    # Past the last page: token styles know it (z.cursor is empty: no request), offset and page ask the API.
    if style in ("offset", "page"):
        assert len(sent) == 4
    else:
        assert len(sent) == 3 and answer["results"][3] == []


def test_definition_pages_what_reads_lists(tmp_path: Path) -> None:
    model = _model(tmp_path, STYLES["cursor"])
    app = _app(model)
    assert app["triggers"]["list_jobs"]["operation"]["canPaginate"] is True
    assert "canPaginate" not in app["triggers"]["list_members"]["operation"]  # style none: one page
    for key in ("new_job", "updated_job", "completed_job"):
        assert "z.pages.all(" in app["triggers"][key]["operation"]["perform"]["source"]
    assert "z.pages.all(" in app["searches"]["find_job"]["operation"]["perform"]["source"]
    # A lookup by id asks for one record, not a page.
    assert "limit" not in app["searches"]["get_job"]["operation"]["perform"]["source"].split("const INPUTS")[0]
    assert pages.paging(model.operation("get_job"))["style"] == "none"


@pytest.mark.parametrize(
    ("filter_type", "expression"),
    [
        ({"type": "datetime", "format": "epoch_s"}, "Math.floor(from / 1000)"),
        ({"type": "datetime", "format": "iso8601"}, "new Date(from).toISOString()"),
        ({"type": "date"}, "new Date(from).toISOString().slice(0, 10)"),
        ({"type": "datetime", "format": "epoch_ms"}, '["updatedSince"] = from;'),
    ],
)
def test_since_param_in_its_format(filter_type: dict[str, Any], expression: str, tmp_path: Path) -> None:
    spec = yaml.safe_load((ROOT / "spec" / "hellotracks.yaml").read_text(encoding="utf-8"))
    spec["resources"]["job"]["filters"]["updatedSince"].update(filter_type)
    shutil.copytree(ROOT / "spec", tmp_path / "spec", dirs_exist_ok=True)
    (tmp_path / "spec" / "x.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    app = _render(load_model(tmp_path / "spec" / "x.yaml", names=["zapier"]))
    assert expression in app["triggers"]["updated_job"]["operation"]["perform"]["source"]


def _variant(tmp_path: Path, change: Any) -> Model:
    spec = yaml.safe_load((ROOT / "spec" / "hellotracks.yaml").read_text(encoding="utf-8"))
    change(spec)
    shutil.copytree(ROOT / "spec", tmp_path / "spec", dirs_exist_ok=True)
    (tmp_path / "spec" / "v.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return load_model(tmp_path / "spec" / "v.yaml", names=["zapier"])


def test_trigger_without_since_param_stops_at_the_window(tmp_path: Path) -> None:
    def newest_first(spec: dict[str, Any]) -> None:
        spec["operations"]["new_job"]["trigger"]["cursor"] = {"field": "createdAt"}
        spec["operations"]["new_job"]["trigger"]["order"] = "desc"

    model = _variant(tmp_path, newest_first)
    source = _render(model)["triggers"]["new_job"]["operation"]["perform"]["source"]
    assert "createdSince" not in source
    assert "page.some((record) => moment(record) < from)" in source
    assert "until a record's `createdAt` is older than now - 7 days" in pages.poll_text(model.operation("new_job"))


def test_page_cap_beyond_zapier_dedupe_table_is_located(tmp_path: Path) -> None:
    def huge(spec: dict[str, Any]) -> None:
        spec["resources"]["job"]["pagination"].update(max_pages=1000, limit={"param": "limit", "max": 200})
        spec["operations"]["new_job"]["request"]["query"]["limit"] = 200

    with pytest.raises(SpecInvalid) as caught:
        _variant(tmp_path, huge)
    [error] = caught.value.errors
    assert error.pointer == "/resources/job/pagination/max_pages" and error.line > 0
    assert error.message.startswith("zapier: 'new_job' may read 1000 pages of 200 records in one poll")
    assert "dedupe table keeps 105,000 rows per Zap, so at most 525 pages" in error.message
