"""The one exception the mock raises while answering: an HTTP status and a user-facing message."""

from __future__ import annotations


class ApiError(Exception):
    """An API failure answered as `status` with `message` at the model's error message path."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(f"{status}: {message}")
