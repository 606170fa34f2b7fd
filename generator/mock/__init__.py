"""A stateful mock of the API described by a model: in process for Python, over HTTP for Node harnesses."""

from __future__ import annotations

from .clock import Clock
from .record import RecordedRequest
from .server import MockServer, serve

__all__ = ["Clock", "MockServer", "RecordedRequest", "serve"]
