"""Every README's Requests table and dist/REVIEW.md come from the request summary; `check` flags a stale page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from connector_gen import markdown, review
from connector_gen.cli import main
from connector_gen.model import Model
from connector_gen.model.requests import REFERENCE, summaries
from connector_gen.pipeline import load_model, render_all, render_pages
from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"
DIST = ROOT / "dist"
DESK = ROOT / "tests" / "specs" / "desk" / "desk.yaml"


def test_every_readme_holds_its_targets_requests_table(model: Model) -> None:
    rendered = render_all(model, list(targets()))
    for name, target in targets().items():
        readme = next(text for path, text in rendered[name].items() if path.name == "README.md" and len(path.parts) == 1)
        table = markdown.operations_table(model, target.requests)
        assert table in readme, name
        assert len(table.splitlines()) == 2 + len(model.operations)  # head, rule, one row per operation


def test_a_readme_row_is_what_its_platform_sends(model: Model) -> None:
    make = targets()["make"].requests
    zapier = markdown.operations_table(model, targets()["zapier"].requests)
    n8n = markdown.operations_table(model, targets()["n8n"].requests)
    row = next(line for line in zapier.splitlines() if line.startswith("| `new_job` |"))
    assert "`GET /jobs`" in row and "`includeArchived=true`, `limit=100`" in row
    assert "`createdSince` = now − 7 days (epoch ms)" in row  # Zapier asks for the poll window
    assert "`createdSince` = last poll's cursor − 1000 ms (epoch ms)" in n8n  # n8n keeps a cursor
    get_job = next(line for line in markdown.operations_table(model, make).splitlines() if "`get_job`" in line)
    assert "404 is an error" in get_job  # Make routes every 4xx through error handling
    assert "404 is no match" in next(line for line in zapier.splitlines() if "`get_job`" in line)
    create = next(line for line in n8n.splitlines() if "`create_job`" in line)
    assert "JSON: `title` (required)" in create and "`placeId` (advanced)" in create


def test_review_page_puts_every_operation_and_platform_side_by_side(model: Model) -> None:
    page = review.render(model)[review.FILE]
    names = [REFERENCE.name, *(t.requests.name for t in targets().values())]
    for s in summaries(model):
        section = page.split(f"(`{s.operation}`, {s.kind})", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| platform")]
        assert [r.split(" | ", 1)[0].removeprefix("| ") for r in rows] == names, s.operation
        assert all(f"`{s.method} " in r for r in rows)
    assert "| Make | now − 7 days" in page and "an error: add an error handler" in page


def test_dist_review_page_is_up_to_date(model: Model) -> None:
    assert (DIST / "REVIEW.md").read_text("utf-8") == review.render(model)[review.FILE]
    for api in ("shopify", "stripe", "github"):
        api_model = load_model(ROOT / "tests" / "apis" / api / "spec.yaml", "spec.yaml")
        golden = ROOT / "tests" / "golden" / api / "REVIEW.md"
        assert golden.read_text("utf-8") == review.render(api_model)[review.FILE], api


def test_only_a_build_of_every_target_writes_the_page(model: Model, tmp_path: Path) -> None:
    assert render_pages(model, list(targets())) == review.render(model)
    assert render_pages(model, ["zapier"]) == {}
    result = CliRunner().invoke(main, ["build", "--target", "zapier", "--spec", str(SPEC), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "REVIEW.md").exists()
    result = CliRunner().invoke(main, ["build", "--spec", str(SPEC), "--out", str(tmp_path)])
    assert result.exit_code == 0 and f"wrote {tmp_path / 'REVIEW.md'}" in result.output


def test_the_page_is_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    pages = []
    for seed in ("0", "12345"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "connector_gen.cli", "build", "--spec", str(DESK), "--out", str(out)]
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        pages.append((out / "REVIEW.md").read_bytes())
    assert pages[0] == pages[1] and b"\r\n" not in pages[0]
    assert pages[0] == (ROOT / "tests" / "golden" / "desk" / "REVIEW.md").read_bytes()


def test_check_flags_a_stale_or_missing_review_page(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    shutil.copytree(DIST, out)
    args = ["check", "--spec", str(SPEC), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    page = out / "REVIEW.md"
    page.write_text(page.read_text("utf-8").replace("`GET /jobs`", "`GET /jobz`", 1), "utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "changed: dist/REVIEW.md" in result.output and "/jobz" in result.output
    page.unlink()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "missing: dist/REVIEW.md" in result.output
    # checking one target leaves the page alone
    assert CliRunner().invoke(main, [*args[:1], "--target", "make", *args[1:]]).exit_code == 0


def test_a_pipe_in_a_fixed_value_stays_inside_its_cell(model: Model) -> None:
    import dataclasses

    s = summaries(model)[1]
    odd = dataclasses.replace(s, fixed_query=(("q", "a|b"),))
    row = markdown.request_table("operation", [("`x`", odd, REFERENCE)]).splitlines()[2]
    assert "`q=a\\|b`" in row and row.count(" | ") == len(markdown.REQUEST_COLUMNS)
