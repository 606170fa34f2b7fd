"""Atomic writes of rendered targets into dist/, and the comparison behind `check`."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .render import Files


def _write_tree(root: Path, files: Files) -> None:
    for rel, text in sorted(files.items()):
        path = root.joinpath(*rel.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:  # LF on every OS
            fh.write(text)


def write_targets(out: Path, rendered: dict[str, Files]) -> None:
    """Replace each `out/<target>/` as a whole; stage everything first so a failure leaves out/ untouched."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".connector-gen-", dir=out))
    try:
        for name, files in rendered.items():
            _write_tree(staging / name, files)
        for name in rendered:
            final = out / name
            old = None
            if final.exists():
                old = staging / f".old-{name}"
                os.replace(final, old)
            os.replace(staging / name, final)  # same filesystem: an atomic rename per target
            if old is not None:
                shutil.rmtree(old)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


@dataclass(frozen=True)
class Difference:
    """One way dist/ differs from a fresh render."""

    path: str
    status: str  # missing | extra | changed
    diff: str


def compare(out: Path, rendered: dict[str, Files], context_lines: int = 3, max_lines: int = 40) -> list[Difference]:
    """Differences between what is in `out/<target>/` and what would be written now."""
    found: list[Difference] = []
    for name, files in sorted(rendered.items()):
        on_disk = read_tree(out / name)
        for rel in sorted(set(files) | set(on_disk)):
            shown = f"{out.name}/{name}/{rel}"
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
