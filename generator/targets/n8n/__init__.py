"""n8n target: a publishable community node package (credential, declarative action node, polling trigger)."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from ... import markdown
from ...model import POLL_EMITTED_LIMIT, POLL_MAX_PAGES, POLL_OVERLAP_MS, Field, Model, Operation
from ...model.template import parse
from ...render import Files, environment, json_file, register, render_template
from .check import check as check_limits
from .conventions import REQUESTS, node_paths, package_name
from .credential import auth_note, credential, help_url, request_headers
from .descriptions import description_files, merged_files
from .expressions import code, field_value, parameter
from .fields import datetime_unit, describe
from .package import codex, package_json, package_lock, tsconfig
from .paging import paging_key, paging_table, poll_requests
from .props import NodeOperation, node_operations, search_method, trigger_inputs, trigger_param
from .routing import records_at
from .simplify import simple_keys
from .ts import Raw, quote, ts
from .versions import merge
from .workflow import example_workflow

TARGET = "n8n"

# Plain-text files rendered from a template of the same name.
_STATIC = (
    ".gitignore",
    "eslint.config.mjs",
    "LICENSE.md",
    "CHANGELOG.md",
    ".github/workflows/ci.yml",
    ".github/workflows/publish.yml",
)


def _icon(model: Model, up: str) -> dict[str, str]:
    key = model.app.names.kebab
    return {"light": f"file:{up}icons/{key}.svg", "dark": f"file:{up}icons/{key}.dark.svg"}


def _resource_property(model: Model, ops: dict[str, list[NodeOperation]]) -> dict[str, Any]:
    options = sorted(
        ({"name": model.resource(k).label, "value": model.resource(k).names.camel} for k in ops), key=lambda o: o["name"]
    )
    return {
        "displayName": "Resource",
        "name": "resource",
        "type": "options",
        "noDataExpression": True,
        "options": options,
        "default": options[0]["value"],
    }


def _list_sources(model: Model) -> list[dict[str, Any]]:
    """The listSearch methods behind resource-locator dropdowns: request, search parameter, value and label."""
    seen: dict[str, dict[str, Any]] = {}
    for op in model.operations:
        for inp in op.inputs:
            if inp.dropdown is None:
                continue
            source = model.operation(inp.dropdown.operation)
            name = search_method(model, source.key)
            contains = next((i.name for i in source.inputs if i.location == "query" and _is_contains(source, i.name)), None)
            seen[name] = {
                "name": name,
                "source": {
                    "operation": source.label,
                    "method": source.request.method,
                    "url": source.request.path,
                    "qs": dict(source.request.query),
                    "paging": paging_key(source.pagination),
                    "pageSize": source.page_size,
                    "searchParam": contains,
                    "value": inp.dropdown.value,
                    "label": inp.dropdown.label,
                    "itemsPath": list(records_at(source.response)),
                    "itemPath": list(source.response.item),
                },
            }
    return [seen[k] for k in sorted(seen)]


def _is_contains(op: Operation, name: str) -> bool:
    flt = op.resource.filter(name)
    return flt is not None and flt.op == "contains"


def _format(fld: Field) -> str:
    """How a cursor field or since filter is written: its date-time format, `date`, or `integer` (an id)."""
    if fld.type == "datetime" and fld.format is not None:
        return fld.format
    return "date" if fld.type == "date" else "integer"


def _events(model: Model) -> list[dict[str, Any]]:
    """Trigger events: request, paging, cursor parameter and field with their formats, dedupe identity and filter."""
    events = []
    for op in model.of_kind("polling_trigger"):
        trig = op.trigger
        assert trig is not None
        since = op.resource.filter(trig.cursor_param) if trig.cursor_param else None
        events.append(
            {
                "name": op.label,
                "value": op.names.camel,
                "description": op.description,
                "label": op.label,
                "method": op.request.method,
                "url": op.request.path,
                "qs": dict(op.request.query),
                "itemsPath": list(records_at(op.response)),
                "itemPath": list(op.response.item),
                "isoTimes": [[f.name, f.iso_key, f.format] for f in op.resource.timestamp_fields],
                "inputs": [[i.name, trigger_param(op, i)] for i in op.inputs_in("path")],
                "paging": paging_key(op.pagination),
                "pageSize": trig.page_size,
                "cursorParam": trig.cursor_param,
                "cursorFormat": _format(since.field) if since else "epoch_ms",
                "cursorField": trig.cursor_field,
                "fieldFormat": _format(op.resource.field(trig.cursor_field)),
                "dedupe": list(trig.dedupe),
                # Identities whose cursor value is outside the overlap cannot come back, unless the cursor field
                # is neither part of the identity nor the creation time (then keep the newest ones).
                "rememberAll": trig.cursor_field not in trig.dedupe and trig.cursor_field != op.resource.created_field,
                "filter": {"field": trig.filter.field, "equals": trig.filter.equals} if trig.filter else None,
            }
        )
    return sorted(events, key=lambda e: e["name"])


def _errors(model: Model) -> dict[str, Any]:
    """The spec's error rules for shared/transport.ts: message paths, rate-limit answers, the rate-limit wording."""
    limited = model.http.status(429)
    return {
        "paths": [list(p) for p in model.http.error_paths],
        "rateLimited": [{"status": r.status, "header": r.header, "equals": r.equals} for r in model.http.rate_limited],
        "rateLimitMessage": limited.message if limited else "The service is receiving too many requests from you",
    }


