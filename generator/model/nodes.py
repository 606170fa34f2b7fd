"""The frozen dataclasses of the model: what targets, the mock, the runtime and smoke read."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from ..frozen import Frozen
from ..names import Names
from . import values
from .http import Encoding, Shape
from .paging import Pagination
from .pins import NONE, Pins
from .values import DatetimeFormat, FieldType
from .values import Scalar as Scalar

OperationKind = Literal["auth_test", "polling_trigger", "action", "search", "list"]
Crud = Literal["create", "update", "archive", "delete"]
Location = Literal["path", "query", "body"]
FilterOp = Literal["eq", "gte", "include", "contains"]
TriggerOrder = Literal["desc", "asc", "unordered"]
# Every node keeps `pointer`, the JSON pointer of the spec entry it was built from (e.g. "/operations/create_job/inputs/2"),
# so a target check can name the place in the file; it is provenance, not meaning, so equality ignores it.

# Poll limits shared by every trigger implementation: the runtime and each generated trigger that keeps a cursor.
POLL_OVERLAP_MS = 1000  # each poll re-reads this much before its cursor (clock skew, same-millisecond writes)
POLL_EMITTED_LIMIT = 10_000  # identities remembered for dedupe, like the platforms' own dedupe stores
POLL_MAX_PAGES = 1000  # a safety stop: 100,000 changes between two polls means something else is wrong
# Zapier and Make keep no cursor of their own: their triggers ask for a bounded window and rely on platform dedupe.
POLL_WINDOW_DAYS = 7


@dataclass(frozen=True, repr=False, eq=False)
class Field(Frozen):
    """A typed value of a resource, filter or input; objects carry their sub-fields."""

    name: str
    path: tuple[str, ...]
    names: Names
    type: FieldType
    format: DatetimeFormat | None  # a datetime's wire format; None for every other type
    label: str
    help: str | None
    required: bool
    read_only: bool
    write_only: bool
    advanced: bool  # few users need it: shown as an advanced option (or left out of the form)
    case_sensitive: bool  # an exact-match search compares its text case-sensitively (default: not for email)
    minimum: int | None
    maximum: int | None
    choices: tuple[Scalar, ...]  # the values, of the field's own JSON type
    choice_labels: tuple[str, ...]  # what users see for each choice, parallel to `choices`
    example: Any  # a scalar; a list or mapping for array and map fields
    fields: tuple[Field, ...]
    items: Field | None  # an array's element (a scalar field, or an object with fields: line items)
    pointer: str = dataclasses.field(compare=False)
    deprecated: bool = False  # kept working for existing users, hidden from new ones
    deprecated_choices: tuple[Scalar, ...] = ()  # choices kept for existing users, left out for new ones

    @property
    def options(self) -> tuple[tuple[Scalar, str], ...]:
        """(value, label) of each choice."""
        return tuple(zip(self.choices, self.choice_labels, strict=True))

    @property
    def is_epoch(self) -> bool:
        """Whether this is a date-time the API writes as epoch milliseconds or seconds."""
        return self.type == "datetime" and self.format in values.EPOCH

    @property
    def iso_key(self) -> str:
        """The key of the ISO 8601 companion every target hands on beside an epoch value.

        `createdAtIso` beside a camelCase name, `created_iso` beside a snake_case or one-word name.
        """
        name = self.name
        snake = "_" in name or name.islower() or not name.isidentifier()
        return f"{name}_iso" if snake else f"{name}Iso"

    @property
    def dotted(self) -> str:
        """`contact.name` for a nested field, `title` for a top-level one."""
        return ".".join(self.path)

    @property
    def is_object(self) -> bool:
        """Whether this field groups sub-fields."""
        return self.type == "object"

    @property
    def range_phrase(self) -> str:
        """The allowed range as words to follow "must be a number" (" from 1 to 5", " of at least 0"), or ""."""
        return values.range_phrase(self)

    @property
    def leaves(self) -> tuple[Field, ...]:
        """This field if it is a scalar, else every scalar below it, depth first."""
        if not self.fields:
            return (self,)
        return tuple(leaf for sub in self.fields for leaf in sub.leaves)

    def field(self, name: str) -> Field:
        """The sub-field called `name`."""
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True, repr=False, eq=False)
class Filter(Frozen):
    """A query parameter of a resource's collection endpoint and what it means."""

    name: str
    names: Names
    op: FilterOp
    targets: tuple[str, ...]  # dotted field paths it compares against
    field: Field  # the parameter itself, typed like a field
    pointer: str = dataclasses.field(compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class Resource(Frozen):
    """A kind of record the API returns, with its fields, filters and a sample."""

    key: str
    names: Names
    label: str
    plural: str
    path: str
    id_field: str | None
    title_field: str | None
    created_field: str | None
    updated_field: str | None
    archived_field: str | None
    upsert_field: str | None
    order_field: str | None
    order_desc: bool
    fields: tuple[Field, ...]
    filters: tuple[Filter, ...]
    pagination: Pagination | None
    sample: dict[str, Any]
    pointer: str = dataclasses.field(compare=False)

    def field(self, dotted: str) -> Field:
        """The field called `dotted`, else the one at a dotted path such as `contact.name`."""
        exact = next((f for f in self.fields if f.name == dotted), None)
        if exact is not None:
            return exact
        head, _, rest = dotted.partition(".")
        found = next(f for f in self.fields if f.name == head)
        for part in rest.split(".") if rest else ():
            found = found.field(part)
        return found

    def filter(self, name: str) -> Filter | None:
        """The filter called `name`, if any."""
        return next((f for f in self.filters if f.name == name), None)

    @property
    def timestamp_fields(self) -> tuple[Field, ...]:
        """Top-level epoch date-time fields: every target hands on an ISO 8601 companion (`Field.iso_key`) beside each."""
        return tuple(f for f in self.fields if f.is_epoch)


@dataclass(frozen=True, repr=False, eq=False)
class Dropdown(Frozen):
    """Choices for an input, taken from a list operation's records."""

    operation: str
    value: str
    label: str
    search: str | None
    pointer: str = dataclasses.field(compare=False)
    pins: Pins = NONE  # the pinned keys of the operations it names, at paths `operation` and `search`


@dataclass(frozen=True, repr=False, eq=False)
class Input(Frozen):
    """A value the user supplies to an operation, and where it goes in the request."""

    name: str
    names: Names
    location: Location
    required: bool
    label: str
    help: str | None
    field: Field
    dropdown: Dropdown | None
    advanced: bool  # the input's own `advanced`, else its field's
    pointer: str = dataclasses.field(compare=False)
    deprecated: bool = False  # kept working for existing users, hidden from new ones
    pins: Pins = NONE  # keys pinned per platform, by the dotted path of the input or its sub-field

    @property
    def type(self) -> FieldType:
        """The input's field type."""
        return self.field.type

    @property
    def leaves(self) -> tuple[Field, ...]:
        """Scalar fields the user fills in (sub-fields for an object input)."""
        return self.field.leaves


@dataclass(frozen=True, repr=False, eq=False)
class Request(Frozen):
    """Method, path template and fixed query of an operation's HTTP request."""

    method: str
    path: str
    path_params: tuple[str, ...]
    query: tuple[tuple[str, Scalar], ...]
    wrap: str | None  # the one key the body's fields are sent inside (`{"customer": {...}}`), if any
    body: tuple[tuple[str, Any], ...]  # fixed body values sent with every request (`state: closed`), before inputs
    encoding: Encoding  # the effective body encoding: the request's own, else http.encoding, else json
    pointer: str = dataclasses.field(compare=False)

    @property
    def content_type(self) -> str:
        """The Content-Type of this request's body (it replaces a fixed Content-Type header when a body is sent)."""
        return "application/x-www-form-urlencoded" if self.encoding == "form" else "application/json"

    @property
    def idempotent(self) -> bool:
        """Whether repeating the request is safe (retries on 5xx are only for these)."""
        return self.method in ("GET", "PUT", "DELETE")


@dataclass(frozen=True, repr=False, eq=False)
class TriggerFilter(Frozen):
    """Keep only records whose `field` equals `equals`."""

    field: str
    equals: Scalar
    pointer: str = dataclasses.field(compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class Trigger(Frozen):
    """Polling semantics: the cursor parameter and field, the dedupe identity and an optional filter."""

    cursor_param: str | None  # the since filter; None: the API lists newest first and a poll stops at the cursor
    cursor_field: str
    dedupe: tuple[str, ...]
    filter: TriggerFilter | None
    page_size: int
    order: TriggerOrder  # how the API orders the list by the cursor field
    pointer: str = dataclasses.field(compare=False)

    @property
    def per_update(self) -> bool:
        """Whether the identity includes more than the id (each update fires once)."""
        return len(self.dedupe) > 1


@dataclass(frozen=True, repr=False, eq=False)
class Search(Frozen):
    """Search semantics: at most `max_results`; optional exact matching of an input against fields."""

    max_results: int
    exact_input: str | None
    exact_fields: tuple[str, ...]
    exact_caseless: tuple[str, ...]  # the exact fields compared whatever their case (`values.match_text`)
    not_found_status: int | None
    pointer: str = dataclasses.field(compare=False)

    @property
    def exact_rules(self) -> tuple[tuple[str, bool], ...]:
        """(dotted field, caseless) for each exact-match field, in the spec's order."""
        return tuple((f, f in self.exact_caseless) for f in self.exact_fields)


@dataclass(frozen=True, repr=False, eq=False)
class Operation(Frozen):
    """One connector capability (a row of the API's connector behavior table, or an extra)."""

    key: str
    names: Names
    kind: OperationKind
    crud: Crud | None  # actions only
    label: str
    description: str
    resource: Resource
    request: Request
    inputs: tuple[Input, ...]
    trigger: Trigger | None
    search: Search | None
    create_fallback: str | None
    pagination: Pagination | None  # the effective paging: the operation's own, else its resource's
    response: Shape  # the effective envelope: the operation's own, else the app-wide one for its kind
    pointer: str = dataclasses.field(compare=False)
    deprecated: bool = False  # kept working for existing users, hidden from new ones
    pins: Pins = NONE  # the operation's key pinned per platform

    @property
    def verb(self) -> str:
        """What an action does, as one word: its CRUD verb, else the first word of its key (`close_order` → close)."""
        if self.crud:
            return self.crud
        return self.names.snake.split("_")[0]

    @property
    def empty_result(self) -> tuple[tuple[str, Scalar], ...]:
        """The constant fields an action with `response: {empty: true}` hands on beside its id input's value.

        `deleted: true` for a delete or archive (n8n's own nodes return `{"deleted": true}`), else `success: true`;
        every target and the runtime hand on `{<id field>: <the id given>, **these}` (without the id when the action
        has no id input).
        """
        return (("deleted", True),) if self.crud in ("delete", "archive") else (("success", True),)

    @property
    def sample(self) -> dict[str, Any]:
        """A record this operation would hand on: the resource's sample, with the values its request or trigger fixes.

        Completed Job (trigger filter `progress == success`, fixed query `progress=success`) shows `progress: success`,
        not the resource sample's `scheduled`; the fixed values are those of eq filters on top-level fields.
        """
        sample = dict(self.resource.sample)
        fixed: dict[str, Any] = {}
        for name, value in self.request.query:
            flt = self.resource.filter(name)
            if flt is not None and flt.op == "eq" and len(flt.targets) == 1 and "." not in flt.targets[0]:
                fixed[flt.targets[0]] = value
        if self.trigger and self.trigger.filter and "." not in self.trigger.filter.field:
            fixed[self.trigger.filter.field] = self.trigger.filter.equals
        for key, value in fixed.items():
            if key in sample or any(f.name == key for f in self.resource.fields):
                sample[key] = value
        return sample

    @property
    def paginate(self) -> bool:
        """Whether this list reads more than one page (Return All / every page)."""
        return self.kind == "list" and self.pagination is not None and self.pagination.pages

    @property
    def page_size(self) -> int:
        """The records per page this operation asks for: its fixed limit, else the largest page."""
        pag = self.pagination
        if pag is None:
            return 100
        fixed = dict(self.request.query).get(pag.limit_param or "")
        return fixed if isinstance(fixed, int) and not isinstance(fixed, bool) else pag.max_page_size

    @property
    def id_input(self) -> Input | None:
        """The input that carries the record's id (named as the resource's id field), if any."""
        rid = self.resource.id_field
        return next((i for i in self.inputs if i.name == rid), None) if rid else None

    def inputs_in(self, location: Location) -> tuple[Input, ...]:
        """The inputs sent in `path`, `query` or `body`."""
        return tuple(i for i in self.inputs if i.location == location)

    def input(self, name: str) -> Input:
        """The input called `name`."""
        return next(i for i in self.inputs if i.name == name)

    @property
    def required_inputs(self) -> tuple[Input, ...]:
        """Inputs the user must fill in."""
        return tuple(i for i in self.inputs if i.required)
