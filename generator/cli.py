"""The command line: the only place that prints and chooses exit codes (0 ok, 1 invalid/stale, 2 usage)."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .errors import ConnectorGenError, SpecInvalid, WriteError
from .pipeline import load_model, render_all, render_pages
from .render import targets

SPEC_DIR = Path("spec")
SPEC_HELP = "The capability spec (YAML). Default: the one *.yaml file in ./spec/."
REGENERATE = "connector-gen build --target all"


def _fail(exc: ConnectorGenError, *, writes: bool = False) -> NoReturn:
    untouched = "; nothing was written" if writes else ""
    if isinstance(exc, WriteError) and exc.replaced:  # a swap that could not be undone: say what is where
        kept = f", kept {', '.join(exc.kept)} as they were" if exc.kept else ""
        untouched = f"; replaced {', '.join(exc.replaced)} all the same{kept}"
    if isinstance(exc, SpecInvalid):
        for err in exc.errors:
            click.echo(str(err), err=True)
        count = len(exc.errors)
        click.echo(f"error: the spec has {count} problem{'s' if count != 1 else ''}{untouched}", err=True)
    else:
        click.echo(f"error: {exc}{untouched}", err=True)
    sys.exit(1)


def _default_spec(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    # No API is built in: without --spec, the project's spec/ folder must hold exactly one spec.
    if value is not None:
        return value
    found = sorted(p for p in SPEC_DIR.glob("*.y*ml") if p.suffix in (".yaml", ".yml")) if SPEC_DIR.is_dir() else []
    if len(found) == 1:
        return found[0]
    where = f"{SPEC_DIR}/ holds {len(found)} specs" if found else f"no {SPEC_DIR}/*.yaml here"
    raise click.BadParameter(f"{where}; name one with --spec PATH", ctx=ctx, param=param)


def _target_names(choice: str) -> list[str]:
    return list(targets()) if choice == "all" else [choice]


spec_option = click.option(
    "--spec",
    "spec",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    callback=_default_spec,
    help=SPEC_HELP,
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
      connector-gen validate                 check the spec in ./spec/
      connector-gen build                    write dist/<target>/ for every target
      connector-gen check                    fail if dist/ is stale (for CI)
      connector-gen smoke                    run every operation against the embedded mock
      connector-gen mock                     serve the mock API for manual tries
      connector-gen diff --base main         classify the spec's changes since main per platform
    """


@main.command()
@click.argument("spec", type=click.Path(path_type=Path, dir_okay=False), required=False, callback=_default_spec)
def validate(spec: Path) -> None:
    """Check SPEC (default: the one spec/*.yaml) for every target and list each problem as file:line:col /pointer: message."""
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
    from .write import write_targets  # only build writes: validate need not import the writer's OS machinery

    try:
        names = _target_names(target)
        model = load_model(spec, str(spec), names)  # the targets' own limits too: a spec they refuse writes nothing
        rendered = render_all(model, names)
        pages = render_pages(model, names)
        kept = write_targets(out, rendered, pages)
    except ConnectorGenError as exc:
        _fail(exc, writes=True)
    for name, files in rendered.items():
        how = "unchanged" if name in kept else "wrote"
        click.echo(f"{how} {out / name}/ ({len(files)} files)")
    for rel in pages:
        click.echo(f"{'unchanged' if str(rel) in kept else 'wrote'} {out / rel}")


@main.command()
@target_option()
@spec_option
@out_option
def check(target: str, spec: Path, out: Path) -> None:
    """Regenerate in memory and fail (exit 1) if OUT differs: missing, extra or changed files."""
    from .compare import compare

    try:
        names = _target_names(target)
        model = load_model(spec, str(spec), names)
        rendered = render_all(model, names)
        pages = render_pages(model, names)
    except ConnectorGenError as exc:
        _fail(exc)
    differences = compare(out, rendered, top=pages)
    if not differences:
        click.echo(f"{out}/ is up to date with {spec} ({', '.join(rendered)})")
        return
    for diff in differences:
        click.echo(f"{diff.status}: {diff.path}", err=True)
        if diff.diff:
            click.echo(diff.diff, err=True, nl=False)
    click.echo(f"error: {out}/ is stale ({len(differences)} files differ); run: {REGENERATE}", err=True)
    sys.exit(1)


DIFF_HELP = """Compare two specs and classify each change per platform (zapier, make, n8n) as safe, needs-new-version or breaking.

    \b
      connector-gen diff OLD NEW             two spec files
      connector-gen diff --base REF [SPEC]   SPEC (default: the one spec/*.yaml) against itself at git REF
    Exit 1 on a breaking change unless NEW's app version bumps the major or --allow-breaking; 2 on a usage error.
    The rules and their sources: docs/evolution.md.
    """


