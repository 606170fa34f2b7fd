"""The smoke report as text: a table of step × target (result, latency), then every failure's reason."""

from __future__ import annotations

from collections.abc import Callable

from .runner import SmokeReport

Style = Callable[[str, str], str]  # (text, result) -> text, e.g. coloured by the CLI


def _plain(text: str, _result: str) -> str:
    return text


def _cell(result: str, latency: float | None) -> str:
    word = {"ok": "ok", "fail": "FAIL", "skip": "skip"}.get(result, result)
    return f"{word} {latency:.0f} ms" if latency is not None and result != "skip" else word


def table(report: SmokeReport, style: Style = _plain) -> list[str]:
    """Lines of the final table and the failure list; `style` may colour a cell by its result."""
    steps = [s for s, _ in report.steps]
    width = max([len("step"), *(len(s) for s in steps)])
    cells = {key: _cell(r.result, r.latency_ms) for key, r in report.results.items()}
    widths = {t: max([len(t), *(len(cells.get((s, t), "")) for s in steps)]) for t in report.targets}
    head = "  ".join([f"{'step':<{width}}", *(f"{t:<{widths[t]}}" for t in report.targets)]).rstrip()
    lines = [head, "-" * max(len(head), width + 2 + sum(widths.values()) + 2 * (len(widths) - 1))]
    for step in steps:
        row = [f"{step:<{width}}"]
        for i, target in enumerate(report.targets):
            result = report.results.get((step, target))
            text = cells.get((step, target), "-")
            padded = text if i == len(report.targets) - 1 else f"{text:<{widths[target]}}"
            row.append(style(padded, result.result if result else "skip"))
        lines.append("  ".join(row))
    counts = {k: sum(1 for r in report.results.values() if r.result == k) for k in ("ok", "fail", "skip")}
    lines.append("")
    failures = [(s, t, r) for (s, t), r in report.results.items() if r.result != "ok"]
    for step, target, result in failures:
        for reason in result.detail or ["(no reason given)"]:
            lines.append(style(f"{result.result.upper()} {step} [{target}]: {reason}", result.result))
    if failures:
        lines.append("")
    verdict = "passed" if report.ok else "FAILED"
    where = f"{report.mode}; {', '.join(report.targets)}"
    summary = f"smoke {verdict}: {counts['ok']} ok, {counts['fail']} failed, {counts['skip']} skipped ({where})"
    lines.append(style(summary, "ok" if report.ok else "fail"))
    lines += [f"cleanup {note}" for note in report.cleanup]
    # A real API answers more than the spec declares: worth knowing (the spec may want some), never a failure.
    for operation, names in report.undeclared.items():
        lines.append(f"note {operation}: answers fields the spec does not declare (tolerated): {', '.join(names)}")
    return lines
