"""Checks of paging and trigger cursors (issue 14) that JSON Schema cannot express; run on schema-valid data.

`semantics` calls these with its error sink: `err(pointer, message, key=...)` records one located error. A
pagination that could not stop, or could not move to its next page, is refused here with its place in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import values

Err = Callable[..., None]
_PART = {"offset": "offset", "page": "page", "cursor": "cursor", "after_id": "after"}


def paging_params(pag: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The parameters a pagination sends, typed like filters: the limit, an offset or a page number."""
    names: dict[str, dict[str, Any]] = {}
    limit = pag.get("limit") or {}
    if "param" in limit:
        names[limit["param"]] = {"type": "integer", "min": 1, "max": limit["max"]}
    if pag.get("style") == "offset":
        names[pag["offset"]["param"]] = {"type": "integer", "min": 0}
    if pag.get("style") == "page":
        names[pag["page"]["param"]] = {"type": "integer", "min": pag["page"].get("first", 1)}
    return names


def check_pagination(err: Err, pointer: str, pag: dict[str, Any], res: dict[str, Any], list_path: str | None) -> None:
    """Each parameter is named once and is no filter; the style can move to its next page and stop."""
    filters = res.get("filters") or {}
    style = pag["style"]
    part = _PART.get(style)
    named: list[tuple[str, str]] = []
    if "param" in (pag.get("limit") or {}):
        named.append((f"{pointer}/limit/param", pag["limit"]["param"]))
    if part:
        named.append((f"{pointer}/{part}/param", pag[part]["param"]))
    seen: dict[str, str] = {}
    for where, name in named:
        if name in filters:
            err(where, f"'{name}' is already a filter")
        elif name in seen:
            err(where, f"'{name}' is already the limit parameter; the page parameter needs its own name")
        seen[name] = where
    if style == "after_id" and "id_field" not in res:
        err(f"{pointer}/style", "after_id pages by the last record's id; the resource declares no id_field")
    if style == "cursor" and list_path is not None:
        token = pag["cursor"]["from"]
        if list_path == "$" or token == list_path or token.startswith(f"{list_path}."):
            message = f"the token at '{token}' would be read from inside the records at '{list_path}'; the pages could not end"
            err(f"{pointer}/cursor/from", message)


def check_paged_operation(err: Err, base: str, op: dict[str, Any], pag: dict[str, Any] | None) -> None:
    """An operation's own pagination fits its request: a body to page in, a list to page through."""
    own = op.get("pagination")
    if own is None:
        return
    if op["kind"] not in ("list", "search", "polling_trigger"):
        err(f"{base}/pagination", f"a {op['kind']} operation reads one answer; only lists, searches and triggers page")
    if own.get("in") == "body" and op["request"]["method"] in ("GET", "DELETE"):
        err(f"{base}/pagination/in", f"{op['request']['method']} requests have no body to page in")
    if "record" in (op.get("response") or {}):
        err(f"{base}/pagination", "this operation answers with one record; there are no pages to read")


def check_cursor(err: Err, base: str, op: dict[str, Any], res: dict[str, Any], not_field: Callable[..., None]) -> None:
    """The trigger's cursor: a date-time (or integer) field, asked for by a `gte` filter in any date format."""
    trig = op["trigger"]
    cursor = trig["cursor"]
    here = f"{base}/trigger/cursor"
    fld = res["fields"].get(cursor["field"])
    if fld is None:
        not_field(f"{here}/field", op["resource"], cursor["field"])
        return
    kind, _ = values.type_of(fld)
    if kind not in ("datetime", "integer"):
        err(f"{here}/field", f"cursor field '{cursor['field']}' must be a datetime or an integer field, not {fld['type']}")
        return
    if "param" not in cursor:
        if trig.get("order") != "desc":
            message = "without a since parameter a poll reads newest first and stops at the cursor: say order: desc"
            err(f"{base}/trigger", message, key=True)
        return
    flt = (res.get("filters") or {}).get(cursor["param"])
    if flt is None:
        return  # semantics reports the unknown filter with a did-you-mean
    if values.type_of(flt)[0] not in ("datetime", "date") or flt.get("op") != "gte":
        err(f"{here}/param", f"'{cursor['param']}' must be a datetime or date filter with op gte")
    elif kind != "datetime":
        err(f"{here}/field", f"a since parameter compares date-times; cursor field '{cursor['field']}' is {fld['type']}")
    elif flt.get("field") != cursor["field"]:
        err(here, f"'{cursor['param']}' filters on '{flt.get('field')}', not on '{cursor['field']}'")