@main.command(help=DIFF_HELP)
@click.argument("specs", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--base", "ref", metavar="REF", help="Compare against SPEC as it was at this git ref (git show REF:path).")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
@click.option("--allow-breaking", is_flag=True, help="Exit 0 even when a change breaks existing users.")
def diff(specs: tuple[Path, ...], ref: str | None, fmt: str, allow_breaking: bool) -> None:
    """Compare two specs (see DIFF_HELP)."""
    import tempfile

    from .evolution import compare
    from .evolution.base import RefError, SpecIsNew, spec_at

    ctx = click.get_current_context()
    if ref is None and len(specs) != 2:
        raise click.UsageError("give OLD and NEW spec files, or --base REF [SPEC]")
    if ref is not None and len(specs) > 1:
        raise click.UsageError("--base REF takes at most one SPEC")
    with tempfile.TemporaryDirectory(prefix="connector-gen-diff-") as tmp:
        if ref is not None:
            try:
                new = specs[0] if specs else _default_spec(ctx, ctx.command.params[0], None)
            except click.BadParameter as exc:  # its advice names --spec, which diff spells as the SPEC argument
                raise click.UsageError(f"{exc.message.split(';')[0]}; name the spec: --base {ref} SPEC") from None
            try:
                old = spec_at(ref, new, Path(tmp))
            except RefError as exc:
                raise click.UsageError(f"--base {ref}: {exc}") from None
            except SpecIsNew as exc:
                click.echo("\n".join(["## connector-gen diff", "", f"{exc}."] if fmt == "markdown" else [f"{exc}."]))
                return
            old_display = f"{ref}:{new}"
        else:
            old, new = specs
            old_display = str(old)
        try:
            result = compare(old, new, old_display, str(new))
        except ConnectorGenError as exc:
            _fail(exc)
    lines = result.markdown() if fmt == "markdown" else result.text()
    click.echo("\n".join(lines))
    if result.blocks(allow_breaking):
        click.echo("error: a change breaks existing users; bump the app's major version or pass --allow-breaking", err=True)
        sys.exit(1)


def _executor_names() -> list[str]:
    from .smoke.executor import executors

    return list(executors())


if TYPE_CHECKING:
    _ParamType = click.ParamType[str]
else:  # click < 8.2 has no generic ParamType at run time
    _ParamType = click.ParamType


class _ExecutorChoice(_ParamType):
    """`--target` choices from the executor registry, looked up only when smoke runs or shows its help."""

    name = "target"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join([*_executor_names(), "all"]) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        choices = [*_executor_names(), "all"]
        if value not in choices:
            self.fail(f"'{value}' is not one of: {', '.join(choices)}", param, ctx)
        return str(value)


def _fault(text: str | None) -> Any:
    from .smoke.runner import Fault

    if not text:
        return None
    operation, _, status = text.partition(":")
    if status and status != "drop" and not status.isdigit():
        raise click.BadParameter("use OPERATION or OPERATION:STATUS (an HTTP status or 'drop')", param_hint="--mock-fail")
    return Fault(operation, int(status) if status.isdigit() else (status or 500))


SMOKE_HELP = """Run every operation in a safe order through each target and check the results against the spec.

    \b
    By default each target runs against a fresh embedded mock: no account needed.
    With --base-url it runs against the real API (or a contract mock) with the connection's values from
    --connection FILE and the environment (FILE wins over the environment; --api-key over both):
      CONNECTOR_GEN_<FIELD>        each connection field by its key in upper case, e.g.
                                   CONNECTOR_GEN_SHOP, CONNECTOR_GEN_API_KEY (derived fields are computed)
      CONNECTOR_GEN_ACCESS_TOKEN, CONNECTOR_GEN_REFRESH_TOKEN, CONNECTOR_GEN_CLIENT_ID,
      CONNECTOR_GEN_CLIENT_SECRET  an oauth2 spec's token pair and client (no browser; refreshed on expiry)
    \b
    The connection file (YAML or JSON):
      values: {shop: acme, access_token: ...}     the connection fields
      oauth: {access_token: ..., refresh_token: ..., client_id: ..., client_secret: ...}
      redirects: {"https://auth.example.com/token": "http://127.0.0.1:9000/token"}
      inputs: {create_card.idList: 5abbe4b7ddc1b351ef961415}   real references for the plan
    A missing required value is a usage error (exit 2) naming the field and its variable.
    Against a real API, records may carry fields the spec does not declare (noted once per operation, never a
    failure); the records smoke creates carry a unique prefix and are archived and deleted at the end, even on
    failure. Exit 0 when every step passed, 1 otherwise.
    """


@main.command(help=SMOKE_HELP)
@click.option("--target", type=_ExecutorChoice(), default="all", show_default=True, help="Which executors run the plan.")
@spec_option
@click.option(
    "--dist",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist"),
    show_default=True,
    help="Folder holding the built connectors (one sub-folder per target).",
)
@click.option("--base-url", envvar="CONNECTOR_GEN_BASE_URL", help="Run against this real API instead of the embedded mock.")
@click.option(
    "--connection",
    "connection_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Connection file (YAML or JSON) for --base-url: values, oauth, redirects, inputs.",
)
@click.option("--api-key", help="Shorthand for the first secret field (an oauth2 spec without one: the access token).")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable result to stdout (progress stays on stderr).")
@click.option("--mock-fail", metavar="OPERATION[:STATUS]", help="Make the embedded mock fail that operation once (a red run).")
def smoke(
    target: str,
    spec: Path,
    dist: Path,
    base_url: str | None,
    connection_file: Path | None,
    api_key: str | None,
    as_json: bool,
    mock_fail: str | None,
) -> None:
    """Run every operation in a safe order through each target and check the results (see SMOKE_HELP)."""
    import os

    from .redact import Secrets
    from .smoke.connection import ConnectionProblem, connect, read_file
    from .smoke.report import table
    from .smoke.runner import run_smoke

    names = _executor_names()
    if (connection_file or api_key) and not base_url:
        raise click.UsageError("--connection and --api-key need --base-url (or CONNECTOR_GEN_BASE_URL)")
    if mock_fail and base_url:
        raise click.UsageError("--mock-fail only applies to the embedded mock")
    fault = _fault(mock_fail)
    # The reference runs first, so the table reads left to right from it.
    chosen = sorted(names, key=lambda n: n != "python") if target == "all" else [target]
    try:
        # Only the limits of the platforms that run: python is no render target and checks none.
        model = load_model(spec, str(spec), [n for n in chosen if n in targets()])
    except ConnectorGenError as exc:
        _fail(exc)
    if fault and fault.operation not in {o.key for o in model.operations}:
        raise click.BadParameter(f"no operation '{fault.operation}' in {spec}", param_hint="--mock-fail")
    connected = None
    if base_url:
        try:
            file = read_file(connection_file) if connection_file else None
            connected = connect(model, base_url, file, os.environ, api_key)
        except ConnectionProblem as exc:
            raise click.UsageError(str(exc)) from None
    # The runner redacts already; whatever this command prints passes the connection's secrets once more.
    secrets = connected.endpoint.secrets if connected else Secrets()
    try:
        report = run_smoke(
            model,
            chosen,
            dist=dist,
            endpoint=connected.endpoint if connected else None,
            inputs=connected.inputs if connected else None,
            fault=fault,
            progress=lambda line: click.echo(secrets.text(line), err=True),
        )
    except ConnectorGenError as exc:  # a broken harness or dist: the reason, redacted, instead of a traceback
        click.echo(f"error: {secrets.text(str(exc))}", err=True)
        sys.exit(1)
    colours = {"ok": "green", "fail": "red", "skip": "yellow"}
    lines = table(report, lambda text, result: click.style(secrets.text(text), fg=colours.get(result)))
    if as_json:
        click.echo(secrets.text("\n".join(lines)), err=True)
        click.echo(json.dumps(secrets.value(report.to_json()), indent=2, sort_keys=True))
    else:
        click.echo(secrets.text("\n".join(lines)))
    if not report.ok:
        sys.exit(1)


@main.command()
@spec_option
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="TCP port on 127.0.0.1 (0 picks a free one)."
)
@click.option("--no-seed", is_flag=True, help="Start empty instead of with each resource's sample record.")
@click.option(
    "--value",
    "values",
    multiple=True,
    metavar="FIELD=VALUE",
    help="A connection value the mock accepts (repeatable); the others are generated and printed.",
)
def mock(spec: Path, port: int, no_seed: bool, values: tuple[str, ...]) -> None:
    """Serve the mock API built from the spec on 127.0.0.1 until Ctrl-C.

    It prints the base URL to use and every connection value a connector needs: settings, secrets and, for
    OAuth2, the client id and secret, the authorize and token endpoints and a first token pair.
    """
    from .mock import serve
    from .mock.describe import describe

    try:
        model = load_model(spec, str(spec), ())  # the mock renders no target: only the spec itself must hold
    except ConnectorGenError as exc:
        _fail(exc)
    given: dict[str, str] = {}
    for item in values:
        key, eq, value = item.partition("=")
        if not eq or key not in {f.key for f in model.connection.asked}:
            known = ", ".join(f.key for f in model.connection.asked) or "none"
            raise click.BadParameter(f"use FIELD=VALUE with a connection field ({known})", param_hint="--value")
        given[key] = value

    def ready(server: Any) -> None:
        for line in describe(server):
            click.echo(line)

    try:
        serve(model, port=port, on_ready=ready, stop=threading.Event(), seed_samples=not no_seed, values=given)
    except OSError as exc:
        click.echo(f"error: cannot serve on port {port}: {exc}", err=True)
        sys.exit(1)
    except ValueError as exc:  # a connection value the mock cannot make up (a pattern it has no candidate for)
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
