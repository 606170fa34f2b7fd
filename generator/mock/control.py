"""The mock's controls over HTTP under /__mock/, for harnesses that cannot call MockServer directly.

POST seed {"resource": key, "records": [...]}        -> {"records": [stored copies]}
GET  records/<resource>                              -> {"records": [...]}
GET  clock                                           -> {"now": ms}
GET  clock/skewed/<ms>                               -> {"now": ms + skew}  (a platform whose clock is off by skew)
POST clock/advance {"ms": n}; POST clock/set {"ms": n} -> {"now": ms}
POST clock/live {"live": bool}                       -> {"now": ms, "live": bool}  (hold or run with real time)
POST rate-limit {"n": int | null, "window_s": s}     -> {"ok": true}
POST fail-next {"n": int, "status": int | "drop"}    -> {"ok": true}
POST reset; POST clear-log                           -> {"ok": true}
POST expire-tokens                                   -> {"ok": true}  (every OAuth2 access token issued so far)
GET  requests                                        -> {"requests": [RecordedRequest.to_json(), ...]}
Control requests need no API key and are never recorded; a bad one gets 400 with error.message. Inputs are
bounded (at most MAX_SEED records per seed, MockServer.MAX_FAULTS pending faults, clock values up to year 9999,
rate-limit windows up to a day), so a typo such as a huge `n` is refused instead of filling the memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .answers import error_body
from .handler import Reply

MAX_SEED = 10_000

if TYPE_CHECKING:
    from .server import MockServer  # the server imports this module to dispatch to it


def _arg(body: Any, name: str, default: Any = ...) -> Any:
    if not isinstance(body, dict) or name not in body:
        if default is ...:
            raise ValueError(f"the JSON body needs '{name}'")
        return default
    return body[name]


def _run(mock: MockServer, method: str, path: str, body: Any) -> Any:
    ok = {"ok": True}
    if method == "GET" and path == "requests":
        return {"requests": [r.to_json() for r in mock.requests()]}
    if method == "GET" and path.startswith("records/"):
        return {"records": mock.records(path[len("records/") :])}
    if method == "GET" and path == "clock":
        return {"now": mock.clock.now()}
    if method == "GET" and path.startswith("clock/skewed/"):
        skew = int(path[len("clock/skewed/") :])
        if abs(skew) > 86_400_000:
            raise ValueError("a clock skew is at most a day (86400000 ms) either way")
        return {"now": mock.clock.now() + skew}
    if method != "POST":
        return None
    if path == "seed":
        records = _arg(body, "records")
        if isinstance(records, list) and len(records) > MAX_SEED:
            raise ValueError(f"'records' holds {len(records)} records; seed at most {MAX_SEED} per request")
        return {"records": mock.seed(_arg(body, "resource"), records)}
    if path == "clock/advance":
        return {"now": mock.clock.advance(_arg(body, "ms"))}
    if path == "clock/set":
        return {"now": mock.clock.set(_arg(body, "ms"))}
    if path == "clock/live":
        live = _arg(body, "live")
        if not isinstance(live, bool):
            raise ValueError("'live' must be true (run with real time) or false (hold)")
        return {"now": mock.clock.run(live), "live": live}
    if path == "rate-limit":
        mock.set_rate_limit(_arg(body, "n"), _arg(body, "window_s", 1.0))
        return ok
    if path == "fail-next":
        mock.fail_next(_arg(body, "n", 1), _arg(body, "status", 500))
        return ok
    if path == "reset":
        mock.reset()
        return ok
    if path == "expire-tokens":
        mock.expire_tokens()
        return ok
    if path == "clear-log":
        mock.clear_log()
        return ok
    return None


def control(mock: MockServer, method: str, path: str, body: Any) -> Reply:
    """The reply to a control request; `path` is what follows /__mock/."""
    try:
        result = _run(mock, method, path, body)
    except (ValueError, TypeError) as exc:
        return Reply(400, error_body(mock.model.http, f"Mock control {method} /__mock/{path}: {exc}"))
    if result is None:
        return Reply(404, error_body(mock.model.http, f"No mock control {method} /__mock/{path}."))
    return Reply(200, result)
