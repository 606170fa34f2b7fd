"""The command line: the only place that prints and chooses exit codes (0 ok, 1 invalid/stale, 2 usage)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .errors import ConnectorGenError, SpecInvalid
from .pipeline import load_model, render_all
from .render import targets
from .write import compare, write_targets

DEFAULT_SPEC = Path("spec/hellotracks.yaml")
REGENERATE = "connector-gen build --target all"


def _fail(exc: ConnectorGenError) -> NoReturn:
    if isinstance(exc, SpecInvalid):
        for err in exc.errors:
            click.echo(str(err), err=True)
        count = len(exc.errors)
        click.echo(f"error: the spec has {count} problem{'s' if count != 1 else ''}; nothing was written", err=True)
    else:
        click.echo(f"error: {exc}", err=True)
    sys.exit(1)


def _target_names(choice: str) -> list[str]:
    return list(targets()) if choice == "all" else [choice]


spec_option = click.option(
    "--spec",
    "spec",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_SPEC,
    show_default=True,
    help="The capability spec (YAML).",
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist"),
    show_default=True,
    help="Folder holding one sub-folder per target.",
)


def target_option(default: str = "all") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The `--target` option, offering the registered targets plus `all`."""
    return click.option(
        "--target",
        type=click.Choice([*targets(), "all"]),
        default=default,
        show_default=True,
        help="Which connector to generate.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="connector-gen")
def main() -> None:
    """Generate Zapier, Make and n8n connectors from one capability spec, and prove they work.

    \b
    Typical use:
      connector-gen validate                 check spec/hellotracks.yaml
      connector-gen build                    write dist/<target>/ for every target
      connector-gen check                    fail if dist/ is stale (for CI)
    """


@main.command()
@click.argument("spec", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SPEC, required=False)
def validate(spec: Path) -> None:
    """Check SPEC (default spec/hellotracks.yaml) and list every problem as file:line:col pointer: message."""
    try:
        model = load_model(spec, str(spec))
    except ConnectorGenError as exc:
        _fail(exc)
    click.echo(f"{spec}: ok ({len(model.operations)} operations, {len(model.resources)} resources)")


@main.command()
@target_option()
@spec_option
@out_option
def build(target: str, spec: Path, out: Path) -> None:
    """Render the connectors into OUT/<target>/; on any error OUT stays as it was."""
    try:
        model = load_model(spec, str(spec))
        rendered = render_all(model, _target_names(target))
        write_targets(out, rendered)
    except ConnectorGenError as exc:
        _fail(exc)
    for name, files in rendered.items():
        click.echo(f"wrote {out / name}/ ({len(files)} files)")


@main.command()
@target_option()
@spec_option
@out_option
def check(target: str, spec: Path, out: Path) -> None:
    """Regenerate in memory and fail (exit 1) if OUT differs: missing, extra or changed files."""
    try:
        model = load_model(spec, str(spec))
        rendered = render_all(model, _target_names(target))
    except ConnectorGenError as exc:
        _fail(exc)
    differences = compare(out, rendered)
    if not differences:
        click.echo(f"{out}/ is up to date with {spec} ({', '.join(rendered)})")
        return
    for diff in differences:
        click.echo(f"{diff.status}: {diff.path}", err=True)
        if diff.diff:
            click.echo(diff.diff, err=True, nl=False)
    click.echo(f"error: {out}/ is stale ({len(differences)} files differ); run: {REGENERATE}", err=True)
    sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