def _connection(model: Model, sources: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """What code requests (trigger, dropdowns) read from the credential: settings in headers and paths; None if nothing."""
    urls = [s["source"]["url"] for s in sources] + [e["url"] for e in events]
    named = {n for url in urls for n in parse(url).names}
    settings = {f.key: field_value(model, f.key, "credentials") for f in model.connection.fields if f.key in named}
    headers = {k: code(model, v) for k, v in model.http.setting_headers}
    if model.app.base.is_static and not headers and not settings:
        return None
    return {"headers": headers, "settings": settings}


def _trigger(model: Model, events: list[dict[str, Any]], credential_name: str) -> dict[str, Any]:
    """The polling trigger node's description: one event option per polling trigger."""
    app = model.app
    return {
        "displayName": f"{app.name} Trigger",
        "name": f"{app.names.camel}Trigger",
        "icon": _icon(model, "../../"),
        "group": ["trigger"],
        "version": 1,
        "subtitle": '={{$parameter["event"]}}',
        "description": f"Starts the workflow when {app.name} events occur",
        "defaults": {"name": f"{app.name} Trigger"},
        "polling": True,
        "inputs": [],
        "outputs": [Raw("NodeConnectionTypes.Main")],
        "credentials": [{"name": credential_name, "required": True}],
        "properties": [
            {
                "displayName": "Event",
                "name": "event",
                "type": "options",
                "required": True,
                "noDataExpression": True,
                "options": [{"name": e["name"], "value": e["value"], "description": describe(e["description"])} for e in events],
                "default": model.of_kind("polling_trigger")[0].names.camel,
            },
            *trigger_inputs(model),
        ],
    }


@register(
    TARGET, "n8n community node package (credential, declarative node, polling trigger)", check=check_limits, requests=REQUESTS
)
def render(model: Model) -> Files:
    """Render the package's sources; compiled output is produced by `tsc`, never stored in dist/."""
    env = environment(TARGET)
    env.filters["ts"] = ts
    env.filters["quote"] = quote
    app, paths = model.app, node_paths(model)
    pascal = app.names.pascal
    ops = node_operations(model)
    descriptions = [description_files(model, k, v) for k, v in ops.items()]
    selectors = [_resource_property(model, ops)]
    versions = [*model.n8n_versions, model]
    if len(versions) > 1:  # light versioning: every node version's description, merged (versions.py)
        earlier = [(m, node_operations(m)) for m in model.n8n_versions]
        descriptions = merged_files([*([description_files(m, k, v) for k, v in o.items()] for m, o in earlier), descriptions])
        selectors = merge([*([_resource_property(m, o)] for m, o in earlier), selectors])
    sources = _list_sources(model)
    events = _events(model)
    ctx: dict[str, Any] = {
        "model": model,
        "app": app,
        "package": package_name(model),
        "pascal": pascal,
        "credential": credential(model, _icon(model, "../")),
        "descriptions": descriptions,
        "sources": sources,
        # Sent by code (trigger, dropdown searches), so as TypeScript over the credential, not as n8n parameters.
        "base_url": code(model, app.base),
        "headers": dict(model.http.headers),
        "connection": _connection(model, sources, events),
        "auth_note": auth_note(model),
        "help_url": help_url(model),
        "errors": _errors(model),
        "iso_keys": sorted({f.iso_key for r in model.resources for f in r.timestamp_fields}),
        "has_datetimes": any(datetime_unit(f) for op in model.operations for i in op.inputs for f in i.leaves),
        "ops": ops,
        "requests": markdown.operations_table(model, REQUESTS),
        "paging": paging_table(model),
        "poll_requests": [(op, poll_requests(model, op)) for op in model.of_kind("polling_trigger")],
        "scoped": [op for op in model.of_kind("polling_trigger") if op.inputs_in("path")],
    }
    ctx["action"] = {
        "displayName": app.name,
        "name": app.names.camel,
        "icon": _icon(model, "../../"),
        "group": ["transform"],
        "version": list(range(1, len(versions) + 1)) if len(versions) > 1 else 1,
        "subtitle": '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
        "description": app.description,
        "defaults": {"name": app.name},
        "usableAsTool": True,
        "inputs": [Raw("NodeConnectionTypes.Main")],
        "outputs": [Raw("NodeConnectionTypes.Main")],
        "credentials": [{"name": ctx["credential"]["name"], "required": True}],
        "requestDefaults": {"baseURL": parameter(model, app.base), "headers": request_headers(model)},
        "properties": [*selectors, *(Raw(f"...{d['const']}") for d in descriptions)],
    }
    ctx["poll_limits"] = {"overlapMs": POLL_OVERLAP_MS, "emittedLimit": POLL_EMITTED_LIMIT, "maxPages": POLL_MAX_PAGES}
    ctx["event_specs"] = {e["value"]: {k: v for k, v in e.items() if k not in ("name", "value", "description")} for e in events}
    ctx["trigger"] = _trigger(model, events, ctx["credential"]["name"]) if events else None
    files: Files = {PurePosixPath(name): render_template(env, TARGET, name, **ctx) for name in _STATIC}
    # the HTTP Request node's Predefined Credential Type applies a credential's generic `authenticate` (or OAuth2)
    ctx["credential_http"] = bool(ctx["credential"].get("authenticate") or ctx["credential"].get("extends"))
    node_ops = [n.op for nops in ops.values() for n in nops]
    ctx["notes"] = {
        "delete": any(op.crud == "delete" for op in node_ops),
        "simplify": any(simple_keys(op) is not None for op in node_ops),
        "exact": any(op.search is not None and op.search.exact_caseless for op in node_ops),
    }
    example = example_workflow(model)
    ctx["example"] = json.dumps(example, indent=2, ensure_ascii=False) if example else None
    files[PurePosixPath("README.md")] = render_template(env, TARGET, "README.md", **ctx)
    files[PurePosixPath("package.json")] = json_file(package_json(model))
    files[PurePosixPath("package-lock.json")] = json_file(package_lock(model))
    files[PurePosixPath("tsconfig.json")] = json_file(tsconfig())
    files[PurePosixPath(f"icons/{app.names.kebab}.svg")] = app.icon_light
    files[PurePosixPath(f"icons/{app.names.kebab}.dark.svg")] = app.icon_dark
    files[PurePosixPath(f"{paths['credential']}.ts")] = render_template(env, TARGET, "credentials/Api.credentials.ts", **ctx)
    files[PurePosixPath(f"{paths['action']}.ts")] = render_template(env, TARGET, "nodes/Node.node.ts", **ctx)
    files[PurePosixPath(f"{paths['action']}.json")] = json_file(codex(model, pascal))
    if "trigger" in paths:
        files[PurePosixPath(f"{paths['trigger']}.ts")] = render_template(env, TARGET, "nodes/Trigger.node.ts", **ctx)
        files[PurePosixPath(f"{paths['trigger']}.json")] = json_file(codex(model, f"{pascal}Trigger"))
    files[PurePosixPath(f"nodes/{pascal}/shared/routing.ts")] = render_template(env, TARGET, "nodes/routing.ts", **ctx)
    files[PurePosixPath(f"nodes/{pascal}/shared/transport.ts")] = render_template(env, TARGET, "nodes/transport.ts", **ctx)
    if sources:  # an API without dropdowns gets no listSearch module (tsc rejects an unused helper)
        files[PurePosixPath(f"nodes/{pascal}/listSearch.ts")] = render_template(env, TARGET, "nodes/listSearch.ts", **ctx)
    for d in descriptions:
        for part in [d, *d["parts"]]:
            path = PurePosixPath(f"nodes/{pascal}/resources/{part['folder']}/{part['file']}.ts")
            files[path] = render_template(env, TARGET, "nodes/Description.ts", description=part)
    return dict(sorted(files.items()))
