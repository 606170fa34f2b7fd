"""The n8n target's one emission point for `{name}` templates: n8n expressions and TypeScript over the credential.

A placeholder names a connection field; n8n keeps each asked field as a credential property of the field's camelCase
name, and computes a derived field where it is used, from its source property with the spec's regular expression.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ...model import Model, Template
from ...model.template import parse
from .ts import parameter_text, quote


def property_name(model: Model, key: str) -> str:
    """The credential property that holds connection field `key`."""
    return model.connection.field(key).names.camel


def _js_string(text: str) -> str:
    """A JavaScript string literal with every brace escaped, so no `{{`/`}}` in it reads as an n8n delimiter."""
    return json.dumps(text).replace("{", "\\u007b").replace("}", "\\u007d")


def field_value(model: Model, key: str, scope: str) -> str:
    """JavaScript for the value of connection field `key` read from `scope` (`$credentials`, `$self`, `credentials`)."""
    field = model.connection.field(key)
    if field.derive is None:
        return f"{scope}.{field.names.camel}"
    source = f"String({scope}.{property_name(model, field.derive.source)} || '')"
    return f"({source}.match(new RegExp({_js_string(field.derive.pattern)})) || [])[1]"


def parameter(model: Model, template: Template, scope: str = "$credentials", wrap: Callable[[str], str] | None = None) -> str:
    """A parameter value n8n evaluates: the literal text, or `=` + text with `{{ expression }}` per placeholder.

    `wrap` turns a placeholder's JavaScript into what is inserted (e.g. `encodeURIComponent(...)` in a path).
    """
    if template.is_static:
        return str(parameter_text(template.literal))

    def literal(text: str) -> str:
        return "{{ " + _js_string(text) + " }}" if "{" in text or "}" in text else text

    def placeholder(name: str) -> str:
        code = field_value(model, name, scope)
        return "{{" + (wrap(code) if wrap else code) + "}}"

    return "=" + template.emit(literal, placeholder)


def path(model: Model, text: str, inputs: dict[str, str]) -> str:
    """A request path as n8n's `url`: each placeholder (an input's JavaScript in `inputs`, else a setting) URL-encoded."""
    parsed = parse(text)
    if parsed.is_static:
        return str(parameter_text(parsed.literal))

    def literal(part: str) -> str:
        return "{{ " + _js_string(part) + " }}" if "{" in part or "}" in part else part

    def placeholder(name: str) -> str:
        return "{{ encodeURIComponent(" + (inputs[name] if name in inputs else field_value(model, name, "$credentials")) + ") }}"

    return "=" + parsed.emit(literal, placeholder)


def code(model: Model, template: Template, scope: str = "credentials") -> str:
    """A TypeScript template literal building the template's text from the credential object `scope`."""
    if template.is_static:
        return quote(template.literal)

    def literal(text: str) -> str:
        return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")

    return "`" + template.emit(literal, lambda name: "${" + field_value(model, name, scope) + "}") + "`"
