"""Atomic writes of rendered targets into dist/ (the comparison behind `check` is compare.py).

How `write_targets` replaces `out/<t>/`, so that a kill at any instant leaves each target whole old or whole
new, never missing or mixed (a kill can leave some targets new and others old; the next build makes them all new):

1. Lock: an exclusive `flock` on the `out/` folder itself (no lock file to leave behind), so two builds never
   interleave and every staging folder seen while holding it was left by a build that died.
2. Recover and clean: each leftover staging folder `out/.connector-gen-*` is removed; if a two-phase swap (4.)
   died between its renames (or the write code before this one, which always swapped in two renames), the old
   copy it holds is first moved back to `out/<t>`.
3. Stage: every file is encoded (UTF-8, LF) in memory first, so text the OS cannot take (a lone surrogate such as
   "\\ud800" in a spec string) fails before the disk is touched; then all targets are written under
   `out/.connector-gen-<random>/new/<t>/`, inside `out/` so that the swap is a rename on one filesystem.
4. Swap each target: `renameat2(RENAME_EXCHANGE)` (Linux >= 3.15, through ctypes) exchanges the staged folder
   and `out/<t>` in one step, so `out/<t>` is at every instant the complete old or the complete new folder; a
   target that did not exist yet is moved in with a plain rename (atomic too). Where the exchange is not
   available (another OS, a filesystem that answers EINVAL) it falls back to two renames, `out/<t>` ->
   `staging/old/<t>` then `staging/new/<t>` -> `out/<t>`: a kill between them leaves `out/<t>` missing until
   step 2 of the next build moves the old copy back.
5. Files about every target that sit directly in `out/` (REVIEW.md, `top`) replace their old copies by one
   `os.replace` each, after every target: a kill before that leaves the old page beside new targets, which
   `check` reports and the next build replaces.
6. Remove the staging folder, which now holds the old copies.

A target whose folder already holds exactly the files to write (the same names, the same bytes, no other file,
folder or link) is left as it is, and so is a page of `top` that is already identical: a build that changes nothing
touches nothing (mtimes stay), and on a filesystem where creating a file costs a millisecond the rebuild of an
unchanged spec is as cheap as `check`. Anything else in a target replaces it whole, as above.

An OSError or an encoding error becomes a WriteError: before the first swap nothing in `out/` has changed (what
was staged is removed); during the swaps the targets already swapped are swapped back, and the error names any
that could not be (`replaced`). Why not the alternatives: `os.rename` of a folder onto a non-empty folder fails
on Linux, and a symlink `out/<t>` flipped to a fresh folder would be atomic but git would then track a link, not
the files, and `npm pack` / `zapier push` / a Make upload want a plain folder. Kill-safe, not power-loss-safe:
nothing is fsynced (dist/ is regenerated from the spec, and `check` notices a damaged tree).

Test-only hooks, inert unless set: CONNECTOR_GEN_TEST_PAUSE=<point> makes the build stop itself with SIGSTOP on
reaching that point, so a test can SIGKILL it exactly there. Points, in order: `cleaned` (after 1-2),
`file:<n>` (after the n-th staged file, counted over all targets), `staged`, then per target `swap:<t>`,
`renamed-out:<t>` (two-phase swap only, between its renames) and `swapped:<t>`, and `done` (after 5).
CONNECTOR_GEN_TEST_NO_EXCHANGE=1 forces the two-phase swap.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from .compare import on_disk
from .errors import WriteError
from .render import Files

STAGING_PREFIX = ".connector-gen-"
TOP = ".top"  # the staging folder of the files written directly in out/ (never a target's name: it starts with a dot)
PAUSE_ENV = "CONNECTOR_GEN_TEST_PAUSE"
NO_EXCHANGE_ENV = "CONNECTOR_GEN_TEST_NO_EXCHANGE"
LOCK_WAIT_S = 60.0  # a second build waits this long for the first one to finish
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
Hook = Callable[[str], None]


def _pause_hook() -> Hook:
    at = os.environ.get(PAUSE_ENV)
    stop = getattr(signal, "SIGSTOP", None)

    def hook(point: str) -> None:
        if at is not None and point == at and stop is not None:
            os.kill(os.getpid(), stop)

    return hook


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only a swap needs it: an unchanged build and `check` never do

    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc < 2.28, musl: no wrapper
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the OS or the filesystem cannot."""
    func = None if os.environ.get(NO_EXCHANGE_ENV) else _renameat2()
    if func is None:
        return False
    if func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds there are not guarded against each other
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(f"{out}/", "another connector-gen build is still writing it") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock, as a kill does


