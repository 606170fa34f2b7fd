"""Make's own limits on a spec, found before rendering and reported at the spec entry that breaks them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ...errors import SpecError
from ...model import Field, Input, Model, Operation
from ...render import problem
from . import components as comps
from . import conventions as conv
from . import universal
from .conventions import module_id

# Module and RPC local ids (also their remote names): the Make Apps Editor's validate-id.ts (integromat/vscode-apps-sdk).
LOCAL_ID = re.compile(r"^[a-zA-Z][0-9a-zA-Z]{2,63}$")
# Lengths from Make's own JSON schemas of app files (vscode-apps-sdk syntaxes/imljson/schemas, as in
# platform-schemas/make/): parameters.json #parameter.label and #options[].label; sources.json #url and #baseUrl;
# response.json #error (.message and per-status .message), #iterate (and .container), trigger .id, metadata .value.
LABEL_MAX = 256
URL_MAX = 512
ERROR_MAX = 1024
EXPRESSION_MAX = 512
_MODULE_KINDS = ("polling_trigger", "action", "search", "list")
# Modules of these kinds have a static `limit` parameter of their own (Make's result limit).
_LIMITED = ("polling_trigger", "list")


def _label_pointer(inp: Input) -> str:
    """Where an input's label was written: its own `label`, else its field's."""
    return f"{inp.pointer}/label" if inp.label != inp.field.label else f"{inp.field.pointer}/label"


def _labels(fld: Field, label: str, where: str, *, choices: bool = True) -> Iterator[tuple[str, str]]:
    """(text, pointer) of a parameter's label, its choices' labels (options) and its sub-fields' labels."""
    yield label, where
    for choice in fld.choices if choices else ():
        yield str(choice), f"{fld.pointer}/choices"
    for sub in fld.fields:
        yield from _labels(sub, sub.label, f"{sub.pointer}/label", choices=choices)


def _ids(model: Model, ops: list[Operation]) -> Iterator[SpecError]:
    ids: dict[str, Operation] = {}
    folders: dict[str, Operation] = {}
    for op in ops:
        local = module_id(op)
        if not LOCAL_ID.match(local):
            message = f"Make module id '{local}' (the operation key in camelCase) needs 3 to 64 letters and digits"
            yield problem(model, op.pointer, message)
        if local == universal.LOCAL_ID:
            yield problem(model, op.pointer, f"Make module id '{local}' is the universal module's; rename the operation")
        other = ids.setdefault(local, op)
        folder = folders.setdefault(comps.kebab(local), op)
        if other is not op:
            yield problem(model, op.pointer, f"Make module id '{local}' of '{op.key}' is also the module id of '{other.key}'")
        elif folder is not op:
            message = f"Make module folder '{comps.kebab(local)}' of '{op.key}' is also the folder of '{folder.key}'"
            yield problem(model, op.pointer, message)


def _too_long(model: Model, text: Any, limit: int, pointer: str, what: str) -> Iterator[SpecError]:
    if isinstance(text, str) and len(text) > limit:
        yield problem(model, pointer, f"makes the {what} {len(text)} characters long; Make allows at most {limit}")


def _module(model: Model, op: Operation) -> Iterator[SpecError]:
    limit_inputs = [i for i in op.inputs if i.name == comps.LIMIT_PARAM] if op.kind in _LIMITED else []
    for inp in limit_inputs:
        message = f"Make's {op.kind.replace('_', ' ')} modules have their own '{comps.LIMIT_PARAM}' parameter; rename the input"
        yield problem(model, f"{inp.pointer}/name", message)
    for inp in op.inputs:
        for text, where in _labels(inp.field, inp.label, _label_pointer(inp)):
            if not 1 <= len(text) <= LABEL_MAX:
                yield problem(model, where, f"Make labels need 1 to {LABEL_MAX} characters, not {len(text)}")
    if limit_inputs:
        return  # the module cannot be built to measure its expressions
    comm = comps.module(model, op).sections["communication"]
    yield from _too_long(model, comm["url"], URL_MAX, f"{op.request.pointer}/path", "module's URL")
    trigger = comm["response"].get("trigger")
    if trigger and op.trigger:
        yield from _too_long(model, trigger["id"], EXPRESSION_MAX, f"{op.trigger.pointer}/dedupe", "trigger id expression")


def _converted(fld: Field) -> bool:
    return fld.type in ("date", "datetime", "map") or any(_converted(sub) for sub in fld.fields)


def _unsayable(model: Model, op: Operation) -> Iterator[SpecError]:
    """Inputs whose values IML cannot convert: dates or maps inside line items (IML cannot iterate with a function),
    fixed lists or objects in a form body (IML has no literals for them)."""
    for inp in op.inputs:
        items = inp.field.items
        if items is not None and _converted(items):
            message = "Make cannot convert dates or maps inside a list for the API (IML has no per-item conversion)"
            yield problem(model, items.pointer, message)
    if op.request.encoding == "form":
        for name, value in op.request.body:
            if isinstance(value, list | dict):
                message = f"Make's form body cannot write the fixed list or object '{name}' (IML has no literal for it)"
                yield problem(model, f"{op.request.pointer}/body", message)


