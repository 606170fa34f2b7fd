"""Pollers for the World: any smoke Executor (the runtime's, Zapier's, n8n's, Make's) polling the embedded mock, with
the platform's clock skewed against the API's by up to +-2 s; and the specs the simulation runs on."""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from connector_gen.mock import MockServer
from connector_gen.model import Model, Operation
from connector_gen.pipeline import load_model
from connector_gen.smoke.executor import Call, Endpoint, Executor

from .world import Poller, scope_inputs

PAGING = Path(__file__).parents[1] / "specs" / "paging"
STYLES = ("offset", "page", "cursor", "after_id", "link", "none")
MAX_SKEW_MS = 2000


def paging_model(style: str, names: tuple[str, ...] = ()) -> Model:
    """The spec of tests/specs/paging/ for `style`, checked for the `names` targets (none: the runtime only)."""
    return load_model(PAGING / f"{style}.yaml", f"tests/specs/paging/{style}.yaml", names=names)


def wide_pages(style: str, root: Path, names: tuple[str, ...], page: int = 100, filtered: int = 30) -> Model:
    """The paging spec of `style` with pages of `page` records (its limit's max and the triggers' fixed limit;
    `filtered` for a trigger with a filter), written under `root`: for platforms whose every poll reads its whole
    window, so that a poll stays a few requests while later polls still read more than two pages."""
    spec = yaml.safe_load((PAGING / f"{style}.yaml").read_text(encoding="utf-8"))
    if not (root / "icons").exists():
        shutil.copytree(PAGING / "icons", root / "icons")
    for res in spec["resources"].values():
        limit = (res.get("pagination") or {}).get("limit") or {}
        if "max" in limit:
            limit["max"] = page
            param = limit.get("param")
            for op in spec["operations"].values():
                query = op["request"].get("query") or {}
                if param in query:
                    query[param] = filtered if (op.get("trigger") or {}).get("filter") else page
    (root / f"{style}.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return load_model(root / f"{style}.yaml", f"tests/specs/paging/{style}.yaml", names=names)


def small_pages(model: Model, sizes: tuple[int, ...] = (5, 8, 7)) -> Model:
    """The model with each trigger asking for a small page (its fixed limit and page size), the n-th trigger
    taking sizes[n % len(sizes)], so most polls read more than two pages."""
    ops, n = [], 0
    for op in model.operations:
        pag = op.pagination
        if op.trigger is not None and pag is not None and pag.limit_param is not None:
            size = min(sizes[n % len(sizes)], pag.max_page_size)
            n += 1
            query = tuple((k, size if k == pag.limit_param else v) for k, v in op.request.query)
            op = replace(op, request=replace(op.request, query=query), trigger=replace(op.trigger, page_size=size))
        ops.append(op)
    return replace(model, operations=tuple(ops))


def executor_poller(executor: Executor, model: Model, mock: MockServer, seed: int = 0) -> Poller:
    """A poller running each poll through `executor`, its clock (Endpoint.clock) off the API's by +-2 s."""
    rng = random.Random(seed)

    def poll(op: Operation, state: dict[str, Any] | None) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        clock = f"{mock.origin}/__mock/clock/skewed/{rng.randint(-MAX_SKEW_MS, MAX_SKEW_MS)}"
        endpoint = Endpoint.for_key(model, mock.base_url, mock.api_key, clock=clock)
        outcome = executor.run(model, Call(op, scope_inputs(op), state), endpoint)
        assert outcome.ok and outcome.state is not None, outcome.error
        return outcome.records, outcome.state

    return poll
