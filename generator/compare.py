"""The comparison behind `check`: what is in dist/ against what a fresh render would write, file by file."""

from __future__ import annotations

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
