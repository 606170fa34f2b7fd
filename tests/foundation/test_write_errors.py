"""OS errors during `build` (full or read-only disk, refused names, unencodable text) give one line, no traceback."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from connector_gen import write as write_module
from connector_gen.cli import main
from connector_gen.render import targets
from connector_gen.write import STAGING_PREFIX

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"
NAMES = list(targets())


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under `root` (hidden ones too) with a hash of its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return found


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A previous build of every target."""
    out = tmp_path / "dist"
    for name in NAMES:
        (out / name / "lib").mkdir(parents=True)
        (out / name / "README.md").write_text(f"# {name} from an earlier build\n")
        (out / name / "lib" / "a.json").write_text("{}\n")
    return out


def build(out: Path, spec: Path = SPEC) -> Result:
    """`connector-gen build` in process."""
    return CliRunner().invoke(main, ["build", "--spec", str(spec), "--out", str(out)])


def assert_one_line(result: Result, *parts: str, suffix: str = "; nothing was written") -> str:
    """Exit 1, no traceback, stderr is one `error: ...` line containing `parts` and ending in `suffix`."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot write ") and lines[0].endswith(suffix), lines
    for part in parts:
        assert part in lines[0], lines[0]
    assert result.stdout == ""
    return lines[0]


def failing(real: Callable[..., Any], code: int, after: int = 0) -> Callable[..., Any]:
    """`real`, except that call number `after` + 1 and later raise OSError(code) naming their path."""
    calls = [0]

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > after:
            raise OSError(code, os.strerror(code), str(args[0] if args else kwargs.get("dir")))
        return real(*args, **kwargs)

    return fake


def test_disk_full_mid_write_keeps_dist(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(dist)
    monkeypatch.setattr(Path, "write_bytes", failing(Path.write_bytes, errno.ENOSPC, after=30))
    line = assert_one_line(build(dist), "No space left on device (ENOSPC)")
    assert f"{dist}/" in line and STAGING_PREFIX not in line  # names the target file, not its staging copy
    assert snapshot(dist) == before


def test_read_only_disk_keeps_dist(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(dist)
    monkeypatch.setattr(write_module.tempfile, "mkdtemp", failing(write_module.tempfile.mkdtemp, errno.EROFS))
    assert_one_line(build(dist), "Read-only file system (EROFS)")
    assert snapshot(dist) == before


def test_permission_denied_on_a_later_swap_swaps_back(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first target is exchanged, the second exchange is refused: the first is swapped back.
    before = snapshot(dist)
    calls = [0]
    real = write_module._exchange

    def exchange(a: Path, b: Path) -> bool:
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(b))
        return bool(real(a, b))

    monkeypatch.setattr(write_module, "_exchange", exchange)
    assert_one_line(build(dist), f"{dist}/{NAMES[1]}: Permission denied (EACCES)")
    assert calls[0] == 3 and snapshot(dist) == before


def test_a_swap_that_cannot_be_undone_says_what_was_kept(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(dist)
    calls = [0]
    real = write_module._exchange

    def exchange(a: Path, b: Path) -> bool:
        calls[0] += 1
        if calls[0] == 1:
            return bool(real(a, b))
        raise OSError(errno.EIO if calls[0] > 2 else errno.EACCES, "refused", str(b))

    monkeypatch.setattr(write_module, "_exchange", exchange)
    first, *rest = NAMES
    suffix = f"; replaced {first} all the same, kept {', '.join(rest)} as they were"
    assert_one_line(build(dist), "Permission denied (EACCES)", suffix=suffix)
    after = snapshot(dist)
    assert {k: v for k, v in after.items() if not k.startswith(first)} == {
        k: v for k, v in before.items() if not k.startswith(first)
    }
    assert (dist / first / "README.md").read_text() != f"# {first} from an earlier build\n"  # whole new
    assert not list(dist.glob(STAGING_PREFIX + "*"))


def test_a_too_long_name_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / ("x" * 300) / "dist"
    assert_one_line(build(out), "File name too long (ENAMETOOLONG)")
    assert list(tmp_path.iterdir()) == []


def test_a_lone_surrogate_in_a_spec_string_is_one_line(tmp_path: Path, dist: Path) -> None:
    shutil.copytree(SPEC.parent, tmp_path / "spec")
    spec = tmp_path / "spec" / SPEC.name
    text = spec.read_text("utf-8")
    assert "\n  name: Hellotracks\n" in text
    spec.write_text(text.replace("\n  name: Hellotracks\n", '\n  name: "Hello\\ud800tracks"\n', 1), "utf-8")
    before = snapshot(dist)
    line = assert_one_line(build(dist, spec), "'\\ud800'", "UTF-8 cannot encode")
    assert "\ud800" not in line  # shown escaped, so the line itself can be printed
    assert snapshot(dist) == before


def test_leftover_staging_folders_are_removed(dist: Path) -> None:
    for n in range(3):
        (dist / f"{STAGING_PREFIX}{n}" / "new" / "make").mkdir(parents=True)
    result = build(dist)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in dist.iterdir()) == sorted([*NAMES, "REVIEW.md"])  # and the review page (issue 15)


def test_a_second_build_waits_for_the_first_then_gives_up(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(write_module, "LOCK_WAIT_S", 0.2)
    before = snapshot(dist)
    fd = os.open(dist, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert_one_line(build(dist), "another connector-gen build is still writing it")
    finally:
        os.close(fd)
    assert snapshot(dist) == before


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at `where` (needs root; the test is skipped where mounting is not allowed)."""
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_a_real_full_and_read_only_disk(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "64k") as disk:
        out = disk / "dist"
        (out / "make").mkdir(parents=True)
        (out / "make" / "README.md").write_text("# make from an earlier build\n")
        before = snapshot(out)
        assert_one_line(build(out), "No space left on device (ENOSPC)")
        assert snapshot(out) == before
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        assert_one_line(build(out), "Read-only file system (EROFS)")
        assert snapshot(out) == before


def test_a_target_left_missing_by_the_old_two_rename_write_is_moved_back(dist: Path) -> None:
    # The write code before the exchange moved dist/<t> to <staging>/.old-<t> first; killed there, <t> was missing.
    first, second = NAMES[0], NAMES[1]
    staging = dist / f"{STAGING_PREFIX}abc123"
    staging.mkdir()
    (dist / first).rename(staging / f".old-{first}")
    before = snapshot(staging / f".old-{first}")
    result = CliRunner().invoke(main, ["build", "--spec", str(SPEC), "--out", str(dist), "--target", second])
    assert result.exit_code == 0, result.output
    assert snapshot(dist / first) == before
    assert sorted(p.name for p in dist.iterdir()) == sorted(NAMES)
