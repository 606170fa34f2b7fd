"""Install the Node harnesses (package.json + lockfile under smoke/harness/<name>/) into a user cache."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ...errors import ConnectorGenError
from ...redact import Secrets

HERE = Path(__file__).resolve().parent


class HarnessUnavailable(ConnectorGenError):
    """Node.js/npm are missing or the harness could not be installed."""


def cache_root() -> Path:
    """`$CONNECTOR_GEN_CACHE`, else `$XDG_CACHE_HOME/connector-gen`, else `~/.cache/connector-gen`."""
    if os.environ.get("CONNECTOR_GEN_CACHE"):
        return Path(os.environ["CONNECTOR_GEN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "connector-gen"


def npm_cache() -> Path:
    """The project's own npm cache (`npm ci --cache`), so an offline install reads only what connector-gen fetched."""
    return cache_root() / "npm"


def _digest(source: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in source.rglob("*") if p.is_file() and "node_modules" not in p.parts):
        h.update(path.relative_to(source).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


# How a harness is installed: exactly its lockfile, no install scripts, quietly.
NPM_CI = ("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error")


def ensure_harness(name: str, *, quiet: bool = False) -> Path:
    """The installed harness folder for `name`, running `npm ci --ignore-scripts` on first use."""
    return install(HERE / name, name, NPM_CI, quiet=quiet)


def install(source: Path, name: str, command: Sequence[str], *, quiet: bool = False) -> Path:
    """`source` (a package.json and its lockfile) installed by `command` into the cache, once per content hash."""
    if not (source / "package-lock.json").is_file():
        raise HarnessUnavailable(f"harness '{name}' has no package-lock.json in {source}")
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise HarnessUnavailable(f"'{tool}' was not found on PATH; install Node.js 20 or newer to run the {name} harness")
    target = cache_root() / "harness" / f"{name}-{_digest(source)}"
    if (target / ".installed").is_file():
        return target
    staging = target.with_name(target.name + f".tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging, ignore=shutil.ignore_patterns("node_modules", "__pycache__", "*.py"))
    if not quiet:
        print(f"connector-gen: installing the {name} harness into {target} (npm ci, first use only)...", file=sys.stderr)
    result = subprocess.run(list(command), cwd=staging, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        tail = "\n".join(result.stdout.splitlines()[-15:])
        raise HarnessUnavailable(f"npm ci failed for the {name} harness:\n{tail}")
    (staging / ".installed").write_text("ok\n")
    if target.exists():  # another process won the race
        shutil.rmtree(staging, ignore_errors=True)
    else:
        os.replace(staging, target)
    return target


class StderrLog:
    """A harness process's stderr, kept in a temporary file and never passed through raw.

    Node prints stack traces and warnings there, and an app or a platform library may print a request with its
    headers; only `tail` shows any of it, with the connection's secrets redacted, inside an error's text.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - owned by the process wrapper, closed by close()

    def tail(self, secrets: Secrets, limit: int = 2000) -> str:
        """The last lines written (at most `limit` bytes), decoded, every secret redacted."""
        self.file.flush()
        start = max(0, self.file.seek(0, os.SEEK_END) - limit)
        self.file.seek(start)
        text = self.file.read().decode("utf-8", errors="replace")
        if start:  # the cut may halve a secret, which redaction would then miss: drop the partial first line
            text = text.partition("\n")[2]
        return secrets.text(text)

    def close(self) -> None:
        """Delete the file."""
        self.file.close()
