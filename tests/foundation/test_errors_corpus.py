"""The broken-spec corpus: every case fails with its expected located message, no traceback, and dist/ untouched."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from connector_gen.render import targets

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "specs_with_errors"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "spec.yaml").is_file())
LINE = re.compile(r"^spec\.yaml:(\d+):(\d+) (/\S*): (.+)$")
SUMMARY = re.compile(r"^error: the spec has (\d+) problems?(; .+)?$")


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line as a user would (a hang guard only; no timing is asserted)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "connector_gen.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


def expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text("utf-8").splitlines()


def assert_reported(result: subprocess.CompletedProcess[str], lines: list[str]) -> None:
    """Exit 1, stderr = exactly the expected error lines then the summary, nothing on stdout, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    got = result.stderr.splitlines()
    assert got[: len(lines)] == lines, "\n".join(got)
    summary = SUMMARY.match(got[len(lines)]) if len(got) > len(lines) else None
    assert summary and int(summary.group(1)) == len(lines), "\n".join(got)  # every problem listed, none extra
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
    for case in CASES:
        lines = expected(case)
        assert lines, f"{case.name}: expected.txt is empty"
        for line in lines:
            assert LINE.match(line), f"{case.name}: not 'spec.yaml:LINE:COL /pointer: message': {line}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_location_points_at_the_offending_text(case: Path) -> None:
    """Line:col lands on the key named by the pointer, or on the value the message quotes."""
    text = (case / "spec.yaml").read_bytes().decode("utf-8", errors="replace").splitlines()
    for line in expected(case):
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


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_reports_the_defect(case: Path) -> None:
    assert_reported(cli("validate", "spec.yaml", cwd=case), expected(case))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_fails_and_leaves_dist_byte_identical(case: Path, dist: Path) -> None:
    before = snapshot(dist)
    result = cli("build", "--spec", "spec.yaml", "--out", str(dist), cwd=case)
    assert_reported(result, expected(case))
    assert snapshot(dist) == before


def test_several_errors_are_all_listed_in_file_order() -> None:
    lines = expected(CORPUS / "45-several-schema-errors")
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
