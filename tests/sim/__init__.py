"""The randomized trigger simulation (issues 11 and 14), shared by every executor's tests: `World` writes and keeps
the books, `executor_poller` polls through any smoke Executor, `paging_model` / `small_pages` give the specs."""

from .pollers import MAX_SKEW_MS, STYLES, executor_poller, paging_model, small_pages, wide_pages
from .world import SCOPES, Poller, Tally, World, scope_inputs

__all__ = [
    "MAX_SKEW_MS",
    "SCOPES",
    "STYLES",
    "Poller",
    "Tally",
    "World",
    "executor_poller",
    "paging_model",
    "scope_inputs",
    "small_pages",
    "wide_pages",
]
