"""Zapier target: a Zapier Platform CLI app: one JSON definition whose functions are small JS modules, and index.js."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from ... import markdown
from ...model import POLL_WINDOW_DAYS, Model, Operation, RateLimitRule
from ...names import title_case
from ...render import Files, environment, json_file, register, render_template
from . import app as app_def
from . import connection, conventions, escape, fields, pages
from .check import check as check_limits
from .conventions import DEFINITION_FILE, DELETE_NOTICE, ENTRY_FILE, REQUESTS, display_label, form_inputs, left_out
from .modules import FOLDERS, Modules

TARGET = app_def.TARGET
# Pinned exactly (the Zapier CLI rejects ranges); the smoke harness lockfile pins the same version.
CORE_VERSION = "19.1.0"
# Never `definition.json`: `zapier-platform build` writes and then deletes a file of that name.
BUILD_DEFINITION = "definition.json"

_KINDS = {"polling_trigger": "trigger", "list": "hidden trigger", "search": "search", "action": "action"}


def _package(model: Model) -> dict[str, Any]:
    app = model.app
    package: dict[str, Any] = {
        "name": f"{app.names.kebab}-zapier",
        "version": app.version,
        "description": f"{app.name} integration for Zapier.",
        "main": ENTRY_FILE,
        "private": True,
        "license": app.license,
        "author": f"{app.publisher.name} <{app.publisher.email}>",
        "files": [ENTRY_FILE, DEFINITION_FILE, *(f"{folder}/" for folder in FOLDERS)],
        "dependencies": {"zapier-platform-core": CORE_VERSION},
    }
    if app.homepage_url:
        package["homepage"] = app.homepage_url
    if app.repository:
        package["repository"] = app.repository
    return package


def _request_text(op: Operation) -> str:
    params = dict(op.request.query)
    if not pages.in_body(op):
        params.update((k, v) for k, v in pages.first(op) if k not in params)
    query = [f"{k}={app_def.query_value(v)}" for k, v in params.items()]
    if op.trigger and op.trigger.cursor_param:
        query.insert(0, f"{op.trigger.cursor_param}=<now - {POLL_WINDOW_DAYS} days>")
    shown = form_inputs(op)
    for inp in (i for i in shown if i.location == "query"):
        query.append(f"{inp.name}=<{inp.label}>")
    text = markdown.code(f"{op.request.method} {op.request.path}" + ("?" + "&".join(query) if query else ""))
    body = [i for i in shown if i.location == "body"]
    fixed = [markdown.code(k) for k, _ in op.request.body]
    fixed += [markdown.code(k) for k, _ in pages.first(op) if pages.in_body(op)]
    if body or fixed:
        kind = "form-encoded" if op.request.encoding == "form" else "JSON"
        text += f" with {kind} body " + ", ".join([*fixed, *(markdown.code(i.name) for i in body)])
        text += " (empty inputs are left out)" if body else ""
    if op.trigger and op.trigger.filter:
        text += f"; keeps {markdown.code(f'{op.trigger.filter.field} == {op.trigger.filter.equals}')}"
    if op.trigger and op.trigger.per_update:
        text += "; dedupe on " + " + ".join(f"`{k}`" for k in op.trigger.dedupe)
    if op.search and op.search.exact_input:
        text += "; keeps exact matches on " + ", ".join(f"`{k}`" for k in op.search.exact_fields)
    if op.search and op.search.not_found_status:
        text += f"; {op.search.not_found_status} is a miss (`[]`)"
    return text


def _md_label(op: Operation) -> str:
    return markdown.prose(title_case(op.label))


def _readme(model: Model) -> str:
    rows = [
        {
            "kind": _KINDS[op.kind],
            "key": conventions.operation_key(op),
            "label": display_label(op),
            "description": op.description,
            "request": _request_text(op),
        }
        for op in model.operations
        if op.kind in _KINDS
    ]
    notes = [f"{_md_label(op)}: {pages.poll_text(op)}." for op in model.of_kind("polling_trigger")]
    left = [i for op in model.operations for i in left_out(op)]
    hidden = list(dict.fromkeys(f"{markdown.prose(i.label)} ({markdown.code(i.name)})" for i in left))
    if hidden:
        # Zapier's forms have no advanced section (n8n and Make show such inputs as advanced options).
        notes.append("Inputs the spec marks advanced and optional are left out of the forms: " + ", ".join(hidden) + ".")
    notes += [
        "Triggers poll newest first; Zapier dedupes on each trigger's `primary` output fields (the record id, "
        "plus the update time where every change should fire).",
        "Hidden triggers feed the dynamic dropdowns; fields holding a record id also offer the matching search.",
        "Searches return `[]` when nothing matches; a search with a create fallback is offered as Find or Create.",
    ]
    # Zapier's publishing review asks about these two on purpose; say why up front, by the requirement's heading
    # (docs.zapier.com/platform/publish/integration-publishing-requirements), not by a section number that moves.
    notes += [
        f'Review note: {_md_label(op)} is a generic "updated" trigger (publishing requirements, Triggers: "Update '
        "triggers\"); it is kept because the API's connector contract offers it, and it fires once per change "
        f"(dedupe on {' + '.join(op.trigger.dedupe)})."
        for op in model.of_kind("polling_trigger")
        if op.trigger and op.trigger.per_update
    ]
    notes += [
        f"Review note: {_md_label(op)} removes a record for good (publishing requirements, Actions: Zapier discourages "
        "delete actions); it is kept because the API's connector contract offers it, and its form opens with a copy "
        f"field ({markdown.code(DELETE_NOTICE)}) saying the step cannot be undone."
        for op in model.of_kind("action")
        if op.crud == "delete"
    ]
    env = environment(TARGET)
    return render_template(
        env,
        TARGET,
        "README.md",
        app=model.app,
        spec_file=model.spec_file,
        definition_file=DEFINITION_FILE,
        core_version=CORE_VERSION,
        auth=_auth_readme(model),
        error_path=" or ".join(f"`{'.'.join(p)}`" for p in model.http.error_paths),
        rate_limited=", ".join(_rule_text(r) for r in model.http.rate_limited),
        items_path=".".join(model.http.items_path) or "$",
        record_path=".".join(model.http.record_path) or "$",
        timestamps=", ".join(f"`{f.name}` as `{f.iso_key}`" for f in fields.timestamp_fields(model.resources)),
        operations=rows,
        requests=markdown.operations_table(model, REQUESTS),
        notes=notes,
    )


def _rule_text(rule: RateLimitRule) -> str:
    if rule.header is None:
        return f"{rule.status}"
    value = f": {rule.equals}" if rule.equals is not None else ""
    return f"{rule.status} with {markdown.code(rule.header + value)}"


def _auth_readme(model: Model) -> dict[str, Any]:
    test = model.auth_test.request
    auth = model.auth
    before = [f"`{name}`" for name, _ in model.http.setting_headers]
    before += [f"`{name}`" for name, value in model.http.headers if escape.templated(value)]
    if auth.kind == "basic" and not connection.native_basic(model):
        before.append("`Authorization`")
    elif auth.kind != "basic":
        before += [f"`{p.name}` ({p.location})" for p in auth.send]
    derived = [
        f"{markdown.prose(f.label)} is not asked: it is read from {markdown.code(f.derive.source)}."
        for f in model.connection.fields
        if f.derive
    ]
    return {
        "kind": connection.describe(model),
        "fields": [
            {"label": title_case(f.label), "secret": f.secret, "default": f.default, "help": f.help}
            for f in model.connection.asked
        ],
        "derived": derived,
        "oauth": (
            f"The user consents at {markdown.code(auth.oauth2.authorize_url.text)}; tokens come from "
            f"{markdown.code(auth.oauth2.token_url.text)}, with the app's client id and secret from the environment "
            "(`CLIENT_ID`, `CLIENT_SECRET`)."
        )
        if auth.oauth2 is not None and auth.oauth2.authorize_url is not None
        else None,
        "test": f"{test.method} {test.path}",
        "connection_label": markdown.code(model.connection.label.text),
        "template_headers": ", ".join(f"`{name}`" for name, value in model.http.headers if not escape.templated(value)),
        "before": ", ".join(before),
        "on_401": "RefreshAuthError" if auth.oauth2 is not None and "401" in auth.oauth2.refresh_on else "AuthenticationError",
    }


@register(
    TARGET,
    "Zapier Platform CLI app (JSON definition, a JS module per function), validated by Zapier's schema and run by its core",
    check=check_limits,
    requests=REQUESTS,
)
def render(model: Model) -> Files:
    """Render the Zapier app files."""
    env = environment(TARGET)
    context: dict[str, Any] = {
        "app_name": escape.js_comment(model.app.name),
        "spec_file": model.spec_file,
        "definition_file": DEFINITION_FILE,
    }
    mods = Modules(env, model)
    definition = json_file(app_def.definition(mods, model))
    context["modules"] = [f"./{path}" for path in sorted(mods.files)]
    return {
        PurePosixPath(DEFINITION_FILE): definition,
        **{PurePosixPath(path): text for path, text in mods.finish().items()},
        PurePosixPath(ENTRY_FILE): render_template(env, TARGET, ENTRY_FILE, **context),
        PurePosixPath("package.json"): json_file(_package(model)),
        PurePosixPath(".gitignore"): render_template(env, TARGET, ".gitignore", build_definition=BUILD_DEFINITION),
        PurePosixPath("README.md"): _readme(model),
    }
