"""libyaml's fast path loads exactly what the pure-Python composer loads, positions and errors included."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from connector_gen import load
from connector_gen.errors import SpecInvalid

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in [*ROOT.glob("spec/*.yaml"), *ROOT.glob("tests/**/*.yaml")] if "node_modules" not in p.parts)
# Pieces of YAML syntax, the tricky ones included: tabs, '?' in flow, glued comments, empty values, odd line breaks.
PIECES = [
    "a", "b", "x y", " ", "\n", "\n  ", "\n    ", "\n- ", "\n  - ", ":", ": ", "- ", "?", "? ", "[", "]", "{", "}",
    ",", ", ", "#", " #c", '"q"', "'s'", "|", ">", "|-", "!!str ", "!!int ", "!x ", "&a ", "*a", "---", "...", "%",
    "@", "1", "0x1", "http://h", "\r\n", '"\\x41"', "~", "null", "on", "<<", "-", ".", "''", '""', "\u2028", "\x85",
    "é", "\t", "\n  k: v", "\nk2: ", "{a: 1}", "[1, 2]", " &b {c: d}", "*b",
]  # fmt: skip


def outcome(path: Path) -> tuple[Any, ...]:
    try:
        loaded = load.load_spec(path, "spec.yaml")
    except SpecInvalid as exc:
        return ("invalid", [str(e) for e in exc.errors])
    return ("ok", loaded.data, loaded.values, loaded.keys)


def pure(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    with monkeypatch.context() as patch:
        patch.setattr(load, "_FAST_LOADER", None)
        return outcome(path)


@pytest.mark.skipif(load._FAST_LOADER is None, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(ROOT).as_posix() for p in FILES])
def test_every_spec_in_the_repository_loads_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert outcome(path) == pure(path, monkeypatch)


@pytest.mark.skipif(load._FAST_LOADER is None, reason="PyYAML was built without libyaml")
def test_random_yaml_loads_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(10)
    spec = tmp_path / "spec.yaml"
    base = (ROOT / "spec" / "hellotracks.yaml").read_text("utf-8")
    fast_ok = 0
    for n in range(1500):
        if n % 3:
            text = "k: " + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 16)))
        else:  # a real spec with a few pieces spliced in somewhere
            at = rng.randrange(len(base))
            text = base[:at] + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3))) + base[at + rng.randint(0, 3) :]
        spec.write_text(text, "utf-8")
        got = outcome(spec)
        assert got == pure(spec, monkeypatch), repr(text)
        fast_ok += got[0] == "ok"
    assert fast_ok > 200  # the comparison covered many files that load


def test_valid_spec_never_reaches_the_pure_python_composer(monkeypatch: pytest.MonkeyPatch) -> None:
    if load._FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")

    def refuse(*args: Any) -> Any:
        raise AssertionError("the pure-Python composer ran for a clean spec")

    monkeypatch.setattr(load, "_compose", refuse)
    assert load.load_spec(ROOT / "spec" / "hellotracks.yaml").data["operations"]
