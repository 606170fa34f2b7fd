"""libyaml's fast path: the data and positions of a spec that loads cleanly, or Departs for the general walk."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_DEPTH = 40
MAX_NODES = 200_000  # guards against alias expansion ("billion laughs")

YAML = "tag:yaml.org,2002:"
# Tags a spec may carry, explicit or resolved; anything else (!!python/..., !!binary, !!set, !custom) is refused.
SCALAR_TAGS = frozenset(f"{YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp"))
MAPPING_TAG = f"{YAML}map"
STR_TAG = f"{YAML}str"
TIMESTAMP_TAG = f"{YAML}timestamp"
SEQUENCE_TAG = f"{YAML}seq"
_TEXT_TAGS = (STR_TAG, TIMESTAMP_TAG)  # dates stay text: the spec says "2026-05-10", not a datetime
_CONSTRUCT_ERRORS = (yaml.YAMLError, ValueError, KeyError, TypeError, IndexError)
# libyaml has no depth limit of ours: stop one level short of the composer's (it counts from 1) and let the
# pure-Python path say where. An alias cycle runs into this limit too.
_DEEPEST = MAX_DEPTH - 1

Positions = dict[str, tuple[int, int]]


class Departs(Exception):
    """libyaml's reading may differ from the pure-Python composer's here, or the spec has a problem: read the file
    again with that one, which words every problem."""


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def _departs(flow: bool, style: str | None, value: str) -> bool:
    """Where libyaml's composer departs from the pure-Python one: empty plain values, '?' in flow scalars."""
    return not style and (not value or (flow and "?" in value))


def _scalar(constructor: yaml.SafeLoader, node: ScalarNode) -> Any:
    if node.tag in _TEXT_TAGS:
        return node.value  # what the constructor would return, without its bookkeeping: most values are text
    if node.tag not in SCALAR_TAGS:
        raise Departs
    try:
        return constructor.construct_object(node, deep=True)
    except _CONSTRUCT_ERRORS:
        raise Departs from None
    finally:
        constructor.constructed_objects.pop(node, None)


class _Anchor:
    """What an anchor (`&name`) stands for: its data, where it sits, the pointers below it, its size and depth."""

    def __init__(self, data: Any, origin: str, style: str | None = None, text: str | None = None) -> None:
        self.data, self.origin = data, origin
        self.below = list(_below(data))
        self.size = len(self.below) + 1
        self.depth = max((depth for _, depth, _ in self.below), default=0)
        self.style, self.text = style, text  # a scalar's, for the check an alias to it repeats


def _below(data: Any, pointer: str = "", depth: int = 0) -> Iterator[tuple[str, int, bool]]:
    """Every pointer under `data`, relative, with its depth and whether it names a mapping's key."""
    if isinstance(data, dict):
        for key, value in data.items():
            child = pointer + "/" + (escape_pointer_token(key) if "~" in key or "/" in key else key)
            yield child, depth + 1, True
            yield from _below(value, child, depth + 1)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield f"{pointer}/{i}", depth + 1, False
            yield from _below(value, f"{pointer}/{i}", depth + 1)


def _resolved(event: Any, kind: type[Node], resolve: Any) -> str:
    tag: str | None = event.tag
    return tag if tag not in (None, "!") else resolve(kind, event.value if kind is ScalarNode else None, event.implicit)


def from_events(loader: Any, values: Positions, keys: Positions) -> dict[str, Any]:
    """The data of a single-document file, read event by event from a libyaml `loader`, filling the position maps;
    Departs wherever the general walk would find a problem or libyaml may differ.

    No node tree is built: only the branch being read is alive, so the load's memory is the data and its
    positions, not the two marks per node of a composed tree. An alias (`*name`) gives what the composer gives:
    a fresh copy of its anchor's data, with every value below it placed where the anchor's values sit."""
    constructor = yaml.SafeLoader("")
    resolve, get = loader.resolve, loader.get_event
    anchors: dict[str, _Anchor | None] = {}  # None while the anchor is read: an alias to it is a cycle
    count = 0

    def alias(event: Any, pointer: str, depth: int, flow: bool) -> Any:
        nonlocal count
        anchor = anchors.get(event.anchor)
        if anchor is None or depth + anchor.depth > _DEEPEST:
            raise Departs  # unknown, a cycle, or too deep
        if anchor.text is not None and _departs(flow, anchor.style, anchor.text):
            raise Departs
        count += anchor.size
        if count > MAX_NODES:
            raise Departs
        origin = anchor.origin
        values[pointer] = values[origin]
        for below, _, is_key in anchor.below:
            values[pointer + below] = values[origin + below]
            if is_key:
                keys[pointer + below] = keys[origin + below]
        return copy.deepcopy(anchor.data)

    def build(event: Any, pointer: str, depth: int, flow: bool) -> Any:
        nonlocal count
        kind = type(event)
        if kind is AliasEvent:
            return alias(event, pointer, depth, flow)
        count += 1
        if count > MAX_NODES or depth > _DEEPEST:
            raise Departs
        name: str | None = event.anchor
        if name is not None:
            if name in anchors:
                raise Departs  # an anchor defined twice
            anchors[name] = None
        mark = event.start_mark
        values[pointer] = (mark.line + 1, mark.column + 1)
        if kind is ScalarEvent:
            text, style = event.value, event.style
            if depth and _departs(flow, style, text):
                raise Departs
            data = _scalar(constructor, ScalarNode(_resolved(event, ScalarNode, resolve), text, mark, event.end_mark, style))
            if name is not None:
                anchors[name] = _Anchor(data, pointer, style, text)
            return data
        inner = bool(event.flow_style)
        if kind is MappingStartEvent and _resolved(event, MappingNode, resolve) == MAPPING_TAG:
            result: dict[str, Any] = {}
            while type(key_event := get()) is not MappingEndEvent:
                if type(key_event) is not ScalarEvent or key_event.anchor is not None:
                    raise Departs  # an alias or anchor as a key, a complex key
                key = key_event.value
                tag = _resolved(key_event, ScalarNode, resolve)
                if tag not in SCALAR_TAGS or _departs(inner, key_event.style, key) or key in result:
                    raise Departs  # a merge key, a tag, an empty key, a duplicate
                child = pointer + "/" + (escape_pointer_token(key) if "~" in key or "/" in key else key)
                key_mark: Any = key_event.start_mark
                keys[child] = (key_mark.line + 1, key_mark.column + 1)
                result[key] = build(get(), child, depth + 1, inner)
            data = result
        elif kind is SequenceStartEvent and _resolved(event, SequenceNode, resolve) == SEQUENCE_TAG:
            items: list[Any] = []
            while type(item := get()) is not SequenceEndEvent:
                items.append(build(item, f"{pointer}/{len(items)}", depth + 1, inner))
            data = items
        else:
            raise Departs  # a tag on a mapping or list
        if name is not None:
            anchors[name] = _Anchor(data, pointer)
        return data

    kinds: tuple[type[Event], ...] = (StreamStartEvent, DocumentStartEvent)
    if tuple(type(get()) for _ in kinds) != kinds:
        raise Departs
    root = get()
    if type(root) is not MappingStartEvent:
        raise Departs  # an empty document, a list, a value: the general walk words it
    data: dict[str, Any] = build(root, "", 0, False)
    kinds = (DocumentEndEvent, StreamEndEvent)
    if tuple(type(get()) for _ in kinds) != kinds:
        raise Departs  # a second document
    return data
