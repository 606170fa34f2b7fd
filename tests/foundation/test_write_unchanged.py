"""A build that changes nothing touches nothing; any difference in a target still replaces that target whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from connector_gen import write as write_module
from connector_gen.cli import main
from connector_gen.compare import read_tree
from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"
NAMES = list(targets())


def build(out: Path) -> str:
    """`connector-gen build` of every target in process; its output."""
    result = CliRunner().invoke(main, ["build", "--spec", str(SPEC), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


def stamps(root: Path) -> dict[str, int]:
    """The mtime of every file and folder under `root`, in nanoseconds."""
    return {p.relative_to(root).as_posix(): p.lstat().st_mtime_ns for p in sorted(root.rglob("*"))}


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A fresh build of every target, with its mtimes set in the past so that any rewrite shows."""
    out = tmp_path / "dist"
    assert "wrote" in build(out)
    for path in [out, *out.rglob("*")]:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000), follow_symlinks=False)
    return out


def test_a_rebuild_of_the_same_spec_writes_nothing(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = stamps(dist)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged build staged or swapped something")

    monkeypatch.setattr(write_module, "_replace", refuse)
    output = build(dist)
    assert stamps(dist) == before
    assert [line.split()[0] for line in output.splitlines()] == ["unchanged"] * (len(NAMES) + 1)
    assert f"unchanged {dist / NAMES[0]}/ (" in output and f"unchanged {dist / 'REVIEW.md'}" in output


@pytest.mark.parametrize(
    "damage",
    ["edited", "extra file", "extra folder", "missing file", "link"],
)
def test_any_difference_replaces_that_target_whole_and_only_it(dist: Path, damage: str) -> None:
    first, *others = NAMES
    fresh = read_tree(dist / first)
    readme = dist / first / "README.md"
    if damage == "edited":
        readme.write_text(readme.read_text("utf-8") + "\n", "utf-8")
    elif damage == "extra file":
        (dist / first / "notes.txt").write_text("mine\n", "utf-8")
    elif damage == "extra folder":
        (dist / first / "empty").mkdir()
    elif damage == "missing file":
        readme.unlink()
    else:
        text = readme.read_text("utf-8")
        readme.unlink()
        (dist / "elsewhere.md").write_text(text, "utf-8")
        readme.symlink_to(dist / "elsewhere.md")  # the same text, but a link is not what the build writes
    kept = {name: stamps(dist / name) for name in others}
    output = build(dist)
    assert f"wrote {dist / first}/ (" in output
    assert sorted(p.name for p in (dist / first).iterdir()) == sorted({rel.parts[0] for rel in fresh})
    assert read_tree(dist / first) == fresh and not readme.is_symlink()
    assert {name: stamps(dist / name) for name in others} == kept  # the other targets were left alone
    for name in others:
        assert f"unchanged {dist / name}/ (" in output


def test_a_changed_review_page_alone_is_replaced(dist: Path) -> None:
    page = dist / "REVIEW.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("|", "!", 1), "utf-8")
    kept = {name: stamps(dist / name) for name in NAMES}
    output = build(dist)
    assert page.read_text("utf-8") == text and f"wrote {page}" in output
    assert {name: stamps(dist / name) for name in NAMES} == kept


def test_a_changed_target_links_its_unchanged_files_and_writes_the_rest(dist: Path) -> None:
    first = NAMES[0]
    readme = dist / first / "README.md"
    fresh = readme.read_text("utf-8")
    readme.write_text(fresh + "\n", "utf-8")
    others = [p for p in sorted((dist / first).rglob("*")) if p.is_file() and p != readme]
    inodes = {p: p.stat().st_ino for p in others}
    mtimes = {p: p.stat().st_mtime_ns for p in others}
    build(dist)
    assert readme.read_text("utf-8") == fresh
    assert {p: p.stat().st_ino for p in others} == inodes  # the same files, linked into the new tree
    assert {p: p.stat().st_mtime_ns for p in others} == mtimes
    assert all(p.stat().st_nlink == 1 for p in others)  # the old tree's names are gone
