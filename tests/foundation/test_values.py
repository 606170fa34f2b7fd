"""connector_gen.model.values: the one definition of each field type's check, parse and format."""

from __future__ import annotations

from typing import Any

import pytest

from connector_gen.model import values
from connector_gen.model.values import FIELD_TYPES, Shape, format_text, parse, problem, range_message


def test_every_type_of_the_schema_is_defined_here() -> None:
    import json
    from pathlib import Path

    schema = json.loads((Path(__file__).resolve().parents[2] / "spec" / "capability-spec.schema.json").read_text())
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            enum = node.get("type", {}).get("enum") if isinstance(node.get("type"), dict) else None
            if enum and "timestamp_ms" in enum:
                found.update(e for e in enum if e not in values.ALIASES)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(schema)
    assert found == set(FIELD_TYPES)


@pytest.mark.parametrize(
    ("shape", "value", "must", "said"),
    [
        (Shape("integer", 0, 10), 11, "must be an integer from 0 to 10", "11 is above the maximum 10"),
        (Shape("integer", 0, 10), -1, "must be an integer from 0 to 10", "-1 is below the minimum 0"),
        (Shape("integer", 0, 10), True, "must be an integer from 0 to 10", "expected an integer, got True"),
        (Shape("number", 1), float("nan"), "must be a number of at least 1", "expected a number, got nan"),
        (Shape("datetime", format="epoch_ms"), -5, "must be a non-negative integer timestamp in epoch milliseconds", None),
        (Shape("boolean"), "yes", "must be true or false", "expected true or false, got 'yes'"),
        (Shape("string"), 5, "must be a string", "expected a string, got 5"),
        (Shape("date"), "2026-02-31", "must be a date in YYYY-MM-DD format", None),
        (Shape("time"), "24:00", "must be a time in HH:mm format (00:00 to 23:59)", "'24:00' is not a time in HH:mm format"),
        (Shape("email"), "nope", "must be an email address", "'nope' is not an email address"),
        (Shape("phone"), "+1 234", "must be a phone number in international format, e.g. +14155556789", None),
        (Shape("url"), "not a url", "must be an http(s) URL", "'not a url' is not an http(s) URL"),
        (Shape("string", choices=("a", "b")), "c", "must be one of a, b", "'c' is not one of ['a', 'b']"),
    ],
)
def test_one_problem_two_wordings(shape: Shape, value: Any, must: str, said: str | None) -> None:
    found = problem(shape, value)
    assert found is not None and found.must == must
    if said is not None:
        assert found.said == said


@pytest.mark.parametrize(
    ("shape", "value"),
    [
        (Shape("integer", 0, 10), 10),
        (Shape("number"), 2.5),
        (Shape("date"), "2024-02-29"),
        (Shape("phone"), "+1 (415) 555-6789"),
        (Shape("url"), "https://example.com/a?b=c"),
        (Shape("time"), "23:59"),
        (Shape("integer", 5, 1), 99),  # a contradictory range is reported on its own, not per value
    ],
)
def test_fitting_values(shape: Shape, value: Any) -> None:
    assert problem(shape, value) is None


def test_parse_and_format_are_inverse_for_text_inputs() -> None:
    assert parse(Shape("integer"), "42") == 42
    assert parse(Shape("number"), "2.5") == 2.5 and parse(Shape("number"), "2") == 2
    assert parse(Shape("boolean"), "TRUE") is True
    assert parse(Shape("integer"), "ten") == "ten"  # left as text: `problem` says what it should be
    assert parse(Shape("date"), "2026-01-01") == "2026-01-01"
    for value in (42, 2.5, True, False, "x"):
        shape = Shape({bool: "boolean", int: "integer", float: "number", str: "string"}[type(value)])  # type: ignore[arg-type]
        assert parse(shape, format_text(value)) == value


def test_range_message_is_the_wording_of_every_target() -> None:
    assert range_message(Shape("integer", 0, 10), "Priority") == "Priority must be a whole number from 0 to 10."
    assert range_message(Shape("number", None, 5), "Weight") == "Weight must be a number of at most 5."
    assert values.in_range(Shape("integer", 0, 10), 10) and not values.in_range(Shape("integer", 0, 10), 11)


def test_every_scalar_type_has_a_valid_example() -> None:
    for kind in FIELD_TYPES:
        for fmt in values.DATETIME_FORMATS if kind == "datetime" else (None,):
            shape = Shape(kind, format=fmt)
            assert problem(shape, values.example(shape)) is None, (kind, fmt)
