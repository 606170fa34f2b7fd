"""Light node versioning: one action node description for every n8n node version the spec lists (`versions: n8n:`).

n8n keeps the typeVersion a workflow was saved with and shows a property only to the versions in its
`displayOptions.show['@version']` (https://docs.n8n.io/connect/create-nodes/build-your-node/reference/versioning).
Each version's description is rendered from its own model, then merged: a property the same in every version is kept
once, as is; each other variant carries the versions it belongs to, next to its siblings, newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Props = Sequence[Any]


def _keys(props: Props) -> list[tuple[str, int]]:
    """Each property's identity within its list: its name and how many of that name came before it."""
    seen: dict[str, int] = {}
    out = []
    for p in props:
        name = str(p.get("name"))
        out.append((name, seen.get(name, 0)))
        seen[name] = seen.get(name, 0) + 1
    return out


def tagged(prop: dict[str, Any], versions: list[int]) -> dict[str, Any]:
    """`prop` shown only to the node versions `versions`."""
    options = prop.get("displayOptions") or {}
    return {**prop, "displayOptions": {**options, "show": {"@version": versions, **(options.get("show") or {})}}}


def merge(lists: Sequence[Props]) -> list[Any]:
    """The properties of node versions 1..N (`lists[i]` is version i+1's, empty where it has none) as one list."""
    count = len(lists)
    by_version = [dict(zip(_keys(props), props, strict=True)) for props in lists]
    order: list[tuple[str, int]] = []
    for props in reversed(lists):  # the newest version's order, then what only older versions have
        order += [k for k in _keys(props) if k not in order]
    merged: list[Any] = []
    for key in order:
        variants: list[tuple[Any, list[int]]] = []
        for number in range(count, 0, -1):
            prop = by_version[number - 1].get(key)
            if prop is None:
                continue
            for variant, numbers in variants:
                if variant == prop:
                    numbers.insert(0, number)
                    break
            else:
                variants.append((prop, [number]))
        if len(variants) == 1 and len(variants[0][1]) == count:
            merged.append(variants[0][0])
        else:
            merged += [tagged(prop, numbers) for prop, numbers in variants]
    return merged