def _recover(out: Path, strict: bool = True) -> None:
    """Move back what a dead two-phase swap left only in its staging folder, then remove every staging folder."""
    for staging in sorted(out.glob(STAGING_PREFIX + "*")):
        old = staging / "old"
        # staging/old/<t>, and staging/.old-<t> as the write code before this one left it
        copies = [(p, p.name) for p in sorted(old.iterdir())] if old.is_dir() else []
        copies += [(p, p.name[len(".old-") :]) for p in sorted(staging.glob(".old-*"))]
        only_copy = False
        for kept, name in copies:
            if name and not os.path.lexists(out / name):
                try:
                    os.rename(kept, out / name)
                except OSError:
                    if strict:
                        raise
                    only_copy = True  # leave it for the next build rather than delete the only copy
        if not only_copy:
            shutil.rmtree(staging, ignore_errors=True)


Staged = dict[str, list[tuple[PurePosixPath, str]]]


def _encode(out: Path, rendered: dict[str, Files]) -> Staged:
    """Every file sorted, once its name and text are known to encode: a failure comes before the disk is touched.

    The bytes themselves are made one file at a time while staging: holding them all beside the text would
    double the build's memory. ASCII text (nearly every file) is its own UTF-8, so it needs no trial encoding.
    """
    encoded: Staged = {}
    for name, files in rendered.items():
        encoded[name] = []
        for rel, text in sorted(files.items()):
            try:
                os.fsencode(f"{name}/{rel}")
            except UnicodeEncodeError as exc:
                raise WriteError(_printable(f"{out}/{name}/{rel}"), _reason(exc)) from None
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    line = text.count("\n", 0, exc.start) + 1
                    bad = text[exc.start : exc.end]
                    reason = f"line {line} holds {bad!r}, which UTF-8 cannot encode (a lone surrogate in a spec string?)"
                    raise WriteError(_printable(f"{out}/{name}/{rel}"), reason) from None
            encoded[name].append((rel, text))
    return encoded


def _stage(root: Path, encoded: Staged, hook: Hook, out: Path, reuse: dict[str, frozenset[str]]) -> None:
    # Thousands of files: each folder is made once, not asked for again before every file in it.
    # A file already in out/<t> with the same bytes is hard-linked from there, not written again: on a disk where
    # creating a file costs a millisecond a link costs a fifth of it, and the file keeps its mtime. The old copy is
    # only ever renamed and then unlinked, never written, so the link cannot change under the new tree.
    count = 0
    for name, files in encoded.items():
        (root / name).mkdir(parents=True)
        made = {PurePosixPath()}
        same = reuse.get(name, frozenset())
        for rel, text in files:
            path = root.joinpath(name, *rel.parts)
            if rel.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(rel.parent)
            if str(rel) in same and _linked(out.joinpath(name, *rel.parts), path):
                count += 1
                hook(f"file:{count}")
                continue
            try:
                path.write_bytes(text.encode("utf-8"))  # bytes: LF on every OS, exactly as rendered
            except OSError as exc:
                exc.filename = exc.filename or str(path)  # a full disk fails in write(), which names no file
                raise
            count += 1
            hook(f"file:{count}")


def _linked(existing: Path, path: Path) -> bool:
    try:
        os.link(existing, path, follow_symlinks=False)
    except (OSError, NotImplementedError):  # no hard links here (another filesystem, a FAT disk): write it
        return False
    return True


def _swap(staged: Path, final: Path, old: Path, hook: Hook) -> str:
    """Put `staged` in place of `final`; returns how ("new", "exchanged" or "renamed") for a roll-back."""
    if not os.path.lexists(final):
        os.rename(staged, final)
        return "new"
    if _exchange(staged, final):
        return "exchanged"
    old.parent.mkdir(exist_ok=True)
    os.rename(final, old)
    hook(f"renamed-out:{final.name}")
    try:
        os.rename(staged, final)
    except OSError:
        os.rename(old, final)  # the old one back before the error is reported (else recovery does it)
        raise
    return "renamed"


def _swap_back(staged: Path, final: Path, old: Path, how: str) -> None:
    if how == "exchanged":
        if not _exchange(staged, final):
            raise OSError(errno.ENOTSUP, "cannot exchange back", str(final))
        return
    os.rename(final, staged)
    if how == "renamed":
        os.rename(old, final)


