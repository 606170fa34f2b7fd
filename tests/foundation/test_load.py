"""The loader: positions for every key and value, and one clear error (never a traceback) for any bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from connector_gen.errors import SpecError, SpecInvalid
from connector_gen.load import MAX_BYTES, MAX_DEPTH, Loaded, load_spec


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "spec.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def load(tmp_path: Path, content: str | bytes) -> Loaded:
    return load_spec(write(tmp_path, content), "spec.yaml")


def errors(tmp_path: Path, content: str | bytes) -> list[str]:
    with pytest.raises(SpecInvalid) as caught:
        load(tmp_path, content)
    return [str(e) for e in caught.value.errors]


DOC = """\
top:
  name: demo
  list:
    - first
    - {inner: 1, "a/b": x}
flow: {x: [1, 2]}
400: not an int key
on: stays a string key
date: 2026-05-10
"""


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    loaded = load(tmp_path, DOC)
    assert loaded.keys["/top/name"] == (2, 3)
    assert loaded.values["/top/name"] == (2, 9)
    assert loaded.values["/top/list/0"] == (4, 7)
    assert loaded.values["/top/list/1/inner"] == (5, 15)
    assert loaded.keys["/top/list/1/a~1b"] == (5, 18)  # JSON pointer escaping
    assert loaded.values["/flow/x/1"] == (6, 15)
    assert loaded.position("/top/list/1/missing") == (5, 7)  # falls back to the nearest parent
    assert loaded.position("/nowhere/at/all") == (1, 1)
    assert loaded.error("/top/name", "bad", key=True) == SpecError("spec.yaml", "/top/name", 2, 3, "bad")


def test_keys_keep_their_text_and_dates_stay_strings(tmp_path: Path) -> None:
    data = load(tmp_path, DOC).data
    assert data["400"] == "not an int key" and data["on"] == "stays a string key"
    assert data["date"] == "2026-05-10"
    assert data["top"]["list"][1] == {"inner": 1, "a/b": "x"}


def test_small_anchors_and_aliases_are_fine(tmp_path: Path) -> None:
    data = load(tmp_path, "base: &b {type: string}\ncopy: *b\n").data
    assert data["copy"] == {"type": "string"}


def test_every_duplicate_key_is_reported_at_once(tmp_path: Path) -> None:
    assert errors(tmp_path, "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [
        "spec.yaml:4:3 /b/c: duplicate key 'c' (first defined at line 3, column 3)",
        "spec.yaml:5:1 /a: duplicate key 'a' (first defined at line 1, column 1)",
    ]


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ("", "spec.yaml:1:1 /: file is empty; expected a mapping with spec_version, app, auth, http, resources and operations"),
        (
            "  \n\n",
            "spec.yaml:1:1 /: file is empty; expected a mapping with spec_version, app, auth, http, resources and operations",
        ),
        (
            "# just a comment\n",
            "spec.yaml:1:1 /: the file has no content (only comments or blank lines); "
            "expected a mapping with spec_version, app, auth, http, resources and operations",
        ),
        (
            "- a\n",
            "spec.yaml:1:1 /: the top level is a list; "
            "expected a mapping with spec_version, app, auth, http, resources and operations",
        ),
        (
            "42\n",
            "spec.yaml:1:1 /: the top level is a single value ('42'); "
            "expected a mapping with spec_version, app, auth, http, resources and operations",
        ),
        ("a: 1\n---\nb: 2\n", "spec.yaml:3:1 /: expected one YAML document, found a second one ('---')"),
        ("a:\n\tb: 1\n", "spec.yaml:2:1 /: invalid YAML: a tab character cannot indent or start a value; use spaces"),
        (
            "a: [1, 2\nb: 3\n",
            "spec.yaml:2:2 /: invalid YAML: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence that starts at line 1, column 4)",
        ),
        (
            "a: 'open\n",
            "spec.yaml:2:1 /: invalid YAML: found unexpected end of stream "
            "(while scanning a quoted scalar that starts at line 1, column 4)",
        ),
        (
            "a: !!python/object:os.system {}\n",
            "spec.yaml:1:4 /a: unsupported YAML tag '!!python/object:os.system' on a mapping; remove the tag",
        ),
        (
            "a: !!python/name:os.system x\n",
            "spec.yaml:1:4 /a: unsupported YAML tag '!!python/name:os.system' on a value; remove the tag",
        ),
        ("a: !custom x\n", "spec.yaml:1:4 /a: unsupported YAML tag '!custom' on a value; remove the tag"),
        ("a: !!binary aGk=\n", "spec.yaml:1:4 /a: unsupported YAML tag '!!binary' on a value; remove the tag"),
        ("a: !!set {x}\n", "spec.yaml:1:4 /a: unsupported YAML tag '!!set' on a mapping; remove the tag"),
        ("a: !!int abc\n", "spec.yaml:1:4 /a: 'abc' is not a valid !!int"),
        ("a: !!float abc\n", "spec.yaml:1:4 /a: 'abc' is not a valid !!float"),
        ("a: !!bool maybe\n", "spec.yaml:1:4 /a: 'maybe' is not a valid !!bool"),
        ("a: " + "1" * 5000 + "\n", "spec.yaml:1:4 /a: the number '1111111111111111... has too many digits (5000)"),
        ("1: a\n'1': b\n", "spec.yaml:2:1 /1: duplicate key '1' (first defined at line 1, column 1)"),
        ("? [a, b]\n: 1\n", "spec.yaml:1:3 /: a key must be a plain name, not a list"),
        ("? {a: 1}\n: 1\n", "spec.yaml:1:3 /: a key must be a plain name, not a mapping"),
        (
            "!!python/name:os.system k: 1\n",
            "spec.yaml:1:1 /: unsupported YAML tag '!!python/name:os.system' on a value; remove the tag",
        ),
        ("a: {x: 1}\nb:\n  <<: {x: 1}\n", "spec.yaml:3:3 /b: YAML merge keys ('<<') are not supported; write the keys out"),
        ("a: &a [1, *a]\n", "spec.yaml:1:4 /a/1: an alias (*name) refers to a mapping or list that contains it"),
        ("a: \x07\n", "spec.yaml:1:4 /: invalid YAML: control character U+0007 is not allowed in YAML text"),
        (b"a: 1\nb: \xff\n", "spec.yaml:2:4 /: not UTF-8 text (byte 0xff cannot start a UTF-8 character)"),
        (b"a: \x00\n", "spec.yaml:1:1 /: not a text file (it contains NUL bytes); a spec is UTF-8 YAML text"),
    ],
)
def test_bad_files_give_one_located_line(tmp_path: Path, content: str | bytes, line: str) -> None:
    assert errors(tmp_path, content) == [line]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert load(tmp_path, b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_deep_nesting_stops_at_the_limit_with_a_position(tmp_path: Path) -> None:
    assert errors(tmp_path, "a: " + "[" * 10_000 + "]" * 10_000 + "\n") == [
        f"spec.yaml:1:{3 + MAX_DEPTH} /: invalid YAML: nested deeper than {MAX_DEPTH} levels"
    ]
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + f"{'  ' * 60}leaf: 1\n"
    (found,) = errors(tmp_path, block)
    assert found.endswith(f"invalid YAML: nested deeper than {MAX_DEPTH} levels")
    assert not found.startswith("spec.yaml:1:1 ")


def test_alias_bomb_is_stopped_at_the_expanding_key(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    (found,) = errors(tmp_path, "\n".join(lines) + "\n")
    assert found.startswith("spec.yaml:6:1 /f: the file expands to more than 200000 values")


def test_file_too_large_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(SpecInvalid) as caught:
        load_spec(path, "spec.yaml")
    assert (
        str(caught.value)
        == f"spec.yaml:1:1 /: file is too large ({MAX_BYTES + 1:,} bytes); a spec may be at most {MAX_BYTES:,} bytes"
    )


def test_missing_directory_device_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def message(path: Path) -> str:
        with pytest.raises(SpecInvalid) as caught:
            load_spec(path, "x.yaml")
        (error,) = caught.value.errors
        return error.message

    assert message(tmp_path / "nope.yaml") == "file not found"
    assert message(tmp_path) == "is a directory, not a spec file"
    if Path("/dev/zero").exists():
        assert message(Path("/dev/zero")) == "is not a regular file"  # would otherwise be read forever
    path = write(tmp_path, "a: 1\n")

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # root can read a chmod 000 file, so simulate the denial
    assert message(path) == "cannot read file: permission denied"


def test_display_path_defaults_to_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(SpecInvalid) as caught:
        load_spec(path)
    assert caught.value.errors[0].file == str(path)
