"""The broken-spec corpus: every case fails with its expected located message, no traceback, and dist/ untouched.

Each case is tests/specs_with_errors/NN-name.patch: a one-line comment, a unified diff of the frozen base.yaml
(or of /dev/null for a small stand-alone file) and the expected error lines (format: README.md there).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from connector_gen.render import targets

from .corpus import BASE, CORPUS, HUNK, Hunk, PatchError, apply, lines_of, materialise, parse_case, spec_text

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(CORPUS.glob("[0-9][0-9]-*.patch"))
LINE = re.compile(r"^spec\.yaml:(\d+):(\d+) (/\S*): (.+)$")
SUMMARY = re.compile(r"^error: the spec has (\d+) problems?(; .+)?$")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a user would (a hang guard only; no timing is asserted)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "connector_gen.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


def assert_reported(result: subprocess.CompletedProcess[str], lines: list[str] | tuple[str, ...], about: str = "") -> None:
    """Exit 1, stderr = exactly the expected error lines then the summary, nothing on stdout, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    got = result.stderr.splitlines()
    summary = SUMMARY.match(got[-1]) if got else None
    reported = got[:-1] if summary else got
    if reported != list(lines):
        diff = "\n".join(difflib.unified_diff(list(lines), reported, "expected", "actual", lineterm=""))
        pytest.fail(f"{about}\nerror lines differ (exit {result.returncode}):\n{diff}\nstdout: {result.stdout!r}", pytrace=False)
    assert summary and int(summary.group(1)) == len(lines), "\n".join(got)  # every problem listed, none extra
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under `root` with a hash of its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return found


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A pre-existing dist tree: one folder per registered target with a few files, as a previous build left it."""
    out = tmp_path / "dist"
    for name in targets():
        (out / name / "lib").mkdir(parents=True)
        (out / name / "README.md").write_text(f"# {name} connector from an earlier build\n")
        (out / name / "lib" / "index.js").write_text("module.exports = {};\n")
    (out / ".keep").write_text("")
    return out


def test_corpus_is_large_and_well_formed() -> None:
    assert len(CASES) >= 25
    assert not [p for p in CORPUS.iterdir() if p.is_dir() and p.name != "icons"], "cases are NN-name.patch files now"
    for case in map(parse_case, CASES):  # raises PatchError naming the file and line of a malformed case
        assert case.expected, f"{case.name}: no expected lines"
        for line in case.expected:
            assert LINE.match(line), f"{case.name}: not 'spec.yaml:LINE:COL /pointer: message': {line}"


def test_base_validates(tmp_path: Path) -> None:
    """The base is a valid spec, so each case's errors come from its patch alone."""
    result = cli("validate", "spec.yaml", cwd=materialise(BASE.read_text("utf-8"), tmp_path, "base"))
    assert result.returncode == 0, result.stderr
    assert "ok (" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_patch_applies_exactly_once(path: Path) -> None:
    """Every hunk's old lines occur once in the base (at its line), so no hunk could land anywhere else."""
    case = parse_case(path)
    base = lines_of(BASE.read_text("utf-8"))
    text = spec_text(case)  # raises PatchError when a hunk does not fit exactly where it says
    if not case.on_base:
        return
    assert case.hunks, f"{case.name}: a patch of the base changes nothing"
    assert text != BASE.read_text("utf-8")
    for hunk in case.hunks:
        size = len(hunk.old)
        places = [i + 1 for i in range(len(base) - size + 1) if tuple(base[i : i + size]) == hunk.old]
        assert places == [hunk.old_start], f"{case.name} {hunk.header}: its old lines occur at lines {places}; add context"


def _hunk(header: str, old: tuple[str, ...], new: tuple[str, ...]) -> Hunk:
    match = HUNK.match(header)
    assert match
    return Hunk(header, int(match[1]), int(match[3]), old, new)


@pytest.mark.parametrize(
    ("hunks", "message"),
    [
        ((_hunk("@@ -2,1 +2,1 @@", ("x",), ("y",)),), "does not have these lines at line 2"),
        ((_hunk("@@ -2,1 +3,1 @@", ("b",), ("y",)),), "starts at line 2, not 3"),
        ((_hunk("@@ -2,1 +2,2 @@", ("b",), ("y", "z")), _hunk("@@ -1,1 +1,1 @@", ("a",), ("w",))), "out of order"),
    ],
    ids=["wrong-context", "wrong-new-line", "out-of-order"],
)
def test_applier_fails_loudly(hunks: tuple[Hunk, ...], message: str) -> None:
    with pytest.raises(PatchError, match=message):
        apply(["a", "b", "c"], hunks)


