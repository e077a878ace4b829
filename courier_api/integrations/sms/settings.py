"""SMS gateway settings (SMS_* configuration keys)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SmsSettings:
    api_url: str
    api_key: str = field(repr=False)  # kept out of logs and tracebacks
    #: The registered signature (签名) the gateway prefixes to every message.
    sign_name: str = ""
    timeout_s: float = 5.0
