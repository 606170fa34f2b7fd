"""A spec as it was at a git ref: its folder extracted from `git archive` into a temporary directory."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from ..errors import ConnectorGenError


class RefError(ConnectorGenError):
    """The git ref, or the spec at it, cannot be read (a usage error: exit 2)."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RefError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        raise RefError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def spec_at(ref: str, spec: Path, into: Path) -> Path:
    """Extract the spec's folder as it was at `ref` under `into` (its icons come along) and return the old spec's path.

    Only that folder is read (`git archive REF -- <folder>`): files a spec names outside its own folder are not there.
    """
    where = spec.resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], where).decode().strip())
    folder = where.relative_to(top).as_posix() or "."
    rel = spec.resolve().relative_to(top).as_posix()
    _git(["cat-file", "-e", f"{ref}:{rel}"], top)  # a clear error naming the ref and path when the spec was not there
    archive = _git(["archive", "--format=tar", ref, "--", folder], top)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / rel
