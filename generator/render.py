"""The one Jinja environment factory, and the Target interface (name, check, render) and registry."""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from . import markdown
from .errors import RenderError, SpecError
from .frozen import Frozen
from .model import Model
from .model.requests import REFERENCE, Dialect
from .resources import templates_dir

Files = dict[PurePosixPath, str]


_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,  # a missing model attribute fails the build
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": False,
    "auto_reload": False,
}


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates on disk, checked against each template's source; a cache that fails is no cache."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # read-only or full: the next run compiles again
            pass


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The cache under `$CONNECTOR_GEN_CACHE` (or ~/.cache/connector-gen), one folder per Jinja, Python and options."""
    root = os.environ.get("CONNECTOR_GEN_CACHE") or str(Path.home() / ".cache" / "connector-gen")
    # Bytecode depends on the options it was compiled under, not only on the source Jinja checks it against.
    salt = repr((jinja2.__version__, sys.version, sorted((k, repr(v)) for k, v in _OPTIONS.items())))
    return _BytecodeCache(str(Path(root) / "jinja" / hashlib.sha256(salt.encode()).hexdigest()[:16]))


@functools.cache
def environment(target: str) -> jinja2.Environment:
    """A strict Jinja environment over `templates/<target>` (shared macros live in its `_macros/`), one per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / target)), bytecode_cache=_bytecode_cache(), **_OPTIONS
    )
    env.filters["json"] = to_json
    env.filters.update(md=markdown.prose, md_code=markdown.code)  # every target's README escapes spec text alike
    return env


def to_json(value: Any, indent: int | None = 2) -> str:
    """Serialise like every JSON artifact: UTF-8 text, `<>&'` left alone, stable key order as given."""
    if indent is None:
        return json.dumps(value, ensure_ascii=False)
    if indent == 2:
        fast = _orjson_indented(value)
        if fast is not None:
            return fast
    try:
        return _indented(value, "\n", " " * indent)
    except (_Unusual, RecursionError):  # keys not text, odd types, cycles: the standard encoder decides (and errs)
        return json.dumps(value, indent=indent, ensure_ascii=False)


# orjson writes floats with a one-digit negative exponent as 1e-7 where json writes 1e-07; output showing that
# shape anywhere (even inside a string: a false alarm costs only speed) goes to the byte-exact path below.
# The pattern starts with its literal part, which `re` finds by a fast scan (a leading \d made it test every digit,
# six times orjson's own time on a 12 MB file); the digit before it is checked per match (`\d` is `isdecimal`).
_SHORT_EXPONENT = re.compile(r"e-[1-9](?![0-9])")


def _short_exponent(text: str) -> bool:
    """Whether `text` holds a digit followed by `e-<one digit>` (no further digit)."""
    return any(m.start() and text[m.start() - 1].isdecimal() for m in _SHORT_EXPONENT.finditer(text))


def _orjson_indented(value: Any) -> str | None:
    """json.dumps(value, indent=2, ensure_ascii=False) by orjson (Rust), or None where the two could differ."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - a dependency; the pure-Python path stays correct without it
        return None
    try:
        text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
    except (TypeError, ValueError):  # non-text keys, huge integers, lone surrogates: the standard encoder decides
        return None
    return None if _short_exponent(text) else text


class _Unusual(Exception):
    pass


_LEAF = json.JSONEncoder(ensure_ascii=False).encode  # C-accelerated, but only without indentation


def _indented(value: Any, newline: str, step: str) -> str:
    """json.dumps(value, indent=len(step), ensure_ascii=False), byte for byte, without its slow pure-Python encoder."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + step
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            items.append(f"{_LEAF(key)}: {_indented(item, inner, step)}")
        return "{" + inner + ("," + inner).join(items) + newline + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + step
        return "[" + inner + ("," + inner).join(_indented(item, inner, step) for item in value) + newline + "]"
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return _LEAF(value)
    raise _Unusual


def json_file(value: Any) -> str:
    """A JSON artifact's full text, with a trailing newline."""
    return to_json(value) + "\n"


def render_template(env: jinja2.Environment, target: str, name: str, **context: Any) -> str:
    """Render one template, turning Jinja failures into RenderError naming the template."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.UndefinedError as exc:
        raise RenderError(target, name, f"template uses an undefined value: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(target, name, str(exc)) from None


Check = Callable[[Model], list[SpecError]]


def no_limits(model: Model) -> list[SpecError]:
    """The check of a target whose platform adds no limits of its own."""
    return []


def problem(model: Model, pointer: str, message: str) -> SpecError:
    """A target check's finding at `pointer`; `validate` gives it its line and column from the loader's position map."""
    return SpecError(model.spec_file, pointer, 0, 0, message)


@dataclass(frozen=True, repr=False, eq=False)
class Target(Frozen):
    """A platform target: pure, deterministic `check(model) -> [SpecError]` and `render(model) -> {relative path: text}`.

    `check` finds every spec problem that only this platform's limits reveal (validate runs it); `render` may
    then assume the model passed it and raises RenderError only for internal bugs.
    """

    name: str
    description: str
    render: Callable[[Model], Files]
    check: Check = no_limits
    requests: Dialect = REFERENCE  # how its requests differ from the summary (its conventions' `REQUESTS`)


_REGISTRY: dict[str, Target] = {}


def register(
    name: str, description: str, check: Check = no_limits, requests: Dialect = REFERENCE
) -> Callable[[Callable[[Model], Files]], Callable[[Model], Files]]:
    """Decorator a target module puts on its render function, naming the check of its platform's limits and the
    dialect of its requests."""

    def wrap(fn: Callable[[Model], Files]) -> Callable[[Model], Files]:
        _REGISTRY[name] = Target(name, description, fn, check, requests)
        return fn

    return wrap


def targets() -> Mapping[str, Target]:
    """Every registered target, by name, sorted; importing `targets/*` registers them."""
    from . import targets as package

    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))
