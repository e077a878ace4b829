"""FakeSms: records messages instead of sending them."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from courier_api.integrations.common import SendResult
from courier_api.integrations.sms import mapper


@dataclass(frozen=True)
class SentSms:
    phone: str
    template: str
    params: dict[str, str] = field(default_factory=dict)


class FakeSms:
    def __init__(self) -> None:
        self.sent: list[SentSms] = []
        self._lock = threading.Lock()

    def send(self, phone: str, template: str, params: Mapping[str, str]) -> SendResult:
        mapper.check_phone(phone)  # the same refusal as the real sender
        with self._lock:
            self.sent.append(SentSms(phone, template, dict(params)))
        return SendResult("sent", None, "")
