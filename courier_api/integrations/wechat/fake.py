"""FakeWeChat: the WeChat connector without a network, deterministic, for dev and tests."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from courier_api.integrations.common import SendResult, UpstreamError, upstream_unavailable
from courier_api.integrations.wechat import mapper
from courier_api.integrations.wechat.client import SERVICE
from courier_api.integrations.wechat.mapper import WeChatSession

#: `errcode:<n>` makes code_to_session fail as WeChat would with errcode n.
ERRCODE_PREFIX = "errcode:"
#: Codes starting with this may be reused (demos, `make run`); others work once, like WeChat's.
REUSABLE_PREFIX = "demo-"


@dataclass(frozen=True)
class SentMessage:
    touser: str
    template_id: str
    page: str | None
    #: The values as they would be sent, i.e. after truncation.
    data: dict[str, str] = field(default_factory=dict)


class FakeWeChat:
    def __init__(self) -> None:
        self.sent: list[SentMessage] = []
        #: Openids that have not subscribed: sends to them get 43101.
        self.unsubscribed: set[str] = set()
        self._used_codes: set[str] = set()
        self._lock = threading.Lock()

    @staticmethod
    def openid_for(code: str) -> str:
        """The openid a code logs in as: the same code is always the same citizen."""
        return "fake-openid-" + hashlib.sha256(code.encode()).hexdigest()[:16]

    def code_to_session(self, code: str) -> WeChatSession:
        if code.startswith(ERRCODE_PREFIX):
            payload: dict[str, Any] = {"errcode": code[len(ERRCODE_PREFIX) :], "errmsg": "fake"}
            try:
                return mapper.session_from_payload(payload)
            except UpstreamError:  # errcode:0 or errcode:abc, as the real connector would
                raise upstream_unavailable(SERVICE) from None
        if not code.strip():
            raise mapper.session_problem(mapper.CODE_INVALID)
        if not code.startswith(REUSABLE_PREFIX):
            with self._lock:
                if code in self._used_codes:
                    raise mapper.session_problem(mapper.CODE_INVALID)
                self._used_codes.add(code)
        return WeChatSession(openid=self.openid_for(code), unionid=None)

    def send_subscribe_message(
        self, touser: str, template_id: str, page: str | None, data: Mapping[str, str]
    ) -> SendResult:
        body = mapper.subscribe_body(touser, template_id, page, data)
        if touser in self.unsubscribed:
            return mapper.send_result({"errcode": mapper.NOT_SUBSCRIBED, "errmsg": "fake"})
        fitted = {key: item["value"] for key, item in body["data"].items()}
        with self._lock:
            self.sent.append(SentMessage(touser, template_id, page, fitted))
        return SendResult("sent", 0, "")
