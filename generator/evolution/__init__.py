"""Spec evolution: load two specs, diff their models, classify each change per platform (`connector-gen diff`)."""

from __future__ import annotations

from pathlib import Path

from ..pipeline import load_model
from .changes import KINDS, Change, diff
from .report import Report, report
from .rules import PLATFORMS, TABLES, Rule, Severity, Verdict, classify

__all__ = [
    "KINDS",
    "PLATFORMS",
    "TABLES",
    "Change",
    "Report",
    "Rule",
    "Severity",
    "Verdict",
    "classify",
    "compare",
    "diff",
]


def compare(old: Path, new: Path, old_display: str | None = None, new_display: str | None = None) -> Report:
    """Load, validate and model both specs (raising SpecInvalid for either) and report their classified diff."""
    before = load_model(old, old_display or str(old))
    after = load_model(new, new_display or str(new))
    nodes = (len(before.n8n_versions) + 1, len(after.n8n_versions) + 1)
    triggers = frozenset(op.key for m in (before, after) for op in m.of_kind("polling_trigger"))
    return report(before.app.version, after.app.version, diff(before, after), nodes, triggers)
