"""Run the smoke plan through each target's executor, against a fresh embedded mock or a real API.

Per target: start a fresh mock (seeded with each resource's sample) unless a base URL is given, prepare
the executor with dist/<target>, run every step (advancing the mock clock between steps, as real time would),
check each outcome, and keep the mock's request log per step. Against a real API every record the plan
creates carries a unique prefix, and whatever is left is archived and deleted at the end even on failure.
When several targets run, each target's requests are compared with the reference's (python's) per step.
The embedded mock is started with generated connection values (a secret per secret field, each setting from its
example, default or first choice; for oauth2 a token pair from the mock's own authorize and token endpoints), and
executors get `Endpoint.of(model, mock.base_url, values, mock.redirects)`.
Every secret of the connection (its keys, tokens and passwords, in any encoding) is redacted from outcomes, step
results, request logs, progress lines and clean-up notes. Real APIs answer fields the spec does not declare: they
are tolerated and listed once per operation (`SmokeReport.undeclared`), on the mock too (a target may add some).
What an action with an empty answer hands on is compared across targets as its requests are.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..mock import MockServer
from ..model import Model, Operation
from ..model.requests import Dialect, RequestSummary, summaries
from ..redact import Secrets
from ..runtime.client import dig
from . import conformance
from .checks import outcome_problems, undeclared_fields
from .compare import diff_requests, generalise, normalise
from .executor import Call, Endpoint, Executor, Outcome, executors
from .inputs import unique_number
from .plan import Expect, Plan, Ref, Step, build_plan
from .proxy import Recorder

STEP_MS = 1000  # mock time between two steps, so each change gets its own timestamp as it would for real
REFERENCE = "python"
Progress = Callable[[str], None]


@dataclass
class StepResult:
    """One step of one target: ok, fail or skip, with why, how long it took and what the mock received."""

    step: str
    operation: str
    target: str
    result: str
    latency_ms: float | None = None
    detail: list[str] = field(default_factory=list)
    records: int = 0
    requests: list[dict[str, Any]] = field(default_factory=list)
    undeclared: list[str] = field(default_factory=list)  # record fields the spec does not declare (tolerated)
    handed_on: list[dict[str, Any]] | None = None  # what an action with an empty answer handed on, compared across targets

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict of this result."""
        latency = None if self.latency_ms is None else round(self.latency_ms, 1)
        return {
            "result": self.result,
            "latency_ms": latency,
            "records": self.records,
            "detail": self.detail,
            "requests": self.requests,
            "undeclared": self.undeclared,
        }


