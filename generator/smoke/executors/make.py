"""Smoke executor for the Make target: runs dist/make's IML with connector_gen.make_engine, as Make's engine would."""

from __future__ import annotations

import json
import re
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ...errors import ConnectorGenError
from ...make_engine.app import MakeApp, MakeError, Output, Result
from ...make_engine.connection import Connection, ConnectionRunner
from ...make_engine.dates import to_date
from ...make_engine.iml import UNDEFINED, IMLError
from ...make_engine.params import ParameterError, validate
from ...make_engine.values import iso
from ...model import Field, Model, Operation, values
from ...redact import Secrets
from ...targets.make import conventions
from ...targets.make.params import MAP_KEY, MAP_VALUE
from ..executor import Call, Endpoint, Outcome, register_executor

# Make's dedupe store of a trigger keeps this many identities.
SEEN_LIMIT = 10_000
# A trigger's state when it is turned on with Make's "Choose where to start: From now on": whatever its first run
# reads counts as processed and nothing is handed on. (No state at all is Make's "All": every item, up to Limit.)
FROM_NOW: dict[str, Any] = {"start": "now"}


class MakeAppMissing(ConnectorGenError):
    """There is no built Make app where the executor was pointed."""


def app_dir(dist: Path) -> Path:
    """The Make app folder: `dist` itself when it holds makecomapp.json, else `dist/make`."""
    return dist if (dist / "makecomapp.json").is_file() else dist / "make"


def mock_now(clock: str | None) -> datetime:
    """Make's `now`: the embedded mock's clock when there is one (`Endpoint.clock`), else the wall clock."""
    if clock is None:
        return datetime.now(UTC)
    try:
        with urllib.request.urlopen(clock, timeout=10) as reply:
            now = json.load(reply).get("now")
    except (OSError, ValueError):
        now = None
    return datetime.fromtimestamp(now / 1000, UTC) if isinstance(now, int) else datetime.now(UTC)


def component_of(model: Model, op: Operation) -> tuple[str, str]:
    """The (component kind, local id) that runs an operation (a list runs as its search module, not its RPC)."""
    if op.kind == "auth_test":
        return "connection", model.app.key
    return "module", conventions.module_id(op)


def _make_value(fld: Field, value: Any, timezone: str = "UTC") -> Any:
    # What a Make user enters for a value: a date as the picker hands it on (ISO 8601 text in UTC, whatever the
    # user typed; an epoch number read in the field's own unit; a day is the user's midnight: Make's date parameter
    # docs), a map as Make's key/value list.
    if value in (None, ""):
        return value
    day = _day(value) if fld.type == "date" else None
    if day is not None:
        return iso(datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(timezone)).astimezone(UTC))
    if fld.type in ("date", "datetime"):
        moment = values.from_user(value, fld.format or "iso8601")
        return iso(moment) if moment is not None else value
    if fld.type == "map" and isinstance(value, dict):
        return [{MAP_KEY: k, MAP_VALUE: v} for k, v in value.items()]
    if fld.fields and isinstance(value, dict):
        known = {f.name for f in fld.fields}
        return {k: _make_value(fld.field(k), v, timezone) if k in known else v for k, v in value.items()}
    if fld.items is not None and isinstance(value, list):
        return [_make_value(fld.items, v, timezone) for v in value]
    return value


def _day(value: Any) -> date | None:
    """The calendar day a `YYYY-MM-DD` text names, else None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _make_inputs(op: Operation, inputs: dict[str, Any], timezone: str = "UTC") -> dict[str, Any]:
    known = {inp.name: inp.field for inp in op.inputs}
    return {name: _make_value(known[name], v, timezone) if name in known else v for name, v in inputs.items()}


def dedupe(outputs: list[Output], state: dict[str, Any] | None, limit: int | None) -> tuple[list[Output], dict[str, Any]]:
    """Make's trigger bookkeeping: drop seen trigger ids, emit oldest first up to `limit`, remember what was emitted."""
    seen = list((state or {}).get("seen", []))
    known = set(seen)
    fresh: list[Output] = []
    for out in outputs:
        if out.trigger_id is not None and out.trigger_id not in known:
            known.add(out.trigger_id)
            fresh.append(out)

    def when(out: Output) -> tuple[float, float, str]:
        # Make "sorts all items by their date and id fields" (trigger docs); an id-type trigger has no date.
        try:
            stamp = to_date(out.trigger_date).timestamp() if out.trigger_date is not UNDEFINED else 0.0
        except (ValueError, TypeError, OverflowError):
            stamp = 0.0
        ident = out.trigger_id or ""
        return stamp, float(ident) if ident.lstrip("-").isdigit() else 0.0, ident

    fresh.sort(key=when)
    emitted = fresh[:limit] if limit is not None else fresh
    seen.extend(o.trigger_id for o in emitted if o.trigger_id is not None)
    return emitted, {"seen": seen[-SEEN_LIMIT:]}


def _records(result: Result) -> list[dict[str, Any]]:
    return [o.value for o in result.outputs]


