"""The measured OLD-job case of issue 14 on the Make app run by the IML interpreter with Make's trigger dedupe."""

from __future__ import annotations

from pathlib import Path

from connector_gen.model import Model
from connector_gen.smoke.executors.make import MakeExecutor

from ..sim.cases import old_job_update_is_not_lost


def test_old_job_update_is_not_lost(model: Model, app_dir: Path) -> None:
    # Create OLD, +1 h, 120 jobs, update OLD: the update sits past the first page of the window, and is emitted.
    executor = MakeExecutor()
    executor.prepare(model, app_dir.parent)
    try:
        old_job_update_is_not_lost(executor, model)
    finally:
        executor.close()
