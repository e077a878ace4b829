"""The WeChat connector the app calls: the protocol and the real implementation."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Protocol

import httpx

from courier_api.integrations.common import SendResult, UpstreamError, upstream_unavailable
from courier_api.integrations.wechat import mapper
from courier_api.integrations.wechat.client import SERVICE, WeChatClient
from courier_api.integrations.wechat.mapper import AccessToken, WeChatSession
from courier_api.integrations.wechat.settings import WeChatSettings

log = logging.getLogger("courier_api.integrations.wechat")


class WeChatConnector(Protocol):
    def code_to_session(self, code: str) -> WeChatSession:
        """Exchange a wx.login code for the citizen's openid; raises Problem on failure."""
        ...

    def send_subscribe_message(
        self, touser: str, template_id: str, page: str | None, data: Mapping[str, str]
    ) -> SendResult:
        """Send a subscribe message; `data` maps keys like thing1 to values.

        Raises FieldLimitError (before any network call) for a value WeChat would refuse.
        """
        ...


class HttpWeChat:
    """WeChat over HTTP. One instance per process: it caches the access token."""

    def __init__(
        self,
        settings: WeChatSettings,
        http: httpx.Client | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = WeChatClient(settings, http)
        self._monotonic = monotonic
        self._token: AccessToken | None = None
        # Held while fetching, so that threads finding the token stale fetch it once, not N times.
        self._token_lock = threading.Lock()

    def code_to_session(self, code: str) -> WeChatSession:
        if not code or not code.strip():
            raise mapper.session_problem(mapper.CODE_INVALID)
        # Errcode problems from the mapper propagate as they are. The payload holds the
        # session_key, so it is never logged, and the mapper does not copy it out.
        try:
            return mapper.session_from_payload(self._client.jscode2session(code))
        except UpstreamError as exc:
            log.warning("wechat jscode2session failed: %s", exc)
            raise upstream_unavailable(SERVICE) from None

    def send_subscribe_message(
        self, touser: str, template_id: str, page: str | None, data: Mapping[str, str]
    ) -> SendResult:
        body = mapper.subscribe_body(touser, template_id, page, data)
        try:
            token = self._access_token()
            result = mapper.send_result(self._client.subscribe_send(token.value, body))
            if result.errcode in mapper.TOKEN_ERRCODES:
                # Revoked or expired early: drop it, fetch a fresh one, resend exactly once.
                self._forget(token)
                token = self._access_token()
                result = mapper.send_result(self._client.subscribe_send(token.value, body))
        except UpstreamError as exc:
            log.warning("wechat subscribe send failed: %s", exc)
            return SendResult("retry", None, str(exc))
        except mapper.TokenError as exc:
            # Busy WeChat or a wrong secret: either way the message itself is fine, keep it.
            log.error("wechat access token unavailable: %s", exc)
            return SendResult("retry", exc.errcode, "access token unavailable")
        if result.status != "sent":
            log.info("wechat subscribe send %s: errcode=%s", result.status, result.errcode)
        return result

    def close(self) -> None:
        self._client.close()

    def _access_token(self) -> AccessToken:
        with self._token_lock:
            token = self._token
            if token is None or self._monotonic() >= token.refresh_at:
                token = mapper.access_token_from_payload(
                    self._client.stable_token(), self._monotonic()
                )
                self._token = token
            return token

    def _forget(self, token: AccessToken) -> None:
        with self._token_lock:
            # Another thread may already have replaced it; keep that newer token.
            if self._token is token:
                self._token = None