@register_executor("make")
class MakeExecutor:
    """Runs each Call through the app's own IML files (base merged in) against the given base URL."""

    name = "make"
    # Make runs every response of status 400 or more through error handling, so a get-by-id miss is an error there.
    miss_is_error = conventions.REQUESTS.miss_is_error  # what REVIEW.md says of a miss on Make

    def __init__(self, timezone: str = "UTC") -> None:
        self._app: MakeApp | None = None
        # The organization's (and its user's) time zone: where a picked day's midnight is, what formatDate uses.
        self.timezone = timezone
        self._connections: dict[tuple[str, tuple[tuple[str, str], ...]], Connection] = {}

    def prepare(self, model: Model, dist: Path) -> None:
        """Load the built app (nothing to install: the IML interpreter is Python)."""
        folder = app_dir(Path(dist))
        if not (folder / "makecomapp.json").is_file():
            raise MakeAppMissing(f"no Make app in {folder}; run `connector-gen build --target make`")
        self._app = MakeApp(folder)
        self._app.timezone = self.timezone

    @property
    def app(self) -> MakeApp:
        """The loaded app."""
        if self._app is None:
            raise MakeAppMissing("the Make executor is not prepared")
        return self._app

    def connection(self, model: Model, endpoint: Endpoint) -> Connection:
        """The endpoint's connection as Make keeps it; the same one for every run, so refreshed tokens stay stored."""
        key = (endpoint.base_url, tuple(sorted(endpoint.values.items())))
        found = self._connections.get(key)
        if found is None:
            values = endpoint.values
            params = {conventions.param_name(f): values[f.key] for f in model.connection.asked if f.key in values}
            data: dict[str, Any] = {}
            common: dict[str, Any] = {}
            oauth = model.auth.oauth2
            if oauth is not None:
                tokens = {conventions.ACCESS_TOKEN: "access_token", conventions.REFRESH_TOKEN: "refresh_token"}
                data = {name: values[key] for name, key in tokens.items() if values.get(key)}
                ids = {conventions.CLIENT_ID: "client_id", conventions.CLIENT_SECRET: "client_secret"}
                client = {name: values[key] for name, key in ids.items() if values.get(key)}
                if oauth.grant == "authorization_code":
                    common = client
                else:
                    params.update(client)
            found = self._connections[key] = Connection(model.app.key, params, data, common)
        return found

    def _secrets(self, endpoint: Endpoint, conn: Connection) -> Secrets:
        # Tokens a refresh obtained are secrets too, though the endpoint never saw them.
        tokens = (conn.data.get(k) for k in (conventions.ACCESS_TOKEN, conventions.REFRESH_TOKEN))
        return endpoint.secrets.adding(*(t for t in tokens if isinstance(t, str)))

    def _prepare_run(self, model: Model, endpoint: Endpoint) -> Connection:
        # Requests to the spec's base URL (resolved with this connection's settings) go to the endpoint's.
        self.app.redirects = ((endpoint.real_base_url(model), endpoint.base_url), *endpoint.redirects)
        return self.connection(model, endpoint)

    def run(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run one operation's module or connection test and return its bundles (or Make's error), secrets redacted."""
        conn = self._prepare_run(model, endpoint)
        return self._run(model, call, conn, mock_now(endpoint.clock)).redacted(self._secrets(endpoint, conn))

    def _run(self, model: Model, call: Call, conn: Connection, now: datetime) -> Outcome:
        op = call.operation
        kind, local_id = component_of(model, op)
        runner = ConnectionRunner(self.app)
        try:
            if kind == "connection":
                result = runner.test(conn, now)
                records = [result.data] if isinstance(result.data, dict) else []
                return Outcome(ok=True, records=records, status=200)
            given = {**self.app.defaults(kind, local_id), **_make_inputs(op, call.inputs, self.timezone)}
            parameters = validate(self.app.parameters(kind, local_id), given)
            result = runner.run(kind, local_id, parameters, conn, now)
        except ParameterError as exc:  # Make refuses to run the module; nothing is sent
            return Outcome(ok=False, error=f"BundleValidationError: {exc}", state=call.state)
        except MakeError as exc:
            return Outcome(ok=False, error=f"{exc.kind}: {exc.message}", status=exc.status, state=call.state)
        except IMLError as exc:
            return Outcome(ok=False, error=f"IML error: {exc}", state=call.state)
        if op.kind == "polling_trigger" and call.state == FROM_NOW:
            _, state = dedupe(result.outputs, None, None)
            return Outcome(ok=True, records=[], status=200, state=state)
        if op.kind == "polling_trigger":
            emitted, state = dedupe(result.outputs, call.state, result.limit)
            return Outcome(ok=True, records=[o.value for o in emitted], status=200, state=state)
        return Outcome(ok=True, records=_records(result), status=200)

    def run_rpc(self, model: Model, call: Call, endpoint: Endpoint) -> Outcome:
        """Run the dropdown RPC built from a list operation; records are its `{label, value}` options (secrets redacted)."""
        conn = self._prepare_run(model, endpoint)
        return self._run_rpc(call, conn, mock_now(endpoint.clock)).redacted(self._secrets(endpoint, conn))

    def _run_rpc(self, call: Call, conn: Connection, now: datetime) -> Outcome:
        rpc_id = call.operation.names.camel
        try:
            parameters = validate(self.app.parameters("rpc", rpc_id), {**self.app.defaults("rpc", rpc_id), **call.inputs})
            result = ConnectionRunner(self.app).run("rpc", rpc_id, parameters, conn, now)
        except ParameterError as exc:
            return Outcome(ok=False, error=f"BundleValidationError: {exc}")
        except MakeError as exc:
            return Outcome(ok=False, error=f"{exc.kind}: {exc.message}", status=exc.status)
        except IMLError as exc:
            return Outcome(ok=False, error=f"IML error: {exc}")
        return Outcome(ok=True, records=_records(result), status=200)

    def close(self) -> None:
        """Close the HTTP session."""
        if self._app is not None:
            self._app.session.close()
