"""Virtual-number (privacy number, 隐私号) provider settings (VIRTUAL_NUMBER_* keys)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class VirtualNumberSettings:
    api_url: str
    api_key: str = field(repr=False)  # kept out of logs and tracebacks
    timeout_s: float = 5.0
