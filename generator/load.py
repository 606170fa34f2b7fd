"""Parse a YAML spec into plain data plus a map of JSON pointers to line/column positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import SpecError, SpecInvalid

MAX_BYTES = 2 * 1024 * 1024  # a capability spec is a few hundred lines; anything this big is a mistake
MAX_DEPTH = 40
MAX_NODES = 200_000  # guards against alias expansion ("billion laughs")

_SCALARS = yaml.SafeLoader  # used only for scalar resolution/construction


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


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


class _Builder:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.errors: list[SpecError] = []
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def _pos(self, node: Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def _fail(self, node: Node, pointer: str, message: str) -> None:
        line, col = self._pos(node)
        self.errors.append(SpecError(self.loaded.display, pointer, line, col, message))

    def build(self, node: Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node, pointer, f"more than {MAX_NODES} nodes (are aliases expanding?)")
        if depth > MAX_DEPTH:
            raise _TooBig(node, pointer, f"nested deeper than {MAX_DEPTH} levels")
        self.loaded.values.setdefault(pointer, self._pos(node))
        if isinstance(node, MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self._fail(key_node, pointer, "mapping keys must be plain scalars")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self._fail(key_node, pointer, "YAML merge keys ('<<') are not supported")
                    continue
                key = str(key_node.value)  # the raw text: `400` stays "400", `on` stays "on"
                child = f"{pointer}/{escape_pointer_token(key)}"
                if key in result:
                    first = self.loaded.keys.get(child, (0, 0))
                    self._fail(key_node, child, f"duplicate key '{key}' (first defined at line {first[0]})")
                    continue
                self.loaded.keys[child] = self._pos(key_node)
                result[key] = self.build(value_node, child, depth + 1)
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # dates stay text: the spec says "2026-05-10", not a datetime
        if node.tag == "tag:yaml.org,2002:binary":
            self._fail(node, pointer, "binary values are not supported")
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:  # e.g. an unknown !tag
            self._fail(node, pointer, _one_line(str(exc)))
            return None


class _TooBig(Exception):
    def __init__(self, node: Node, pointer: str, message: str) -> None:
        self.node, self.pointer, self.message = node, pointer, message


def _one_line(text: str) -> str:
    return " ".join(text.split())


def load_spec(path: Path, display: str | None = None) -> Loaded:
    """Read and parse `path`; raise SpecInvalid with every problem found."""
    shown = display or str(path)
    loaded = Loaded(path=path, display=shown, data={})

    def fail(message: str, line: int = 1, col: int = 1) -> SpecInvalid:
        return SpecInvalid([SpecError(shown, "", line, col, message)])

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise fail(f"file is {size} bytes; a spec may be at most {MAX_BYTES} bytes")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("is a directory, not a spec file") from None
    except OSError as exc:
        raise fail(f"cannot read file: {exc.strerror}") from None
    if b"\x00" in raw:
        raise fail("not a text file (contains NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise fail("file is empty; expected a mapping with app, auth, http, resources and operations")

    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise fail(f"invalid YAML: {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {_one_line(str(exc))}") from None
    except RecursionError:
        raise fail(f"invalid YAML: nested deeper than {MAX_DEPTH} levels") from None
    documents = [d for d in documents if d is not None]
    if len(documents) != 1:
        raise fail(f"expected exactly one YAML document, found {len(documents)}")
    root = documents[0]
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        raise fail(f"the top level must be a mapping, not {kind}", line, col)

    builder = _Builder(loaded)
    try:
        data = builder.build(root, "", 0)
    except _TooBig as exc:
        line, col = exc.node.start_mark.line + 1, exc.node.start_mark.column + 1
        raise SpecInvalid([SpecError(shown, exc.pointer, line, col, exc.message)]) from None
    if builder.errors:
        raise SpecInvalid(builder.errors)
    loaded.data = data
    return loaded
