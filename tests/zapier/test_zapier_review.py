"""dist/zapier reviewable in a pull request: a one-field spec change is a short diff in one module (issue 15).

Measured on spec/hellotracks.yaml (before = one app-definition.json holding every function as an escaped string):
  dist/zapier        before: 5 files, 160,769 bytes    after: 26 files, 115,198 bytes
  job.priority max   before: 1 file, 4 lines, longest 8,746 chars    after: lib/values.js, 2 lines (-1/+1), ~140 chars
  an input added     before: 2 files, 11 lines, longest 7,243 chars  after: 3 files, 12 lines, longest ~190 chars
"""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

from connector_gen.pipeline import load_model, render_all

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "spec" / "hellotracks.yaml").read_text(encoding="utf-8")
ARCHIVE = '    request: {method: POST, path: "/jobs/{id}/archive"}\n    inputs:\n'
ARCHIVE_ID = (
    "      - {name: id, in: path, required: true, dropdown: {operation: list_jobs, value: id, label: title, search: find_job}}\n"
)


def _files(tmp_path: Path, name: str, text: str) -> dict[str, str]:
    folder = tmp_path / name
    shutil.copytree(ROOT / "spec", folder)
    (folder / "hellotracks.yaml").write_text(text, encoding="utf-8")
    model = load_model(folder / "hellotracks.yaml", names=["zapier"])
    return {str(path): body for path, body in render_all(model, ["zapier"])["zapier"].items()}


def _diff(before: dict[str, str], after: dict[str, str]) -> tuple[list[str], list[str]]:
    """The changed files and the changed lines (each `+` or `-` line of a unified diff)."""
    changed = [name for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
    lines = [
        line
        for name in changed
        for line in difflib.unified_diff(before.get(name, "").splitlines(), after.get(name, "").splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    return changed, lines


def test_layout_is_modules_not_escaped_strings(tmp_path: Path) -> None:
    files = _files(tmp_path, "base", SPEC)
    # No function is an escaped one-line string any more: the definition's lines stay short.
    assert max(len(line) for line in files["app-definition.json"].splitlines()) < 400
    assert '"source":' not in files["app-definition.json"]
    assert '{\n          "require": "./triggers/new_job.js"\n        }' in files["app-definition.json"]
    # The request builder is written once, not once per operation.
    assert sum("const coerce = " in text for text in files.values()) == 1


def test_a_field_max_is_a_one_line_diff_in_one_module(tmp_path: Path) -> None:
    assert SPEC.count("        min: 0\n        max: 10\n") == 1  # job.priority
    before = _files(tmp_path, "base", SPEC)
    after = _files(tmp_path, "max", SPEC.replace("        min: 0\n        max: 10\n", "        min: 0\n        max: 20\n"))
    changed, lines = _diff(before, after)
    assert changed == ["lib/values.js"]
    assert len(lines) == 2 and lines[0].startswith('-  "job.priority"') and lines[1].startswith('+  "job.priority"')
    assert max(len(line) for line in lines) < 200


def test_an_input_added_is_a_few_short_lines(tmp_path: Path) -> None:
    assert SPEC.count(ARCHIVE + ARCHIVE_ID) == 1
    before = _files(tmp_path, "base", SPEC)
    added = SPEC.replace(ARCHIVE + ARCHIVE_ID, ARCHIVE + ARCHIVE_ID + "      - {name: notes, in: body}\n")
    changed, lines = _diff(before, _files(tmp_path, "input", added))
    # The module gains its input row; the definition its form field; the README its request line.
    assert changed == ["README.md", "app-definition.json", "creates/archive_job.js"]
    assert len(lines) <= 16
    assert max(len(line) for line in lines) < 250


def test_index_requires_every_module_by_name(tmp_path: Path) -> None:
    # `zapier build` packs what index.js requires; a path read from the JSON would be left out of the zip.
    files = _files(tmp_path, "base", SPEC)
    named = set(re.findall(r'"require": "(\./[^"]+)"', files["app-definition.json"]))
    required = set(re.findall(r'require\("(\./[^"]+\.js)"\)', files["index.js"]))
    assert named and named == required
    assert all(name.removeprefix("./") in files for name in named)
