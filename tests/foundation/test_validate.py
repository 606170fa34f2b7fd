"""Schema and semantic validation: plain messages at the right place, all errors at once, and no crash on any shape."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from connector_gen.errors import SpecInvalid
from connector_gen.load import Loaded, load_spec
from connector_gen.model import build_model
from connector_gen.semantics import semantic_errors
from connector_gen.validate import validate

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"
PRISTINE = load_spec(SPEC, "spec.yaml")


def mutated(change: Callable[[dict[str, Any]], object]) -> Loaded:
    """The real spec's positions with data changed in memory."""
    loaded = copy.copy(PRISTINE)
    loaded.data = copy.deepcopy(PRISTINE.data)
    change(loaded.data)
    return loaded


def problems(change: Callable[[dict[str, Any]], object]) -> list[tuple[str, str]]:
    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(change))
    return [(e.pointer, e.message) for e in caught.value.errors]


def op(data: dict[str, Any], key: str) -> dict[str, Any]:
    result: dict[str, Any] = data["operations"][key]
    return result


def test_real_spec_is_valid() -> None:
    validate(PRISTINE)
    assert semantic_errors(PRISTINE) == []


CASES: list[tuple[str, Callable[[dict[str, Any]], object], list[tuple[str, str]]]] = [
    (
        "enum-case-hint",
        lambda d: op(d, "get_job")["request"].update(method="get"),
        [
            (
                "/operations/get_job/request/method",
                "'get' is not one of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']; did you mean 'GET'?",
            )
        ],
    ),
    ("const", lambda d: d.update(spec_version=3), [("/spec_version", "must be 2, got the number 3")]),
    (
        "old-version-keys",  # a whole version 1 spec: the renamed keys are not listed one by one
        lambda d: (
            d.update(
                spec_version=1,
                auth={"type": "api_key", "header": "API-Key", "label": "API Key", "test": "validate_connection"},
                connection=None,
                http={**{k: v for k, v in d["http"].items() if k != "response"}, "items_path": "data.items"},
            )
            or d.pop("connection")
        ),
        [
            (
                "/spec_version",
                "must be 2, got the number 1: version 1 specs migrate mechanically (auth becomes connection + auth, "
                "http.items_path becomes http.response), as docs/spec-language.md shows under 'Migration from version 1'",
            )
        ],
    ),
    (
        "old-version",
        lambda d: d.update(spec_version=1),
        [
            (
                "/spec_version",
                "must be 2, got the number 1: version 1 specs migrate mechanically (auth becomes connection + auth, "
                "http.items_path becomes http.response), as docs/spec-language.md shows under 'Migration from version 1'",
            )
        ],
    ),
    ("empty-value", lambda d: d["app"].update(name=None), [("/app/name", "expected a string, got an empty value")]),
    ("list-for-string", lambda d: d["app"].update(license=["MIT"]), [("/app/license", "['MIT'] is not one of ['MIT']")]),
    (
        "mapping-for-bool",
        lambda d: d["resources"]["job"]["fields"]["title"].update(required={"yes": 1}),
        [("/resources/job/fields/title/required", "expected true or false, got a mapping")],
    ),
    (
        "query-value-type",
        lambda d: op(d, "find_job")["request"]["query"].update(limit=[1]),
        [("/operations/find_job/request/query/limit", "expected a string, an integer, a number or true or false, got a list")],
    ),
    (
        "unknown-required-folded",
        lambda d: op(d, "find_job").update(descripton=op(d, "find_job").pop("description")),
        [("/operations/find_job/descripton", "unknown key 'descripton'; did you mean 'description' (a required key)?")],
    ),
    (
        "unknown-no-hint",
        lambda d: d["connection"].update(zzz=1),
        [("/connection/zzz", "unknown key 'zzz'; expected one of ['fields', 'label', 'test']")],
    ),
    (
        "bad-key",
        lambda d: d["resources"]["job"]["fields"].update({"bad key ": {"type": "string", "label": "X"}}),
        [
            (
                "/resources/job/fields/bad key ",
                "invalid key 'bad key ': use 1 to 64 characters, without spaces at either end",
            )
        ],
    ),
    (
        "filter-neither",
        lambda d: d["resources"]["member"]["filters"]["query"].pop("fields"),
        [("/resources/member/filters/query", "missing required key: one of 'field' or 'fields'")],
    ),
    (
        "conditional-required",
        lambda d: op(d, "new_job").pop("trigger"),
        [("/operations/new_job", "missing required key 'trigger' (needed when kind is 'polling_trigger')")],
    ),
    (
        "then-not",
        lambda d: d["resources"]["job"]["fields"]["contact"].update(min=1),
        [("/resources/job/fields/contact/min", "'min' is not allowed when type is 'object'")],
    ),
    (
        "else-not",
        lambda d: d["resources"]["member"]["pagination"].update(offset={"param": "skip"}),
        [("/resources/member/pagination/offset", "'offset' is not allowed when style is 'none'")],
    ),
    (
        "unique-items",
        lambda d: op(d, "updated_job")["trigger"].update(dedupe=["id", "id"]),
        [("/operations/updated_job/trigger/dedupe", "'id' is listed more than once")],
    ),
    (
        "max-length",
        lambda d: op(d, "get_job").update(label="x" * 65),
        [("/operations/get_job/label", "is 65 characters long; at most 64 are allowed")],
    ),
    ("min-length", lambda d: op(d, "get_job").update(label=""), [("/operations/get_job/label", "must not be empty")]),
    ("min-properties", lambda d: d.update(operations={}), [("/operations", "needs at least 1 entry")]),
    (
        "maximum",
        lambda d: op(d, "get_job")["search"].update(max_results=101),
        [("/operations/get_job/search/max_results", "101 is above the maximum 100")],
    ),
    (
        "pattern-fallback-words",
        lambda d: d["app"].update(version="1.0"),
        [("/app/version", "expected a version like 1.0.0, got '1.0'")],
    ),
    # semantic checks (the schema passes)
    (
        "fixed-limit-too-big",
        lambda d: op(d, "find_job")["request"]["query"].update(limit=101),
        [("/operations/find_job/request/query/limit", "101 is above the maximum 100")],
    ),
    (
        "fixed-filter-choice",
        lambda d: op(d, "find_job")["request"]["query"].update(progress="done"),
        [
            (
                "/operations/find_job/request/query/progress",
                "'done' is not one of ['scheduled', 'accepted', 'started', 'success', 'failed']",
            )
        ],
    ),
    (
        "dropdown-wrong-kind",
        lambda d: op(d, "get_job")["inputs"][0]["dropdown"].update(operation="find_job"),
        [
            (
                "/operations/get_job/inputs/0/dropdown/operation",
                "'find_job' is a search operation; dropdowns need a list operation",
            )
        ],
    ),
    (
        "fallback-unknown",
        lambda d: op(d, "find_job").update(create_fallback="create_jobs"),
        [("/operations/find_job/create_fallback", "'create_jobs' is not an operation; did you mean 'create_job'?")],
    ),
    (
        "fallback-search",
        lambda d: op(d, "find_job").update(create_fallback="find_member"),
        [("/operations/find_job/create_fallback", "'find_member' is a search operation, not a create action")],
    ),
    (
        "auth-test-unknown",
        lambda d: d["connection"].update(test="validate_conection"),
        [("/connection/test", "'validate_conection' is not an operation; did you mean 'validate_connection'?")],
    ),
    (
        "cursor-param-wrong-filter",
        lambda d: op(d, "new_job")["trigger"]["cursor"].update(param="progress"),
        [("/operations/new_job/trigger/cursor/param", "'progress' must be a datetime or date filter with op gte")],
    ),
    (
        "query-input-not-filter",
        lambda d: op(d, "list_jobs")["inputs"].append({"name": "title", "in": "query"}),
        [("/operations/list_jobs/inputs/5/name", "'title' is not a filter or pagination parameter of resource 'job'")],
    ),
    (
        "sample-object-not-mapping",
        lambda d: d["resources"]["job"]["sample"].update(contact="Ann"),
        [("/resources/job/sample/contact", "expected a mapping of the fields of 'contact', got 'Ann'")],
    ),
    (
        "sample-nested-unknown",
        lambda d: d["resources"]["job"]["sample"]["contact"].update(fax="1"),
        [("/resources/job/sample/contact/fax", "'fax' is not a field of object field 'contact'")],
    ),
    (
        "get-with-body",
        lambda d: op(d, "get_job")["inputs"].append({"name": "title", "in": "body"}),
        [("/operations/get_job/inputs/1/in", "GET requests have no body")],
    ),
]


