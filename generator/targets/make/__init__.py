"""Make target: a custom app in the Make Apps Editor's local-development layout (makecomapp.json + *.iml.json)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from ... import markdown
from ...model import POLL_WINDOW_DAYS, Model, Operation
from ...render import Files, environment, json_file, register, render_template
from . import components as comps
from . import functions, paging, universal
from .check import check as check_limits
from .components import Component
from .conventions import REQUESTS

TARGET = comps.TARGET
MANIFEST = "makecomapp.json"
BASE = "general/base.iml.json"
GROUPS = "modules/groups.json"
README = "README.md"
# Section order of each component kind, as the extension writes codeFiles.
_SECTIONS = {
    "connection": ("communication", "params", "scopeList", "defaultScope"),
    "rpc": ("communication", "params"),
    "module": ("communication", "epoch", "staticParams", "mappableParams", "interface", "samples", "scope"),
    "function": ("code", "test"),
}


def _code_files(comp: Component) -> dict[str, str | None]:
    files: dict[str, str | None] = {key: comp.path(key) for key in _SECTIONS[comp.kind] if key in comp.sections}
    if comp.kind == "connection":
        files["common"] = None  # connection secrets stay in Make, never on disk
    return files


def _manifest(found: list[Component]) -> dict[str, Any]:
    by_kind: dict[str, dict[str, Any]] = {k: {} for k in ("connection", "webhook", "module", "rpc", "function", "endpoint")}
    for comp in found:
        by_kind[comp.kind][comp.local_id] = {**comp.meta, "codeFiles": _code_files(comp)}
    return {
        "fileVersion": 1,
        "generalCodeFiles": {"base": BASE, "common": None, "readme": README, "groups": GROUPS},
        "components": by_kind,
        # Deploying needs an existing app in a Make zone: "Deploy to Make" asks for the origin (see README).
        "origins": [],
    }


def _groups(found: list[Component]) -> list[dict[str, Any]]:
    groups: dict[str, list[str]] = {}
    for comp in found:
        if comp.kind == "module" and comp.operation is not None:
            groups.setdefault(comp.operation.resource.plural, []).append(comp.local_id)
    # The universal module last, in a group of its own (as Make's own apps list "Make an API call" under Other).
    groups.setdefault(universal.GROUP, []).extend(c.local_id for c in found if c.meta.get("moduleType") == "universal")
    return [{"label": label, "modules": ids} for label, ids in groups.items() if ids]


def _notes(model: Model, comp: Component) -> str:
    """What a reader of the README should know about one component's behaviour."""
    op = comp.operation
    if comp.meta.get("moduleType") == "universal":
        return "any request relative to the base URL, with the connection's credentials; outputs body, headers, statusCode"
    if op is None:
        return ""
    notes = []
    if comp.kind == "rpc":
        comm = comp.sections["communication"]["response"]["output"]
        notes.append(f"dropdown options: label `{comm['label']}`, value `{comm['value']}`")
    elif op.trigger:
        notes.extend(_poll_notes(op))
    if comp.kind == "module" and op.search and op.search.exact_input:
        notes.append("keeps exact matches on " + ", ".join(f"`{f}`" for f in op.search.exact_fields))
    if comp.kind == "module" and op.search and op.search.not_found_status:
        notes.append(f"a {op.search.not_found_status} is an error in Make (every 4xx is): add an Ignore error handler")
    pag = op.pagination
    comm = comp.sections.get("communication", {})
    if not op.trigger and pag and "pagination" in comm:
        limit = comm["response"].get("limit")
        upto = f"up to {limit} records" if isinstance(limit, int) else "up to the Limit"
        notes.append(f"reads {paging.describe(op, pag, op.page_size)}, {upto}")
    return "; ".join(notes)


_FORMATS = {"epoch_ms": "epoch ms", "epoch_s": "epoch s", "iso8601": "ISO 8601", None: "epoch ms"}


