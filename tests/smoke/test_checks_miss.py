"""A platform that reports a get-by-id miss as an error (Make) passes a must-miss step only for that status."""

from __future__ import annotations

from connector_gen.model import Model
from connector_gen.smoke.checks import outcome_problems
from connector_gen.smoke.executor import Outcome
from connector_gen.smoke.plan import Expect


def _get_op(model: Model):  # type: ignore[no-untyped-def]
    return next(o for o in model.operations if o.search is not None and o.search.not_found_status is not None)


def test_error_with_not_found_status_counts_as_a_miss_only_when_the_platform_says_so(model: Model) -> None:
    op = _get_op(model)
    status = op.search.not_found_status
    miss = Outcome(ok=False, error="RuntimeError: [404] The requested record does not exist.", status=status)
    assert outcome_problems(op, Expect(max_records=0), miss, miss_is_error=True) == []
    assert outcome_problems(op, Expect(max_records=0), miss) != []


def test_other_errors_still_fail_on_such_platforms(model: Model) -> None:
    op = _get_op(model)
    server = Outcome(ok=False, error="RuntimeError: [500] boom", status=500)
    assert outcome_problems(op, Expect(max_records=0), server, miss_is_error=True) != []
    silent = Outcome(ok=False, error=None, status=op.search.not_found_status)
    assert outcome_problems(op, Expect(max_records=0), silent, miss_is_error=True) != []
    hit_expected = Outcome(ok=False, error="[404] gone", status=op.search.not_found_status)
    assert outcome_problems(op, Expect(min_records=1, max_records=1), hit_expected, miss_is_error=True) != []
