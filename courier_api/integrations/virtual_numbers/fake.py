"""FakeVirtualNumbers: deterministic numbers, no network."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import timedelta

from courier_api.core import clock
from courier_api.integrations.virtual_numbers import mapper
from courier_api.integrations.virtual_numbers.mapper import VirtualNumber


@dataclass(frozen=True)
class Binding:
    caller: str
    callee: str
    number: VirtualNumber


class FakeVirtualNumbers:
    def __init__(self) -> None:
        self.bindings: list[Binding] = []
        self._lock = threading.Lock()

    @staticmethod
    def number_for(caller: str, callee: str) -> str:
        """170 + 8 digits from the pair, so the same pair always gets the same number."""
        digest = hashlib.sha256(f"{caller}|{callee}".encode()).hexdigest()
        return f"170{int(digest, 16) % 10**8:08d}"

    def bind(self, caller: str, callee: str, ttl_s: int) -> VirtualNumber:
        mapper.request_body(caller, callee, ttl_s)  # the same argument checks as the real one
        number = VirtualNumber(
            self.number_for(caller, callee), clock.now() + timedelta(seconds=ttl_s)
        )
        with self._lock:
            self.bindings.append(Binding(caller, callee, number))
        return number