@pytest.mark.parametrize(("change", "want"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_message(change: Callable[[dict[str, Any]], object], want: list[tuple[str, str]]) -> None:
    assert problems(change) == want


def test_unknown_key_points_at_the_key_and_bad_value_at_the_value() -> None:
    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(lambda d: d["app"].update(name=5)))
    (error,) = caught.value.errors
    assert (error.line, error.column) == PRISTINE.values["/app/name"]
    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(lambda d: op(d, "find_job").update(kind="list")))
    assert [(e.pointer, e.message, (e.line, e.column)) for e in caught.value.errors] == [
        (
            "/operations/find_job/search",
            "'search' is only allowed when kind is 'search', not 'list'",
            PRISTINE.keys["/operations/find_job/search"],
        ),
        (
            "/operations/find_job/create_fallback",
            "'create_fallback' is only allowed when kind is 'search', not 'list'",
            PRISTINE.keys["/operations/find_job/create_fallback"],
        ),
    ]


def test_all_errors_are_reported_in_file_order() -> None:
    def three(d: dict[str, Any]) -> None:
        op(d, "list_members").update(label=7)
        d["app"].update(base_url="http://x")
        op(d, "create_job")["request"].update(method="PUTT")

    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(three))
    found = caught.value.errors
    pointers = ["/app/base_url", "/operations/create_job/request/method", "/operations/list_members/label"]
    assert [e.pointer for e in found] == pointers
    assert [(e.line, e.column) for e in found] == sorted((e.line, e.column) for e in found)


