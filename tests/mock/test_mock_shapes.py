"""The embedded mock serves every shape, type and encoding of tests/specs/shapes/shapes.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from connector_gen.mock import MockServer
from connector_gen.model import Model, values
from connector_gen.model.encoding import form_text
from connector_gen.pipeline import load_model

from ..conftest import ROOT

SHAPES = ROOT / "tests" / "specs" / "shapes" / "shapes.yaml"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
ORDER = {
    "number": "SO-7",
    "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
    "status": 2,
    "tags": ["gift", "express"],
    "line_items": [{"sku": "MUG-1", "quantity": 2, "price": 9.5}, {"sku": "CAP-2", "quantity": 1, "price": 12}],
    "metadata": {"channel": "web"},
    "Gift Note": "Happy birthday",
    "due_on": "2026-06-01",
    "deliver_at": "2026-06-01T09:30:00.000Z",
}


@pytest.fixture(scope="module")
def shapes() -> Model:
    """The Shapely model."""
    return load_model(SHAPES, "tests/specs/shapes/shapes.yaml", names=())  # no target checks: the mock only


@pytest.fixture
def mock(shapes: Model) -> Iterator[MockServer]:
    """A fresh mock of the Shapely API."""
    with MockServer(shapes) as server:
        yield server


class Api:
    """Requests with the bearer key against the mock's base URL."""

    def __init__(self, mock: MockServer) -> None:
        self.mock = mock
        self.session = requests.Session()

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {self.mock.api_key}", **kwargs.pop("headers", {})}
        return self.session.request(method, self.mock.base_url + path, headers=headers, timeout=10, **kwargs)

    def create(self, order: dict[str, Any] | None = None) -> dict[str, Any]:
        resp = self("POST", "/orders", data=form_text({"source": "connector", **(order or ORDER)}), headers=FORM)
        assert resp.status_code == 200, resp.text
        record: dict[str, Any] = resp.json()["order"]
        return record


@pytest.fixture
def api(mock: MockServer) -> Api:
    """A client of the running mock."""
    return Api(mock)


def _error(resp: requests.Response, status: int) -> str:
    assert resp.status_code == status, resp.text
    message: str = resp.json()["error"]["message"]
    return message


def test_a_form_encoded_create_is_typed_back_and_answers_at_the_record_path(api: Api, mock: MockServer) -> None:
    record = api.create()
    assert isinstance(record["id"], int)  # an integer id field gets integer ids
    assert {k: record[k] for k in ORDER} == ORDER  # arrays, line items, a map and a name with a space, typed
    now = mock.clock.now()
    assert record["created"] == now // 1000  # epoch seconds
    assert record["updated_at"] == values.iso(values.instant(now, "epoch_ms"))  # type: ignore[arg-type]
    assert "source" not in record  # a fixed body value that names no field is expected, not stored


def test_a_form_create_needs_its_fixed_value_and_the_form_encoding(api: Api) -> None:
    resp = api("POST", "/orders", data=form_text({"number": "SO-8"}), headers=FORM)
    assert "Field 'source' must be sent as \"connector\"" in _error(resp, 400)
    resp = api("POST", "/orders", json={"source": "connector", "number": "SO-8"})
    assert "must be form-encoded" in _error(resp, 400)


def test_a_json_update_with_its_fixed_value_merges_maps_and_replaces_arrays(api: Api, mock: MockServer) -> None:
    created = api.create()
    mock.clock.advance(5000)
    change = {"notify": False, "status": 3, "tags": ["late"], "metadata": {"ref": "A1"}}
    resp = api("PATCH", f"/orders/{created['id']}", json=change)
    assert resp.status_code == 200, resp.text
    record = resp.json()["order"]
    assert (record["status"], record["tags"], record["metadata"]) == (3, ["late"], {"channel": "web", "ref": "A1"})
    assert record["created"] == created["created"] and record["updated_at"] > created["updated_at"]
    resp = api("PATCH", f"/orders/{created['id']}", json={"status": 3})
    assert "Field 'notify' must be sent as false" in _error(resp, 400)
    resp = api("PATCH", f"/orders/{created['id']}", data=form_text({"notify": False}), headers=FORM)
    assert "must be JSON" in _error(resp, 400)


def test_typed_choices_are_checked_by_their_json_type(api: Api) -> None:
    created = api.create()
    resp = api("PATCH", f"/orders/{created['id']}", json={"notify": False, "status": "2"})
    assert "Field 'status' must be one of 1, 2, 3" in _error(resp, 400)
    bad_item = {**ORDER, "line_items": [{"sku": "MUG-1", "quantity": 0}]}
    resp = api("POST", "/orders", data=form_text({"source": "connector", **bad_item}), headers=FORM)
    assert "Field 'line_items.0.quantity' must be an integer of at least 1" in _error(resp, 400)


