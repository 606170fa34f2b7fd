"""Zapier's own limits on a spec, found before rendering and reported at the spec entry that breaks them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...errors import SpecError
from ...model import Field, Input, Model, Operation, Resource
from ...render import problem
from . import app as app_def
from . import connection, fields, pages
from .conventions import SECTIONS, ZAPIER_ID, display_label, form_inputs

# Limits of zapier-platform-schema 19.1.0 (the version core pins; `zapier validate` and core's own schema check
# apply it), from its exported-schema.json:
KEY_MIN = 2  # KeySchema: minLength 2 (trigger, search and create keys)
LABEL_MIN, LABEL_MAX = 2, 64  # BasicDisplaySchema.label
DESCRIPTION_MAX = 1000  # BasicDisplaySchema.description
NOUN_MIN, NOUN_MAX = 2, 255  # TriggerSchema / SearchSchema / CreateSchema .noun
HELP_MAX = 1000  # PlainInputFieldSchema.helpText and AuthFieldSchema.helpText
# AuthFieldSchema.default and FieldChoiceWithLabelSchema: a default, a choice's value, label and sample need at least
# one character.
# FieldChoiceWithLabelSchema: a choice's value, label and sample need at least one character.
# functional-constraints/uniqueInputFieldKeys.js: the input field keys of one action are unique.
# docs.zapier.com/platform/build/operating-constraints: a Zap's deduplication table holds 105,000 rows; a poll reads
# every page of its window, so a trigger that may hand on more records than that in one poll would fire again on
# records Zapier had to forget.
DEDUPE_ROWS = 105_000


def _help_pointer(inp: Input, leaf: Field) -> str:
    """Where a flat input field's help text was written: the input's own `help`, else its field's."""
    if leaf is not inp.field:
        return f"{leaf.pointer}/help"
    return f"{inp.pointer}/help" if inp.help is not None and inp.help != inp.field.help else f"{inp.field.pointer}/help"


def _operation(model: Model, op: Operation) -> Iterator[SpecError]:
    if len(op.key) < KEY_MIN:
        yield problem(
            model, op.pointer, f"the operation key '{op.key}' is too short; Zapier keys need at least {KEY_MIN} characters"
        )
    label = display_label(op)  # what Zapier shows ("Find Job by ID" for a Get search)
    if not LABEL_MIN <= len(label) <= LABEL_MAX:
        yield problem(
            model,
            f"{op.pointer}/label",
            f"label {label!r} has {len(label)} character{'s' * (len(label) != 1)}; Zapier needs {LABEL_MIN} to {LABEL_MAX}",
        )
    leaves = [(inp, leaf) for inp in form_inputs(op) for leaf in inp.leaves]
    seen: dict[str, Input] = {}
    for (inp, leaf), zap in zip(leaves, fields.input_fields(op, notice=False), strict=True):
        key = zap["key"]
        if key in seen:
            other = seen[key].name
            yield problem(model, f"{inp.pointer}/name", f"Zapier input key '{key}' is also the key of input '{other}'")
        seen.setdefault(key, inp)
        help_text = zap.get("helpText", "")
        if len(help_text) > HELP_MAX:
            message = f"help text has {len(help_text)} characters; Zapier allows at most {HELP_MAX}"
            yield problem(model, _help_pointer(inp, leaf), message)
        if "" in leaf.choices or (leaf.items is not None and "" in leaf.items.choices):
            yield problem(model, f"{leaf.pointer}/choices", "Zapier cannot offer an empty choice (choices need a character)")
        yield from _children(model, zap, leaf)


def _children(model: Model, zap: dict[str, Any], leaf: Field) -> Iterator[SpecError]:
    """A line-item group's child keys are the keys of each row's object, so two fields may not share one."""
    if leaf.items is None or "children" not in zap:
        return
    taken: dict[str, Field] = {}
    for child, sub in zip(zap["children"], leaf.items.leaves, strict=True):
        first = taken.setdefault(child["key"], sub)
        if first is not sub:
            message = f"Zapier line-item key '{child['key']}' of field '{sub.dotted}' is also the key of field '{first.dotted}'"
            yield problem(model, sub.pointer, message)


