"""Idempotency-Key helpers (docs/decisions.md): one key per intended request, the same key
on every retry of it, so a retry after a lost answer replays the first answer instead of
ordering twice."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from typing import Protocol, TypeVar

import httpx

from courier_sdk.problems import ProblemError

T = TypeVar("T")


class _HasHeaders(Protocol):
    @property
    def headers(self) -> Mapping[str, str]: ...


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def is_retryable(error: BaseException) -> bool:
    """Worth sending again with the same key: no answer, the first still in flight, or a
    passing failure."""
    if isinstance(error, httpx.TransportError):
        return True
    if isinstance(error, ProblemError):
        return error.code == "idempotency_key_in_flight" or error.status in (502, 503, 504)
    return False


def with_idempotency_key(
    send: Callable[[str], T],
    *,
    key: str | None = None,
    attempts: int = 4,
    delay_s: Callable[[int], float] = lambda retry: 0.5 * 2 ** (retry - 1),
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``send(key)`` until it answers or fails for good, with the same key every time.
    The client signs each attempt anew, so no retry reuses a nonce."""
    key = key or new_idempotency_key()
    for attempt in range(1, attempts + 1):
        try:
            return send(key)
        except Exception as error:
            if attempt == attempts or not is_retryable(error):
                raise
            sleep(delay_s(attempt))
    raise AssertionError("unreachable: the last attempt returns or raises")


def replayed(response: _HasHeaders) -> bool:
    """True when the server answered a repeated key from its stored answer."""
    value: str | None = response.headers.get("Idempotent-Replayed")
    return value == "true"
