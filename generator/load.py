"""Parse a YAML spec into plain data plus a map of JSON pointers to line/column positions."""

from __future__ import annotations

import gc
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import SpecError, SpecInvalid
from .load_fast import (
    MAPPING_TAG,
    MAX_DEPTH,
    MAX_NODES,
    SCALAR_TAGS,
    SEQUENCE_TAG,
    STR_TAG,
    TIMESTAMP_TAG,
    YAML,
    escape_pointer_token,
    from_events,
)

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Loaded", "escape_pointer_token", "load_spec"]

MAX_BYTES = 2 * 1024 * 1024  # a capability spec is a few hundred lines; anything this big is a mistake

_EMPTY_HINT = "expected a mapping with spec_version, app, auth, http, resources and operations"
# libyaml parses the same events with the same marks as PyYAML's pure-Python parser, ten times faster. It words
# its errors differently, and accepts a few things the pure-Python scanner refuses (tabs after an indicator, '?' in
# a flow scalar, a comment glued to a block scalar header) and places empty values elsewhere in flow collections;
# so it only serves files that load cleanly and have none of those. Anything else is read again, and worded as it
# always was, by the pure-Python composer (`_compose`). tests/foundation/test_load_libyaml.py keeps the two equal.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)
_GLUED_COMMENT = re.compile(r"[|>][-+0-9]*#")


