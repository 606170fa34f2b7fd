"""The Jinja environment is strict: a template using a missing model attribute fails the build."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from connector_gen import render as render_module
from connector_gen import resources
from connector_gen.cli import main
from connector_gen.errors import RenderError
from connector_gen.model import Model
from connector_gen.render import Files, environment, register, render_template, to_json

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broken_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "templates" / "broken"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text("# {{ model.app.name }}\n{{ model.app.no_such_attribute }}\n")
    monkeypatch.setattr(resources, "templates_dir", lambda: tmp_path / "templates")
    monkeypatch.setattr(render_module, "templates_dir", lambda: tmp_path / "templates")
    return folder


def test_missing_attribute_raises_render_error(model: Model, broken_templates: Path) -> None:
    env = environment("broken")
    with pytest.raises(RenderError) as info:
        render_template(env, "broken", "README.md", model=model)
    assert "README.md" in str(info.value)
    assert "no_such_attribute" in str(info.value)


def test_environment_settings() -> None:
    env = environment("zapier")
    assert env.undefined.__name__ == "StrictUndefined"
    assert env.keep_trailing_newline and env.trim_blocks and env.lstrip_blocks
    assert env.autoescape is False


def test_a_failing_target_leaves_dist_untouched(tmp_path: Path, broken_templates: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = dict(render_module._REGISTRY)
    monkeypatch.setattr(render_module, "_REGISTRY", registry)

    @register("broken", "a target whose template uses a missing attribute")
    def render(model: Model) -> Files:
        return {PurePosixPath("README.md"): render_template(environment("broken"), "broken", "README.md", model=model)}

    out = tmp_path / "dist"
    (out / "broken").mkdir(parents=True)
    (out / "broken" / "README.md").write_text("previous build\n")
    before = hashlib.sha256((out / "broken" / "README.md").read_bytes()).hexdigest()
    # the CLI's --target choices are computed at import, so build "all" (which includes "broken")
    result = CliRunner().invoke(main, ["build", "--spec", str(ROOT / "spec" / "hellotracks.yaml"), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "no_such_attribute" in result.output
    assert "Traceback" not in result.output
    assert hashlib.sha256((out / "broken" / "README.md").read_bytes()).hexdigest() == before
    assert sorted(p.name for p in out.iterdir()) == ["broken"]


@pytest.mark.parametrize(
    "value",
    [
        {"a": [1, 2.5, 1e-7, 1.5e-05, 1e16, -0.0, True, None], "b": {}, "c": []},
        {"text": '\u2028\u2029 \x00\x1f\x7f é ☕ </script> \\ "q"'},
        {"surrogate": "\ud800"},
        {1: "non-text key"},
        {"big": 2**70},
        ("a", ("b",)),
        {"note": "mentions 1e-7 in text"},
    ],
)
def test_json_artifacts_equal_the_standard_encoder_byte_for_byte(value: object) -> None:
    assert to_json(value) == json.dumps(value, indent=2, ensure_ascii=False)