def _poll_notes(op: Operation) -> list[str]:
    """What each poll of a trigger requests, and what it hands Make's dedupe."""
    trig, pag = op.trigger, op.pagination
    assert trig is not None
    paged = pag is not None and pag.pages
    pages = paging.describe(op, pag, trig.page_size) if pag is not None and paged else "one page"
    notes = []
    if trig.cursor_param is not None:
        flt = op.resource.filter(trig.cursor_param)
        fmt = "date" if flt is not None and flt.field.type == "date" else _FORMATS[flt.field.format if flt else None]
        window = f"now - {POLL_WINDOW_DAYS} days ({fmt})"
        cost = "a quiet poll is 1 request, a busy one 1 request per page of changes in the window"
        notes.append(f"each poll asks `{trig.cursor_param}` = {window} and reads every page of that window ({pages}): {cost}")
    elif op.resource.field(trig.cursor_field).type in ("datetime", "date"):
        bound = f"`{trig.cursor_field}` is older than now - {POLL_WINDOW_DAYS} days"
        notes.append(f"each poll reads newest-first pages ({pages}) until a record's {bound}: a quiet poll is 1 request")
    else:
        first = f"the first page only ({trig.page_size} newest by `{trig.cursor_field}`)"
        notes.append(f"each poll reads {first}: more than {trig.page_size} new records between two polls loses the oldest")
    notes.append("trigger id " + " + ".join(f"`{k}`" for k in trig.dedupe) + f", order `{trig.order}`")
    if trig.filter:
        notes.append(f"keeps {markdown.code(f'{trig.filter.field} == {trig.filter.equals}')}")
    if op.inputs:
        scope = ", ".join(f"`{i.name}`" for i in op.inputs)
        notes.append(f"scoped by {scope} (required): Make's dedupe belongs to the module, so a changed scope starts over")
    return notes


_WHEN = {"expiry": "the stored expiry passes", "401": "a request answers 401"}


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _auth_notes(model: Model) -> dict[str, Any]:
    """How the README describes the connection: what it asks for and where the auth puts it."""
    auth = model.auth
    where = [f"the `{p.name}` header" for p in auth.headers]
    if auth.query:
        names = _and([f"`{p.name}`" for p in auth.query])
        where.append(f"the {names} query parameter{'s' if len(auth.query) > 1 else ''}")
    if auth.kind == "basic":
        where.append("the `Authorization` header (HTTP Basic)")
    asked = model.connection.asked
    fields = [
        {"lead": f"**{markdown.prose(f.label)}**: " if len(asked) > 1 else "", "help": f.help, "help_url": f.help_url}
        for f in asked
        if f.help or f.help_url
    ]
    oauth = auth.oauth2
    notes: dict[str, Any] = {"where": _and(where) or "no credential", "asks": _and([f.label for f in asked]), "fields": fields}
    notes["it"] = "it" if len(asked) == 1 else "them"
    notes["oauth"] = None
    if oauth is not None:
        notes["oauth"] = {
            "grant": oauth.grant.replace("_", " "),
            "token_url": oauth.token_url.text,
            "scopes": ", ".join(f"`{s}`" for s in oauth.scopes) or "none",
            "common": oauth.grant == "authorization_code",
            "refresh": " or ".join(_WHEN[r] for r in oauth.refresh_on),
        }
    return notes


def _request_text(comp: Component) -> str:
    """What the README's request column shows for a component."""
    if comp.operation is not None:
        return f"{comp.operation.request.method} {comp.operation.request.path}"
    return "{method} /{url}" if comp.meta.get("moduleType") == "universal" else ""


def _readme(model: Model, found: list[Component]) -> str:
    rows = [
        {
            "kind": comp.meta.get("moduleType", comp.kind),
            "id": comp.local_id,
            "label": comp.meta["label"],
            "request": _request_text(comp),
            "folder": comp.path("communication").rsplit("/", 1)[0],
            "notes": _notes(model, comp),
        }
        for comp in found
        if comp.kind != "function"
    ]
    env = environment(TARGET)
    return render_template(
        env,
        TARGET,
        "README.md",
        app=model.app,
        auth=_auth_notes(model),
        rows=rows,
        connection=found[0].local_id,
        poll_window_days=POLL_WINDOW_DAYS,
        functions=[
            {"id": c.local_id, "folder": c.path("code").rsplit("/", 1)[0], "what": functions.WHAT[c.local_id]}
            for c in found
            if c.kind == "function"
        ],
        manifest=MANIFEST,
        requests=markdown.operations_table(model, REQUESTS),
    )


@register(
    TARGET,
    "Make custom app in the Make Apps Editor local-development layout (makecomapp.json + IML files)",
    check=check_limits,
    requests=REQUESTS,
)
def render(model: Model) -> Files:
    """Every file of the Make app, keyed by its path under dist/make/."""
    found = comps.components(model)
    modules = [c for c in found if c.kind == "module"]
    at = found.index(modules[-1]) + 1 if modules else len(found)
    found.insert(at, universal.module(model, {c.local_id for c in modules}))
    found += functions.components(found)
    files: Files = {
        PurePosixPath(MANIFEST): json_file(_manifest(found)),
        PurePosixPath(BASE): json_file(comps.base(model)),
        PurePosixPath(GROUPS): json_file(_groups(found)),
        PurePosixPath(README): _readme(model, found),
        PurePosixPath(".gitignore"): render_template(environment(TARGET), TARGET, ".gitignore"),
    }
    for comp in found:
        for key, data in comp.sections.items():
            files[PurePosixPath(comp.path(key))] = data if isinstance(data, str) else json_file(data)
    return dict(sorted(files.items()))
