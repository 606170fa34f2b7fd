"""The broken-spec corpus format: NN-name.patch = a comment, a unified diff of base.yaml, the expected lines.

The applier is deliberately strict (no fuzz, no offsets): a hunk applies only at its stated line with its exact
context, so a case can never silently land somewhere else in the base.
"""

from __future__ import annotations

import difflib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "specs_with_errors"
BASE = CORPUS / "base.yaml"
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
EXPECTED_MARK = "=== expected"


class PatchError(Exception):
    """A case file that is malformed or does not fit the base text exactly."""


@dataclass(frozen=True)
class Hunk:
    """One `@@ -a,b +c,d @@` block: the lines it expects at `old_start` and the lines that replace them."""

    header: str
    old_start: int
    new_start: int
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """A parsed NN-name.patch file."""

    name: str
    comment: str
    on_base: bool  # False: `--- /dev/null`, the hunks are the whole file
    hunks: tuple[Hunk, ...]
    expected: tuple[str, ...]


def lines_of(text: str) -> list[str]:
    """Lines split on LF only (str.splitlines would also split on form feeds and other separators a case may hold)."""
    if text and not text.endswith("\n"):
        raise PatchError("the text does not end with a newline")
    return text.split("\n")[:-1] if text else []


def parse_case(path: Path) -> Case:
    """Read a case file strictly: comment, `--- base.yaml`|`--- /dev/null`, `+++ spec.yaml`, hunks, expected lines."""
    lines = lines_of(path.read_bytes().decode("utf-8"))

    def fail(row: int, why: str) -> PatchError:
        return PatchError(f"{path.name}:{row + 1}: {why}")

    if len(lines) < 3 or not lines[0].startswith("# ") or lines[0][2:].strip() == "":
        raise fail(0, "the first line must be a one-line '# ' comment saying what the case breaks")
    if lines[1] not in ("--- base.yaml", "--- /dev/null"):
        raise fail(1, "expected '--- base.yaml' or '--- /dev/null' (no timestamp) after the comment line")
    if lines[2] != "+++ spec.yaml":
        raise fail(2, "expected '+++ spec.yaml'")
    row, hunks = 3, []
    while row < len(lines) and lines[row].startswith("@@"):
        match = HUNK.match(lines[row])
        if not match:
            raise fail(row, f"not a hunk header: {lines[row]!r}")
        old_count = 1 if match[2] is None else int(match[2])
        new_count = 1 if match[4] is None else int(match[4])
        old: list[str] = []
        new: list[str] = []
        header, row = lines[row], row + 1
        while len(old) < old_count or len(new) < new_count:
            if row == len(lines):
                raise fail(row - 1, f"hunk {header!r} ends before its {old_count} old and {new_count} new lines")
            line = lines[row]
            sign, rest = (line[:1], line[1:]) if line else (" ", "")  # an editor may strip a blank context line's space
            if sign == " ":
                old.append(rest)
                new.append(rest)
            elif sign == "-":
                old.append(rest)
            elif sign == "+":
                new.append(rest)
            else:
                raise fail(row, f"a hunk line starts with ' ', '-' or '+', not {line[:1]!r} (a missing newline is not supported)")
            row += 1
        if len(old) != old_count or len(new) != new_count:
            raise fail(row - 1, f"hunk {header!r} has {len(old)} old and {len(new)} new lines")
        hunks.append(Hunk(header, int(match[1]), int(match[3]), tuple(old), tuple(new)))
    if row == len(lines) or lines[row] != EXPECTED_MARK:
        raise fail(row, f"expected a hunk ('@@ -a,b +c,d @@') or the line {EXPECTED_MARK!r}")
    return Case(path.stem, lines[0][2:], lines[1] == "--- base.yaml", tuple(hunks), tuple(lines[row + 1 :]))


def apply(base: list[str], hunks: tuple[Hunk, ...]) -> list[str]:
    """Apply hunks strictly: each must find its old lines exactly at its stated line, in order, with no fuzz."""
    out: list[str] = []
    done = 0  # base lines consumed so far
    offset = 0  # how many lines the hunks so far added (or removed, if negative)
    for hunk in hunks:
        start = hunk.old_start - 1 if hunk.old else hunk.old_start  # '-N,0' inserts after line N
        if start < done:
            raise PatchError(f"{hunk.header}: overlaps the previous hunk or is out of order")
        found = base[start : start + len(hunk.old)]
        if list(hunk.old) != found:
            shown = "\n".join(difflib.unified_diff(hunk.old, found, "hunk expects", "base has", lineterm=""))
            raise PatchError(f"{hunk.header}: the base does not have these lines at line {hunk.old_start}\n{shown}")
        where = start + offset + (1 if hunk.new else 0)
        if hunk.new_start != where:
            raise PatchError(f"{hunk.header}: the new text starts at line {where}, not {hunk.new_start}")
        out += base[done:start] + list(hunk.new)
        done = start + len(hunk.old)
        offset += len(hunk.new) - len(hunk.old)
    return out + base[done:]


def spec_text(case: Case) -> str:
    """The broken spec.yaml a case describes."""
    try:
        lines = apply(lines_of(BASE.read_text("utf-8")) if case.on_base else [], case.hunks)
    except PatchError as error:
        raise PatchError(f"{case.name}.patch: {error}") from None
    return "".join(f"{line}\n" for line in lines)


def materialise(text: str, root: Path, name: str) -> Path:
    """Write `root/<name>/spec.yaml` next to a copy of the corpus icons at `root/icons/`; return the folder."""
    if not (root / "icons").exists():
        shutil.copytree(CORPUS / "icons", root / "icons")
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "spec.yaml").write_bytes(text.encode("utf-8"))
    return folder