def _reason(exc: OSError | UnicodeError) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return f"the name holds {exc.object[exc.start : exc.end]!r}, which the OS cannot encode"
    if isinstance(exc, UnicodeError):
        return str(exc)
    code = exc.errno
    if code is None:
        return str(exc)
    return f"{os.strerror(code)} ({errno.errorcode.get(code, code)})"


def _printable(text: str) -> str:
    # A lone surrogate cannot be printed either: show it escaped.
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _shown(path: object, out: Path) -> str:
    # Name the file the user asked for (dist/make/x.json), not its staging copy.
    text = os.fsdecode(path) if isinstance(path, (str, bytes)) else ""
    prefix = str(out / STAGING_PREFIX)
    if not text or text.startswith(prefix):
        part, _, inner = text[len(prefix) :].partition("/")[2].partition("/")
        text = f"{out}/{inner}" if part in ("new", "old") and inner else f"{out}/"
    return _printable(text)


def write_targets(out: Path, rendered: dict[str, Files], top: Files | None = None) -> frozenset[str]:
    """Replace each `out/<target>/` as a whole (see the module docstring), then each file of `top` (pages about
    every target, such as REVIEW.md) directly in `out/`, each by one rename; raises WriteError on any OS error.

    Returns the targets (and `top` paths) that were already identical on disk and so were left untouched.
    """
    encoded = _encode(out, rendered)
    if top:
        encoded[TOP] = _encode(out, {TOP: top})[TOP]
    created = done = False
    kept: set[str] = set()
    try:
        created = not out.exists()
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            _recover(out)
            reuse: dict[str, frozenset[str]] = {}
            for name, files in encoded.items():
                if name != TOP:
                    exact, reuse[name] = on_disk(out / name, files)
                    if exact:
                        kept.add(name)
            kept |= _same_top(out, encoded.pop(TOP, []), encoded)
            todo = {n: f for n, f in encoded.items() if n not in kept}
            if todo:
                _replace(out, todo, _pause_hook(), reuse)
        done = True
    except (OSError, UnicodeError) as exc:
        raise WriteError(_shown(getattr(exc, "filename", None), out), _reason(exc)) from None
    finally:
        if created and not done:
            with contextlib.suppress(OSError):
                out.rmdir()  # only when still empty
    return frozenset(kept)


def _same_top(out: Path, files: list[tuple[PurePosixPath, str]], encoded: Staged) -> set[str]:
    """Put back in `encoded` the pages of `top` that differ from `out/`; returns those already identical."""
    same: set[str] = set()
    changed: list[tuple[PurePosixPath, str]] = []
    for rel, text in files:
        path = out.joinpath(*rel.parts)
        try:
            identical = not path.is_symlink() and path.is_file() and path.read_bytes() == text.encode("utf-8")
        except OSError:
            identical = False
        if identical:
            same.add(str(rel))
        else:
            changed.append((rel, text))
    if changed:
        encoded[TOP] = changed
    return same


def _replace(out: Path, encoded: Staged, hook: Hook, reuse: dict[str, frozenset[str]] | None = None) -> None:
    hook("cleaned")
    staging: Path | None = None
    swapped: list[tuple[str, str]] = []
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        _stage(staging / "new", encoded, hook, out, reuse or {})
        hook("staged")
        for name in encoded:
            if name == TOP:
                continue
            hook(f"swap:{name}")
            swapped.append((name, _swap(staging / "new" / name, out / name, staging / "old" / name, hook)))
            hook(f"swapped:{name}")
    except (OSError, UnicodeError) as exc:
        where = _shown(getattr(exc, "filename", None), out)
        replaced = _roll_back(out, staging, swapped)
        _recover(out, strict=False)
        kept = tuple(n for n in encoded if n not in replaced and n != TOP) if replaced else ()
        raise WriteError(where, _reason(exc), replaced, kept) from None
    try:
        for rel, _ in encoded.get(TOP, []):  # after every target: a page about them never precedes them
            os.replace(staging / "new" / TOP / rel, out / rel)
    except OSError as exc:
        raise WriteError(
            _shown(getattr(exc, "filename", None), out), _reason(exc), tuple(n for n in encoded if n != TOP)
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    hook("done")


def _roll_back(out: Path, staging: Path | None, swapped: list[tuple[str, str]]) -> tuple[str, ...]:
    """Swap back the targets already swapped; returns those that stay new because that failed too."""
    stuck: list[str] = []
    for name, how in reversed(swapped):
        if staging is None:
            break
        try:
            _swap_back(staging / "new" / name, out / name, staging / "old" / name, how)
        except OSError:
            stuck.append(name)
    return tuple(reversed(stuck))
