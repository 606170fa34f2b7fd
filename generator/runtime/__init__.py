"""Execute the model's operations against a base URL with a connection's values, exactly as a connector would.

`Client` sends requests (headers, envelope, errors, retries, timeouts); `build` turns an operation and its
inputs into a request; `execute` runs any operation; `poll` is the exactly-once polling trigger.
"""

from __future__ import annotations

from .client import ApiError, Client, unwrap
from .operations import Result, execute
from .polling import Poll, identity, poll
from .request import HttpCall, InputError, build

__all__ = ["ApiError", "Client", "HttpCall", "InputError", "Poll", "Result", "build", "execute", "identity", "poll", "unwrap"]
