"""`Frozen` records repr, compare and hash exactly as the methods a plain frozen dataclass would generate."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from connector_gen.frozen import Frozen
from connector_gen.pipeline import load_model

ROOT = Path(__file__).resolve().parents[2]


def records(value: Any, seen: set[int] | None = None) -> list[Frozen]:
    """Every Frozen record reachable from `value`, once each."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return []
    seen.add(id(value))
    found: list[Frozen] = []
    if isinstance(value, Frozen):
        found.append(value)
        children: Any = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        children = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        children = list(value)
    else:
        return found
    for child in children:
        found.extend(records(child, seen))
    return found


def twin(cls: type) -> type:
    """The plain frozen dataclass with the same fields: the methods the stdlib generates, to compare against."""
    fields = [(f.name, Any, dataclasses.field(compare=f.compare, repr=f.repr)) for f in dataclasses.fields(cls)]
    made = dataclasses.make_dataclass(cls.__name__, fields, frozen=True)
    made.__qualname__ = cls.__qualname__
    return made


def hashed(value: Any) -> int | str:
    try:
        return hash(value)
    except TypeError as exc:  # a record holding a dict: both refuse alike
        return f"TypeError: {exc}"


@pytest.mark.parametrize(
    "spec", ["spec/hellotracks.yaml", "tests/specs/desk/desk.yaml", "tests/apis/shopify/spec.yaml", "tests/apis/stripe/spec.yaml"]
)
def test_every_record_of_a_model_acts_as_its_dataclass_would(spec: str) -> None:
    model = load_model(ROOT / spec)
    found = records(model)
    assert len({type(r) for r in found}) >= 20
    for record in found:
        values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
        plain = twin(type(record))(**values)
        assert repr(record) == repr(plain)
        assert hashed(record) == hashed(plain)
        copy = dataclasses.replace(record)
        assert copy == record and (copy != record) is False and (copy == plain) is False


def test_compare_false_fields_take_no_part_and_other_classes_are_not_equal() -> None:
    @dataclasses.dataclass(frozen=True, repr=False, eq=False)
    class Point(Frozen):
        x: int
        where: str = dataclasses.field(compare=False, repr=False)

    @dataclasses.dataclass(frozen=True, repr=False, eq=False)
    class Other(Frozen):
        x: int

    assert Point(1, "a") == Point(1, "b") and hash(Point(1, "a")) == hash(Point(1, "b")) == hash((1,))
    assert Point(1, "a") != Point(2, "a") and Point(1, "a") != Other(1) and Point(1, "a").__eq__(1) is NotImplemented
    assert repr(Point(1, "a")).endswith("Point(x=1)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        Point(1, "a").x = 2