@dataclass
class Loaded:
    """A parsed spec: its data, its display path, and where each pointer sits in the file."""

    path: Path
    display: str
    data: dict[str, Any]
    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at `pointer`, falling back to its nearest parent."""
        table = self.keys if key else self.values
        probe = pointer
        while True:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe.rsplit("/", 1)[0]

    def error(self, pointer: str, message: str, *, key: bool = False) -> SpecError:
        """A SpecError located at `pointer`."""
        line, col = self.position(pointer, key=key)
        return SpecError(self.display, pointer, line, col, message)


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(YAML) :] if tag.startswith(YAML) else tag


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a value"


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer stops at MAX_DEPTH with the position, instead of recursing into a RecursionError."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Builder:
    """The general walk over the pure-Python composer's nodes: every problem becomes a SpecError at its place."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.errors: list[SpecError] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")
        self.open: set[int] = set()  # ids of the collections being built: an alias to one of them is a cycle

    def _pos(self, node: Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: Node, pointer: str, message: str) -> None:
        line, col = self._pos(node)
        self.errors.append(SpecError(self.loaded.display, pointer, line, col, message))

    def _tag_ok(self, node: Node, pointer: str) -> bool:
        allowed = MAPPING_TAG if isinstance(node, MappingNode) else SEQUENCE_TAG if isinstance(node, SequenceNode) else None
        if (node.tag == allowed) if allowed else (node.tag in SCALAR_TAGS):
            return True
        self._fail(node, pointer, f"unsupported YAML tag '{_show_tag(node.tag)}' on {_kind(node)}; remove the tag")
        return False

    def build(self, node: Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            message = f"the file expands to more than {MAX_NODES} values; are aliases (*name) repeating anchors?"
            raise _TooBig(node, pointer, message, expanded=True)
        if depth > MAX_DEPTH:
            raise _TooBig(node, pointer, f"nested deeper than {MAX_DEPTH} levels")
        if id(node) in self.open:
            raise _TooBig(node, pointer, "an alias (*name) refers to a mapping or list that contains it")
        self.loaded.values.setdefault(pointer, self._pos(node))
        if not self._tag_ok(node, pointer):
            return None
        if isinstance(node, MappingNode):
            self.open.add(id(node))
            try:
                return self._mapping(node, pointer, depth)
            finally:
                self.open.discard(id(node))
        if isinstance(node, SequenceNode):
            self.open.add(id(node))
            try:
                return [self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        assert isinstance(node, ScalarNode)
        if node.tag == STR_TAG:
            return node.value  # what the constructor would return, without its bookkeeping: most values are text
        if node.tag == TIMESTAMP_TAG:
            return node.value  # dates stay text: the spec says "2026-05-10", not a datetime
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, TypeError, IndexError):  # `!!int abc`, `!!bool maybe`, `!!int`
            digits = str(node.value).lstrip("+-").replace("_", "")
            if node.tag == f"{YAML}int" and digits.isdigit():  # Python refuses ints of more than 4300 digits
                self._fail(node, pointer, f"the number {_short(node.value, 20)} has too many digits ({len(digits)})")
            else:
                self._fail(node, pointer, f"{_short(node.value)} is not a valid {_show_tag(node.tag)}")
            return None

    def _mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == f"{YAML}merge":
                self._fail(key_node, pointer, "YAML merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, ScalarNode):
                self._fail(key_node, pointer, f"a key must be a plain name, not {_kind(key_node)}")
                continue
            if not self._tag_ok(key_node, pointer):
                continue
            key = str(key_node.value)  # the raw text: `400` stays "400", `on` stays "on"
            child = f"{pointer}/{escape_pointer_token(key)}"
            if key in result:
                line, col = self.loaded.keys.get(child, (0, 0))
                self._fail(key_node, child, f"duplicate key '{key}' (first defined at line {line}, column {col})")
                continue
            self.loaded.keys[child] = self._pos(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result


class _TooBig(Exception):
    def __init__(self, node: Node, pointer: str, message: str, *, expanded: bool = False) -> None:
        self.node, self.pointer, self.message, self.expanded = node, pointer, message, expanded


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem in plain words, with where the enclosing construct started."""
    problem = exc.problem or exc.context or "invalid YAML"
    if "'\\t'" in problem or "tab character" in problem:
        return "invalid YAML: a tab character cannot indent or start a value; use spaces"
    text = f"invalid YAML: {problem}"
    cm, pm = exc.context_mark, exc.problem_mark
    if exc.context and exc.problem and cm is not None and (pm is None or (cm.line, cm.column) != (pm.line, pm.column)):
        text += f" ({exc.context} that starts at line {cm.line + 1}, column {cm.column + 1})"
    return text


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == f"{YAML}null" and node.value in ("", "~", "null", "Null", "NULL")


def _read(path: Path, fail: Any) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a directory, not a spec file")
        if not stat.S_ISREG(info.st_mode):
            raise fail("is not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never read more than the limit, whatever stat said
    except FileNotFoundError:
        raise fail("file not found") from None
    except PermissionError:
        raise fail("cannot read file: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        size = max(info.st_size, len(raw))
        raise fail(f"file is too large ({size:,} bytes); a spec may be at most {MAX_BYTES:,} bytes")
    return raw


def _decode(raw: bytes, fail: Any) -> str:
    if b"\x00" in raw:
        raise fail("not a text file (it contains NUL bytes); a spec is UTF-8 YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot start a UTF-8 character)", line, col) from None
    return text.removeprefix("\ufeff")


def _compose(text: str, fail: Any) -> Node:
    documents: list[Node] = []
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the reader checks every character here
        while loader.check_node():
            node = loader.get_node()
            if node is not None and not _is_empty(node):
                documents.append(node)
            if len(documents) > 1:
                second = documents[1].start_mark
                raise fail("expected one YAML document, found a second one ('---')", second.line + 1, second.column + 1)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(_yaml_problem(exc), line, col) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise fail(f"invalid YAML: control character U+{code:04X} is not allowed in YAML text", line, col) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {_one_line(str(exc))}") from None
    except RecursionError:  # defensive: the composer's own depth limit normally fires first
        raise fail(f"invalid YAML: nested deeper than {MAX_DEPTH} levels") from None
    finally:
        if loader is not None:
            loader.dispose()
    if not documents:
        raise fail(f"the file has no content (only comments or blank lines); {_EMPTY_HINT}")
    return documents[0]


def _load_fast(path: Path, shown: str, text: str) -> Loaded | None:
    """The spec as libyaml reads it when the file holds one mapping document that loads cleanly, else None."""
    if _FAST_LOADER is None or "\t" in text or _GLUED_COMMENT.search(text):
        return None
    loaded = Loaded(path=path, display=shown, data={})
    loader = _FAST_LOADER(text)
    try:
        loaded.data = from_events(loader, loaded.values, loaded.keys)
    except Exception:  # Departs, or whatever libyaml objects to: the pure-Python composer finds and words it
        return None
    finally:
        loader.dispose()
    return loaded


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Composing and building make many small objects and almost no garbage: the collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_spec(path: Path, display: str | None = None) -> Loaded:
    """Read and parse `path`; raise SpecInvalid with every problem found."""
    shown = display or str(path)

    def fail(message: str, line: int = 1, col: int = 1) -> SpecInvalid:
        return SpecInvalid([SpecError(shown, "", line, col, message)])

    raw = _read(path, fail)
    if not raw.strip():
        raise fail(f"file is empty; {_EMPTY_HINT}")
    text = _decode(raw, fail)
    with _gc_paused():
        fast = _load_fast(path, shown, text)
        if fast is not None:
            return fast
        # A problem, or no libyaml: the pure-Python composer words every problem exactly as it always has.
        return _load_slowly(path, shown, _compose(text, fail), fail)


def _load_slowly(path: Path, shown: str, root: Node, fail: Any) -> Loaded:
    loaded = Loaded(path=path, display=shown, data={})
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else f"a single value ({_short(root.value)})"
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        raise fail(f"the top level is {kind}; {_EMPTY_HINT}", line, col)

    builder = _Builder(loaded)
    try:
        data = builder.build(root, "", 0)
    except _TooBig as exc:
        line, col = exc.node.start_mark.line + 1, exc.node.start_mark.column + 1
        pointer = exc.pointer
        if exc.expanded:  # the node where the count ran out is arbitrary: name the top-level key that expands
            pointer = "/".join(pointer.split("/")[:2])
            line, col = loaded.keys.get(pointer, (line, col))
        raise SpecInvalid([*builder.errors, SpecError(shown, pointer, line, col, exc.message)]) from None
    if builder.errors:
        raise SpecInvalid(builder.errors)
    loaded.data = data
    return loaded
