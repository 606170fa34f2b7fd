"""A diff's report: the verdicts, whether the new version acknowledges them, and its text and Markdown forms."""

from __future__ import annotations

from dataclasses import dataclass

from ..markdown import code, prose
from .changes import Change
from .rules import PLATFORMS, SEVERITIES, Severity, Verdict, classify, shipped


def major(version: str) -> int | None:
    """The major number of a semver text (`2` of `2.1.0`), None if it has none."""
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


@dataclass(frozen=True)
class Report:
    """What changed between two specs, classified per platform."""

    old_version: str
    new_version: str
    verdicts: tuple[Verdict, ...]

    @property
    def major_bumped(self) -> bool:
        """Whether the new app version's major is above the old one's (Zapier's acknowledgement of a break)."""
        was, now = major(self.old_version), major(self.new_version)
        return was is not None and now is not None and now > was

    def count(self, severity: Severity) -> int:
        """How many changes are at worst `severity`."""
        return sum(1 for v in self.verdicts if v.worst == severity)

    @property
    def breaking(self) -> bool:
        """Whether any change breaks existing users on some platform."""
        return self.count("breaking") > 0

    def blocks(self, allow_breaking: bool) -> bool:
        """Whether CI should fail: a breaking change the new major does not acknowledge and no override allows."""
        return self.breaking and not self.major_bumped and not allow_breaking

    @property
    def headline(self) -> str:
        """`3 changes (1 breaking, 1 needs-new-version, 1 safe); version 1.0.0 -> 2.0.0 (major bumped)`."""
        if not self.verdicts:
            return f"no changes; version {self.old_version} -> {self.new_version}"
        parts = ", ".join(f"{self.count(s)} {s}" for s in reversed(SEVERITIES) if self.count(s))
        bumped = " (major bumped)" if self.major_bumped else ""
        n = len(self.verdicts)
        return f"{n} change{'s' if n != 1 else ''} ({parts}); version {self.old_version} -> {self.new_version}{bumped}"

    def text(self) -> list[str]:
        """Human lines, the most severe changes first, each with its verdict and action per platform."""
        lines = [self.headline]
        for verdict in sorted(self.verdicts, key=lambda v: -SEVERITIES.index(v.worst)):
            lines.append("")
            lines.append(f"[{verdict.worst}] {verdict.change.summary}")
            for platform, rule in verdict.rules:
                action = "" if rule.action == "none" else f": {rule.action}"
                lines.append(f"  {platform:<6} {rule.severity}{action} ({rule.source})")
        return lines

    def markdown(self) -> list[str]:
        """A pull-request comment: the headline and one table row per change."""
        lines = ["## connector-gen diff", "", self.headline]
        if not self.verdicts:
            return lines
        lines += ["", "| change | where | " + " | ".join(PLATFORMS) + " |", "|---|---|" + "---|" * len(PLATFORMS)]
        for verdict in sorted(self.verdicts, key=lambda v: -SEVERITIES.index(v.worst)):
            c = verdict.change
            values = f" ({c.old} → {c.new})" if c.old or c.new else ""
            cells = [f"**{r.severity}**" if r.severity != "safe" else "safe" for _, r in verdict.rules]
            lines.append(f"| `{c.kind}` | {code(c.where)}{prose(values)} | " + " | ".join(cells) + " |")
        actions = {(p, r.action, r.source) for v in self.verdicts for p, r in v.rules if r.severity != "safe"}
        if actions:
            lines += ["", "### What to do", ""]
            lines += [f"- **{p}**: {a} ({f'[docs]({s})' if s.startswith('http') else s})" for p, a, s in sorted(actions)]
        return lines


def report(
    old_version: str,
    new_version: str,
    changes: tuple[Change, ...],
    n8n_nodes: tuple[int, int] = (1, 1),
    triggers: frozenset[str] = frozenset(),
) -> Report:
    """Classify every change on every platform; with a higher n8n node version (`n8n_nodes`: old, new), its action
    node's changes ship in it (the trigger node, `triggers` its operation keys, has one version)."""
    verdicts = tuple(classify(c) for c in changes)
    if n8n_nodes[1] > n8n_nodes[0]:
        verdicts = tuple(v if _on_trigger(v.change, triggers) else shipped(v, n8n_nodes[1]) for v in verdicts)
    return Report(old_version, new_version, verdicts)


def _on_trigger(change: Change, triggers: frozenset[str]) -> bool:
    head = change.where.split(".", 1)[0]
    return head in triggers or change.where == "trigger.event"
