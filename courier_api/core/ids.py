"""Opaque, sortable ids with a type prefix: `cou_01JD...` (ULID, Crockford base32).

Monotonic within a process: ids made in the same millisecond still sort in the order
they were made (the random part is incremented), so "newest first" pages are exact.
"""

from __future__ import annotations

import os
import threading
import time

from ulid import ULID

ID_LENGTH = 40  # column width: prefix (<= 8) + "_" + 26

_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, 80-bit random part)
_RANDOM_BITS = 80


def _next_ulid() -> ULID:
    global _last
    with _lock:
        millis = time.time_ns() // 1_000_000
        last_millis, last_random = _last
        if millis <= last_millis and last_random + 1 < (1 << _RANDOM_BITS):
            millis, random_part = last_millis, last_random + 1
        else:
            random_part = int.from_bytes(os.urandom(10), "big")
        _last = (millis, random_part)
    return ULID.from_int((millis << _RANDOM_BITS) | random_part)


def new_id(prefix: str) -> str:
    return f"{prefix}_{_next_ulid()}"
