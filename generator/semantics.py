"""Cross-reference checks that JSON Schema cannot express; run only on schema-valid data."""

from __future__ import annotations

import json
import re
from typing import Any

from . import key_rules, paging_rules, shape_rules
from .connection_rules import ConnectionRules, path_settings
from .errors import SpecError
from .load import Loaded, escape_pointer_token
from .model import template, values

_PATH_PARAM = re.compile(r"\{([^{}]*)\}")
_MAX_ICON_BYTES = 1024 * 1024


def _unknown(kind: str, name: str, known: Any) -> str:
    """`'x' is not a <kind>; did you mean 'y'?`, naming the closest known name when there is one."""
    import difflib  # only an error suggests a name

    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f"'{name}' is not {kind}" + (f"; did you mean '{close[0]}'?" if close else "")


class _Checker:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.spec: dict[str, Any] = loaded.data
        self.errors: list[SpecError] = []
        self.resources: dict[str, Any] = self.spec["resources"]
        self.operations: dict[str, Any] = self.spec["operations"]

    def err(self, pointer: str, message: str, *, key: bool = False) -> None:
        self.errors.append(self.loaded.error(pointer, message, key=key))

    def not_field(self, pointer: str, res_key: str, name: str) -> None:
        """Report `name` as missing from resource `res_key`, with the closest field name as a hint."""
        self.err(pointer, _unknown(f"a field of resource '{res_key}'", name, self.resources[res_key]["fields"]))

    # -- resources -------------------------------------------------------------------------
    def field_at(self, resource: dict[str, Any], dotted: str) -> dict[str, Any] | None:
        fields = resource["fields"]
        if dotted in fields:  # a field whose name has a dot is found by its whole name first
            whole: dict[str, Any] = fields[dotted]
            return whole
        found = None
        for part in dotted.split("."):
            if fields is None or part not in fields:
                return None
            found = fields[part]
            fields = found.get("fields")
        return found

    def check_fields(self, fields: dict[str, Any], pointer: str) -> None:
        for name, spec in fields.items():
            here = f"{pointer}/{name}"
            kind = spec["type"]
            if ("min" in spec or "max" in spec) and kind not in values.RANGED:
                self.err(here, f"min/max apply only to integer or number fields, not {kind}")
            if "min" in spec and "max" in spec and spec["min"] > spec["max"]:
                self.err(f"{here}/min", f"min {spec['min']} is greater than max {spec['max']}")
            kind = values.type_of(spec)[0]
            if "choices" in spec:
                shape_rules.check_choices(self.err, spec, f"{here}/choices")
            if kind in values.CONTAINERS and "choices" in spec:
                self.err(f"{here}/choices", f"choices apply only to scalar fields, not {kind}")
            if kind == "array" and values.type_of(spec["items"])[0] == "array":
                self.err(f"{here}/items/type", "an array of arrays has no form on any platform; make the items objects")
            if spec.get("read_only") and spec.get("write_only"):
                self.err(here, "a field cannot be both read_only and write_only")
            if spec.get("read_only") and spec.get("required"):
                self.err(f"{here}/required", "a read_only field cannot be required")
            if "example" in spec:
                problem = value_problem(spec, spec["example"])
                if problem:
                    self.err(f"{here}/example", problem)
            if kind == "object":
                self.check_fields(spec["fields"], f"{here}/fields")
            if kind == "array":
                self.check_fields({name: spec["items"]}, f"{here}/items")

    def check_sample(self, fields: dict[str, Any], sample: dict[str, Any], pointer: str, owner: str) -> None:
        for key, value in sample.items():
            here = f"{pointer}/{key}"
            if key not in fields:
                self.err(here, _unknown(f"a field of {owner}", key, fields), key=True)
                continue
            spec = fields[key]
            if spec.get("write_only"):
                self.err(here, f"sample has write_only field '{key}'; samples show what the API returns", key=True)
                continue
            if spec["type"] == "object":
                if not isinstance(value, dict):
                    self.err(here, f"expected a mapping of the fields of '{key}', got {value!r}")
                else:
                    self.check_sample(spec["fields"], value, here, f"object field '{key}'")
                continue
            items = spec.get("items") or {}
            if spec["type"] == "array" and items.get("type") == "object" and isinstance(value, list):
                for i, element in enumerate(value):
                    if not isinstance(element, dict):
                        self.err(f"{here}/{i}", f"expected a mapping of the fields of an item of '{key}', got {element!r}")
                    else:
                        self.check_sample(items["fields"], element, f"{here}/{i}", f"an item of '{key}'")
                continue
            problem = value_problem(spec, value)
            if problem:
                self.err(here, problem)

    def check_resource(self, key: str, res: dict[str, Any]) -> None:
        base = f"/resources/{key}"
        self.check_fields(res["fields"], f"{base}/fields")
        for prop in ("id_field", "title_field", "created_field", "updated_field", "archived_field", "upsert_field"):
            nested_ok = prop == "title_field"  # a title may sit inside an object field (properties.name)
            found = self.field_at(res, res[prop]) if prop in res and nested_ok else res["fields"].get(res.get(prop, ""))
            if prop in res and found is None:
                self.err(f"{base}/{prop}", _unknown(f"a field of resource '{key}'", res[prop], res["fields"]))
            elif prop in res and found is not None and values.type_of(found)[0] in values.CONTAINERS:
                self.err(f"{base}/{prop}", f"'{res[prop]}' is {found['type']} field; {prop} needs a scalar field")
        for prop, kind in (("created_field", "datetime"), ("updated_field", "datetime"), ("archived_field", "boolean")):
            if prop in res and res[prop] in res["fields"] and values.type_of(res["fields"][res[prop]])[0] != kind:
                self.err(f"{base}/{prop}", f"'{res[prop]}' must be a {kind} field")
        id_spec = res["fields"].get(res.get("id_field", ""))
        if id_spec is not None and id_spec["type"] not in ("string", "integer"):
            self.err(f"{base}/id_field", f"'{res['id_field']}' is a {id_spec['type']} field; ids are strings or integers")
        if "order" in res and res["order"]["field"] not in res["fields"]:
            self.not_field(f"{base}/order/field", key, res["order"]["field"])
        for name, flt in (res.get("filters") or {}).items():
            here = f"{base}/filters/{name}"
            targets = [flt["field"]] if "field" in flt else flt["fields"]
            for target in targets:
                if self.field_at(res, target) is None:
                    self.err(here, f"filter '{name}' refers to '{target}', which is not a field of resource '{key}'")
            if flt["op"] == "contains" and "fields" not in flt and flt["type"] != "string":
                self.err(f"{here}/op", "'contains' filters need a string type")
            if flt["op"] == "include" and flt["type"] != "boolean":
                self.err(f"{here}/type", "'include' filters are boolean switches")
        if res.get("pagination"):
            list_path = self.spec["http"]["response"].get("list")
            paging_rules.check_pagination(self.err, f"{base}/pagination", res["pagination"], res, list_path)
        self.check_sample(res["fields"], res["sample"], f"{base}/sample", f"resource '{key}'")

    # -- operations ------------------------------------------------------------------------
    def query_names(self, res: dict[str, Any], op: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
        names = dict(res.get("filters") or {})
        pag = (op or {}).get("pagination") or res.get("pagination") or {}
        if pag:
            names |= paging_rules.paging_params(pag)
        return names

    def check_operation(self, key: str, op: dict[str, Any]) -> None:
        base = f"/operations/{key}"
        res_key = op["resource"]
        if res_key not in self.resources:
            defined = ", ".join(sorted(self.resources))
            self.err(f"{base}/resource", _unknown(f"a resource (defined: {defined})", res_key, self.resources))
            return
        res = self.resources[res_key]
        request = op["request"]
        method = request["method"]
        queryable = self.query_names(res, op)
        for name, fixed in (request.get("query") or {}).items():
            if name not in queryable:  # a fixed parameter that is no filter (sort=updated, state=all) is sent as written
                continue
            problem = value_problem(queryable[name], fixed)
            if problem:
                self.err(f"{base}/request/query/{escape_pointer_token(name)}", problem)
        inputs = op.get("inputs") or []
        seen: dict[str, int] = {}
        for i, inp in enumerate(inputs):
            here = f"{base}/inputs/{i}"
            name = inp["name"]
            if name in seen:
                self.err(f"{here}/name", f"input '{name}' is already defined at inputs/{seen[name]}")
            seen[name] = i
            where = inp["in"]
            if where == "body" and name not in res["fields"] and name in (res.get("filters") or {}):
                pass  # a search parameter sent in a POST body ({"query": ...}), typed by its filter
            elif where in ("path", "body"):
                fld = res["fields"].get(name)
                if fld is None:
                    self.err(f"{here}/name", _unknown(f"a field of resource '{res_key}'", name, res["fields"]))
                elif where == "body" and fld.get("read_only") and name != res.get("id_field"):
                    self.err(f"{here}/name", f"'{name}' is read_only and cannot be sent in a body")
            else:
                if name not in queryable:
                    what = f"a filter or pagination parameter of resource '{res_key}'"
                    self.err(f"{here}/name", _unknown(what, name, queryable))
                if name in (request.get("query") or {}):
                    self.err(f"{here}/name", f"'{name}' is fixed in request/query; it cannot also be an input")
            if where == "path" and not inp.get("required"):
                self.err(f"{here}", "path inputs must be required: true")
            if where == "body" and method in ("GET", "DELETE"):
                self.err(f"{here}/in", f"{method} requests have no body")
            if "dropdown" in inp:
                self.check_dropdown(f"{here}/dropdown", inp["dropdown"])
        params = _PATH_PARAM.findall(request["path"])
        path_inputs = {inp["name"] for inp in inputs if inp["in"] == "path"}
        settings = path_settings(self.spec)
        for param in params:
            if param not in path_inputs and param not in settings:
                hint = f"add the input {{name: {param}, in: path, required: true}}"
                self.err(f"{base}/request/path", f"path parameter '{{{param}}}' has no input with in: path; {hint}")
        for i, inp in enumerate(inputs):
            if inp["in"] == "path" and inp["name"] not in params:
                self.err(f"{base}/inputs/{i}/in", f"path input '{inp['name']}' does not appear in the path '{request['path']}'")
        kind = op["kind"]
        if "wrap" in request and method in ("GET", "DELETE"):
            self.err(f"{base}/request/wrap", f"{method} requests have no body to wrap", key=True)
        shape_rules.check_response(self.err, self.spec, base, op)
        shape_rules.check_body(self.err, self.spec, base, op, inputs)
        if kind in ("polling_trigger", "list", "auth_test") and method != "GET":
            self.err(f"{base}/request/method", f"{kind} operations must use GET, not {method}")
        if kind == "polling_trigger":
            self.check_trigger(base, op, res)
        if kind == "search":
            exact = op["search"].get("exact_match")
            if exact:
                if exact["input"] not in seen:
                    self.err(f"{base}/search/exact_match/input", f"'{exact['input']}' is not an input of this operation")
                for j, fld in enumerate(exact["fields"]):
                    if fld not in res["fields"]:
                        self.not_field(f"{base}/search/exact_match/fields/{j}", res_key, fld)
            if not inputs:
                self.err(base, "a search needs at least one input")
        if "create_fallback" in op:
            target = self.operations.get(op["create_fallback"])
            if target is None:
                self.err(f"{base}/create_fallback", _unknown("an operation", op["create_fallback"], self.operations))
            elif target["kind"] != "action" or target.get("crud") != "create":
                what = f"{target['crud']} action" if "crud" in target else f"{target['kind']} operation"
                what = f"{'an' if what[0] in 'aeiou' else 'a'} {what}"
                self.err(f"{base}/create_fallback", f"'{op['create_fallback']}' is {what}, not a create action")
            elif target["resource"] != res_key:
                self.err(f"{base}/create_fallback", f"'{op['create_fallback']}' creates a different resource")
        if op.get("pagination"):
            own = op["pagination"]
            list_path = (op.get("response") or {}).get("list") or self.spec["http"]["response"].get("list")
            paging_rules.check_pagination(self.err, f"{base}/pagination", own, res, list_path)
            paging_rules.check_paged_operation(self.err, base, op, own)
        needs_id = kind == "action" and op.get("crud") in ("update", "archive", "delete") and "id_field" in res
        if needs_id and res["id_field"] not in seen:
            self.err(f"{base}/inputs", f"a {op['crud']} action needs the '{res['id_field']}' input")

    def check_dropdown(self, pointer: str, dd: dict[str, Any]) -> None:
        target = self.operations.get(dd["operation"])
        if target is None:
            self.err(f"{pointer}/operation", _unknown("an operation", dd["operation"], self.operations))
            return
        if target["kind"] != "list":
            message = f"'{dd['operation']}' is a {target['kind']} operation; dropdowns need a list operation"
            self.err(f"{pointer}/operation", message)
            return
        res = self.resources.get(target["resource"])
        if res is None:
            return
        for prop in ("value", "label"):
            if self.field_at(res, dd[prop]) is None:
                self.err(f"{pointer}/{prop}", _unknown(f"a field of resource '{target['resource']}'", dd[prop], res["fields"]))
        if "search" in dd:
            search = self.operations.get(dd["search"])
            if search is None or search.get("kind") != "search":
                self.err(f"{pointer}/search", f"'{dd['search']}' is not a search operation")
            elif search["resource"] != target["resource"]:
                self.err(f"{pointer}/search", f"'{dd['search']}' finds a different resource than '{dd['operation']}' lists")

    def check_trigger(self, base: str, op: dict[str, Any], res: dict[str, Any]) -> None:
        trig = op["trigger"]
        cursor = trig["cursor"]
        if "param" in cursor and cursor["param"] not in (res.get("filters") or {}):
            filters = res.get("filters") or {}
            what = f"a filter of resource '{op['resource']}'"
            self.err(f"{base}/trigger/cursor/param", _unknown(what, cursor["param"], filters))
        paging_rules.check_cursor(self.err, base, op, res, self.not_field)
        for j, name in enumerate(trig["dedupe"]):
            if name not in res["fields"]:
                self.err(f"{base}/trigger/dedupe/{j}", _unknown(f"a field of resource '{op['resource']}'", name, res["fields"]))
        if "id_field" not in res:
            self.err(f"{base}/resource", "triggers need a resource with an id_field")
        elif trig["dedupe"][0] != res["id_field"]:
            self.err(f"{base}/trigger/dedupe/0", f"dedupe must start with the id field '{res['id_field']}'")
        if "filter" in trig:
            f = trig["filter"]
            spec = res["fields"].get(f["field"])
            if spec is None:
                self.not_field(f"{base}/trigger/filter/field", op["resource"], f["field"])
            else:
                problem = value_problem(spec, f["equals"])
                if problem:
                    self.err(f"{base}/trigger/filter/equals", problem)
        limit_param = ((op.get("pagination") or res.get("pagination") or {}).get("limit") or {}).get("param")
        if limit_param and limit_param not in (op["request"].get("query") or {}):
            self.err(f"{base}/request/query", f"a polling trigger must fix its page size ({limit_param}: a number)")

    def check_label(self, res_key: str) -> None:
        """Each `{path}` of the connection label starts at a field of the test response's record."""
        try:
            label = template.parse(self.spec["connection"]["label"])
        except template.TemplateError as exc:
            self.err("/connection/label", str(exc))
            return
        if label.is_static:
            self.err(
                "/connection/label",
                "name a field of the test response in braces, e.g. '{name}', so connections can be told apart",
            )
        for name in label.names:
            if (
                self.field_at(self.resources[res_key], name) is None
                and name.split(".")[0] not in self.resources[res_key]["fields"]
            ):
                self.not_field("/connection/label", res_key, name)

    def run(self) -> list[SpecError]:
        for key, res in self.resources.items():
            self.check_resource(key, res)
        for key, op in self.operations.items():
            self.check_operation(key, op)
        conn = self.spec["connection"]
        test = self.operations.get(conn["test"])
        if test is None:
            self.err("/connection/test", _unknown("an operation", conn["test"], self.operations))
        elif test["kind"] != "auth_test":
            self.err(
                "/connection/test",
                f"'{conn['test']}' is a {test['kind']} operation; connection/test needs an auth_test operation",
            )
        elif test["resource"] in self.resources:
            self.check_label(test["resource"])
        ConnectionRules(self.spec, self.err).run()
        key_rules.check_keys(self.spec, self.err)
        tests = [k for k, op in self.operations.items() if op["kind"] == "auth_test"]
        if len(tests) > 1:
            self.err(f"/operations/{tests[1]}/kind", "only one auth_test operation is allowed")
        labels: dict[str, str] = {}
        for key, op in self.operations.items():
            label = op["label"].lower()
            if label in labels:
                self.err(f"/operations/{key}/label", f"label '{op['label']}' is already used by '{labels[label]}'")
            labels[label] = key
        icon = self.spec["app"]["icon"]
        if icon["light"] == icon["dark"]:
            self.err("/app/icon/dark", f"light and dark icons must be different files; both are '{icon['dark']}'")
        for variant in ("light", "dark"):
            path = self.loaded.path.parent / icon[variant]
            try:
                with path.open("rb") as fh:  # bounded: a huge file must not be read whole
                    raw = fh.read(_MAX_ICON_BYTES + 1)
            except FileNotFoundError:
                message = f"icon file '{icon[variant]}' does not exist (paths are relative to the spec file)"
                self.err(f"/app/icon/{variant}", message)
                continue
            except OSError as exc:
                self.err(f"/app/icon/{variant}", f"cannot read icon file '{icon[variant]}': {exc.strerror or exc}")
                continue
            if len(raw) > _MAX_ICON_BYTES:
                self.err(f"/app/icon/{variant}", f"icon file '{icon[variant]}' is larger than {_MAX_ICON_BYTES:,} bytes")
                continue
            try:
                head = raw.decode("utf-8")[:2048]
            except UnicodeDecodeError:
                self.err(f"/app/icon/{variant}", f"icon file '{icon[variant]}' is not UTF-8 text; an SVG icon is")
                continue
            if "<svg" not in head:
                self.err(f"/app/icon/{variant}", f"'{icon[variant]}' is not an SVG file")
        return self.errors


def value_problem(spec: dict[str, Any], value: Any) -> str | None:
    """Why `value` does not fit a field or filter spec, or None (judged by the model's one value definition)."""
    found = values.problem(values.Shape.of(spec), value)
    return found.said if found else None


# Names, labels and choices are one line of text on every platform (titles, dropdown entries, comments).
_ONE_LINE_KEYS = frozenset({"name", "label", "plural", "connection_label", "choices"})
# Record data (samples, examples) holds API values, never names or labels, whatever its keys are called.
_DATA_KEYS = frozenset({"sample", "example"})
# Header values travel as HTTP/1.1 field values: visible ASCII with inner spaces (RFC 7230 3.2), and
# no outer whitespace, which Zapier trims and the others keep.
_HEADER_VALUE = re.compile(r"^(?:[!-~](?:[ -~]*[!-~])?)?$")


# Unicode's Cc category is exactly U+0000-U+001F and U+007F-U+009F; Zl and Zp are U+2028 and U+2029.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same characters as json.dumps(ensure_ascii=False) writes them: escaped below U+0020, raw above.
_CONTROL_IN_JSON = re.compile(r"\\u00[01][0-9a-f]|\\[nrtbf]|[\x7f-\x9f\u2028\u2029]")


def _line_break_or_control(text: str) -> str | None:
    """The first control character or line break in `text` as `U+XXXX`, or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def text_errors(loaded: Loaded) -> list[SpecError]:
    """Text no platform can carry: control characters in keys, names and labels; non-ASCII header values."""
    errors: list[SpecError] = []

    def walk(node: Any, pointer: str, one_line: bool, data: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{pointer}/{escape_pointer_token(str(key))}"
                bad = _line_break_or_control(str(key))
                if bad:
                    errors.append(loaded.error(here, f"key contains the control character or line break {bad}", key=True))
                inside = data or key in _DATA_KEYS
                walk(value, here, not inside and key in _ONE_LINE_KEYS, inside)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{pointer}/{index}", one_line and not isinstance(value, (dict, list)), data)
        elif isinstance(node, str) and one_line:
            bad = _line_break_or_control(node)
            if bad:
                errors.append(loaded.error(pointer, f"names and labels are one line of text; this one contains {bad}"))

    # Most specs hold no control character at all: one scan of the whole text spares the walk.
    if _CONTROL_IN_JSON.search(json.dumps(loaded.data, ensure_ascii=False, default=str)):
        walk(loaded.data, "", False)
    for name, value in loaded.data.get("http", {}).get("headers", {}).items():
        if isinstance(value, str) and not _HEADER_VALUE.match(value):
            errors.append(
                loaded.error(
                    f"/http/headers/{escape_pointer_token(name)}",
                    f"a header value must be printable ASCII (spaces only between characters); {value!r} is not",
                )
            )
    return errors


def semantic_errors(loaded: Loaded) -> list[SpecError]:
    """Every cross-reference problem in schema-valid spec data, then every text no platform can carry."""
    return _Checker(loaded).run() + text_errors(loaded)
