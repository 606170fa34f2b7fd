"""The spec-change corpus: NN-name.patch = a comment, a unified diff of the frozen base spec, the expected report.

The base is tests/specs_with_errors/base.yaml (frozen, never edited); the patch format and its strict applier are
tests/foundation/corpus.py's. Each expected line is one change and its verdict per platform:
`<kind> <where>[: <old> -> <new>] | zapier=<severity> make=<severity> n8n=<severity>`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from connector_gen.evolution import Report
from tests.foundation.corpus import BASE, CORPUS, Case, parse_case, spec_text

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASES = sorted(CASES_DIR.glob("[0-9][0-9]-*.patch"))


def case(path: Path) -> Case:
    """A parsed case file."""
    return parse_case(path)


def materialise(root: Path, name: str, text: str) -> Path:
    """Write `root/<name>/spec.yaml` beside a copy of the corpus icons at `root/icons/`; return the spec's path."""
    if not (root / "icons").exists():
        shutil.copytree(CORPUS / "icons", root / "icons")
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    spec = folder / "spec.yaml"
    spec.write_bytes(text.encode("utf-8"))
    return spec


def pair(root: Path, path: Path) -> tuple[Path, Path]:
    """The base spec and the case's changed spec, written under `root`."""
    old = materialise(root, "base", BASE.read_text("utf-8"))
    return old, materialise(root, path.stem, spec_text(case(path)))


def lines(report: Report) -> list[str]:
    """The report in the corpus's expected-line form, in the diff's own order."""
    return [f"{v.change.summary} | " + " ".join(f"{p}={r.severity}" for p, r in v.rules) for v in report.verdicts]
