"""`{name}` templates (model/template.py): parse, escapes, render, emit and the errors a user reads."""

from __future__ import annotations

import pytest

from connector_gen.model.template import Placeholder, Template, TemplateError, parse, static


def test_literal_text_is_one_part_and_static() -> None:
    t = parse("https://api.example.com/v1")
    assert t.parts == ("https://api.example.com/v1",)
    assert t.is_static and t.names == ()
    assert t.literal == "https://api.example.com/v1"
    assert t.text == "https://api.example.com/v1"


def test_placeholders_and_text_alternate_in_order() -> None:
    t = parse("https://{shop}.myshopify.com/admin/api/{api_version}")
    assert t.parts == ("https://", Placeholder("shop"), ".myshopify.com/admin/api/", Placeholder("api_version"))
    assert t.names == ("shop", "api_version")
    assert not t.is_static


def test_names_are_unique_in_order_of_first_use() -> None:
    t = parse("{b}-{a}-{b}")
    assert t.names == ("b", "a")
    assert t.parts == (Placeholder("b"), "-", Placeholder("a"), "-", Placeholder("b"))


def test_dotted_paths_and_spaces_inside_braces() -> None:
    assert parse("{company.name} ({ user.0.email })").names == ("company.name", "user.0.email")
    assert parse("{ token }").parts == (Placeholder("token"),)


def test_empty_text_has_no_parts() -> None:
    t = parse("")
    assert t.parts == () and t.is_static and t.literal == "" and t.render({}) == ""


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("{{", ("{",)),
        ("}}", ("}",)),
        ("{{literal}}", ("{literal}",)),
        ("a{{b}}c", ("a{b}c",)),  # escapes join the text around them: one literal part
        ("{{{name}}}", ("{", Placeholder("name"), "}")),
        ("x{{{{y", ("x{{y",)),
    ],
    ids=["open", "close", "braced-word", "joined", "escape-around-placeholder", "two-escapes"],
)
def test_doubled_braces_are_literal(text: str, parts: tuple[str | Placeholder, ...]) -> None:
    assert parse(text).parts == parts


def test_literal_unescapes_a_static_template() -> None:
    t = parse("JSON {{ }} here")
    assert t.is_static and t.literal == "JSON { } here"
    assert t.text == "JSON {{ }} here"  # the spec's own text is kept as written


def test_render_fills_every_placeholder() -> None:
    t = parse("Token {api_key} for {{account}} {region}")
    assert t.render({"api_key": "k-1", "region": "eu"}) == "Token k-1 for {account} eu"


def test_render_turns_values_into_text() -> None:
    assert parse("{n}/{flag}").render({"n": 3, "flag": True}) == "3/True"  # type: ignore[dict-item]


def test_render_of_a_missing_value_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="region"):
        parse("https://{region}.example.com").render({})


def test_emit_is_the_one_emission_point() -> None:
    t = parse("https://{shop}.example.com/{{v}}/{version}")
    out = t.emit(lambda s: s.upper(), lambda name: f"{{{{bundle.authData.{name}}}}}")
    assert out == "HTTPS://{{bundle.authData.shop}}.EXAMPLE.COM/{V}/{{bundle.authData.version}}"


def test_emit_hands_literal_text_unescaped_and_placeholders_by_name() -> None:
    seen: list[tuple[str, str]] = []

    def literal(text: str) -> str:
        seen.append(("text", text))
        return text

    def placeholder(name: str) -> str:
        seen.append(("name", name))
        return "<" + name + ">"

    assert parse("{{a}} {b}").emit(literal, placeholder) == "{a} <b>"
    assert seen == [("text", "{a} "), ("name", "b")]


def test_static_keeps_braces_as_they_are() -> None:
    t = static("{not a placeholder}")
    assert t == Template("{not a placeholder}", ("{not a placeholder}",))
    assert t.is_static and t.literal == "{not a placeholder}"
    assert static("").parts == ()


def test_templates_are_values() -> None:
    assert parse("{a}x") == parse("{a}x")
    assert hash(parse("{a}x")) == hash(parse("{a}x"))
    assert parse("{a}x") != parse("{a}y")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "https://{region.example.com",
            "'{' at character 9 has no closing '}'; a placeholder is written {name}, a literal brace '{{'",
        ),
        ("a}b", "'}' at character 2 closes no '{'; a placeholder is written {name}, a literal brace '}}'"),
        ("{{a}", "'}' at character 4 closes no '{'"),  # '{{' is a literal brace, so the '}' is alone
        ("{a} {", "'{' at character 5 has no closing '}'"),
    ],
    ids=["open", "close", "escape-then-close", "trailing-open"],
)
def test_an_unmatched_brace_names_its_position_and_the_escape(text: str, message: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("inner", ["", " ", "a b", "1st", "a.", "a..b", "a-b", "é"], ids=repr)
def test_a_placeholder_must_be_a_name(inner: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse("x{" + inner + "}y")
    assert str(caught.value) == (
        f"'{{{inner}}}' is not a placeholder: a name is letters, digits and _ (dotted for a path, as in "
        "{company.name}); a literal brace is written '{{' or '}}'"
    )


def test_template_error_is_a_value_error() -> None:
    assert issubclass(TemplateError, ValueError)
