"""Check 5: the IML interpreter on its own (operators, functions, types, undefined handling, errors)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from connector_gen.make_engine.functions import runner
from connector_gen.make_engine.iml import UNDEFINED, Context, IMLError, drop_undefined, evaluate, references, render

NOW = datetime(2026, 5, 28, 20, 26, 40, tzinfo=UTC)
CTX = Context(
    {
        "parameters": {"id": "j1", "title": "Fix", "priority": 0, "contact": {"name": "Ann"}, "empty": "", "First Name": "Bo"},
        "body": {"data": {"items": [{"id": "a", "n": 2}, {"id": "b", "n": 3}]}, "error": {"message": "Nope"}},
        "statusCode": 404,
    },
    NOW,
)


def ev(expression: str) -> Any:
    return evaluate(expression, CTX)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("7 % 4", 3),
        ("10 / 4", 2.5),
        ("'a' + 1", "a1"),
        ("2 - -1", 3),
        ("1 == 1", True),
        ("1 = '1'", False),  # equality is strict
        ("'x' === 'x'", True),
        ("1 != 2", True),
        ("true && 'yes'", "yes"),
        ("0 || 'fallback'", "fallback"),
        ("!parameters.empty", True),
        ("3 >= 3 && 2 < 3", True),
        ("'b' > 'a'", True),
        ("parameters.priority", 0),
        ("parameters.`First Name`", "Bo"),
        ("body.data.items[1].id", "b"),
        ("body.data.items.length", 2),
        ("statusCode == 404", True),
    ],
)
def test_operators_and_paths(expression: str, expected: Any) -> None:
    assert ev(expression) == expected
    assert type(ev(expression)) is type(expected)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("if(parameters.priority, 'set', 'unset')", "unset"),
        ("if(1 < 2, 'a', noSuchFunction())", "a"),  # only the chosen branch is evaluated
        ("ifempty(parameters.empty, 'x')", "x"),
        ("ifempty(parameters.title, 'x')", "Fix"),
        ("ifempty(parameters.missing, body.error.message)", "Nope"),
        ("get(body, 'data.items.2.id')", "b"),  # get() counts array items from 1
        ("omit(parameters.contact, 'name')", {}),
        ("pick(body.data.items[0], 'id')", {"id": "a"}),
        ("length(body.data.items)", 2),
        ("first(body.data.items).id", "a"),
        ("formatDate('2026-05-10T00:00:00.000Z', 'YYYY-MM-DD', 'UTC')", "2026-05-10"),
        ("formatDate('2026-05-10T23:30:00.000Z', 'YYYY-MM-DD', 'Europe/Berlin')", "2026-05-11"),
        ("formatDate(now, 'YYYY-MM-DDTHH:mm:ss[Z]')", "2026-05-28T20:26:40Z"),
        ("formatDate(addDays(now, -7), 'x')", str(1_780_000_000_000 - 7 * 86_400_000)),
        ("formatDate(1780000000000, 'X')", "1780000000"),
        ("formatDate(parseDate('10.05.2026 14:05', 'DD.MM.YYYY HH:mm', 'UTC'), 'YYYY-MM-DD HH:mm')", "2026-05-10 14:05"),
        ("formatDate(parseDate('1780000000000', 'x'), 'YYYY')", "2026"),
        ("timestamp", 1_780_000_000),
        ("formatDate(parameters.missing, 'YYYY')", UNDEFINED),
    ],
)
def test_functions(expression: str, expected: Any) -> None:
    assert ev(expression) == expected


def test_a_lone_expression_keeps_its_type_and_mixed_text_becomes_a_string() -> None:
    assert render("{{parameters.contact}}", CTX) == {"name": "Ann"}
    assert render("{{parameters.priority}}", CTX) == 0
    assert render("{{1 < 2}}", CTX) is True
    assert render("[{{statusCode}}] {{body.error.message}}", CTX) == "[404] Nope"
    assert render("{{parameters.priority}}-{{true}}-{{parameters.missing}}", CTX) == "0-true-"
    assert render({"a": ["{{parameters.id}}", 5]}, CTX) == {"a": ["j1", 5]}


def test_undefined_values_are_dropped_but_null_and_empty_text_are_kept() -> None:
    body = render(
        {
            "title": "{{parameters.title}}",
            "gone": "{{parameters.missing}}",
            "nested": {"x": "{{undefined}}"},
            "null": "{{null}}",
            "blank": "{{parameters.empty}}",
        },
        CTX,
    )
    assert body["gone"] is UNDEFINED
    assert drop_undefined(body) == {"title": "Fix", "nested": {}, "null": None, "blank": ""}


def test_missing_paths_are_undefined_not_errors() -> None:
    assert ev("body.nothing.deeper.still") is UNDEFINED
    assert ev("parameters.id.length") == 2
    assert ev("body.data.items[9]") is UNDEFINED


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("noSuchFunction(1)", "unknown function noSuchFunction()"),
        ("1 +", "expected"),
        ("(1 + 2", "expected ')'"),
        ("parameters..id", "expected a key"),
        ("1 # 2", "unexpected character"),
        ("formatDate('not a date', 'YYYY')", "formatDate() failed"),
    ],
)
def test_errors_name_the_file_and_the_expression(expression: str, message: str) -> None:
    with pytest.raises(IMLError) as caught:
        render("{{" + expression + "}}", CTX, "modules/x/x.communication.iml.json#/qs/a")
    text = str(caught.value)
    assert message in text
    assert text.startswith("modules/x/x.communication.iml.json#/qs/a: ")
    assert "{{" + expression.strip() + "}}" in text


def test_unbalanced_braces_are_an_error() -> None:
    with pytest.raises(IMLError, match="unbalanced"):
        render("{{parameters.id}", CTX, "f")
    with pytest.raises(IMLError, match="unbalanced"):
        render("x}} {{parameters.id}}", CTX, "f")


def test_references_lists_roots_and_functions() -> None:
    roots, calls = references("ifempty(item.name, parameters.`First Name`) + formatDate(now, 'x')")
    assert {"item", "item.name", "parameters", "parameters.First Name", "now"} <= roots
    assert calls == {"ifempty", "formatDate"}


@pytest.mark.parametrize("text", ["it's", 'say "hi"', "back\\slash", "plain"])
def test_string_literals_round_trip_through_the_targets_quoting(text: str) -> None:
    from connector_gen.targets.make.escape import iml_literal

    assert ev(iml_literal(text)) == text
    assert ev('"a\\"b"') == 'a"b' and ev("'\\u00e9\\n'") == "é\n"


@pytest.mark.parametrize("text", ["{{x}}", "done}}", "{{connection.apiKey}}", "a{{{b}}}c", "}", "{", "new\nline\u2028"])
def test_text_with_braces_becomes_an_expression_that_yields_it(text: str) -> None:
    from connector_gen.targets.make.escape import iml_literal, iml_text

    assert ev(iml_literal(text)) == text
    ctx = Context({"connection": {"apiKey": "SECRET"}}, datetime.now(UTC))
    assert render(iml_text(text), ctx) == text
    assert iml_text("plain {x}") == "plain {x}" and iml_text(7) == 7


LISTS = Context(
    {"errors": [{"message": "a"}, {"message": "b"}, {"message": "a"}, {"code": 1}], "pairs": [{"key": "k", "value": "v"}]},
    NOW,
)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("map(errors, 'message')", ["a", "b", "a"]),
        ("join(distinct(map(errors, 'message')), '; ')", "a; b"),
        ("toCollection(pairs, 'key', 'value')", {"k": "v"}),
        ("parseNumber('1777540000')", 1777540000),
        ("parseNumber('9,5', ',')", 9.5),
        ("toString(parseNumber('soon'))", "NaN"),
        ("indexOf('  <html>', '<')", 2),
        ("substring('abcdef', 1, 3)", "bc"),
        ("trim('  x ')", "x"),
    ],
)
def test_array_text_and_math_functions_as_make_documents_them(expression: str, expected: Any) -> None:
    assert evaluate(expression, LISTS) == expected


def test_an_apps_own_function_runs_in_node() -> None:
    double = runner("double", "function double(x, y) { return y === undefined ? x * 2 : 'both'; }")
    ctx = Context({"n": 21}, NOW, {"double": double})
    assert evaluate("double(n)", ctx) == 42
    assert evaluate("double(n, undefined)", ctx) == 42  # undefined arrives as JavaScript's undefined
    broken = Context({}, NOW, {"boom": runner("boom", "function boom() { throw new Error('bad'); }")})
    with pytest.raises(IMLError, match="boom"):
        evaluate("boom()", broken)
