"""dist/REVIEW.md: every operation's request on every platform side by side, from the request summary."""

from __future__ import annotations

from pathlib import PurePosixPath

from . import markdown
from .model import Model
from .model.requests import REFERENCE, summaries
from .render import Files, environment, render_template, targets

TEMPLATES = "review"
FILE = PurePosixPath("REVIEW.md")


def render(model: Model) -> Files:
    """The review page (`REVIEW.md` at the top of dist/), over every registered target's request dialect."""
    dialects = [REFERENCE, *(t.requests for t in targets().values())]
    operations = [
        {
            "summary": s,
            "table": markdown.request_table("platform", [(markdown.prose(d.name), s, d) for d in dialects]),
        }
        for s in summaries(model)
    ]
    env = environment(TEMPLATES)
    page = render_template(
        env,
        TEMPLATES,
        "REVIEW.md",
        app=model.app,
        spec_file=model.spec_file,
        auth=", ".join(markdown.code(a) for a in summaries(model)[0].auth) if model.operations else "",
        dialects=dialects,
        operations=operations,
    )
    return {FILE: page}
