"""Stripe's wire notations, read as tests/apis/stripe/contract.md describes them: bracketed form and query parameters,
and the subset of the search query language the mock understands. Never imports connector_gen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


class WireError(ValueError):
    """A parameter the notation cannot say; `param` names it as Stripe's error would."""

    def __init__(self, message: str, param: str) -> None:
        super().__init__(message)
        self.param = param


def parse_params(text: str) -> dict[str, Any]:
    """`a=1&meta[k]=v&tags[]=x&items[0][sku]=y` -> {"a": "1", "meta": {"k": "v"}, "tags": ["x"], "items": [{"sku": "y"}]}.

    Every value stays text (Stripe types them by the parameter); order is kept; an integer segment indexes a list.
    """
    out: dict[str, Any] = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        match = _KEY.match(key)
        if not match:
            raise WireError(f"Invalid parameter name: {key}", key)
        head, rest = match.group(1), match.group(2)
        parts = [head, *re.findall(r"\[([^\[\]]*)\]", rest)]
        _place(out, parts, value, key)
    return out


def _place(node: Any, parts: list[str], value: str, key: str) -> None:
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        nxt = None if last else parts[i + 1]
        empty: Any = [] if nxt is not None and (nxt == "" or nxt.isdigit()) else {}
        if isinstance(node, list):
            if part == "":
                if last:
                    node.append(value)
                    return
                node.append(empty)
                node = node[-1]
                continue
            if not part.isdigit():
                raise WireError(f"Invalid array index in {key}", key)
            index = int(part)
            while len(node) <= index:
                node.append(None)
            if last:
                node[index] = value
                return
            if node[index] is None:
                node[index] = empty
            node = node[index]
            continue
        if not isinstance(node, dict):
            raise WireError(f"Invalid hash: {key} mixes a value and keys", key)
        if last:
            if isinstance(node.get(part), dict | list):
                raise WireError(f"Invalid hash: {key} mixes a value and keys", key)
            node[part] = value
            return
        if part not in node or node[part] is None:
            node[part] = empty
        elif not isinstance(node[part], dict | list):
            raise WireError(f"Invalid hash: {key} mixes a value and keys", key)
        node = node[part]


# -- the search query language (a subset) ---------------------------------------------------------------------

SEARCHABLE = ("created", "email", "metadata", "name", "phone")
_CLAUSE = re.compile(
    r"""^(?P<neg>-)?(?P<field>[a-z_]+)(?:\[(?P<q>['"])(?P<key>[^'"\]]+)(?P=q)\])?"""
    r"""(?P<op>:|~|>=|<=|>|<)(?P<value>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+)$"""
)
_TOKEN = re.compile(r"""(?:[^\s'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")+""")


@dataclass(frozen=True)
class Clause:
    """One `field op value` clause; `key` is the metadata key of `metadata['key']:'value'`."""

    field: str
    key: str | None
    op: str
    value: str | int
    negated: bool

    def matches(self, record: dict[str, Any]) -> bool:
        """Whether a customer record satisfies the clause."""
        found = record.get("metadata", {}).get(self.key) if self.key is not None else record.get(self.field)
        hit = _compare(found, self.op, self.value)
        return not hit if self.negated else hit


def parse_query(query: str) -> tuple[list[Clause], str]:
    """The clauses of a query and how they join ("AND" or "OR"); WireError when the query is not one we read."""
    tokens = _TOKEN.findall(query.strip())
    if not tokens:
        raise WireError("The query is empty.", "query")
    clauses, joins = [], set()
    for i, token in enumerate(tokens):
        if i % 2 == 1:
            if token not in ("AND", "OR"):
                raise WireError(f"Invalid query: expected AND or OR before '{token}'.", "query")
            joins.add(token)
            continue
        match = _CLAUSE.match(token)
        if not match:
            raise WireError(f"Invalid query: '{token}' is not a field, an operator and a value.", "query")
        field = match.group("field")
        if field not in SEARCHABLE:
            raise WireError(f"Invalid query: customers cannot be searched by '{field}'.", "query")
        if (field == "metadata") != (match.group("key") is not None):
            raise WireError("Invalid query: metadata is searched as metadata['key']:'value'.", "query")
        raw = match.group("value")
        value: str | int = int(raw) if raw[0] not in "'\"" else re.sub(r"\\(.)", r"\1", raw[1:-1])
        op = match.group("op")
        if op in (">", "<", ">=", "<=") and (field != "created" or not isinstance(value, int)):
            raise WireError(f"Invalid query: '{op}' compares numbers (created) only.", "query")
        if op == "~" and (not isinstance(value, str) or len(value) < 3):
            raise WireError("Invalid query: a substring match (~) needs at least 3 characters.", "query")
        clauses.append(Clause(field, match.group("key"), op, value, bool(match.group("neg"))))
    if len(tokens) % 2 == 0:
        raise WireError("Invalid query: it ends with AND or OR.", "query")
    if len(joins) > 1:
        raise WireError("Invalid query: AND and OR cannot be mixed in one query.", "query")
    return clauses, (joins.pop() if joins else "AND")


def _compare(found: Any, op: str, value: str | int) -> bool:
    if op == ":":
        if isinstance(value, int):
            return found == value
        return isinstance(found, str) and found.lower() == value.lower()
    if op == "~":
        return isinstance(found, str) and str(value).lower() in found.lower()
    if not isinstance(found, int) or not isinstance(value, int):
        return False
    return {">": found > value, "<": found < value, ">=": found >= value, "<=": found <= value}[op]
