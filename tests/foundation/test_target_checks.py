"""Each target's check: the platform limits a spec can break, reported by `validate` at the spec entry that breaks them."""

from __future__ import annotations

import copy
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from connector_gen.cli import main
from connector_gen.errors import SpecInvalid
from connector_gen.load import Loaded, load_spec
from connector_gen.pipeline import render_all
from connector_gen.render import targets
from connector_gen.validate import validate

ROOT = Path(__file__).resolve().parents[2]
HELLO = ROOT / "spec" / "hellotracks.yaml"
DESK = ROOT / "tests" / "specs" / "desk" / "desk.yaml"
PRISTINE = {HELLO: load_spec(HELLO, "spec.yaml"), DESK: load_spec(DESK, "desk.yaml")}
Change = Callable[[dict[str, Any]], object]


def mutated(change: Change, spec: Path = HELLO) -> Loaded:
    """The spec's positions with its data changed in memory, without its pinned keys (`keys:` names operations these
    cases rename or drop; tests/evolution/test_live_keys.py and tests/specs_with_errors cover the pins)."""
    loaded = copy.copy(PRISTINE[spec])
    loaded.data = copy.deepcopy(loaded.data)
    loaded.data.pop("keys", None)
    change(loaded.data)
    return loaded


def problems(change: Change, spec: Path = HELLO) -> list[tuple[str, str]]:
    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(change, spec))
    return [(e.pointer, e.message) for e in caught.value.errors]