def test_semantic_errors_only_after_a_clean_schema() -> None:
    # a dangling resource AND a schema error: only the schema error is reported (semantics assume the shape)
    def both(d: dict[str, Any]) -> None:
        op(d, "list_members").update(resource="nobody")
        op(d, "create_job")["request"].update(method="PUTT")

    assert [p for p, _ in problems(both)] == ["/operations/create_job/request/method"]


def test_icon_problems(tmp_path: Path) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons" / "light.svg").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "icons" / "dark.svg").write_text("just text, no svg element")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        SPEC.read_text("utf-8")
        .replace("icons/hellotracks.svg", "icons/light.svg")
        .replace("icons/hellotracks.dark.svg", "icons/dark.svg"),
        "utf-8",
    )
    with pytest.raises(SpecInvalid) as caught:
        validate(load_spec(spec, "spec.yaml"))
    assert [e.message for e in caught.value.errors] == [
        "icon file 'icons/light.svg' is not UTF-8 text; an SVG icon is",
        "'icons/dark.svg' is not an SVG file",
    ]


# -- robustness: whatever shape a value takes, validation answers with SpecInvalid or a buildable model ------------

WEIRD: list[Any] = [None, "x", 0, -1, 1.5, True, [], ["x"], {}, {"x": 1}]


def places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and list index in the data, depth first."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield (*path, key)
        yield from places(value, (*path, key))


PLACES = list(places(PRISTINE.data))


def check_no_crash(loaded: Loaded) -> None:
    try:
        validate(loaded)
    except SpecInvalid as exc:
        assert exc.errors and all(e.message and e.line >= 1 and e.column >= 1 for e in exc.errors)
        return
    build_model(loaded)  # a spec that validates must model without error


def set_at(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def delete_at(data: Any, path: tuple[Any, ...]) -> None:
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


def test_odd_values_anywhere_never_crash() -> None:
    for i, path in enumerate(PLACES):  # each place gets one odd value, cycling through them (a full product is too slow)
        weird = WEIRD[i % len(WEIRD)]
        check_no_crash(mutated(lambda d, p=path, w=weird: set_at(d, p, copy.deepcopy(w))))  # type: ignore[misc]


def test_removing_anything_never_crashes() -> None:
    for path in PLACES:
        check_no_crash(mutated(lambda d, p=path: delete_at(d, p)))  # type: ignore[misc]


def test_renaming_references_never_crashes() -> None:
    """Every reference replaced by another name from the spec: dangling and wrong-kind references everywhere."""
    names = sorted({str(p[-1]) for p in PLACES if isinstance(p[-1], str)})
    references = [p for p in PLACES if _get(PRISTINE.data, p) in names]  # values that name a key: the references
    assert len(references) > 50
    for i, path in enumerate(references):
        name = names[i % len(names)]
        check_no_crash(mutated(lambda d, p=path, n=name: set_at(d, p, n)))  # type: ignore[misc]


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


# Values the mock would refuse are refused by validate too (one definition: connector_gen.model.values).
VALUE_CASES = {
    "phone-too-short": (
        (
            'phone: {type: phone, label: Contact Phone, help: Phone number in international format., example: "+14155556789"}',
            'phone: {type: phone, label: Contact Phone, help: Phone number in international format., example: "+1 234"}',
        ),
        "spec.yaml:134:108 /resources/job/fields/contact/fields/phone/example: '+1 234' is not a phone number in "
        "international format (7 to 15 digits), e.g. +14155556789",
    ),
    "date-that-does-not-exist": (
        ('example: "2026-05-10"', 'example: "2026-02-31"'),
        "spec.yaml:115:18 /resources/job/fields/date/example: '2026-02-31' is not a date in YYYY-MM-DD format",
    ),
    "url-without-scheme": (
        (
            "        type: string\n        label: Place ID\n",
            "        type: url\n        label: Place ID\n        example: not a url\n",
        ),
        "spec.yaml:146:18 /resources/job/fields/placeId/example: 'not a url' is not an http(s) URL",
    ),
}


@pytest.mark.parametrize("name", sorted(VALUE_CASES))
def test_values_the_mock_refuses_do_not_validate(tmp_path: Path, name: str) -> None:
    (old, new), line = VALUE_CASES[name]
    text = SPEC.read_text("utf-8")
    assert text.count(old) >= 1
    (tmp_path / "spec.yaml").write_text(text.replace(old, new, 1), "utf-8")
    shutil.copytree(SPEC.parent / "icons", tmp_path / "icons")
    with pytest.raises(SpecInvalid) as caught:
        validate(load_spec(tmp_path / "spec.yaml", "spec.yaml"))
    assert [str(e) for e in caught.value.errors] == [line]
