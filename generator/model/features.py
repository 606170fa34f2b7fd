"""Where a model uses the spec language of issue 13 (shapes, types, encodings, errors), for transitional guards.

Each target's `check` refuses the features in its own `NOT_RENDERED_YET` set with a located error until it renders
them; the set shrinks to nothing as targets learn them, and then this module and the guards go.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from .nodes import Field, Model

Feature = Literal[
    "datetime_format",  # a datetime written as ISO 8601 or epoch seconds (epoch milliseconds is today's)
    "array",  # an array field (of scalars or of objects: line items)
    "map",  # a free-form map field
    "typed_choices",  # choices that are not text, or carry their own labels
    "field_name",  # a field, filter or parameter name that is not a plain identifier (spaces, dashes, brackets)
    "nested_title",  # a title_field inside an object field
    "response_item",  # records wrapped inside each list item
    "response_empty",  # an action that answers with nothing (204)
    "fixed_body",  # fixed body values
    "form_encoding",  # a form-encoded body
    "error_paths",  # more than one error path, or one with an index or `*`
    "rate_limited",  # rate-limit answers besides 429
]
FEATURES: tuple[Feature, ...] = Feature.__args__  # type: ignore[attr-defined]

_WHAT: dict[Feature, str] = {
    "datetime_format": "date-times in ISO 8601 or epoch seconds",
    "array": "array fields",
    "map": "map fields",
    "typed_choices": "choices that are not text or carry their own labels",
    "field_name": "names that are not plain identifiers",
    "nested_title": "a title field inside an object",
    "response_item": "records wrapped inside list items",
    "response_empty": "empty answers",
    "fixed_body": "fixed body values",
    "form_encoding": "form-encoded bodies",
    "error_paths": "several error paths or paths with indexes",
    "rate_limited": "rate-limit rules besides 429",
}


def what(feature: Feature) -> str:
    """The feature in words, to follow "does not render ... yet"."""
    return _WHAT[feature]


def _plain(name: str) -> bool:
    return name.isidentifier() and name.isascii()


def _field_uses(fld: Field) -> Iterator[tuple[Feature, str]]:
    if fld.type == "datetime" and fld.format != "epoch_ms":
        yield "datetime_format", fld.pointer
    if fld.type == "array":
        yield "array", fld.pointer
    if fld.type == "map":
        yield "map", fld.pointer
    if any(not isinstance(c, str) for c in fld.choices) or any(
        label != c[:1].upper() + c[1:] for c, label in zip(fld.choices, fld.choice_labels, strict=True) if isinstance(c, str)
    ):
        yield "typed_choices", fld.pointer
    if not _plain(fld.name):
        yield "field_name", fld.pointer
    for sub in (*fld.fields, *((fld.items,) if fld.items else ())):
        yield from _field_uses(sub)


def uses(model: Model) -> Iterator[tuple[Feature, str]]:
    """(feature, pointer) of each use of the new spec language in `model`."""
    for res in model.resources:
        for fld in res.fields:
            yield from _field_uses(fld)
        for flt in res.filters:
            yield from _field_uses(flt.field)
        if res.title_field and res.title_field not in {f.name for f in res.fields}:
            yield "nested_title", f"{res.pointer}/title_field"
    for op in model.operations:
        for inp in op.inputs:
            if not _plain(inp.name):
                yield "field_name", inp.pointer
        for name, _ in op.request.query:
            if not _plain(name):
                yield "field_name", f"{op.request.pointer}/query"
        if op.response.item:
            yield "response_item", op.pointer
        if op.response.empty:
            yield "response_empty", f"{op.pointer}/response"
        if op.request.body:
            yield "fixed_body", f"{op.request.pointer}/body"
        if op.request.encoding == "form" and op.request.method not in ("GET", "DELETE"):
            yield "form_encoding", op.request.pointer
    paths = model.http.error_paths
    if len(paths) > 1 or any(s == "*" or s.isdigit() for p in paths for s in p):
        yield "error_paths", f"{model.http.pointer}/errors/message"
    if model.http.rate_limited:
        yield "rate_limited", f"{model.http.pointer}/errors/rate_limited"
