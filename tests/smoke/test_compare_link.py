"""A link-paged trigger's next pages (URLs of the API's own choosing) compare their cursor as a placeholder too."""

from __future__ import annotations

from connector_gen.smoke.compare import CURSOR, normalise
from connector_gen.smoke.proxy import Forwarded

from .api_models import api_model


def _get(path: str, query: dict[str, list[str]]) -> Forwarded:
    return Forwarded("GET", "https://api.github.com" + path, path, query, {}, None)


def test_the_since_of_a_page_a_link_header_named_is_a_cursor() -> None:
    model = api_model("github")
    query = {"since": ["2026-11-24T17:53:32.048Z"], "page": ["2"], "per_page": ["100"]}
    first, nxt = normalise([_get("/repos/o/r/issues", query), _get("/repositories/1296269/issues", query)], model)
    assert first["query"]["since"] == nxt["query"]["since"] == [CURSOR]
    # A request on another operation's route (Get Issue) keeps its values: only unknown paths are Link pages.
    (listed,) = normalise([Forwarded("GET", "https://api.github.com/x", "/repos/o/r/issues/7", query, {}, None)], model)
    assert listed["query"]["since"] == ["2026-11-24T17:53:32.048Z"]
