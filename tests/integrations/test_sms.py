"""HttpSms against a mocked gateway, and FakeSms."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from courier_api.integrations.sms import FakeSms, HttpSms, InvalidPhoneError, SmsSettings
from tests.helpers import Handler, mock_http

SETTINGS = SmsSettings(
    api_url="https://sms.example.cn/v1/messages",
    api_key="sk_live_7b1e0c2d9f",
    sign_name="中国邮政",
    timeout_s=3,
)
PHONE = "13800138000"


def sms(handler: Handler) -> HttpSms:
    return HttpSms(SETTINGS, http=mock_http(handler))


def status(code: int) -> Handler:
    return lambda request: httpx.Response(code, json={"request_id": "a1b2"})


def test_posts_the_message_with_the_key_and_sign_name() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"request_id": "a1b2", "status": "queued"})

    result = sms(handler).send(PHONE, "SMS_PICKUP_CODE", {"code": "4821"})

    assert result.status == "sent"
    (request,) = seen
    assert str(request.url) == SETTINGS.api_url
    assert request.headers["Authorization"] == "Bearer sk_live_7b1e0c2d9f"
    assert json.loads(request.content) == {
        "phone": PHONE,
        "template": "SMS_PICKUP_CODE",
        "params": {"code": "4821"},
        "sign_name": "中国邮政",
    }
    assert request.extensions["timeout"]["connect"] == 3
    assert request.extensions["timeout"]["read"] == 3


@pytest.mark.parametrize(
    ("code", "outcome"),
    [
        (200, "sent"),
        (202, "sent"),
        (429, "retry"),
        (500, "retry"),
        (503, "retry"),
        (400, "final_refusal"),
        (401, "final_refusal"),
        (403, "final_refusal"),
    ],
)
def test_http_status_maps_to_outcome(code: int, outcome: str) -> None:
    result = sms(status(code)).send(PHONE, "T", {})
    assert result.status == outcome
    if outcome != "sent":
        assert result.errcode == code


def test_network_failures_are_retry(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out")

    result = sms(handler).send(PHONE, "T", {})
    assert (result.status, result.errcode) == ("retry", None)
    assert PHONE not in caplog.text and SETTINGS.api_key not in caplog.text


@pytest.mark.parametrize("phone", ["12800138000", "1380013800", "+8613800138000", "021-6888666"])
def test_only_mainland_mobiles_are_sent_to(phone: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    with pytest.raises(InvalidPhoneError):
        sms(handler).send(phone, "T", {})
    with pytest.raises(ValueError):
        FakeSms().send(phone, "T", {})


def test_the_fake_records_messages() -> None:
    fake = FakeSms()
    assert fake.send(PHONE, "SMS_PICKUP_CODE", {"code": "4821"}).status == "sent"
    (message,) = fake.sent
    assert (message.phone, message.template, message.params) == (
        PHONE,
        "SMS_PICKUP_CODE",
        {"code": "4821"},
    )


def test_settings_repr_hides_the_key() -> None:
    assert SETTINGS.api_key not in repr(SETTINGS)
