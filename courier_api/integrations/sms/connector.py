"""The SMS connector the app calls: the protocol and the real implementation."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

import httpx

from courier_api.integrations.common import SendResult, UpstreamError
from courier_api.integrations.sms import mapper
from courier_api.integrations.sms.client import SmsClient
from courier_api.integrations.sms.settings import SmsSettings

log = logging.getLogger("courier_api.integrations.sms")


class SmsSender(Protocol):
    def send(self, phone: str, template: str, params: Mapping[str, str]) -> SendResult:
        """Send a templated SMS; raises InvalidPhoneError (nothing sent) for a non-mobile."""
        ...


class HttpSms:
    def __init__(self, settings: SmsSettings, http: httpx.Client | None = None) -> None:
        self._settings = settings
        self._client = SmsClient(settings, http)

    def send(self, phone: str, template: str, params: Mapping[str, str]) -> SendResult:
        body = mapper.request_body(phone, template, params, self._settings.sign_name)
        try:
            status = self._client.post(body)
        except UpstreamError as exc:
            log.warning("sms send failed: %s", exc)
            return SendResult("retry", None, str(exc))
        result = mapper.result_from_status(status)
        if result.status != "sent":
            # The phone number is personal data: log the outcome, not the recipient.
            log.info("sms send %s: %s", result.status, result.detail)
        return result

    def close(self) -> None:
        self._client.close()
