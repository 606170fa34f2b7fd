"""The semantic diff of two models: what a user of the old connector could notice, one Change per difference."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Field, Model, Operation, Pagination, Resource
from . import platform_keys

# Every kind of change the diff reports; rules.py classifies each one per platform.
KINDS = (
    "operation.added",
    "operation.removed",
    "operation.renamed",
    "operation.kind_changed",
    "input.added",
    "input.added_required",
    "input.removed",
    "input.renamed",
    "input.made_required",
    "input.made_optional",
    "input.type_changed",
    "choice.added",
    "choice.removed",
    "default.changed",
    "output.added",
    "output.removed",
    "output.type_changed",
    "auth.kind_changed",
    "auth.field_added",
    "auth.field_added_required",
    "auth.field_removed",
    "trigger.dedupe_changed",
    "paging.added",
    "paging.removed",
    "paging.changed",
    "key.changed",
    "operation.deprecated",
    "input.deprecated",
    "choice.deprecated",
)


@dataclass(frozen=True)
class Change:
    """One difference: its kind, where it is (`create_job.title`), and the old and new values in words."""

    kind: str
    where: str
    old: str = ""
    new: str = ""
    # Platforms the change does not reach: the key they store is the same before and after (a pinned key, or a
    # key.changed of another platform); rules.py classifies it safe there.
    spared: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """`input.renamed create_job.contactName: contactName -> contact_name`; `operation.added get_member`."""
        values = f": {self.old} -> {self.new}" if self.old and self.new else ""
        return f"{self.kind} {self.where}{values}"


@dataclass(frozen=True)
class _Leaf:
    """One value a user fills in: an input, or a sub-field of an object input (`contact.name`)."""

    key: str  # dotted from the input's name
    location: str
    type: str
    required: bool
    choices: tuple[Any, ...]
    default: Any
    deprecated: bool = False
    deprecated_choices: tuple[Any, ...] = ()


def n8n_default(field: Field) -> Any:
    """The default the n8n node gives a parameter: the choice whose label sorts first, the minimum, or empty.

    n8n saves only parameters that differ from their default, so this is what an old workflow falls back to; it
    mirrors generator/targets/n8n/fields.py (options sorted by name, numbers at their minimum, booleans false).
    """
    if field.choices:
        return min(field.options, key=lambda o: o[1])[0]
    if field.type in ("integer", "number"):
        return field.minimum if field.minimum is not None else 0
    if field.type == "boolean":
        return False
    return ""


def _leaves(op: Operation) -> dict[str, _Leaf]:
    out: dict[str, _Leaf] = {}
    for inp in op.inputs:
        for leaf in inp.leaves:
            sub = leaf.path[len(inp.field.path) :]
            required = inp.required if not sub else inp.required and leaf.required
            key = ".".join((inp.name, *sub))
            # n8n keeps optional inputs in a collection that stores what the user added: only top-level
            # (required) parameters fall back to their default
            default = n8n_default(leaf) if required else None
            deprecated = inp.deprecated or leaf.deprecated
            out[key] = _Leaf(key, inp.location, leaf.type, required, leaf.choices, default, deprecated, leaf.deprecated_choices)
    return out


def _outputs(res: Resource) -> dict[str, str]:
    return {leaf.dotted: leaf.type for f in res.fields if not f.write_only for leaf in f.leaves if not leaf.write_only}


def _pair(removed: Iterable[str], added: Iterable[str], same: Any) -> list[tuple[str, str]]:
    """Renames: each removed key with the added key `same` matches, when exactly one (not yet paired) matches."""
    added = list(added)
    pairs = []
    for old in removed:
        fits = [new for new in added if same(old, new)]
        if len(fits) == 1:
            pairs.append((old, fits[0]))
            added.remove(fits[0])
    return pairs


def _op_signature(op: Operation) -> tuple[str, str, str, str]:
    return (op.kind, op.resource.key, op.request.method, op.request.path)


def _n8n_defaults(model: Model) -> dict[str, str]:
    """What n8n selects when a workflow stored nothing: per resource its first operation in the spec, the resource
    whose label sorts first, and the first trigger (mirrors generator/targets/n8n: options sorted by name)."""
    first: dict[str, str] = {}
    labels: dict[str, str] = {}
    for op in model.operations:
        if op.kind not in ("polling_trigger", "auth_test"):
            first.setdefault(f"{op.resource.key}.operation", op.key)
            labels[op.resource.label] = op.resource.key
    if labels:
        first["node.resource"] = labels[min(labels)]
    triggers = model.of_kind("polling_trigger")
    if triggers:
        first["trigger.event"] = triggers[0].key
    return first


def _signature(pag: Pagination | None) -> str:
    """A paging scheme in a few words: `offset (limit, skip)`."""
    if pag is None:
        return "none"
    params = ", ".join(p for p in (pag.limit_param, pag.page_param) if p)
    return f"{pag.style} ({params})" if params else pag.style


def _inputs(op_key: str, old: Operation, new: Operation) -> Iterator[Change]:
    before, after = _leaves(old), _leaves(new)
    gone = [k for k in before if k not in after]
    came = [k for k in after if k not in before]

    def same(a: str, b: str) -> bool:
        x, y = before[a], after[b]
        return (x.location, x.type, x.choices) == (y.location, y.type, y.choices)

    renamed = _pair(gone, came, same)
    for a, b in renamed:
        yield Change("input.renamed", f"{op_key}.{a}", a, b)
    paired_old = {a for a, _ in renamed}
    paired_new = {b for _, b in renamed}
    for key in gone:
        if key not in paired_old:
            yield Change("input.removed", f"{op_key}.{key}")
    for key in came:
        if key not in paired_new:
            yield Change("input.added_required" if after[key].required else "input.added", f"{op_key}.{key}")
    pairs = [(k, k) for k in before if k in after] + renamed
    for a, b in pairs:
        x, y = before[a], after[b]
        where = f"{op_key}.{b}"
        if x.type != y.type:
            yield Change("input.type_changed", where, x.type, y.type)
        if x.required != y.required:
            yield Change("input.made_required" if y.required else "input.made_optional", where)
        for value in x.choices:
            if value not in y.choices:
                yield Change("choice.removed", f"{where}={value}")
        for value in y.choices:
            if value not in x.choices:
                yield Change("choice.added", f"{where}={value}")
        if x.type == y.type and x.default != y.default:
            yield Change("default.changed", where, repr(x.default), repr(y.default))
        if y.deprecated and not x.deprecated:
            yield Change("input.deprecated", where)
        for value in y.deprecated_choices:
            if value in x.choices and value not in x.deprecated_choices:
                yield Change("choice.deprecated", f"{where}={value}")


def _operation(old: Operation, new: Operation) -> Iterator[Change]:
    key = new.key
    if old.kind != new.kind:
        yield Change("operation.kind_changed", key, old.kind, new.kind)
        return
    if new.deprecated and not old.deprecated:
        yield Change("operation.deprecated", key)
    yield from _inputs(key, old, new)
    if old.trigger and new.trigger and old.trigger.dedupe != new.trigger.dedupe:
        yield Change("trigger.dedupe_changed", key, ", ".join(old.trigger.dedupe), ", ".join(new.trigger.dedupe))
    if new.kind not in ("list", "polling_trigger"):
        return  # only lists and triggers read pages
    if old.paginate != new.paginate:
        yield Change(
            "paging.added" if new.paginate else "paging.removed", key, _signature(old.pagination), _signature(new.pagination)
        )
    elif old.pagination != new.pagination:
        yield Change("paging.changed", key, _signature(old.pagination), _signature(new.pagination))


def _operations(old: Model, new: Model) -> Iterator[Change]:
    before = {o.key: o for o in old.operations}
    after = {o.key: o for o in new.operations}
    gone = [k for k in before if k not in after]
    came = [k for k in after if k not in before]
    renamed = _pair(gone, came, lambda a, b: _op_signature(before[a]) == _op_signature(after[b]))
    for a, b in renamed:
        yield Change("operation.renamed", a, a, b)
    for key in gone:
        if key not in {a for a, _ in renamed}:
            yield Change("operation.removed", key)
    for key in came:
        if key not in {b for _, b in renamed}:
            yield Change("operation.added", key)
    for a, b in [(k, k) for k in before if k in after] + renamed:
        yield from _operation(before[a], after[b])
    was, now = _n8n_defaults(old), _n8n_defaults(new)
    for where, chosen in was.items():
        moved = now.get(where)
        if moved is not None and moved != chosen and dict(renamed).get(chosen) != moved:
            yield Change("default.changed", where, chosen, moved)


def _resources(old: Model, new: Model) -> Iterator[Change]:
    after = {r.key: r for r in new.resources}
    for res in old.resources:
        if res.key not in after:
            continue  # its operations went too: operation.removed says so
        before, now = _outputs(res), _outputs(after[res.key])
        for name, kind in before.items():
            if name not in now:
                yield Change("output.removed", f"{res.key}.{name}")
            elif now[name] != kind:
                yield Change("output.type_changed", f"{res.key}.{name}", kind, now[name])
        for name in now:
            if name not in before:
                yield Change("output.added", f"{res.key}.{name}")


def _auth(old: Model, new: Model) -> Iterator[Change]:
    if old.auth.kind != new.auth.kind:
        yield Change("auth.kind_changed", "auth", old.auth.kind, new.auth.kind)
    before = {f.key: f for f in old.connection.asked}
    after = {f.key: f for f in new.connection.asked}
    for key in before:
        if key not in after:
            yield Change("auth.field_removed", f"connection.{key}")
    for key, fld in after.items():
        if key not in before:
            kind = "auth.field_added_required" if fld.required and fld.default is None else "auth.field_added"
            yield Change(kind, f"connection.{key}")
        elif before[key].default != fld.default:
            yield Change("default.changed", f"connection.{key}", str(before[key].default), str(fld.default))


def diff(old: Model, new: Model) -> tuple[Change, ...]:
    """Every difference a user of `old`'s connectors could notice in `new`'s, in a stable order: the spec's own
    changes, each spared on the platforms whose stored key it leaves as it was, then each platform's key changes."""
    changes = (*_operations(old, new), *_resources(old, new), *_auth(old, new))
    before, after = platform_keys.table(old), platform_keys.table(new)
    out = [_spare(c, before, after) for c in changes]
    for platform, keys in before.items():
        for where, key in keys.items():
            now = after[platform].get(where)
            if now is not None and now != key:
                others = tuple(p for p in before if p != platform)
                out.append(Change("key.changed", f"{platform}:{where}", key, now, spared=others))
    return tuple(out)


def _spare(change: Change, before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> Change:
    """`change` spared on every platform whose stored key it leaves as it was (a rename under a pinned key)."""
    if change.kind == "operation.renamed":
        old, new = change.old, change.new
    elif change.kind == "input.renamed":
        op = change.where[: -len(change.old) - 1]
        old, new = f"{op}.{change.old}", f"{op}.{change.new}"
    else:
        return change
    spared = tuple(p for p in before if before[p].get(old) is not None and before[p].get(old) == after[p].get(new))
    return dataclasses.replace(change, spared=spared) if spared else change
