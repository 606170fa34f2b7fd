"""SIGKILL a real `connector-gen build` at many points of its write phase: every target stays whole old or new.

The build stops itself with SIGSTOP at a named point (CONNECTOR_GEN_TEST_PAUSE, see connector_gen.write), the test
SIGKILLs it there, then checks each target folder and the staging folders. Two lanes run side by side, each with
its own output folder, so the whole test stays within about a minute on a loaded machine.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

import pytest

from connector_gen.compare import read_tree
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets
from connector_gen.write import NO_EXCHANGE_ENV, PAUSE_ENV, STAGING_PREFIX, write_targets

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"
NAMES = list(targets())
Tree = dict[PurePosixPath, str | None]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="the pause hook needs SIGSTOP (POSIX)")


def _build(out: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "connector_gen.cli", "build", "--spec", str(SPEC), "--out", str(out), *args]
    return subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def _kill_at(out: Path, point: str, extra: dict[str, str] | None = None, timeout: float = 120) -> None:
    """Run a build that pauses at `point`, wait until it has stopped there, and SIGKILL it."""
    proc = _build(out, env={PAUSE_ENV: point, **(extra or {})})
    deadline = time.monotonic() + timeout
    while True:
        pid, status = os.waitpid(proc.pid, os.WNOHANG | os.WUNTRACED)
        if pid and os.WIFSTOPPED(status):
            break
        if pid:  # it ended without reaching the point
            stderr = proc.stderr.read() if proc.stderr else ""
            pytest.fail(f"the build never reached {point!r}: status {status}\n{stderr}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the build did not reach {point!r} within {timeout} s")
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    if proc.stderr:
        proc.stderr.close()


def _staging(out: Path) -> list[Path]:
    return sorted(out.glob(STAGING_PREFIX + "*"))


def _reset(out: Path, old: Path, absent: Iterable[str] = ()) -> None:
    """Put the old build back in place of every target (staging folders stay: the next build must remove them)."""
    for name in NAMES:
        shutil.rmtree(out / name, ignore_errors=True)
        if name not in absent:
            shutil.copytree(old / name, out / name)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Tree], dict[str, Tree]]:
    """An older build on disk (the spec with another description) and both builds' trees per target."""
    root = tmp_path_factory.mktemp("kill")
    shutil.copytree(SPEC.parent, root / "spec")
    older = root / "spec" / SPEC.name
    text = older.read_text("utf-8")
    assert "schedules, dispatches" in text  # in every target's README
    older.write_text(text.replace("schedules, dispatches", "plans, dispatches", 1), "utf-8")
    write_targets(root / "old", render_all(load_model(older), NAMES))
    write_targets(root / "new", render_all(load_model(SPEC), NAMES))
    old = {n: read_tree(root / "old" / n) for n in NAMES}
    new = {n: read_tree(root / "new" / n) for n in NAMES}
    for name in NAMES:
        assert old[name] and old[name] != new[name], f"{name}: the two builds must differ to tell old from new"
    return root / "old", old, new


def _assert_whole(out: Path, old: dict[str, Tree], new: dict[str, Tree], point: str, absent: Iterable[str] = ()) -> None:
    for name in NAMES:
        got = read_tree(out / name)
        if name in absent and not (out / name).exists():
            continue  # it did not exist before this build: absent is its whole old state
        assert (out / name).is_dir(), f"killed at {point}: {name} is missing"
        assert got in (old[name], new[name]), f"killed at {point}: {name} is neither the old nor the new build"


def _points(file_count: int) -> list[str]:
    files = sorted({*range(1, file_count + 1, 4), file_count})
    swaps = [f"{step}:{name}" for name in NAMES for step in ("swap", "swapped")]
    return ["cleaned", *(f"file:{n}" for n in files), "staged", *swaps, "done"]


def test_a_kill_anywhere_in_the_write_leaves_every_target_whole(
    builds: tuple[Path, dict[str, Tree], dict[str, Tree]], tmp_path: Path
) -> None:
    old_dir, old, new = builds
    file_count = sum(len(t) for t in new.values())
    # (point, targets absent before the build): the last ones start without the last target, a first build of it.
    runs: list[tuple[str, tuple[str, ...]]] = [(p, ()) for p in _points(file_count)]
    runs += [(f"file:{file_count}", (NAMES[-1],)), (f"swapped:{NAMES[-1]}", (NAMES[-1],))]
    assert len(runs) >= 40
    lanes = [runs[0::2], runs[1::2]]

    def lane(index: int) -> int:
        out = tmp_path / f"lane{index}"
        out.mkdir()
        leftover = out / f"{STAGING_PREFIX}from-an-older-version"  # as the old write code left them when killed
        (leftover / "make" / "lib").mkdir(parents=True)
        (leftover / "make" / "lib" / "x.json").write_text("{}")
        for point, absent in lanes[index]:
            _reset(out, old_dir, absent)
            _kill_at(out, point)
            _assert_whole(out, old, new, point, absent)
            # Every earlier leftover is gone; at most the killed build's own staging folder remains.
            assert len(_staging(out)) <= 1, f"killed at {point}: {_staging(out)}"
        result = _build(out)
        assert result.wait(timeout=120) == 0, result.stderr.read() if result.stderr else ""
        assert result.stderr is not None and result.stderr.read() == ""
        result.stderr.close()
        assert _staging(out) == [] and sorted(p.name for p in out.iterdir()) == sorted([*NAMES, "REVIEW.md"])  # + review page
        assert {n: read_tree(out / n) for n in NAMES} == new
        return len(lanes[index])

    with ThreadPoolExecutor(2) as pool:
        assert sum(pool.map(lane, range(2))) == len(runs)


def test_two_phase_fallback_recovers_a_kill_between_its_renames(
    builds: tuple[Path, dict[str, Tree], dict[str, Tree]], tmp_path: Path
) -> None:
    # Where renameat2(RENAME_EXCHANGE) is missing the swap is two renames; killed between them the target is
    # missing until the next build, which moves the old copy back even when it builds another target.
    old_dir, old, new = builds
    out = tmp_path / "out"
    out.mkdir()
    fallback = {NO_EXCHANGE_ENV: "1"}
    first, second = NAMES[0], NAMES[1]
    for point in ("staged", f"swapped:{first}", f"swap:{second}", "done"):
        _reset(out, old_dir)
        _kill_at(out, point, fallback)
        _assert_whole(out, old, new, point)
    _reset(out, old_dir)
    _kill_at(out, f"renamed-out:{first}", fallback)
    assert not (out / first).exists()
    assert [read_tree(s / "old" / first) for s in _staging(out)] == [old[first]]
    rebuilt = subprocess.run(
        [sys.executable, "-m", "connector_gen.cli", "build", "--spec", str(SPEC), "--out", str(out), "--target", second],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **fallback},
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert read_tree(out / first) == old[first] and read_tree(out / second) == new[second]
    assert _staging(out) == []
