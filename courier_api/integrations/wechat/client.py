"""WeChat HTTP calls, nothing else: no interpretation of errcodes (that is mapper.py)."""

from __future__ import annotations

from typing import Any

import httpx

from courier_api.integrations.common import json_object, make_http_client, send
from courier_api.integrations.wechat.settings import WeChatSettings

SERVICE = "WeChat"


class WeChatClient:
    def __init__(self, settings: WeChatSettings, http: httpx.Client | None = None) -> None:
        self._settings = settings
        self._http = http or make_http_client(settings.timeout_s)

    def jscode2session(self, code: str) -> dict[str, Any]:
        params = {
            "appid": self._settings.app_id,
            "secret": self._settings.app_secret,
            "js_code": code,
            "grant_type": "authorization_code",
        }
        return self._call("GET", "/sns/jscode2session", params=params)

    def stable_token(self) -> dict[str, Any]:
        # Normal mode (no force_refresh): every worker gets the same token, and none of them
        # invalidates the token the others hold. force_refresh would, and is limited per day.
        body = {
            "grant_type": "client_credential",
            "appid": self._settings.app_id,
            "secret": self._settings.app_secret,
        }
        return self._call("POST", "/cgi-bin/stable_token", json=body)

    def subscribe_send(self, access_token: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._call(
            "POST",
            "/cgi-bin/message/subscribe/send",
            params={"access_token": access_token},
            json=body,
        )

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = send(
            self._http,
            method,
            self._settings.url(path),
            service=SERVICE,
            seconds=self._settings.timeout_s,
            **kwargs,
        )
        # WeChat answers errors with HTTP 200 and an errcode, sometimes as text/plain.
        return json_object(response, SERVICE)
