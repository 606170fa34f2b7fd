"""An interpreter for the subset of Make's IML that custom apps use: `{{…}}` templates inside JSON values.

Expressions are JS-like: dot paths (with backtick keys and `[…]`), literals, `+ - * / %`, strict equality
(`=`, `==`, `===` are the same), comparisons, `&& || !`, parentheses and function calls with commas.
A string that is exactly one `{{…}}` keeps the value's type; mixed text becomes a string. Missing paths
evaluate to `undefined` (never an exception), as in Make.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from . import dates
from .functions import FunctionError
from .values import FUNCTIONS, UNDEFINED, Regex, arith, compare, empty, get_key, number, same, to_text, truthy

__all__ = [
    "FUNCTIONS",
    "KNOWN_FUNCTIONS",
    "SPREAD",
    "UNDEFINED",
    "Context",
    "IMLError",
    "check_braces",
    "drop_undefined",
    "empty",
    "evaluate",
    "expressions",
    "parse",
    "references",
    "render",
    "to_text",
    "tokenize",
    "truthy",
]


class IMLError(Exception):
    """An expression that cannot be parsed or evaluated, with the file and expression that failed."""

    def __init__(self, message: str, where: str = "", expression: str = "") -> None:
        self.message, self.where, self.expression = message, where, expression
        located = f"{where}: " if where else ""
        shown = f" in {{{{{expression}}}}}" if expression else ""
        super().__init__(f"{located}{message}{shown}")


# The key whose value (a collection) is merged into the object holding it (`"{{...}}": "{{toCollection(…)}}"`).
SPREAD = "{{...}}"
_TEMPLATE = re.compile(r"\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")|(?P<tick>`[^`]*`)"
    r"|(?P<name>[A-Za-z_$][A-Za-z0-9_$]*)|(?P<op>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>=!().,\[\]]))"
)
# A regex literal `/…/flags` (a class `[…]` may hold a `/`); read only where an operand is expected, not a division.
_REGEX = re.compile(r"\s*/((?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+)/([a-z]*)")
_BINARY = [("||",), ("&&",), ("=", "==", "===", "!=", "!=="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%")]
_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None, "undefined": UNDEFINED}

Node = tuple[Any, ...]


def tokenize(expression: str) -> list[tuple[str, str]]:
    """The (kind, text) tokens of one expression; raises IMLError on a character IML does not know."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(expression):
        if expression[pos:].strip() == "":
            break
        operand = not tokens or (tokens[-1][0] == "op" and tokens[-1][1] not in (")", "]"))
        regex = _REGEX.match(expression, pos) if operand else None
        if regex:
            tokens.append(("regex", regex.group(0).strip()))
            pos = regex.end()
            continue
        found = _TOKEN.match(expression, pos)
        if not found or found.end() == pos:
            raise IMLError(f"unexpected character {expression[pos:].strip()[:1]!r}")
        kind = found.lastgroup or ""
        tokens.append((kind, found.group(kind)))
        pos = found.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.i = tokens, 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "")

    def take(self, text: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok[0] == "end" or (text is not None and tok[1] != text):
            raise IMLError(f"expected {text!r}, found {tok[1] or 'end of expression'!r}")
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self.binary(0)
        if self.peek()[0] != "end":
            raise IMLError(f"unexpected {self.peek()[1]!r}")
        return node

    def binary(self, level: int) -> Node:
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek()[0] == "op" and self.peek()[1] in _BINARY[level]:
            op = self.take()[1]
            left = ("bin", op, left, self.binary(level + 1))
        return left

    def unary(self) -> Node:
        if self.peek() in (("op", "!"), ("op", "-")):
            op = self.take()[1]
            return ("un", op, self.unary())
        return self.postfix(self.primary())

    def primary(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            return ("lit", float(text) if "." in text else int(text))
        if kind == "str":
            return ("lit", _unescape(text[1:-1]))
        if kind == "tick":
            return ("var", text[1:-1])
        if kind == "regex":
            body, _, flags = text[1:].rpartition("/")
            return ("lit", Regex(body, flags))
        if kind == "op" and text == "(":
            node = self.binary(0)
            self.take(")")
            return node
        if kind == "name":
            if self.peek() == ("op", "("):
                self.take("(")
                args: list[Node] = []
                while self.peek() != ("op", ")"):
                    args.append(self.binary(0))
                    if self.peek() != ("op", ")"):
                        self.take(",")
                self.take(")")
                return ("call", text, args)
            if text in _CONSTANTS:
                return ("lit", _CONSTANTS[text])
            return ("var", text)
        raise IMLError(f"unexpected {text!r}")

    def postfix(self, node: Node) -> Node:
        while self.peek() in (("op", "."), ("op", "[")):
            if self.take()[1] == ".":
                kind, text = self.take()
                if kind not in ("name", "tick", "num"):
                    raise IMLError(f"expected a key after '.', found {text!r}")
                node = ("get", node, ("lit", text[1:-1] if kind == "tick" else text))
            else:
                key = self.binary(0)
                self.take("]")
                node = ("get", node, key)
        return node


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0"}


def _unescape(body: str) -> str:
    # JS string escapes: \n \t …, \uXXXX, and any other escaped character stands for itself (\' \" \\).
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def parse(expression: str) -> Node:
    """The syntax tree of one expression (the text between `{{` and `}}`)."""
    if not expression.strip():
        raise IMLError("empty expression")
    return _Parser(tokenize(expression)).parse()


# Date functions join the library here: make_dates depends on make_values, so the table cannot import it.
FUNCTIONS.update(
    {"formatDate": dates.format_date, "parseDate": dates.parse_date, "addDays": dates.add_days, "addSeconds": dates.add_seconds}
)
# `if` evaluates only the branch it returns, so it is handled in `_eval`, not in FUNCTIONS.
KNOWN_FUNCTIONS = frozenset({*FUNCTIONS, "if"})


# Functions whose last argument is a time zone that, when omitted, is the organization's (Make's date and time
# functions: "If omitted, Make uses the organization's timezone"), by how many arguments they take with it.
_ZONED = {"formatDate": 3, "parseDate": 3}


class Context:
    """The variables an expression sees (`parameters`, `connection`, `body`, `item`, …), `now` and the org's time zone."""

    def __init__(
        self,
        variables: Mapping[str, Any],
        now: datetime,
        functions: Mapping[str, Callable[..., Any]] | None = None,
        timezone: str = "UTC",
    ) -> None:
        self.variables = dict(variables)
        self.now = now
        self.functions = dict(functions or {})  # the app's own custom IML functions
        self.timezone = timezone  # the organization's time zone (Profile > Time zone options > Scenarios)

    def extend(self, **more: Any) -> Context:
        """A copy with more variables (e.g. `item` while iterating)."""
        return Context({**self.variables, **more}, self.now, self.functions, self.timezone)

    def lookup(self, name: str) -> Any:
        """A root variable; `now` and `timestamp` come from the context's clock."""
        if name in self.variables:
            return self.variables[name]
        if name == "now":
            return self.now
        if name == "timestamp":
            return int(self.now.timestamp())
        return UNDEFINED


def _eval(node: Node, ctx: Context) -> Any:
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "var":
        return ctx.lookup(node[1])
    if kind == "get":
        return get_key(_eval(node[1], ctx), _eval(node[2], ctx))
    if kind == "un":
        value = _eval(node[2], ctx)
        return not truthy(value) if node[1] == "!" else -number(value)
    if kind == "bin":
        op = node[1]
        left = _eval(node[2], ctx)
        if op == "&&":
            return _eval(node[3], ctx) if truthy(left) else left
        if op == "||":
            return left if truthy(left) else _eval(node[3], ctx)
        right = _eval(node[3], ctx)
        if op in ("=", "==", "==="):
            return same(left, right)
        if op in ("!=", "!=="):
            return not same(left, right)
        if op in ("<", "<=", ">", ">="):
            return compare(op, left, right)
        return arith(op, left, right)
    name, args = node[1], node[2]
    if name == "if":
        if len(args) not in (2, 3):
            raise IMLError("if() takes a condition and one or two values")
        chosen = args[1] if truthy(_eval(args[0], ctx)) else (args[2] if len(args) == 3 else ("lit", UNDEFINED))
        return _eval(chosen, ctx)
    fn = FUNCTIONS.get(name) or ctx.functions.get(name)
    if fn is None:
        raise IMLError(f"unknown function {name}()")
    values = [_eval(a, ctx) for a in args]
    if name in _ZONED and name not in ctx.functions:
        values = _zoned(values, _ZONED[name], ctx.timezone)
    try:
        return fn(*values)
    except IMLError:
        raise
    except FunctionError as exc:
        raise IMLError(str(exc)) from None
    except (TypeError, ValueError, KeyError, AttributeError, OverflowError) as exc:
        raise IMLError(f"{name}() failed: {exc}") from None


def _zoned(values: list[Any], arity: int, timezone: str) -> list[Any]:
    # An omitted (or empty) time zone is the organization's; missing arguments before it stay undefined.
    padded = values + [UNDEFINED] * (arity - len(values))
    if empty(padded[arity - 1]):
        padded[arity - 1] = timezone
    return padded


def evaluate(expression: str, ctx: Context, where: str = "") -> Any:
    """The value of one expression; failures raise IMLError naming `where` and the expression."""
    try:
        return _eval(parse(expression), ctx)
    except IMLError as exc:
        raise IMLError(exc.message, where, expression.strip()) from None


def render(value: Any, ctx: Context, where: str = "") -> Any:
    """Evaluate every `{{…}}` in a JSON value; a string that is exactly one `{{…}}` keeps its type."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key != SPREAD:
                out[key] = render(item, ctx, f"{where}/{key}")
                continue
            # Make's spread key: the collection its value evaluates to joins the enclosing object.
            spread = render(item, ctx, f"{where}/{key}")
            if isinstance(spread, dict):
                out.update(spread)
            elif spread is not UNDEFINED and spread is not None:
                raise IMLError("the value of '{{...}}' must be a collection", where)
        return out
    if isinstance(value, list):
        return [render(v, ctx, f"{where}/{i}") for i, v in enumerate(value)]
    if not isinstance(value, str) or "{{" not in value:
        return value
    check_braces(value, where)
    whole = _TEMPLATE.fullmatch(value)
    if whole and "{{" not in whole.group(1):
        return evaluate(whole.group(1), ctx, where)
    return _TEMPLATE.sub(lambda m: to_text(evaluate(m.group(1), ctx, where)), value)


def check_braces(text: str, where: str = "") -> None:
    """Raise IMLError when `{{` and `}}` do not pair up."""
    depth = 0
    for token in re.findall(r"\{\{|\}\}", text):
        depth += 1 if token == "{{" else -1
        if depth not in (0, 1):
            raise IMLError("unbalanced '{{' / '}}'", where, text)
    if depth:
        raise IMLError("unbalanced '{{' / '}}'", where, text)


def expressions(value: Any) -> list[str]:
    """Every `{{…}}` expression inside a JSON value, in document order."""
    if isinstance(value, dict):
        return [e for v in value.values() for e in expressions(v)]
    if isinstance(value, list):
        return [e for v in value for e in expressions(v)]
    return [m.group(1) for m in _TEMPLATE.finditer(value)] if isinstance(value, str) else []


def references(expression: str) -> tuple[set[str], set[str]]:
    """The root variables (with their first key, e.g. `parameters.id`) and functions an expression uses."""
    roots: set[str] = set()
    calls: set[str] = set()

    def walk(node: Node) -> None:
        if node[0] == "var":
            roots.add(node[1])
        elif node[0] == "get" and node[1][0] == "var" and node[2][0] == "lit":
            roots.add(f"{node[1][1]}.{node[2][1]}")
        elif node[0] == "call":
            calls.add(node[1])
        for child in node[1:]:
            if isinstance(child, tuple) and child and isinstance(child[0], str):
                walk(child)
            elif isinstance(child, list):
                for item in child:
                    walk(item)

    walk(parse(expression))
    return roots, calls


def drop_undefined(value: Any) -> Any:
    """A copy of a JSON value without undefined entries (recursively), as Make sends it."""
    if isinstance(value, dict):
        return {k: drop_undefined(v) for k, v in value.items() if v is not UNDEFINED}
    if isinstance(value, list):
        return [drop_undefined(v) for v in value if v is not UNDEFINED]
    return value
