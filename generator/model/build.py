"""Build the frozen model from validated spec data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..load import Loaded, escape_pointer_token
from ..names import Names
from . import keys, template, values
from .app import App, Model, Publisher
from .connection import ACCESS_TOKEN, Auth, Connection, ConnectionField, Derive, OAuth2, Placement
from .http import Http, RateLimitRule, Shape, Status
from .nodes import (
    Dropdown,
    Field,
    Filter,
    Input,
    Operation,
    Request,
    Resource,
    Search,
    Trigger,
    TriggerFilter,
)
from .paging import DEFAULT_MAX_PAGES, Pagination

# What every platform shows beside a deprecated operation, input, field or choice: the old one keeps working for
# those who use it, and the label tells new users to pick another (Zapier also hides a deprecated operation).
DEPRECATED = " (Deprecated)"


def deprecated_label(label: str, spec: dict[str, Any]) -> str:
    """`label`, marked when `spec` says `deprecated: true`."""
    return label + DEPRECATED if spec.get("deprecated") and not label.endswith(DEPRECATED) else label


_PATH_PARAM = re.compile(r"\{([^{}]*)\}")


def _at(pointer: str, *tokens: str | int) -> str:
    """`pointer` extended by escaped reference tokens."""
    for token in tokens:
        text = str(token)
        # Most tokens are plain names: escaping only those that need it keeps this off the model build's profile.
        pointer += "/" + (escape_pointer_token(text) if "~" in text or "/" in text else text)
    return pointer


def _field(name: str, spec: dict[str, Any], pointer: str, parent: tuple[str, ...] = ()) -> Field:
    path = (*parent, name)
    kind, fmt = values.type_of(spec)
    items = spec.get("items")
    return Field(
        name=name,
        path=path,
        names=Names.of(".".join(path)),
        type=kind,
        format=fmt,
        label=deprecated_label(spec["label"], spec),
        help=spec.get("help"),
        required=bool(spec.get("required", False)),
        read_only=bool(spec.get("read_only", False)),
        write_only=bool(spec.get("write_only", False)),
        advanced=bool(spec.get("advanced", False)),
        case_sensitive=bool(spec.get("case_sensitive", kind not in values.CASELESS)),
        minimum=spec.get("min"),
        maximum=spec.get("max"),
        choices=values.choice_values(spec),
        choice_labels=tuple(
            deprecated_label(label, c if isinstance(c, dict) else {})
            for label, c in zip(values.choice_labels(spec), spec.get("choices", ()), strict=True)
        ),
        example=spec.get("example"),
        fields=tuple(_field(k, v, _at(pointer, "fields", k), path) for k, v in (spec.get("fields") or {}).items()),
        items=_field(name, items, _at(pointer, "items"), parent) if items else None,
        pointer=pointer,
        deprecated=bool(spec.get("deprecated", False)),
        deprecated_choices=tuple(c["value"] for c in spec.get("choices", ()) if isinstance(c, dict) and c.get("deprecated")),
    )


def _resource(key: str, spec: dict[str, Any]) -> Resource:
    here = _at("/resources", key)
    fields = tuple(_field(k, v, _at(here, "fields", k)) for k, v in spec["fields"].items())
    filters = tuple(
        Filter(
            name=name,
            names=Names.of(name),
            op=f["op"],
            targets=(f["field"],) if "field" in f else tuple(f["fields"]),
            field=_field(name, {k: v for k, v in f.items() if k not in ("field", "fields", "op")}, _at(here, "filters", name)),
            pointer=_at(here, "filters", name),
        )
        for name, f in (spec.get("filters") or {}).items()
    )
    pag = spec.get("pagination")
    order = spec.get("order")
    return Resource(
        key=key,
        names=Names.of(key),
        label=spec["label"],
        plural=spec.get("plural", spec["label"] + "s"),
        path=spec["path"],
        id_field=spec.get("id_field"),
        title_field=spec.get("title_field"),
        created_field=spec.get("created_field"),
        updated_field=spec.get("updated_field"),
        archived_field=spec.get("archived_field"),
        upsert_field=spec.get("upsert_field"),
        order_field=order["field"] if order else None,
        order_desc=bool(order and order["direction"] == "desc"),
        fields=fields,
        filters=filters,
        pagination=_pagination(pag, _at(here, "pagination")) if pag else None,
        sample=spec["sample"],
        pointer=here,
    )


def _pagination(pag: dict[str, Any], pointer: str) -> Pagination:
    style = pag["style"]
    own = {"offset": "offset", "page": "page", "cursor": "cursor", "after_id": "after"}.get(style)
    part = pag.get(own, {}) if own else {}
    path = part.get("from") if style == "cursor" else part.get("has_more")
    limit = pag.get("limit") or {}
    return Pagination(
        style=style,
        location=pag.get("in", "query"),
        limit_param=limit.get("param"),
        max_page_size=limit.get("max", 100),
        page_param=part.get("param"),
        first_page=part.get("first", 1),
        token_path=tuple(path.split(".")) if path and path != "$" else (),
        link_rel=(pag.get("link") or {}).get("rel", "next"),
        max_pages=pag.get("max_pages", DEFAULT_MAX_PAGES),
        pointer=pointer,
    )


def _query_field(resource: Resource, name: str) -> Field:
    flt = resource.filter(name)
    if flt is not None:
        return flt.field
    pag = resource.pagination
    assert pag is not None  # validation allows only filters and pagination parameters in the query
    label = "Limit" if name == pag.limit_param else "Offset"
    where = _at(pag.pointer, "limit", "param") if label == "Limit" else _at(pag.pointer, "offset", "param")
    return _field(name, {"type": "integer", "label": label, "min": 0 if label == "Offset" else 1}, where)


def _input(resource: Resource, spec: dict[str, Any], pointer: str) -> Input:
    name = spec["name"]
    by_field = spec["in"] != "query" and any(f.name == name for f in resource.fields)
    fld = resource.field(name) if by_field else _query_field(resource, name)
    dd = spec.get("dropdown")
    return Input(
        name=name,
        names=Names.of(name),
        location=spec["in"],
        required=bool(spec.get("required", False)),
        label=deprecated_label(spec.get("label", fld.label), spec),
        help=spec.get("help", fld.help),
        field=fld,
        dropdown=Dropdown(dd["operation"], dd["value"], dd["label"], dd.get("search"), pointer=_at(pointer, "dropdown"))
        if dd
        else None,
        advanced=bool(spec.get("advanced", fld.advanced)),
        pointer=pointer,
        deprecated=bool(spec.get("deprecated", fld.deprecated)),
    )


def _operation(key: str, spec: dict[str, Any], resources: dict[str, Resource], http: dict[str, Any]) -> Operation:
    """One operation, with its effective response shape and body encoding resolved (its own, else the app's)."""
    here = _at("/operations", key)
    resource = resources[spec["resource"]]
    req = spec["request"]
    query = tuple((k, v) for k, v in (req.get("query") or {}).items())
    trig = spec.get("trigger")
    trigger = None
    own_pag = spec.get("pagination")
    pagination = _pagination(own_pag, _at(here, "pagination")) if own_pag else resource.pagination
    if trig:
        limit = pagination.limit_param if pagination else None
        fixed = dict(query).get(limit) if limit else None
        flt = trig.get("filter")
        trigger = Trigger(
            cursor_param=trig["cursor"].get("param"),
            cursor_field=trig["cursor"]["field"],
            dedupe=tuple(trig["dedupe"]),
            filter=TriggerFilter(flt["field"], flt["equals"], pointer=_at(here, "trigger", "filter")) if flt else None,
            page_size=int(fixed) if isinstance(fixed, int) else (pagination.max_page_size if pagination else 100),
            order=trig.get("order", "unordered"),
            pointer=_at(here, "trigger"),
        )
    srch = spec.get("search")
    search = None
    if srch:
        exact = srch.get("exact_match") or {}
        search = Search(
            max_results=srch["max_results"],
            exact_input=exact.get("input"),
            exact_fields=tuple(exact.get("fields", ())),
            exact_caseless=tuple(f for f in exact.get("fields", ()) if not resource.field(f).case_sensitive),
            not_found_status=srch.get("not_found_status"),
            pointer=_at(here, "search"),
        )
    return Operation(
        key=key,
        names=Names.of(key),
        kind=spec["kind"],
        crud=spec.get("crud"),
        label=deprecated_label(spec["label"], spec),
        description=spec["description"],
        resource=resource,
        request=Request(
            req["method"],
            req["path"],
            tuple(_PATH_PARAM.findall(req["path"])),
            query,
            req.get("wrap"),
            tuple((req.get("body") or {}).items()),
            req.get("encoding", http.get("encoding", "json")),
            pointer=_at(here, "request"),
        ),
        inputs=tuple(_input(resource, i, _at(here, "inputs", n)) for n, i in enumerate(spec.get("inputs") or ())),
        trigger=trigger,
        search=search,
        create_fallback=spec.get("create_fallback"),
        pagination=pagination,
        response=_shape(spec["kind"], spec.get("response"), http),
        pointer=here,
        deprecated=bool(spec.get("deprecated", False)),
    )


def _connection(spec: dict[str, Any]) -> Connection:
    fields = tuple(
        ConnectionField(
            key=key,
            names=Names.of(key),
            label=f["label"],
            help=" ".join(f["help"].split()) if "help" in f else None,
            help_url=f.get("help_url"),
            secret=bool(f.get("secret", False)),
            required=bool(f.get("required", True)),
            pattern=f.get("pattern"),
            example=f.get("example"),
            default=f.get("default"),
            choices=tuple(f.get("choices", ())),
            derive=Derive(f["derive"]["from"], f["derive"]["pattern"]) if "derive" in f else None,
            pointer=_at("/connection/fields", key),
        )
        for key, f in spec["fields"].items()
    )
    return Connection(fields, spec["test"], template.parse(spec["label"]), pointer="/connection")


def _placement(p: dict[str, Any], pointer: str) -> Placement:
    return Placement(p["in"], p["name"], template.parse(p["value"]), pointer=pointer)


def _auth(spec: dict[str, Any]) -> Auth:
    kind = spec["kind"]
    send = tuple(_placement(p, f"/auth/send/{i}") for i, p in enumerate(spec.get("send") or ()))
    oauth2 = None
    if kind == "bearer":
        send = (Placement("header", "Authorization", template.parse("Bearer " + spec["token"]), pointer="/auth/token"),)
    elif kind == "oauth2":
        token_url = template.parse(spec["token_url"])
        oauth2 = OAuth2(
            grant=spec.get("grant", "authorization_code"),
            authorize_url=template.parse(spec["authorize_url"]) if "authorize_url" in spec else None,
            token_url=token_url,
            refresh_url=template.parse(spec["refresh_url"]) if "refresh_url" in spec else token_url,
            scopes=tuple(spec.get("scopes", ())),
            scope_separator=spec.get("scope_separator", " "),
            client_auth=spec.get("client_auth", "body"),
            refresh_on=tuple(spec.get("refresh", {}).get("on", ("expiry", "401"))),
            pointer="/auth",
        )
        if not send:
            bearer = template.parse("Bearer {" + ACCESS_TOKEN + "}")
            send = (Placement("header", "Authorization", bearer, pointer="/auth"),)
    basic = kind == "basic"
    return Auth(
        kind=kind,
        send=send,
        username=template.parse(spec["username"]) if basic else None,
        password=template.parse(spec.get("password", "")) if basic else None,
        oauth2=oauth2,
        pointer="/auth",
    )


def response_path(text: str) -> tuple[str, ...]:
    """A response path as segments: `$` is the whole body (no segment)."""
    return () if text == "$" else tuple(text.split("."))


def _shape(kind: str, own: dict[str, Any] | None, http: dict[str, Any]) -> Shape:
    """The operation's envelope: its own `response` wins; else lists for list kinds, records for the rest.

    An own `response` without `list` or `record` (only `item`, or `empty`) keeps the app-wide path for its kind.
    """
    app = http["response"]
    own = own or {}
    if own.get("empty"):
        return Shape(False, (), (), empty=True)
    many = "list" in own or ("record" not in own and kind in ("list", "search", "polling_trigger"))
    path = own.get("list" if many else "record", app["list" if many else "record"])
    item = own.get("item", app.get("item")) if many else None
    return Shape(many, response_path(path), response_path(item) if item else ())


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def build_model(loaded: Loaded) -> Model:
    """Turn validated spec data into the model; call only after `validate`."""
    spec = loaded.data
    a, h = spec["app"], spec["http"]
    headers = [(k, template.parse(v)) for k, v in h["headers"].items()]
    base = loaded.path.parent
    resources = {k: _resource(k, v) for k, v in spec["resources"].items()}
    app = App(
        key=a["key"],
        names=Names.of(a["key"]),
        name=a["name"],
        description=" ".join(a["description"].split()),
        version=a["version"],
        base_url=a["base_url"].rstrip("/"),
        base=template.parse(a["base_url"].rstrip("/")),
        docs_url=a["docs_url"],
        help_url=a.get("help_url"),
        homepage_url=a.get("homepage_url"),
        icon_light=Path(base, a["icon"]["light"]).read_text("utf-8"),
        icon_dark=Path(base, a["icon"]["dark"]).read_text("utf-8"),
        publisher=Publisher(a["publisher"]["name"], a["publisher"]["email"], a["publisher"].get("url"), pointer="/app/publisher"),
        repository=a.get("repository"),
        license=a["license"],
        categories=tuple(a.get("categories", ())),
        pointer="/app",
    )
    app, connection, operations = keys.pin(
        spec.get("keys") or {},
        app,
        _connection(spec["connection"]),
        tuple(_operation(k, v, resources, h) for k, v in spec["operations"].items()),
    )
    return Model(
        spec_file=loaded.path.name,
        app=app,
        connection=connection,
        auth=_auth(spec["auth"]),
        http=Http(
            headers=tuple((k, t.literal) for k, t in headers if t.is_static),
            setting_headers=tuple((k, t) for k, t in headers if not t.is_static),
            items_path=response_path(h["response"]["list"]),
            record_path=response_path(h["response"]["record"]),
            error_paths=tuple(response_path(p) for p in _listed(h["errors"]["message"])),
            rate_limited=tuple(
                RateLimitRule(r["status"], r.get("header"), r.get("equals"), pointer=f"/http/errors/rate_limited/{i}")
                for i, r in enumerate(h["errors"].get("rate_limited") or ())
            ),
            encoding=h.get("encoding", "json"),
            statuses=tuple(
                Status(int(c), s["kind"], s["message"], pointer=_at("/http/statuses", c))
                for c, s in sorted(h["statuses"].items())
            ),
            pointer="/http",
        ),
        resources=tuple(resources.values()),
        operations=operations,
    )