@dataclass
class SmokeReport:
    """Every step × target result, plus the clean-up notes of a real-API run."""

    mode: str  # "mock" or "api"
    targets: list[str]
    steps: list[tuple[str, str]]  # (step id, operation key) in plan order
    results: dict[tuple[str, str], StepResult] = field(default_factory=dict)  # by (step, target)
    cleanup: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every step passed for every target."""
        return bool(self.results) and all(r.result == "ok" for r in self.results.values())

    @property
    def undeclared(self) -> dict[str, list[str]]:
        """By operation, the record fields the API answered that the spec does not declare (tolerated, noted once)."""
        found: dict[str, set[str]] = {}
        for result in self.results.values():
            if result.undeclared:
                found.setdefault(result.operation, set()).update(result.undeclared)
        return {op: sorted(names) for op, names in sorted(found.items())}

    def to_json(self) -> dict[str, Any]:
        """The machine-readable report `--json` prints."""
        return {
            "ok": self.ok,
            "mode": self.mode,
            "targets": self.targets,
            "steps": [
                {
                    "step": s,
                    "operation": op,
                    "results": {t: self.results[(s, t)].to_json() for t in self.targets if (s, t) in self.results},
                }
                for s, op in self.steps
            ],
            "cleanup": self.cleanup,
            "undeclared": self.undeclared,
        }


@dataclass(frozen=True)
class Fault:
    """Tell the embedded mock to fail the first request of `operation` with `status` (to see a red run)."""

    operation: str
    status: int | str = 500


class Unresolved(Exception):
    """A Ref points at a step that failed or returned nothing."""


def resolve(value: Any, outcomes: dict[str, Outcome]) -> Any:
    """`value` with every Ref replaced by the value it names in an earlier outcome (or its fallback)."""
    if isinstance(value, Ref):
        out = outcomes.get(value.step)
        if out is not None and out.ok and len(out.records) > value.index:
            found = dig(out.records[value.index], tuple(value.field.split(".")))
            if found is not None:
                return found
        if value.fallback is not None and (out is None or out.ok):
            return value.fallback
        raise Unresolved(value.step)
    if isinstance(value, dict):
        return {k: resolve(v, outcomes) for k, v in value.items()}
    return value


def _expect(expect: Expect, outcomes: dict[str, Outcome]) -> Expect:
    return Expect(
        min_records=expect.min_records,
        max_records=expect.max_records,
        contains=resolve(expect.contains, outcomes),
        values=resolve(expect.values, outcomes),
        not_again=expect.not_again,
        refuse=expect.refuse,
        answer_is_record=expect.answer_is_record,
    )


def _run_step(
    model: Model,
    executor: Executor,
    step: Step,
    outcomes: dict[str, Outcome],
    endpoint: Endpoint,
    secrets: Secrets,
    real: bool,
) -> tuple[StepResult, Outcome | None]:
    name = executor.name
    try:
        inputs = resolve(step.inputs, outcomes)
        expect = _expect(step.expect, outcomes)
    except Unresolved as exc:
        return StepResult(step.id, step.operation.key, name, "skip", detail=[f"needs the result of '{exc}'"]), None
    state = outcomes[step.state_from].state if step.state_from and step.state_from in outcomes else None
    if step.state_from and step.state_from not in outcomes:
        return StepResult(
            step.id, step.operation.key, name, "skip", detail=[f"needs the poll state of '{step.state_from}'"]
        ), None
    started = time.perf_counter()
    try:
        outcome = executor.run(model, Call(step.operation, inputs, state), endpoint)
    except Exception as exc:  # an executor bug must show as this step's failure, not end the run
        outcome = Outcome(ok=False, error=f"the {name} executor crashed: {type(exc).__name__}: {exc}")
    secrets = secrets | endpoint.secrets  # the recorder's endpoint learns the tokens a real API issues mid-run
    outcome = outcome.redacted(secrets)  # every executor redacts already; this holds for one that forgot
    latency = (time.perf_counter() - started) * 1000
    earlier = outcomes.get(expect.not_again) if expect.not_again else None
    miss_is_error = getattr(executor, "miss_is_error", False)
    problems = secrets.value(outcome_problems(step.operation, expect, outcome, earlier, miss_is_error))
    result = StepResult(step.id, step.operation.key, name, "fail" if problems else "ok", latency, problems, len(outcome.records))
    if outcome.ok and expect.answer_is_record:
        result.undeclared = undeclared_fields(step.operation.resource, outcome.records)
    if outcome.ok and step.operation.response.empty:
        result.handed_on = secrets.value(outcome.records)
    return result, outcome


def _done(plan: Plan, outcomes: dict[str, Outcome], resource: str, crud: str) -> bool:
    # Whether a step of the plan already archived (or deleted) this resource's record.
    steps = [s for s in plan.steps if s.operation.crud == crud and s.operation.resource.key == resource]
    return any(outcomes.get(s.id, Outcome(False)).ok for s in steps)


def _cleanup(model: Model, plan: Plan, outcomes: dict[str, Outcome], endpoint: Endpoint, progress: Progress) -> list[str]:
    # Archive then delete every record this run created that is still there, through the reference executor with
    # the same connection; failures are reported, not raised.
    notes: list[str] = []
    cleaner = executors()[REFERENCE]()
    id_of = {s.id: s.operation.resource.id_field or "id" for s in plan.steps}

    def run(op: Operation, inputs: dict[str, Any]) -> Outcome:
        try:
            return cleaner.run(model, Call(op, inputs), endpoint)
        except Exception as exc:  # a clean-up that crashed is a note, like one the API refused
            return Outcome(False, error=f"{type(exc).__name__}: {exc}")

    try:
        for step in plan.steps:
            op = step.operation
            if op.crud != "create":
                continue
            res = op.resource
            ids = {r.get(id_of[step.id]) for r in outcomes[step.id].records} if step.id in outcomes else set()
            upsert = res.upsert_field
            for search in model.of_kind("search"):
                # The create may have reached the API even if its answer did not reach us: look it up too.
                if search.resource.key == res.key and upsert and {i.name for i in search.required_inputs} == {upsert}:
                    found = run(search, {upsert: step.inputs.get(upsert)})
                    if found.ok:
                        ids |= {r.get(res.id_field or "id") for r in found.records}
                    else:
                        notes.append(f"could not look up leftovers with {search.key}: {found.error}")
            if _done(plan, outcomes, res.key, "delete"):
                continue
            for record_id in sorted(str(i) for i in ids if i):
                for crud in ("archive", "delete"):
                    if crud == "archive" and _done(plan, outcomes, res.key, "archive"):
                        continue
                    for action in (o for o in model.of_kind("action") if o.resource.key == res.key and o.crud == crud):
                        done = run(action, {i.name: record_id for i in action.required_inputs})
                        notes.append(f"{action.key} {record_id}: {'done' if done.ok else done.error}")
                        progress(f"cleanup: {notes[-1]}")
    finally:
        cleaner.close()
    return notes


def run_target(
    model: Model,
    name: str,
    plan: Plan,
    dist: Path,
    endpoint: Endpoint | None,
    say: Progress,
    fault: Fault | None = None,
    expected: Mapping[str, RequestSummary] | None = None,
) -> tuple[list[StepResult], list[str]]:
    """Run `plan` through executor `name` against `endpoint` (None: a fresh embedded mock); secrets redacted.
    Each step's requests must match its operation's request summary (`expected`, by operation; default the model's)."""
    expected = expected if expected is not None else {s.operation: s for s in summaries(model)}
    dialect = conformance.dialect(name)
    executor = executors()[name]()
    mock = None if endpoint else MockServer(model).start()
    results: list[StepResult] = []
    outcomes: dict[str, Outcome] = {}
    notes: list[str] = []
    if mock is not None:
        endpoint = Endpoint.of(model, mock.base_url, mock.connection(), mock.redirects, mock.clock_url)
    assert endpoint is not None
    secrets = endpoint.secrets
    # A real API keeps no log we can read: the executor's requests pass through a recorder to be compared.
    recorder = Recorder(endpoint, endpoint.real_base_url(model)) if mock is None else None
    sent = recorder.endpoint if recorder else endpoint

    def progress(line: str) -> None:
        say(secrets.text(line))

    try:
        if mock is not None:
            mock.seed_samples()
        try:
            executor.prepare(model, dist / name)
        except Exception as exc:  # a target that cannot be prepared fails every step, with the reason once
            reason = secrets.text(f"could not prepare the {name} executor: {exc}")
            progress(f"[{name}] {reason}")
            return [StepResult(s.id, s.operation.key, name, "fail", detail=[reason]) for s in plan.steps], notes
        injected = False
        for step in plan.steps:
            if mock is not None:
                mock.clock.advance(STEP_MS)
                mock.clear_log()
                for resource_key, record in step.seeds:
                    mock.seed(resource_key, [record])
                if fault and not injected and step.operation.key == fault.operation:
                    mock.fail_next(1, fault.status)
                    injected = True
            if mock is not None:  # tokens the mock issued since (refreshes) are secrets too
                secrets = endpoint.secrets | Secrets.of(list(mock.tokens))
            result, outcome = _run_step(model, executor, step, outcomes, sent, secrets, real=mock is None)
            if outcome is not None:
                outcomes[step.id] = outcome
            run: dict[str, str] = {}
            if mock is not None:
                result.requests = normalise(mock.requests(), model, secrets)
            elif recorder is not None:
                run = _run_values(plan, outcomes)
                result.requests = generalise(normalise(recorder.take(), model, recorder.secrets), run)
                if result.handed_on is not None:  # each target acted on the record it created itself
                    result.handed_on = generalise(result.handed_on, run)
            if result.result != "skip" and step.expect.refuse is None:
                differ = _conformance(model, expected[step.operation.key], dialect, result.requests, step, outcomes, run)
                if differ:
                    result.result = "fail"
                    result.detail += differ
            if step.expect.refuse is not None and result.requests and result.result != "skip":
                result.result = "fail"
                result.detail.append(f"{len(result.requests)} request(s) reached the API; the input must be refused first")
            results.append(result)
            latency = f"{result.latency_ms:.0f} ms" if result.latency_ms is not None else ""
            line = f"[{name}] {step.id:<28} {result.result:<4} {latency}"
            progress(line + (f"  {'; '.join(result.detail)}" if result.detail else ""))
    finally:
        try:
            if mock is None:
                notes = [secrets.text(n) for n in _cleanup(model, plan, outcomes, endpoint, progress)]
        finally:
            executor.close()
            if mock is not None:
                mock.stop()
            if recorder is not None:
                recorder.close()
    return results, notes


def _conformance(
    model: Model,
    summary: RequestSummary,
    dialect: Dialect,
    requests: list[dict[str, Any]],
    step: Step,
    outcomes: dict[str, Outcome],
    run: dict[str, str],
) -> list[str]:
    # What the review page says each request is, held against what this platform sent for the plan's inputs.
    try:
        inputs = resolve(step.inputs, outcomes)
    except Unresolved:
        return []

    def swap(value: Any) -> Any:
        return generalise([value], run)[0] if run else value

    found = conformance.problems(model, summary, dialect, requests, inputs, swap)
    return [f"request differs from the summary: {f}" for f in found]


def _run_values(plan: Plan, outcomes: dict[str, Outcome]) -> dict[str, str]:
    # What differs by design between the targets of a real-API run: each target's prefix, the ids the API gave.
    found = {plan.prefix: "<prefix>", plan.prefix.rstrip("-"): "<prefix>"}  # a title holds it without its dash
    found[str(unique_number(plan.prefix + "absent"))] = "<absent number>"  # an integer id no record has (a miss)
    for step in plan.steps:
        out = outcomes.get(step.id)
        if step.operation.crud == "create" and out is not None and out.ok and out.records:
            record_id = out.records[0].get(step.operation.resource.id_field or "id")
            if record_id is not None and str(record_id):
                found[str(record_id)] = f"<{step.id}.id>"
    return found


def compare_targets(report: SmokeReport) -> None:
    """Mark a step failed for a target whose requests differ from the reference target's."""
    if len(report.targets) < 2:
        return
    ref = REFERENCE if REFERENCE in report.targets else report.targets[0]
    for step, _ in report.steps:
        base = report.results.get((step, ref))
        if base is None or base.result == "skip":
            continue
        for target in report.targets:
            other = report.results.get((step, target))
            if target == ref or other is None or other.result == "skip":
                continue
            diffs = diff_requests(base.requests, other.requests)
            if base.handed_on is not None and other.handed_on != base.handed_on:
                diffs.append(f"handed on {other.handed_on!r}, expected {base.handed_on!r}")
            if diffs:
                other.result = "fail"
                other.detail += [f"requests differ from {ref}: {d}" for d in diffs]


def run_smoke(
    model: Model,
    targets: list[str],
    *,
    dist: Path = Path("dist"),
    endpoint: Endpoint | None = None,
    inputs: dict[str, dict[str, Any]] | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    fault: Fault | None = None,
    progress: Progress | None = None,
    prefix: str | None = None,
    expected: Mapping[str, RequestSummary] | None = None,
) -> SmokeReport:
    """Run the smoke plan for each target; an `endpoint` (or `base_url` + `api_key`) selects a real API instead of
    the mock, and `inputs` (by operation, then input) are the real references the plan must use there; `expected`
    replaces the request summaries every step is held to (by operation; a test's summary that disagrees)."""
    say = progress or (lambda _line: None)
    run_id = prefix or f"cg-smoke-{uuid.uuid4().hex[:8]}-"
    if endpoint is None and base_url is not None:
        endpoint = Endpoint.for_key(model, base_url, api_key or "")
    real = endpoint is not None
    # The mock starts afresh for every target, so one plan (same inputs) makes the targets' requests comparable;
    # against a real API each target gets its own prefix so their records never collide.
    plans = {t: build_plan(model, f"{run_id}{t}-" if real else run_id, mock=not real, given=inputs) for t in targets}
    first = plans[targets[0]]
    report = SmokeReport("api" if real else "mock", list(targets), [(s.id, s.operation.key) for s in first.steps])
    for target in targets:
        results, notes = run_target(model, target, plans[target], dist, endpoint, say, fault, expected)
        for result in results:
            report.results[(result.step, target)] = result
        report.cleanup += [f"[{target}] {n}" for n in notes]
    compare_targets(report)
    return report
