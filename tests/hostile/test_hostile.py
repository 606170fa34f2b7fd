"""Any text in the spec stays text: hostile strings in every free-text place either get a located error or build.

Per payload: the payload in every place must be rejected exactly where no platform can carry it, with a
location; the payload in every other place must build. Every built file parses (JSON), every Zapier function
and index.js pass `node --check` (one file for all payloads), the n8n packages compile with tsc (one run for
all payloads), every Make expression parses and the fixed values evaluate to the spec's text, and the labels
and help a user sees are the spec's text. A smaller spec smokes on every target, with the spec's fixed
headers compared across targets, so no request carries the key where the spec put text.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector_gen.errors import SpecInvalid
from connector_gen.make_engine import iml
from connector_gen.model import Model
from connector_gen.pipeline import load_model, render_all
from connector_gen.render import targets
from connector_gen.smoke.executor import executors
from connector_gen.smoke.runner import run_smoke
from connector_gen.targets.n8n.ts import quote

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "spec" / "hellotracks.yaml"
LONG = "Lorem ipsum 長い " * 133 + "(end)"  # 2,000 characters with CJK in it
CORPUS = [
    'it\'s "quoted" and `ticked`',
    "back\\slash \\n \\u0041 \\",
    "${x} ${process.env.HOME}",
    "{{x}}",
    "{{connection.apiKey}}",
    "={{ $credentials.apiKey }}",
    "{{bundle.authData.api_key}}",
    "end */ of /* comment",
    "</script><script>alert(1)</script>",
    "line\u2028separator",
    "para\u2029separator",
    "new\nline",
    "tab\there",
    "emoji 🚀👍🏽 family 👨‍👩‍👧",
    "עברית and العربية",
    "日本語のラベル 中文 한국어",
    LONG,
    "100%s %d %n",
    "#{x} $(x) `x`",
    "done}} {{ unbalanced",
    "[link](https://x.test) *bold* _u_ | pipe <b>",
]
# Where a payload goes: (pointer, kind). `line`: names/labels/choices (one line), `header`: a header value,
# `text`: free text (help, descriptions, messages, samples, examples, fixed query values); `choice`: text that
# must be one of the choices (the build spec gives it the choices' text).
PLACES = [
    ("/app/name", "line"),
    ("/app/publisher/name", "line"),
    ("/connection/fields/api_key/label", "line"),
    ("/resources/job/label", "line"),
    ("/resources/job/plural", "line"),
    ("/resources/job/fields/title/label", "line"),
    ("/resources/job/fields/contact/fields/name/label", "line"),
    ("/operations/create_job/label", "line"),
    ("/operations/find_member/inputs/0/label", "line"),
    ("/resources/job/fields/progress/choices/-", "line"),
    ("/resources/job/filters/progress/choices/-", "line"),
    ("/operations/completed_job/trigger/filter/equals", "choice"),  # any text, but one of the choices
    ("/http/headers/X-Note", "header"),
    ("/app/description", "text"),
    ("/connection/fields/api_key/help", "text"),
    ("/http/statuses/400/message", "text"),
    ("/http/statuses/404/message", "text"),
    ("/resources/job/fields/title/help", "text"),
    ("/resources/job/fields/notes/example", "text"),
    ("/resources/job/sample/notes", "text"),
    ("/operations/create_job/description", "text"),
    ("/operations/find_member/inputs/0/help", "text"),
    ("/operations/get_job/request/query/externalId", "text"),
    # A field called `name` and a sample's `name` are no names: their help and values are free text.
    ("/resources/member/fields/name/help", "text"),
    ("/resources/member/sample/name", "text"),
]


def _one_line(text: str) -> bool:
    return not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def _header_safe(text: str) -> bool:
    return text == text.strip() and all(" " <= ch <= "~" for ch in text)


def _fits(text: str, kind: str) -> bool:
    return _header_safe(text) if kind == "header" else _one_line(text) if kind == "line" else True


def _set(data: Any, pointer: str, value: Any) -> str:
    """Put `value` at `pointer` (`-` appends); returns the pointer of the value."""
    *parents, last = pointer.strip("/").split("/")
    node = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    if last == "-":
        node.append(value)
        return "/" + "/".join([*parents, str(len(node) - 1)])
    node[int(last) if isinstance(node, list) else last] = value
    return pointer


def _write(data: Any, folder: Path) -> Path:
    """The spec as JSON (which is YAML), with the icons next to it; U+2028/9 escaped so YAML keeps them."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "spec" / "icons", folder / "icons", dirs_exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    path = folder / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    data["http"]["statuses"] = {str(k): v for k, v in data["http"]["statuses"].items()}
    return data


