"""The spec-change corpus: each case's diff against the base is exactly its expected report, per platform."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from connector_gen.evolution import KINDS, TABLES, compare
from connector_gen.evolution.changes import n8n_default
from connector_gen.evolution.rules import SILENT
from connector_gen.pipeline import load_model
from connector_gen.targets.n8n.fields import typed

from .corpus import CASES, case, lines, pair

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "hellotracks.yaml"
# Kinds the corpus has no case for, and why: each needs a spec change that validation refuses on the first API.
UNCOVERED = {
    "operation.kind_changed": "an operation that changes kind changes its request and inputs in the same spec",
    "paging.added": "the covered opposite is paging.removed; adding a paging block is the same rule read backwards",
}


def test_the_corpus_has_at_least_twenty_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_reports_exactly_its_expected_lines(path: Path, tmp_path: Path) -> None:
    old, new = pair(tmp_path, path)
    report = compare(old, new, "base.yaml", "spec.yaml")
    assert lines(report) == list(case(path).expected)


def test_every_kind_is_in_the_corpus_or_says_why_not() -> None:
    seen = {line.split(" ", 1)[0] for path in CASES for line in case(path).expected}
    assert seen | set(UNCOVERED) == set(KINDS)
    assert not seen & set(UNCOVERED)


def test_a_spec_against_itself_has_no_changes() -> None:
    report = compare(SPEC, SPEC)
    assert report.verdicts == ()
    assert not report.blocks(allow_breaking=False)
    assert report.text() == ["no changes; version 1.0.0 -> 1.0.0"]


def test_every_rule_cites_a_url_docs_evolution_names_or_says_the_docs_are_silent() -> None:
    doc = (ROOT / "docs" / "evolution.md").read_text("utf-8")
    cited = set(re.findall(r"https://[^\s)>\]]+", doc))
    for platform, table in TABLES.items():
        assert set(table) == set(KINDS), platform
        for kind, rule in table.items():
            assert rule.source == SILENT or rule.source in cited, (platform, kind, rule.source)
            assert (rule.action == "none") == (rule.severity == "safe"), (platform, kind)


def test_the_n8n_defaults_diff_recomputes_are_those_the_n8n_target_writes() -> None:
    # changes.n8n_default mirrors generator/targets/n8n/fields.py; this keeps the two from drifting apart.
    for spec in (SPEC, *sorted((ROOT / "tests" / "apis").glob("*/spec.yaml"))):
        model = load_model(spec, spec.name)
        for op in model.operations:
            for inp in op.inputs:
                for leaf in inp.leaves:
                    if leaf.type in ("array", "map"):
                        continue
                    written = typed(leaf, leaf.label, None)["default"]
                    assert written == n8n_default(leaf), (spec, op.key, leaf.dotted)
