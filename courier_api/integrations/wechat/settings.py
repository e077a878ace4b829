"""WeChat mini-program settings (WECHAT_* configuration keys)."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_API_BASE = "https://api.weixin.qq.com"


@dataclass(frozen=True)
class WeChatSettings:
    app_id: str
    # repr=False: settings objects end up in logs and tracebacks; the secret must not.
    app_secret: str = field(repr=False)
    api_base: str = DEFAULT_API_BASE
    timeout_s: float = 5.0

    def url(self, path: str) -> str:
        return self.api_base.rstrip("/") + path