def _spec(place: Callable[[str, str], str | None]) -> tuple[dict[str, Any], dict[str, str]]:
    """The base spec with `place(pointer, kind)` at every place (None leaves a place alone); pointers -> text."""
    data, placed = _base(), {}
    for pointer, kind in PLACES:
        text = place(pointer, kind)
        if text is not None:
            # A header value is a `{setting}` template: the spec doubles literal braces to send the text as it is.
            written = text.replace("{", "{{").replace("}", "}}") if kind == "header" else text
            placed[_set(data, pointer, written)] = text
    return data, placed


def _validate(data: dict[str, Any], folder: Path) -> tuple[Model | None, list[Any]]:
    try:
        return load_model(_write(data, folder), "spec.yaml"), []
    except SpecInvalid as exc:
        return None, exc.errors


_ROOT_TMP = Path(tempfile.mkdtemp(prefix="cg-hostile-"))
atexit.register(shutil.rmtree, _ROOT_TMP, True)  # the per-payload specs are shared by several tests, so module-wide


@functools.cache
def _everywhere(index: int) -> tuple[dict[str, str], list[Any]]:
    """Payload `index` at every place: the pointers it went to, and the errors."""
    data, placed = _spec(lambda pointer, kind: CORPUS[index])
    return placed, _validate(data, _ROOT_TMP / f"all-{index}")[1]


@functools.cache
def _accepted(index: int) -> tuple[Model, dict[str, str], dict[str, dict[str, str]]]:
    """Payload `index` at every place that did not reject it (repeated while schema errors hid later checks)."""
    rejected = {e.pointer for e in _everywhere(index)[1]}
    for attempt in range(4):
        data, placed = _spec(functools.partial(_unless, frozenset(rejected), CORPUS[index]))
        model, errors = _validate(data, _ROOT_TMP / f"fit-{index}-{attempt}")
        if model is not None:
            files = {t: {str(p): text for p, text in fs.items()} for t, fs in render_all(model, list(targets())).items()}
            return model, placed, files
        rejected |= {e.pointer for e in errors}
    raise AssertionError(f"payload {index} never builds: {[str(e) for e in errors]}")


def _unless(rejected: frozenset[str], payload: str, pointer: str, kind: str) -> str | None:
    # A target check may name the list that holds the place (…/choices for …/choices/0): that rejects it too.
    here = _pointer_of(pointer)
    return None if any(here == r or here.startswith(r + "/") for r in rejected) else payload


def _pointer_of(place: str) -> str:
    # An appended choice lands after the base spec's choices (five of them in both lists).
    return place.replace("/choices/-", "/choices/5")


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[repr(p[:24]) for p in CORPUS])
def test_each_payload_is_rejected_where_no_platform_can_carry_it(index: int) -> None:
    payload = CORPUS[index]
    placed, errors = _everywhere(index)
    where = {e.pointer for e in errors}
    assert all(e.line > 0 for e in errors), [str(e) for e in errors]
    assert where <= set(placed), [str(e) for e in errors]
    if payload is LONG:
        # Length limits (schema and per-platform checks) speak first; any located error at its places will do.
        assert errors
        return
    expected = {p for p, (_, kind) in zip(placed, PLACES, strict=True) if not _fits(payload, kind)}
    assert where == expected, [str(e) for e in errors]


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[repr(p[:24]) for p in CORPUS])
def test_each_payload_builds_where_accepted_and_users_see_it(index: int) -> None:
    _, placed, files = _accepted(index)
    payload = CORPUS[index]
    parsed = {name: json.loads(text) for fs in files.values() for name, text in fs.items() if name.endswith(".json")}
    assert len(parsed) > 20
    zapier = _strings(json.loads(files["zapier"]["app-definition.json"]))
    make = [s for name, data in parsed.items() if name.endswith(".iml.json") for s in _strings(data)]
    n8n = "".join(files["n8n"].values())
    for pointer in ("/resources/job/fields/title/label", "/resources/job/fields/title/help"):
        if pointer in placed:
            # Field labels and help reach the user exactly as written, on every platform.
            assert payload in zapier and payload in make and quote(payload) in n8n, pointer


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[repr(p[:24]) for p in CORPUS])
def test_make_expressions_parse_and_fixed_values_evaluate_to_the_text(index: int) -> None:
    _, placed, files = _accepted(index)
    ctx = iml.Context({"connection": {"apiKey": "SECRET"}, "parameters": {"apiKey": "SECRET"}}, datetime.now(UTC))
    # Make evaluates IML in communication sections (base too); labels, help and samples are plain data.
    for name, body in files["make"].items():
        if name.endswith(("communication.iml.json", "base.iml.json")):
            data = json.loads(body)
            for value in _strings(data):
                iml.check_braces(value, name)
            for expression in iml.expressions(data):
                iml.parse(expression)
    base = json.loads(files["make"]["general/base.iml.json"])
    if "/http/headers/X-Note" in placed:
        assert iml.render(base["headers"], ctx)["X-Note"] == CORPUS[index]
    if "/operations/get_job/request/query/externalId" in placed:
        [name] = [n for n in files["make"] if n.endswith("get-job.communication.iml.json")]
        assert iml.render(json.loads(files["make"][name])["qs"], ctx)["externalId"] == CORPUS[index]
    if "/http/statuses/400/message" in placed:
        message = iml.render(base["response"]["error"]["400"]["message"], ctx.extend(statusCode=400, body={}))
        assert message == "[400] " + CORPUS[index]


