"""What is in dist/ against what a fresh render would write, file by file: `check`'s comparison, and the
writer's test of which files it may keep (`on_disk`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .render import Files


def read_tree(root: Path) -> dict[PurePosixPath, str | None]:
    """Every file under `root` by relative path (None for files that are not UTF-8 text)."""
    result: dict[PurePosixPath, str | None] = {}
    if not root.is_dir():
        return result
    for path in sorted(root.rglob("*")):
        if path.is_file():
            rel = PurePosixPath(path.relative_to(root).as_posix())
            try:
                result[rel] = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                result[rel] = None
    return result


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class Difference:
    """One way dist/ differs from a fresh render."""

    path: str
    status: str  # missing | extra | changed
    diff: str


def compare(
    out: Path, rendered: dict[str, Files], context_lines: int = 3, max_lines: int = 40, top: Files | None = None
) -> list[Difference]:
    """Differences between what is in `out/<target>/` (and `out/` for each file of `top`) and what would be written now."""
    import difflib  # only a stale dist/ shows a diff

    found: list[Difference] = []
    trees = [(name, files, read_tree(out / name)) for name, files in sorted(rendered.items())]
    if top:
        trees.append(("", top, {rel: _read(out / rel) for rel in top if (out / rel).is_file()}))
    for name, files, on_disk in trees:
        for rel in sorted(set(files) | set(on_disk)):
            shown = f"{out.name}/{name}/{rel}" if name else f"{out.name}/{rel}"
            if rel not in on_disk:
                found.append(Difference(shown, "missing", ""))
            elif rel not in files:
                found.append(Difference(shown, "extra", ""))
            elif on_disk[rel] != files[rel]:
                old = on_disk[rel] or ""
                lines = list(
                    difflib.unified_diff(
                        old.splitlines(keepends=True),
                        files[rel].splitlines(keepends=True),
                        f"{shown} (on disk)",
                        f"{shown} (from spec)",
                        n=context_lines,
                    )
                )
                if len(lines) > max_lines:
                    lines = [*lines[:max_lines], f"... {len(lines) - max_lines} more diff lines\n"]
                found.append(Difference(shown, "changed", "".join(lines)))
    return found


def on_disk(root: Path, files: list[tuple[PurePosixPath, str]]) -> tuple[bool, frozenset[str]]:
    """Which of these files `root` already holds with these bytes, and whether it holds exactly them: no other
    file, no other folder, no link (a link is never what the build writes, even to the same text)."""
    want_dirs = {str(p) for rel, _ in files for p in rel.parents if p != PurePosixPath()}
    found_files: dict[str, os.DirEntry[str]] = {}
    found_dirs: set[str] = set()
    exact = True
    pending = [(root, "")]
    try:
        while pending:
            folder, prefix = pending.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = prefix + entry.name
                    if entry.is_symlink():
                        exact = False
                    elif entry.is_dir():
                        found_dirs.add(name)
                        pending.append((Path(entry.path), name + "/"))
                    elif entry.is_file():
                        found_files[name] = entry
                    else:
                        exact = False
    except OSError:  # missing, unreadable or not a folder: write everything
        return False, frozenset()
    same: set[str] = set()
    for rel, text in files:
        found = found_files.get(str(rel))
        if found is None:
            continue
        if _holds(found.path, text.encode("utf-8")):
            same.add(str(rel))
    exact = exact and found_dirs == want_dirs and len(found_files) == len(same) == len(files)
    return exact, frozenset(same)


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data`: one open, its size from the open file, one read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        return os.fstat(fd).st_size == len(data) and os.read(fd, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)