def _paging(model: Model, op: Operation) -> Iterator[SpecError]:
    """Paging Make's directives cannot say: page parameters in a body Make does not send as JSON data."""
    pag = op.pagination
    if pag is None or pag.location != "body" or not op.response.many:
        return
    if op.request.encoding == "form" or op.request.method == "GET":
        message = (
            "Make's pagination directive replaces the whole body, so paging in a body needs a JSON body "
            f"(this request is {op.request.method}{' with a form body' if op.request.encoding == 'form' else ''})"
        )
        yield problem(model, pag.pointer, message)


def _connection(model: Model) -> Iterator[SpecError]:
    # Make keeps these names for itself: a parameter called so mirrors Make's own value (Make's connection docs).
    reserved = {"accountName", "teamID"}
    if model.auth.oauth2 is not None:
        reserved |= set(conv.OAUTH_DATA)  # the connection data the OAuth calls store tokens under
        if model.auth.oauth2.grant == "client_credentials":
            reserved |= {conv.CLIENT_ID, conv.CLIENT_SECRET}
    names: dict[str, str] = {}
    for fld in model.connection.asked:
        name = conv.param_name(fld)
        if not name[:1].isalpha() or not name.isascii() or not name.isalnum():
            yield problem(model, fld.pointer, f"Make connection parameter '{name}' needs letters and digits only")
        elif name in reserved:
            yield problem(model, fld.pointer, f"Make keeps the connection name '{name}' for itself; rename the field")
        elif name in names:
            yield problem(model, fld.pointer, f"Make connection parameter '{name}' is also the parameter of '{names[name]}'")
        names.setdefault(name, fld.key)
        if len(fld.label) > LABEL_MAX:
            yield problem(model, f"{fld.pointer}/label", f"Make labels need 1 to {LABEL_MAX} characters, not {len(fld.label)}")
    for fld in model.connection.fields:
        # IML regexes are JavaScript's: Python-only syntax would not match in Make.
        if fld.derive is not None and re.search(r"\(\?P|\\[AZz]|\(\?#", fld.derive.pattern):
            message = "Make computes this in IML, whose regular expressions are JavaScript's: use (?<name>...), ^ and $"
            yield problem(model, f"{fld.pointer}/derive/pattern", message)
    if model.auth.oauth2 is not None:
        for f in model.auth_test.resource.fields:
            if f.name in conv.OAUTH_DATA:
                message = f"Make keeps the OAuth tokens in the connection data as '{f.name}'; this field would replace them"
                yield problem(model, f.pointer, message)


def _shared(model: Model, ops: list[Operation]) -> Iterator[SpecError]:
    base = comps.base(model)
    yield from _too_long(model, base["baseUrl"], URL_MAX, f"{model.app.pointer}/base_url", "base URL")
    comm = comps.connection(model).sections["communication"]
    test = comm.get("info", comm)
    yield from _too_long(model, test["url"], URL_MAX, f"{model.app.pointer}/base_url", "connection test URL")
    label = f"{model.connection.pointer}/label"
    yield from _too_long(model, test["response"]["metadata"]["value"], EXPRESSION_MAX, label, "connection label expression")
    for op in ops:
        yield from _too_long(model, comps.items(op), EXPRESSION_MAX, op.pointer, "response records expression")
    error = base["response"]["error"]
    where = f"{model.http.pointer}/errors/message"
    yield from _too_long(model, error["message"], ERROR_MAX, where, "error message expression")
    for code, entry in error.items():
        if not code.isdigit():
            continue
        status = model.http.status(int(code))
        pointer = f"{status.pointer}/message" if status else where  # 429 and rate-limit rules read the error paths
        yield from _too_long(model, entry["message"], ERROR_MAX, pointer, "error message expression")
    yield from _connection(model)
    for res in {op.resource.key: op.resource for op in ops}.values():
        for fld in res.fields:
            if fld.write_only:
                continue
            for text, where in _labels(fld, fld.label, f"{fld.pointer}/label", choices=False):
                if len(text) > LABEL_MAX:
                    yield problem(model, where, f"Make labels need 1 to {LABEL_MAX} characters, not {len(text)}")


def check(model: Model) -> list[SpecError]:
    """Every Make limit the spec breaks: ids and folders, the `limit` parameter, connection names, lengths."""
    ops = [op for op in model.operations if op.kind in _MODULE_KINDS]
    found = list(_ids(model, ops))
    for op in ops:
        found.extend(_module(model, op))
    found.extend(_shared(model, ops))
    for op in ops:
        found.extend(_unsayable(model, op))
    for op in ops:
        found.extend(_paging(model, op))
    return found
