"""What the n8n package renders for each paging style and trigger rule of issue 14 (tests/specs/paging/; no Node)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.targets.n8n.check import check
from connector_gen.targets.n8n.paging import has_limit, paging_key, reads_pages

PAGING = Path(__file__).resolve().parents[1] / "specs" / "paging"
STYLES = ("offset", "page", "cursor", "after_id", "link", "none")


@pytest.fixture(scope="module", params=STYLES)
def paged(request: pytest.FixtureRequest) -> tuple[Model, dict[str, str]]:
    """A paging spec's model and its rendered n8n package."""
    model = load_model(PAGING / f"{request.param}.yaml", f"{request.param}.yaml", ["n8n"])
    return model, {str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}


def _text(files: dict[str, str], suffix: str) -> str:
    return "\n".join(t for p, t in files.items() if p.endswith(suffix))


def _resources(files: dict[str, str]) -> str:
    """Every resource description file (indexes and operation files)."""
    return "\n".join(t for p, t in files.items() if "/resources/" in p)


def test_every_paging_spec_passes_the_n8n_check(paged: tuple[Model, dict[str, str]]) -> None:
    model, _ = paged
    assert check(model) == []


def test_the_paging_table_holds_each_style_and_every_reader_uses_it(paged: tuple[Model, dict[str, str]]) -> None:
    model, files = paged
    transport = _text(files, "shared/transport.ts")
    descriptions = _resources(files)
    for op in model.operations:
        pag = op.pagination
        if pag is None:
            continue
        key = paging_key(pag)
        assert f"'{key}': {{\n\t\tstyle: '{pag.style}',\n\t\tin: '{pag.location}'," in transport
        if reads_pages(op):  # every list and paged search goes through the one paging loop
            most = str(op.search.max_results) if op.search and not has_limit(op) else "null"  # else the Limit stops it
            assert f"pages('{key}', {op.page_size}, '{op.label}', {most}" in descriptions, op.key
    assert transport.count("export async function readPages<T>(") == 1
    # the loop is written once: no reader pastes its own
    for path, text in files.items():
        if path.endswith(".ts") and not path.endswith("shared/transport.ts"):
            assert "for (let number = 0" not in text, path


def test_every_list_has_return_all_and_limit_which_reads_pages(paged: tuple[Model, dict[str, str]]) -> None:
    model, files = paged
    descriptions = _resources(files)
    # every list, and every search that can hand on several records (n8n's Get Many convention, issue 15)
    lists = [op for op in model.operations if has_limit(op)]
    assert {op.key for op in model.of_kind("list")} <= {op.key for op in lists}
    assert lists and descriptions.count("name: 'returnAll',") == len(lists)
    assert descriptions.count("name: 'limit',") == len(lists)
    assert "maxResults: '={{ $value }}'" not in descriptions  # the paging loop stops at the Limit, not n8n's offset


def test_dropdowns_page_with_a_pagination_token(paged: tuple[Model, dict[str, str]]) -> None:
    model, files = paged
    search = files[next(p for p in files if p.endswith("listSearch.ts"))]
    assert "paginationToken?: string," in search and "paginationToken: JSON.stringify(" in search
    source = model.operation("list_items")
    assert f"paging: '{paging_key(source.pagination)}'," in search and f"pageSize: {source.page_size}," in search


def test_trigger_events_carry_their_cursor_formats_and_paging(paged: tuple[Model, dict[str, str]]) -> None:
    model, files = paged
    trigger = _text(files, "Trigger.node.ts")
    for op in model.of_kind("polling_trigger"):
        trig = op.trigger
        assert trig is not None
        event = trigger[trigger.index(f"\t{op.names.camel}: {{") :]
        event = event[: event.index("\n\t},")]
        assert (f"cursorParam: '{trig.cursor_param}'," if trig.cursor_param else "cursorParam: null,") in event
        field = op.resource.field(trig.cursor_field)
        assert f"fieldFormat: '{field.format or field.type}'," in event
        if trig.cursor_param:
            since = op.resource.filter(trig.cursor_param)
            assert since is not None
            assert f"cursorFormat: '{since.field.format or since.field.type}'," in event
        assert f"paging: '{paging_key(op.pagination)}'," in event


def test_the_readme_says_what_each_poll_requests(paged: tuple[Model, dict[str, str]]) -> None:
    model, files = paged
    readme = files["README.md"]
    for op in model.of_kind("polling_trigger"):
        row = next(line for line in readme.splitlines() if line.startswith(f"| {op.label} |"))
        assert f"`{op.request.method} {op.request.path}" in row
        trig = op.trigger
        assert trig is not None
        if trig.cursor_param:
            assert f"{trig.cursor_param}=<cursor − 1 s, as " in row
        else:
            assert "newest first, until a page reaches a record" in row
        pag = op.pagination
        if pag is not None and pag.pages:
            assert "then " in row and ("Link" in row if pag.style == "link" else f"`{pag.page_param}`" in row)
    assert "A quiet poll is one request" in readme


def test_a_scoped_trigger_asks_for_its_path_inputs_for_its_event_only() -> None:
    model = load_model(PAGING / "link.yaml", "link.yaml", ["n8n"])
    files = {str(p): t for p, t in render_all(model, ["n8n"])["n8n"].items()}
    trigger = _text(files, "Trigger.node.ts")
    scoped = [op for op in model.of_kind("polling_trigger") if op.inputs_in("path")]
    assert scoped
    for op in scoped:
        for inp in op.inputs_in("path"):
            prop = re.search(
                r"\{\n\t+displayName: '[^']+',\n\t+name: '" + inp.names.camel + r"',\n(?:.*\n)*?\t+displayOptions: \{\n"
                r"\t+show: \{\n\t+event: \['" + op.names.camel + r"'\],",
                trigger,
            )
            assert prop is not None, inp.name
            assert "required: true," in prop.group(0)
        first = op.inputs_in("path")[0]
        pair = r"inputs: \[\s*\[\s*'" + first.name + r"',\s*'" + first.names.camel + r"',?\s*\],?\s*\],"
        assert re.search(pair, trigger), op.key
    assert "changing them starts over" in files["README.md"]


def test_hellotracks_members_get_return_all_and_limit_though_they_do_not_page(model: Model, n8n_files: dict[str, str]) -> None:
    members = model.operation("list_members")
    assert members.pagination is not None and members.pagination.style == "none"
    text = "\n".join(t for p, t in n8n_files.items() if "/resources/member/" in p)
    assert "name: 'returnAll'," in text and "name: 'limit'," in text
    assert f"pages('{paging_key(members.pagination)}', 50, '{members.label}', null)" in text
