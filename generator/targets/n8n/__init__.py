"""n8n target: a publishable community node package (credential, declarative action node, polling trigger)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from ...model import POLL_EMITTED_LIMIT, POLL_MAX_PAGES, POLL_OVERLAP_MS, Model, Operation
from ...render import Files, environment, json_file, register, render_template
from .check import check as check_limits
from .conventions import credential_name, node_paths, package_name
from .package import codex, package_json, tsconfig
from .props import NodeOperation, describe, helpers_used, input_properties, node_operations, operation_routing, search_method
from .ts import Raw, parameter_text, quote, ts

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


def _credential(model: Model) -> dict[str, Any]:
    """Credential class data: password API key, generic header auth and the test request."""
    app, auth, test = model.app, model.connection.secrets[0], model.auth_test
    return {
        "class": f"{app.names.pascal}Api",
        "name": credential_name(model),
        "displayName": f"{app.name} API",
        "icon": _icon(model, "../"),
        "documentationUrl": auth.help_url,
        "properties": [
            {
                "displayName": auth.label,
                "name": "apiKey",
                "type": "string",
                "typeOptions": {"password": True},
                "required": True,
                "default": "",
                "description": describe(auth.help or auth.label),
            }
        ],
        "authenticate": {"type": "generic", "properties": {"headers": {model.auth.headers[0].name: "={{$credentials.apiKey}}"}}},
        "test": {
            "request": {
                "baseURL": app.base_url,
                "url": test.request.path,
                "method": test.request.method,
                "headers": {k: parameter_text(v) for k, v in model.http.headers},
            }
        },
    }


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


def _description_file(model: Model, key: str, nops: list[NodeOperation]) -> dict[str, Any]:
    """One resource's operation selector and fields (in a *Description.ts file so the linter reads it)."""
    res = model.resource(key)
    operation = {
        "displayName": "Operation",
        "name": "operation",
        "type": "options",
        "noDataExpression": True,
        "displayOptions": {"show": {"resource": [res.names.camel]}},
        "options": [
            {
                "name": n.name,
                "value": n.value,
                "description": describe(n.op.description),
                "action": n.action,
                "routing": operation_routing(model, n),
            }
            for n in nops
        ],
        # options are sorted for the linter; the default is the spec's first operation of the resource
        "default": min(nops, key=lambda n: model.position(n.op.key)).value,
    }
    fields = [p for n in nops for p in input_properties(model, n, {"resource": [res.names.camel], "operation": [n.value]})]
    return {
        "const": f"{res.names.camel}Description",
        "folder": res.names.camel,
        "file": f"{res.names.pascal}Description",
        "helpers": helpers_used([operation, *fields]),
        "properties": [operation, *fields],
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
            qs = dict(source.request.query)
            pag = source.resource.pagination
            if pag and pag.limit_param not in qs:
                qs[pag.limit_param] = pag.max_page_size
            seen[name] = {
                "name": name,
                "source": {
                    "method": source.request.method,
                    "url": source.request.path,
                    "qs": qs,
                    "searchParam": contains,
                    "value": inp.dropdown.value,
                    "label": inp.dropdown.label,
                },
            }
    return [seen[k] for k in sorted(seen)]


def _is_contains(op: Operation, name: str) -> bool:
    flt = op.resource.filter(name)
    return flt is not None and flt.op == "contains"


def _events(model: Model) -> list[dict[str, Any]]:
    """Trigger events: request, cursor parameter and field, dedupe identity and filter, from the spec."""
    events = []
    for op in model.of_kind("polling_trigger"):
        trig, pag = op.trigger, op.resource.pagination
        assert trig is not None
        events.append(
            {
                "name": op.label,
                "value": op.names.camel,
                "description": op.description,
                "method": op.request.method,
                "url": op.request.path,
                "qs": dict(op.request.query),
                "cursorParam": trig.cursor_param,
                "cursorField": trig.cursor_field,
                "dedupe": list(trig.dedupe),
                "pageSize": trig.page_size,
                "offsetParam": pag.offset_param if pag else None,
                # Identities whose cursor value is outside the overlap cannot come back, unless the cursor field
                # is neither part of the identity nor the creation time (then keep the newest ones).
                "rememberAll": trig.cursor_field not in trig.dedupe and trig.cursor_field != op.resource.created_field,
                "filter": {"field": trig.filter.field, "equals": trig.filter.equals} if trig.filter else None,
            }
        )
    return sorted(events, key=lambda e: e["name"])


@register(TARGET, "n8n community node package (credential, declarative node, polling trigger)", check=check_limits)
def render(model: Model) -> Files:
    """Render the package's sources; compiled output is produced by `tsc`, never stored in dist/."""
    env = environment(TARGET)
    env.filters["ts"] = ts
    env.filters["quote"] = quote
    app, paths = model.app, node_paths(model)
    pascal = app.names.pascal
    ops = node_operations(model)
    descriptions = [_description_file(model, k, v) for k, v in ops.items()]
    sources = _list_sources(model)
    ctx: dict[str, Any] = {
        "model": model,
        "app": app,
        "package": package_name(model),
        "pascal": pascal,
        "credential": _credential(model),
        "descriptions": descriptions,
        "sources": sources,
        "items_path": list(model.http.items_path),
        # Sent by code (trigger, dropdown searches), so as plain data, not as n8n parameter values.
        "headers": dict(model.http.headers),
        "error_path": list(model.http.error_message_path),
        "ops": ops,
    }
    ctx["action"] = {
        "displayName": app.name,
        "name": app.names.camel,
        "icon": _icon(model, "../../"),
        "group": ["transform"],
        "version": 1,
        "subtitle": '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
        "description": app.description,
        "defaults": {"name": app.name},
        "usableAsTool": True,
        "inputs": [Raw("NodeConnectionTypes.Main")],
        "outputs": [Raw("NodeConnectionTypes.Main")],
        "credentials": [{"name": ctx["credential"]["name"], "required": True}],
        "requestDefaults": {"baseURL": app.base_url, "headers": {k: parameter_text(v) for k, v in model.http.headers}},
        "properties": [_resource_property(model, ops), *(Raw(f"...{d['const']}") for d in descriptions)],
    }
    events = _events(model)
    ctx["poll_limits"] = {"overlapMs": POLL_OVERLAP_MS, "emittedLimit": POLL_EMITTED_LIMIT, "maxPages": POLL_MAX_PAGES}
    ctx["event_specs"] = {e["value"]: {k: v for k, v in e.items() if k not in ("name", "value", "description")} for e in events}
    ctx["trigger"] = {
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
        "credentials": [{"name": ctx["credential"]["name"], "required": True}],
        "properties": [
            {
                "displayName": "Event",
                "name": "event",
                "type": "options",
                "required": True,
                "noDataExpression": True,
                "options": [{"name": e["name"], "value": e["value"], "description": describe(e["description"])} for e in events],
                "default": model.of_kind("polling_trigger")[0].names.camel,
            }
        ],
    }
    files: Files = {PurePosixPath(name): render_template(env, TARGET, name, **ctx) for name in _STATIC}
    files[PurePosixPath("README.md")] = render_template(env, TARGET, "README.md", **ctx)
    files[PurePosixPath("package.json")] = json_file(package_json(model))
    files[PurePosixPath("tsconfig.json")] = json_file(tsconfig())
    files[PurePosixPath(f"icons/{app.names.kebab}.svg")] = app.icon_light
    files[PurePosixPath(f"icons/{app.names.kebab}.dark.svg")] = app.icon_dark
    files[PurePosixPath(f"{paths['credential']}.ts")] = render_template(env, TARGET, "credentials/Api.credentials.ts", **ctx)
    files[PurePosixPath(f"{paths['action']}.ts")] = render_template(env, TARGET, "nodes/Node.node.ts", **ctx)
    files[PurePosixPath(f"{paths['action']}.json")] = json_file(codex(model, pascal))
    files[PurePosixPath(f"{paths['trigger']}.ts")] = render_template(env, TARGET, "nodes/Trigger.node.ts", **ctx)
    files[PurePosixPath(f"{paths['trigger']}.json")] = json_file(codex(model, f"{pascal}Trigger"))
    files[PurePosixPath(f"nodes/{pascal}/shared/routing.ts")] = render_template(env, TARGET, "nodes/routing.ts", **ctx)
    files[PurePosixPath(f"nodes/{pascal}/shared/transport.ts")] = render_template(env, TARGET, "nodes/transport.ts", **ctx)
    if sources:  # an API without dropdowns gets no listSearch module (tsc rejects an unused helper)
        files[PurePosixPath(f"nodes/{pascal}/listSearch.ts")] = render_template(env, TARGET, "nodes/listSearch.ts", **ctx)
    for d in descriptions:
        path = PurePosixPath(f"nodes/{pascal}/resources/{d['folder']}/{d['file']}.ts")
        files[path] = render_template(env, TARGET, "nodes/Description.ts", description=d)
    return dict(sorted(files.items()))