def _functions(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        found = [value] if "source" in value and "args" in value else []
        return found + [f for v in value.values() for f in _functions(v)]
    return [f for v in value for f in _functions(v)] if isinstance(value, list) else []


def test_every_zapier_function_and_index_js_pass_node_check(tmp_path: Path) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    parts = []
    for index in range(len(CORPUS)):
        _, _, files = _accepted(index)
        sources = _functions(json.loads(files["zapier"]["app-definition.json"]))
        # Each payload's index.js and JS modules in their own function scope, so top-level consts do not collide.
        modules = sorted(name for name in files["zapier"] if name.endswith(".js"))
        assert "index.js" in modules and any(name.startswith("triggers/") for name in modules)
        parts += [f"function m{index}_{i}() {{\n{files['zapier'][name]}\n}}\n" for i, name in enumerate(modules)]
        parts += [f"async function f{index}_{i}({', '.join(f['args'])}) {{\n{f['source']}\n}}\n" for i, f in enumerate(sources)]
    path = tmp_path / "all.js"
    path.write_text("".join(parts), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_every_n8n_package_compiles(tmp_path: Path) -> None:
    from connector_gen.smoke.executors.n8n import compile_package
    from connector_gen.smoke.harness import ensure_harness

    harness = ensure_harness("n8n", quiet=True)
    config: dict[str, Any] = {}
    for index in range(len(CORPUS)):
        _, _, files = _accepted(index)
        for name, text in files["n8n"].items():
            path = tmp_path / f"p{index:02d}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        config = json.loads(files["n8n"]["tsconfig.json"])
    # One tsc run over every payload's package: each in its own folder, the n8n package's own settings.
    config["include"] = ["p*/credentials/**/*", "p*/nodes/**/*", "p*/nodes/**/*.json"]
    (tmp_path / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    shutil.rmtree(compile_package(tmp_path, harness), ignore_errors=True)


def _smoke_spec() -> dict[str, Any]:
    """A spec whose fixed headers, fixed query, messages, example and names hold each platform's expressions."""
    data = _base()
    data["app"]["name"] = "Acme \"Q\" 'S' </script> */ ${x} 日本語 🚀 עברית"
    data["connection"]["fields"]["api_key"]["help"] = (
        "Paste {{bundle.authData.api_key}} or {{connection.apiKey}} here.\u2028Then ={{ $credentials.apiKey }}."
    )
    sent = {
        "X-Expr": "={{ $credentials.apiKey }}",
        "X-Make": "{{connection.apiKey}} and {{x}}",
        "X-Zap": "{{bundle.authData.api_key}} ${x} #{x} $(x) %s 'q' \"dq\" \\ */ </script>",
    }
    # Header values are `{setting}` templates: literal braces are doubled in the spec, and sent single.
    data["http"]["headers"].update({k: v.replace("{", "{{").replace("}", "}}") for k, v in sent.items()})
    data["http"]["statuses"]["400"]["message"] = "Invalid {{ data }}."
    data["http"]["statuses"]["404"]["message"] = "Not found }} {{ here"
    data["operations"]["get_job"]["request"]["query"] = {
        "externalId": "={{ $credentials.apiKey }} {{connection.apiKey}} {{bundle.authData.api_key}} {{x}}"
    }
    data["resources"]["job"]["fields"]["notes"]["example"] = (
        "Key: {{bundle.authData.api_key}} {{connection.apiKey}} ={{ $credentials.apiKey }} done}} 日本語 🚀\nline\u2028two"
    )
    return data


@pytest.mark.slow
@pytest.mark.parametrize("target", [name for name in executors() if name != "python"])
def test_smoke_on_every_target_sends_the_spec_text(target: str, tmp_path: Path) -> None:
    model = load_model(_write(_smoke_spec(), tmp_path / "spec"), "spec.yaml")
    dist = tmp_path / "dist"
    for name, files in render_all(model, list(targets())).items():
        for rel, text in files.items():
            (dist / name / rel).parent.mkdir(parents=True, exist_ok=True)
            (dist / name / rel).write_text(text, encoding="utf-8")
    report = run_smoke(model, ["python", target], dist=dist, prefix="cg-hostile-")
    failures = [f"{step} [{t}]: {r.detail}" for (step, t), r in report.results.items() if r.result != "ok"]
    assert failures == [], "\n".join(failures)