def test_parser_rejects_a_short_hunk(tmp_path: Path) -> None:
    path = tmp_path / "99-short.patch"
    path.write_text("# Short.\n--- base.yaml\n+++ spec.yaml\n@@ -4,3 +4,3 @@\n-spec_version: 1\n+spec_version: 2\n=== expected\n")
    with pytest.raises(PatchError, match="starts with ' ', '-' or '\\+'"):
        parse_case(path)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_location_points_at_the_offending_text(path: Path) -> None:
    """Line:col lands on the key named by the pointer, or on the value the message quotes."""
    case = parse_case(path)
    text = spec_text(case).splitlines()
    for line in case.expected:
        match = LINE.match(line)
        assert match
        row, col, pointer, message = int(match[1]), int(match[2]), match[3], match[4]
        if pointer == "/":
            continue  # whole-file problems (YAML syntax, empty file, ...) are checked by their expected text
        assert row <= len(text), line
        at = text[row - 1][col - 1 :]
        token = re.match(r"[\w./@{}+-]+", at.lstrip("'\""))
        last = pointer.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")
        word = token.group(0) if token else at[:1]
        while word.count("}") > word.count("{"):  # a flow mapping's closing brace is not part of the value
            word = word[:-1]
        quoted = re.findall(r"'([^']+)'", message)
        mentioned = word in re.findall(r"[\w./{}-]+", message) or any(word in q or q in word for q in quoted)
        ok = word == last or mentioned or word in "[{!<"
        assert ok, f"{line}\n  points at: {at!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_validate_reports_the_defect(path: Path, tmp_path: Path) -> None:
    case = parse_case(path)
    folder = materialise(spec_text(case), tmp_path, case.name)
    assert_reported(cli("validate", "spec.yaml", cwd=folder), case.expected, f"{case.name}: {case.comment} ({folder})")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_build_fails_and_leaves_dist_byte_identical(path: Path, dist: Path, tmp_path: Path) -> None:
    case = parse_case(path)
    folder = materialise(spec_text(case), tmp_path, case.name)
    before = snapshot(dist)
    result = cli("build", "--spec", "spec.yaml", "--out", str(dist), cwd=folder)
    assert_reported(result, case.expected, f"{case.name}: {case.comment} ({folder})")
    assert snapshot(dist) == before


def test_several_errors_are_all_listed_in_file_order() -> None:
    lines = parse_case(CORPUS / "45-several-schema-errors.patch").expected
    assert len(lines) >= 3
    positions = [tuple(int(n) for n in LINE.match(line).groups()[:2]) for line in lines]  # type: ignore[union-attr]
    assert positions == sorted(positions)
    assert any("'PUTT' is not one of" in line for line in lines)
    assert any("https://" in line for line in lines)
    assert any("unknown key 'descripton'" in line for line in lines)


def test_real_spec_validates(tmp_path: Path) -> None:
    result = cli("validate", str(ROOT / "spec" / "hellotracks.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ok (" in result.stdout
    assert result.stderr == ""


def test_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = cli("validate", "nope.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "nope.yaml:1:1 /: file not found"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [["validate", "--no-such-option"], ["build", "--target", "nowhere"], ["frobnicate"], ["validate", "a.yaml", "b.yaml"]],
    ids=["unknown-option", "bad-target", "unknown-command", "extra-argument"],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_directory_as_spec_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "is a directory" in result.stderr
    assert "Traceback" not in result.stderr


def _generated(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


GENERATED = {
    # name: (file content, the one error line expected)
    "binary": (bytes(range(256)) * 4, "spec.yaml:1:1 /: not a text file (it contains NUL bytes); a spec is UTF-8 YAML text"),
    "invalid-utf8": (
        b"spec_version: 1\napp: caf\xe9\n",
        "spec.yaml:2:9 /: not UTF-8 text (byte 0xe9 cannot start a UTF-8 character)",
    ),
    "deep-nesting": (
        b"spec_version: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
        "spec.yaml:1:54 /: invalid YAML: nested deeper than 40 levels",
    ),
    "control-character": (
        b"spec_version: 1\napp: \x07\n",
        "spec.yaml:2:6 /: invalid YAML: control character U+0007 is not allowed in YAML text",
    ),
    "only-document-markers": (
        b"---\n...\n",
        "spec.yaml:1:1 /: the file has no content (only comments or blank lines); "
        "expected a mapping with spec_version, app, auth, http, resources and operations",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_broken_files(tmp_path: Path, dist: Path, name: str) -> None:
    content, line = GENERATED[name]
    _generated(tmp_path, "spec.yaml", content)
    assert_reported(cli("validate", "spec.yaml", cwd=tmp_path), [line])
    before = snapshot(dist)
    assert_reported(cli("build", "--spec", "spec.yaml", "--out", str(dist), cwd=tmp_path), [line])
    assert snapshot(dist) == before


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path, dist: Path) -> None:
    with (tmp_path / "spec.yaml").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, no disk used
    line = "spec.yaml:1:1 /: file is too large (52,428,800 bytes); a spec may be at most 2,097,152 bytes"
    assert_reported(cli("validate", "spec.yaml", cwd=tmp_path), [line])
    before = snapshot(dist)
    assert_reported(cli("build", "--spec", "spec.yaml", "--out", str(dist), cwd=tmp_path), [line])
    assert snapshot(dist) == before
