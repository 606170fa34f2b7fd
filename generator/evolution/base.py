"""A spec as it was at a git ref: its folder extracted from `git archive` into a temporary directory."""

from __future__ import annotations

import io
import posixpath
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConnectorGenError


class RefError(ConnectorGenError):
    """The git ref, or the spec at it, cannot be read (a usage error: exit 2)."""


class SpecIsNew(ConnectorGenError):
    """The ref exists but the spec did not yet: the change adds the connector, so nobody's automation uses it."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RefError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        raise RefError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _named_files(text: bytes, folder: str) -> list[str]:
    """The repository paths of the files the spec names (its icons), as far as the old text can be read at all."""
    try:
        spec: Any = yaml.safe_load(text)
        icons = spec["app"]["icon"]
        names = [icons[v] for v in ("light", "dark") if isinstance(icons.get(v), str)]
    except (yaml.YAMLError, TypeError, KeyError, AttributeError):
        return []  # loading the old side reports what is wrong with it
    return [posixpath.normpath(posixpath.join(folder, n)) for n in names if not n.startswith("/")]


def spec_at(ref: str, spec: Path, into: Path) -> Path:
    """Extract the spec's folder and the icons it names as they were at `ref` under `into`; return the old spec's path."""
    where = spec.resolve().parent
    top = Path(_git(["rev-parse", "--show-toplevel"], where).decode().strip())
    folder = where.relative_to(top).as_posix() or "."
    rel = spec.resolve().relative_to(top).as_posix()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except RefError:  # an unknown ref is a usage error
        raise RefError(f"no commit {ref!r} in this repository (fetch it, or name another ref)") from None
    try:
        _git(["cat-file", "-e", f"{ref}:{rel}"], top)
    except RefError:  # the first pull request that adds the spec: a report, not an error
        raise SpecIsNew(f"{rel} is new since {ref}: no Zap, scenario or workflow uses it yet") from None
    archive = _git(["archive", "--format=tar", ref, "--", folder], top)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    for name in _named_files((into / rel).read_bytes(), folder):
        target = into / name
        if name.startswith("../") or target.exists():
            continue  # outside the repository (loading says the file is missing), or in the folder already
        found = subprocess.run(["git", "show", f"{ref}:{name}"], cwd=top, capture_output=True, check=False, timeout=120)
        if found.returncode == 0:  # else loading the old side names the missing icon
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(found.stdout)
    return into / rel