def _resource(model: Model, res: Resource, searches: list[Operation]) -> Iterator[SpecError]:
    if not NOUN_MIN <= len(res.label) <= NOUN_MAX:
        message = f"label has {len(res.label)} characters; Zapier's noun needs {NOUN_MIN} to {NOUN_MAX}"
        yield problem(model, f"{res.pointer}/label", message)
    if fields.id_clash(res):
        message = (
            f"resource '{res.key}' has a field named '{ZAPIER_ID}' but its id_field is '{res.id_field}'; "
            f"Zapier identifies records by '{ZAPIER_ID}', so copying '{res.id_field}' there would overwrite the API's value"
        )
        yield problem(model, f"{res.pointer}/id_field", message)
    taken: dict[str, Field] = {}
    for key, fld, _ in fields.output_keys(res):
        first = taken.setdefault(key, fld)
        if first is not fld:
            message = f"Zapier output key '{key}' of field '{fld.dotted}' is also the key of field '{first.dotted}'"
            yield problem(model, fld.pointer, message)
    for search in searches:
        display = app_def.find_or_create_display(res)
        extra = len(display["label"]) - len(res.label)
        if len(display["label"]) > LABEL_MAX:
            message = (
                f"label has {len(res.label)} characters; '{search.key}' has a create fallback, and Zapier's "
                f"'Find or Create ...' label allows at most {LABEL_MAX} (so at most {LABEL_MAX - extra} here)"
            )
            yield problem(model, f"{res.pointer}/label", message)
        if len(display["description"]) > DESCRIPTION_MAX:
            message = (
                f"label is too long for the description of '{search.key}''s Find or Create action (at most {DESCRIPTION_MAX})"
            )
            yield problem(model, f"{res.pointer}/label", message)


def check(model: Model) -> list[SpecError]:
    """Every Zapier limit the spec breaks: keys, labels, nouns, help texts, choices and colliding keys."""
    ops = [op for op in model.operations if op.kind in SECTIONS]
    found = [e for op in ops for e in _operation(model, op)]
    for res in model.resources:
        if any(op.resource is res for op in ops):
            searches = [op for op in ops if op.resource is res and op.create_fallback]
            found.extend(_resource(model, res, searches))
    found.extend(_connection(model))
    found.extend(_polls(model))
    return found


def _polls(model: Model) -> Iterator[SpecError]:
    for op in model.of_kind("polling_trigger"):
        pag = pages.pagination(op)
        if pag is None or not pag.pages or pag.max_pages * op.page_size <= DEDUPE_ROWS:
            continue
        message = (
            f"'{op.key}' may read {pag.max_pages} pages of {op.page_size} records in one poll; Zapier's dedupe table keeps "
            f"{DEDUPE_ROWS:,} rows per Zap, so at most {DEDUPE_ROWS // op.page_size} pages"
        )
        yield problem(model, f"{pag.pointer}/max_pages", message)


def _connection(model: Model) -> Iterator[SpecError]:
    oauth = model.auth.oauth2
    if oauth is not None and oauth.grant == "client_credentials":
        # docs.zapier.com/platform/build/oauth: Zapier's OAuth v2 runs the authorization-code grant only, and its
        # authorizeUrl is required (AuthenticationOAuth2ConfigSchema); other grants are left to session or API-key auth.
        message = (
            "Zapier's OAuth v2 supports only the authorization_code grant (it always sends the user to an authorize URL); "
            "for a client_credentials API, ask for an API key or token instead"
        )
        yield problem(model, f"{oauth.pointer}/grant", message)
    for f in model.connection.asked:
        text = connection.help_text(f, model.app.name)
        if len(text) > HELP_MAX:
            which = "API key field's" if f.secret else f"'{f.key}' field's"
            message = f"help text makes the {which} help {len(text)} characters long; Zapier allows at most {HELP_MAX}"
            yield problem(model, f"{f.pointer}/help", message)
        if "" in f.choices:
            yield problem(model, f"{f.pointer}/choices", "Zapier cannot offer an empty choice (choices need a character)")
        if f.default == "":
            yield problem(model, f"{f.pointer}/default", "Zapier cannot save an empty default (AuthFieldSchema.default)")