def test_lists_sit_at_their_paths_with_fixed_query_values_and_bracketed_filters(api: Api, mock: MockServer) -> None:
    first = api.create()
    mock.clock.advance(10_000)
    second = api.create({**ORDER, "number": "SO-9", "status": 1})
    resp = api("GET", "/orders", params={"sort": "updated", "created[gte]": second["created"]})
    assert resp.status_code == 200, resp.text
    assert [r["id"] for r in resp.json()["results"]] == [second["id"]]
    resp = api("GET", "/orders", params={"sort": "updated", "status": 2})
    assert [r["id"] for r in resp.json()["results"]] == [first["id"]]
    assert "must be 'updated'" in _error(api("GET", "/orders", params={"sort": "created"}), 400)
    assert "Unknown query parameter 'color'" in _error(api("GET", "/orders", params={"color": "red"}), 400)


def test_a_post_search_reads_its_body_and_wraps_each_record(api: Api) -> None:
    created = api.create()
    resp = api("POST", "/orders/search", json={"q": "lovelace"})
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"hits": [{"order": created}]}
    assert api("POST", "/orders/search", json={"q": "nobody"}).json() == {"hits": []}
    assert "Unknown body field 'color'" in _error(api("POST", "/orders/search", json={"color": "red"}), 400)


def test_get_reads_the_record_path_and_labels_answer_a_bare_array(api: Api, mock: MockServer) -> None:
    created = api.create()
    assert api("GET", f"/orders/{created['id']}").json() == {"order": created}
    assert "No Order with id" in _error(api("GET", "/orders/12345"), 404)
    mock.seed("label", [{"id": "lbl_1", "name": "Gift"}])
    assert api("GET", "/labels").json() == [{"id": "lbl_1", "name": "Gift"}]


def test_close_and_delete_answer_204_without_a_body(api: Api, mock: MockServer) -> None:
    created = api.create()
    mock.clock.advance(1000)
    resp = api("POST", f"/orders/{created['id']}/close")
    assert (resp.status_code, resp.content, "content-length" in resp.headers) == (204, b"", False)
    assert mock.records("order")[0]["updated_at"] > created["updated_at"]  # the action touched the record
    assert "takes no request body" in _error(api("POST", f"/orders/{created['id']}/close", json={}), 400)
    assert "No Order with id" in _error(api("POST", "/orders/999/close"), 404)
    resp = api("DELETE", f"/orders/{created['id']}")
    assert (resp.status_code, resp.content) == (204, b"")
    assert mock.records("order") == []


def test_seeded_records_get_timestamps_in_each_fields_format(mock: MockServer) -> None:
    [record] = mock.seed("order", [{"number": "SO-1"}])
    assert record["created"] == mock.clock.now() // 1000
    assert record["updated_at"].endswith(".000Z")
    changed = mock.change("order", record["id"], {"status": 3})
    assert values.instant(changed["updated_at"], "iso8601") is not None


def test_errors_sit_at_the_first_error_path_as_a_one_item_list_for_star(shapes: Model) -> None:
    from dataclasses import replace

    from connector_gen.mock.answers import error_body, error_text

    starred = replace(shapes.http, error_paths=(("errors", "*", "message"), ("detail",)))
    assert error_body(starred, "Nope.") == {"errors": [{"message": "Nope."}]}
    assert error_text(starred, error_body(starred, "Nope.")) == "Nope."
    assert error_body(shapes.http, "Nope.") == {"error": {"message": "Nope."}}


def test_a_fixed_body_value_that_names_a_field_is_applied(shapes: Model) -> None:
    from dataclasses import replace

    close = shapes.operation("close_order")
    fixed = replace(close, request=replace(close.request, body=(("status", 3),)))
    model = replace(shapes, operations=tuple(fixed if o.key == "close_order" else o for o in shapes.operations))
    with MockServer(model) as mock:
        api = Api(mock)
        created = api.create()
        resp = api("POST", f"/orders/{created['id']}/close", json={"status": 3})
        assert resp.status_code == 204, resp.text
        assert mock.records("order")[0]["status"] == 3
        assert "takes no request body" not in _error(api("POST", f"/orders/{created['id']}/close"), 400)


def test_the_rate_limit_answers_as_the_spec_says_a_rate_limit_looks(api: Api, mock: MockServer) -> None:
    mock.set_rate_limit(1, 60)
    assert api("GET", "/labels").status_code == 200
    resp = api("GET", "/labels")
    assert (resp.status_code, resp.headers["X-RateLimit-Remaining"], resp.headers["Retry-After"]) == (403, "0", "60")
    assert resp.json() == {"error": {"message": "Shapely's rate limit was reached."}}