def ops(d: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = d["operations"]
    return result


def job(d: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = d["resources"]["job"]
    return result


def copy_op(d: dict[str, Any], key: str, new: str, label: str) -> None:
    ops(d)[new] = {**copy.deepcopy(ops(d)[key]), "label": label}


def test_both_specs_pass_every_check() -> None:
    for loaded in PRISTINE.values():
        model = validate(loaded)
        assert all(target.check(model) == [] for target in targets().values())


def test_every_target_registers_a_check() -> None:
    assert {name: t.check.__module__ for name, t in targets().items()} == {
        "make": "connector_gen.targets.make.check",
        "n8n": "connector_gen.targets.n8n.check",
        "zapier": "connector_gen.targets.zapier.check",
    }


# -- Zapier -------------------------------------------------------------------------------------------------
def test_zapier_field_id_next_to_another_id_field() -> None:
    def change(d: dict[str, Any]) -> None:
        d["resources"]["agent"]["fields"]["id"] = {"type": "string", "label": "ID", "read_only": True}

    message = (
        "zapier: resource 'agent' has a field named 'id' but its id_field is 'handle'; Zapier identifies records by 'id', "
        "so copying 'handle' there would overwrite the API's value"
    )
    assert problems(change, DESK) == [("/resources/agent/id_field", message)]


def test_zapier_find_or_create_label_limits_the_resource_label() -> None:
    label = "J" * 50
    message = (
        "zapier: label has 50 characters; 'find_job' has a create fallback, and Zapier's 'Find or Create ...' label "
        "allows at most 64 (so at most 49 here)"
    )
    assert problems(lambda d: job(d).update(label=label, plural="Jobs")) == [("/resources/job/label", message)]
    validate(mutated(lambda d: job(d).update(label="J" * 49, plural="Jobs")))


def test_zapier_noun_length() -> None:
    message = "zapier: label has 256 characters; Zapier's noun needs 2 to 255"
    found = problems(lambda d: [job(d).update(label="J" * 256, plural="Jobs"), ops(d)["find_job"].pop("create_fallback")])
    assert found == [("/resources/job/label", message)]


def test_make_needs_three_characters_where_zapier_needs_two() -> None:
    found = problems(lambda d: ops(d).update(dj=ops(d).pop("delete_job")))
    assert found == [
        ("/operations/dj", "make: Make module id 'dj' (the operation key in camelCase) needs 3 to 64 letters and digits")
    ]


def test_zapier_one_character_key() -> None:
    found = problems(lambda d: ops(d).update(d=ops(d).pop("delete_job")))
    assert found == [
        ("/operations/d", "make: Make module id 'd' (the operation key in camelCase) needs 3 to 64 letters and digits"),
        ("/operations/d", "zapier: the operation key 'd' is too short; Zapier keys need at least 2 characters"),
    ]


def test_zapier_help_text_length_at_the_input_or_its_field() -> None:
    long_help = "Help. " * 200
    own = problems(lambda d: ops(d)["create_job"]["inputs"][3].update(help=long_help))
    assert own == [("/operations/create_job/inputs/3/help", "zapier: help text has 1200 characters; Zapier allows at most 1000")]
    inherited = problems(lambda d: job(d)["fields"]["notes"].update(help=long_help))
    expected = ("/resources/job/fields/notes/help", "zapier: help text has 1200 characters; Zapier allows at most 1000")
    assert inherited == [expected]


def test_zapier_iso_companion_collides_with_a_field() -> None:
    found = problems(lambda d: job(d)["fields"].update(createdAtIso={"type": "string", "label": "Created (text)"}))
    message = "zapier: Zapier output key 'createdAtIso' of field 'createdAtIso' is also the key of field 'createdAt'"
    assert found == [("/resources/job/fields/createdAtIso", message)]


def test_zapier_and_make_refuse_an_empty_choice() -> None:
    def change(d: dict[str, Any]) -> None:
        job(d)["filters"]["progress"]["choices"].append("")

    assert problems(change) == [
        ("/resources/job/filters/progress/choices", "make: Make labels need 1 to 256 characters, not 0"),
        ("/resources/job/filters/progress/choices", "zapier: Zapier cannot offer an empty choice (choices need a character)"),
    ]


def test_zapier_auth_help_length() -> None:
    found = problems(lambda d: d["connection"]["fields"]["api_key"].update(help="x" * 1000))
    message = "zapier: help text makes the API key field's help 1063 characters long; Zapier allows at most 1000"
    assert found == [("/connection/fields/api_key/help", message)]


# -- Make ---------------------------------------------------------------------------------------------------
def test_make_ids_come_from_operation_keys_so_unicode_labels_stay_apart() -> None:
    def change(d: dict[str, Any]) -> None:
        for key, label in (("new_job", "新しい仕事"), ("updated_job", "更新された仕事"), ("completed_job", "完了した仕事")):
            ops(d)[key]["label"] = label

    files = render_all(validate(mutated(change)), ["make"])["make"]
    folders = sorted({p.parts[1] for p in files if p.parts[0] == "modules" and len(p.parts) > 2})
    assert {"new-job", "updated-job", "completed-job"} <= set(folders)


def test_make_a_long_plural_does_not_make_long_file_names() -> None:
    files = render_all(validate(mutated(lambda d: job(d).update(plural="J" * 250))), list(targets()))
    assert max(len(part) for t in files.values() for p in t for part in p.parts) < 100


def test_make_module_ids_collide_after_camel_case() -> None:
    found = problems(lambda d: copy_op(d, "delete_job", "delete_job_", "Remove Job"))
    assert found[0] == (
        "/operations/delete_job_",
        "make: Make module id 'deleteJob' of 'delete_job_' is also the module id of 'delete_job'",
    )


def test_make_module_folders_collide_after_kebab_case() -> None:
    def change(d: dict[str, Any]) -> None:
        copy_op(d, "delete_job", "drop_a_b", "Drop AB")
        copy_op(d, "delete_job", "drop_ab", "Drop Another")

    found = [p for p in problems(change) if p[1].startswith("make:")]
    assert found == [("/operations/drop_ab", "make: Make module folder 'drop-ab' of 'drop_ab' is also the folder of 'drop_a_b'")]


def test_make_and_n8n_keep_limit_for_themselves() -> None:
    found = problems(lambda d: ops(d)["list_jobs"]["inputs"].append({"name": "limit", "in": "query"}))
    where = f"/operations/list_jobs/inputs/{len(PRISTINE[HELLO].data['operations']['list_jobs']['inputs'])}/name"
    assert found == [
        (where, "make: Make's list modules have their own 'limit' parameter; rename the input"),
        (where, "n8n: n8n keeps the parameter name 'limit' for paging; rename the input"),
    ]


def test_make_url_label_and_error_lengths() -> None:
    long_path = "/jobs/" + "x" * 520 + "/{id}"
    assert problems(lambda d: ops(d)["delete_job"]["request"].update(path=long_path)) == [
        ("/operations/delete_job/request/path", "make: makes the module's URL 555 characters long; Make allows at most 512")
    ]
    assert problems(lambda d: ops(d)["create_job"]["inputs"][3].update(label="N" * 257)) == [
        ("/operations/create_job/inputs/3/label", "make: Make labels need 1 to 256 characters, not 257")
    ]
    found = problems(lambda d: d["http"]["statuses"]["400"].update(message="m" * 1000))
    assert found == [
        ("/http/statuses/400/message", "make: makes the error message expression 1164 characters long; Make allows at most 1024")
    ]


# -- n8n ----------------------------------------------------------------------------------------------------
def test_n8n_operations_of_a_resource_collide() -> None:
    found = [p for p in problems(lambda d: copy_op(d, "delete_job", "remove_job", "Remove Job")) if p[1].startswith("n8n:")]
    assert found == [
        ("/operations/remove_job", "n8n: 'remove_job' and 'delete_job' both become the n8n operation 'delete' of resource 'job'"),
        (
            "/operations/remove_job",
            "n8n: 'remove_job' and 'delete_job' both become the n8n operation name 'Delete' of resource 'job'",
        ),
    ]


def test_n8n_resources_and_trigger_events_collide() -> None:
    assert problems(lambda d: d["resources"]["member"].update(label="Job")) == [
        ("/resources/member/label", "n8n: resource 'member' and resource 'job' both become the n8n resource name 'Job'")
    ]
    found = problems(lambda d: copy_op(d, "new_job", "new_job_", "Fresh Job"))
    assert ("/operations/new_job_", "n8n: 'new_job_' and 'new_job' both become the n8n trigger event 'newJob'") in found


def test_n8n_parameter_names_and_locator_modes() -> None:
    def change(d: dict[str, Any]) -> None:
        job(d)["fields"]["resource"] = {"type": "string", "label": "Resource"}
        ops(d)["create_job"]["inputs"].append({"name": "resource", "in": "body", "required": True})

    where = f"/operations/create_job/inputs/{len(PRISTINE[HELLO].data['operations']['create_job']['inputs'])}/name"
    assert problems(change) == [(where, "n8n: n8n parameter 'resource' of 'create_job' is also used by the node")]

    def mode(d: dict[str, Any]) -> None:
        d["resources"]["member"]["fields"]["list"] = {"type": "string", "label": "List", "read_only": True}
        ops(d)["create_job"]["inputs"][5]["dropdown"]["value"] = "list"

    message = "n8n: n8n's resource locator already has a 'list' mode; the dropdown value cannot be called so"
    assert problems(mode) == [("/operations/create_job/inputs/5/dropdown/value", message)]


def test_n8n_choices_that_look_the_same() -> None:
    found = problems(lambda d: job(d)["filters"]["progress"]["choices"].append("Success"))
    message = "n8n: choices 'success' and 'Success' both show as 'Success' in n8n"
    assert found == [("/resources/job/filters/progress/choices", message)]


# -- located like every validation error, and the CLI ------------------------------------------------------
def test_errors_carry_the_line_and_column_of_the_entry() -> None:
    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(lambda d: ops(d).update(d=ops(d).pop("delete_job"))))
    # a renamed key has no position of its own in the pristine file: it falls back to its parent, /operations
    lines = HELLO.read_text("utf-8").splitlines()
    operations = lines.index("operations:") + 1
    first = (
        "spec.yaml:{}:1 /operations/d: make: Make module id 'd' (the operation key in camelCase) needs 3 to 64 letters and digits"
    )
    assert str(caught.value.errors[0]) == first.format(operations)
    with pytest.raises(SpecInvalid) as caught:
        validate(mutated(lambda d: ops(d)["create_job"]["inputs"][3].update(label="N" * 257)))
    line = next(n for n, text in enumerate(lines, 1) if "- {name: notes, in: body}" in text)
    assert [(e.line, e.column > 1) for e in caught.value.errors] == [(line, True)]


def test_validate_and_build_exit_1_and_leave_dist_untouched(tmp_path: Path) -> None:
    shutil.copytree(DESK.parent / "icons", tmp_path / "icons")
    spec = yaml.safe_load(DESK.read_text("utf-8"))
    spec["resources"]["agent"]["fields"]["id"] = {"type": "string", "label": "ID", "read_only": True}
    path = tmp_path / "desk.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), "utf-8")
    out = tmp_path / "dist"
    (out / "zapier").mkdir(parents=True)
    (out / "zapier" / "index.js").write_text("previous build\n")
    before = hashlib.sha256((out / "zapier" / "index.js").read_bytes()).hexdigest()
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(path)])
    built = runner.invoke(main, ["build", "--spec", str(path), "--out", str(out)])
    only_make = runner.invoke(main, ["build", "--spec", str(path), "--out", str(out), "--target", "make"])
    line = next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if "id_field: handle" in text)
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert f"desk.yaml:{line}:" in result.output and "/resources/agent/id_field: zapier: resource 'agent'" in result.output
        assert "Traceback" not in result.output
    assert hashlib.sha256((out / "zapier" / "index.js").read_bytes()).hexdigest() == before
    assert only_make.exit_code == 0, only_make.output  # Zapier's limits do not stop a Make build
