"""Subscribe messages and the access token, through the real client and mapper."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import httpx
import pytest

from courier_api.integrations.wechat import FieldLimitError, HttpWeChat, WeChatSettings
from tests.helpers import mock_http
from tests.integrations import payloads

SETTINGS = WeChatSettings(app_id="wx8f3c2a1b0d9e7f65", app_secret="s" * 32)
TOKEN_1 = str(payloads.STABLE_TOKEN_OK["access_token"])
TOKEN_2 = str(payloads.STABLE_TOKEN_OK_2["access_token"])
DATA = {
    "character_string1": "EA123456785CN",
    "thing2": "您的快件已由快递员取件",
    "phone_number3": "138-0013-8000",
    "time4": "2026年1月2日 15:01",
}


class FakeWeChatServer:
    """Answers stable_token and subscribe/send from queues of recorded payloads."""

    def __init__(self, tokens: list[dict[str, object]], sends: list[dict[str, object]]) -> None:
        self.tokens: Iterator[dict[str, object]] = iter(tokens)
        self.sends: Iterator[dict[str, object]] = iter(sends)
        self.token_requests: list[httpx.Request] = []
        self.send_requests: list[httpx.Request] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            if request.url.path == "/cgi-bin/stable_token":
                self.token_requests.append(request)
                return httpx.Response(200, json=next(self.tokens))
            assert request.url.path == "/cgi-bin/message/subscribe/send"
            self.send_requests.append(request)
            return httpx.Response(200, json=next(self.sends))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def connector(server: FakeWeChatServer, clock: Clock | None = None) -> HttpWeChat:
    return HttpWeChat(SETTINGS, http=mock_http(server), monotonic=clock or Clock())


def send(wechat: HttpWeChat, touser: str = payloads.OPENID):
    return wechat.send_subscribe_message(touser, "tmpl-pickup-done", "pages/track/index", DATA)


def test_sends_the_message_with_a_cached_token() -> None:
    server = FakeWeChatServer([payloads.STABLE_TOKEN_OK], [payloads.SEND_OK, payloads.SEND_OK])
    wechat = connector(server)

    first, second = send(wechat), send(wechat)

    assert first.status == second.status == "sent"
    assert len(server.token_requests) == 1
    assert json.loads(server.token_requests[0].content) == {
        "grant_type": "client_credential",
        "appid": "wx8f3c2a1b0d9e7f65",
        "secret": "s" * 32,
    }
    request = server.send_requests[0]
    assert request.method == "POST"
    assert request.url.params["access_token"] == TOKEN_1
    assert json.loads(request.content) == {
        "touser": payloads.OPENID,
        "template_id": "tmpl-pickup-done",
        "page": "pages/track/index",
        "data": {key: {"value": value} for key, value in DATA.items()},
    }
    assert "您的快件".encode() in request.content  # UTF-8, not \\u escapes


def test_the_token_is_refreshed_five_minutes_before_expiry() -> None:
    server = FakeWeChatServer(
        [payloads.STABLE_TOKEN_OK, payloads.STABLE_TOKEN_OK_2], [payloads.SEND_OK] * 3
    )
    clock = Clock()
    wechat = connector(server, clock)

    send(wechat)
    clock.now += 7200 - 300 - 1
    send(wechat)
    assert len(server.token_requests) == 1
    clock.now += 1
    send(wechat)
    assert len(server.token_requests) == 2
    assert server.send_requests[-1].url.params["access_token"] == TOKEN_2


@pytest.mark.parametrize("expired", [payloads.SEND_TOKEN_EXPIRED, payloads.SEND_TOKEN_INVALID])
def test_a_rejected_token_is_refreshed_and_the_send_retried_once(
    expired: dict[str, object],
) -> None:
    server = FakeWeChatServer(
        [payloads.STABLE_TOKEN_OK, payloads.STABLE_TOKEN_OK_2], [expired, payloads.SEND_OK]
    )
    result = send(connector(server))

    assert result.status == "sent"
    assert len(server.token_requests) == 2
    tokens = [r.url.params["access_token"] for r in server.send_requests]
    assert tokens == [TOKEN_1, TOKEN_2]


def test_a_token_rejected_twice_is_left_for_a_later_retry() -> None:
    server = FakeWeChatServer(
        [payloads.STABLE_TOKEN_OK, payloads.STABLE_TOKEN_OK_2],
        [payloads.SEND_TOKEN_EXPIRED, payloads.SEND_TOKEN_EXPIRED],
    )
    result = send(connector(server))

    assert (result.status, result.errcode) == ("retry", 42001)
    assert len(server.send_requests) == 2  # once, not in a loop


def test_not_subscribed_is_final_and_not_retried() -> None:
    server = FakeWeChatServer([payloads.STABLE_TOKEN_OK], [payloads.SEND_NOT_SUBSCRIBED])
    result = send(connector(server))

    assert (result.status, result.errcode) == ("final_refusal", 43101)
    assert len(server.send_requests) == 1


def test_busy_wechat_is_retry() -> None:
    server = FakeWeChatServer([payloads.STABLE_TOKEN_OK], [payloads.BUSY])
    result = send(connector(server))
    assert (result.status, result.errcode) == ("retry", -1)
    assert len(server.send_requests) == 1


def test_other_errcodes_are_final_with_the_errcode() -> None:
    server = FakeWeChatServer([payloads.STABLE_TOKEN_OK], [payloads.SEND_ARGUMENT_INVALID])
    result = send(connector(server))
    assert (result.status, result.errcode) == ("final_refusal", 47003)
    assert "argument invalid" in result.detail


@pytest.mark.parametrize("path", ["/cgi-bin/stable_token", "/cgi-bin/message/subscribe/send"])
def test_network_failures_are_retry(path: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == path:
            raise httpx.ReadTimeout("timed out")
        return httpx.Response(200, json=payloads.STABLE_TOKEN_OK)

    result = send(HttpWeChat(SETTINGS, http=mock_http(handler)))
    assert (result.status, result.errcode) == ("retry", None)
    assert "access_token" not in result.detail and TOKEN_1 not in result.detail


def test_a_token_refused_by_wechat_is_retry_without_sending() -> None:
    server = FakeWeChatServer([payloads.STABLE_TOKEN_BAD_SECRET], [])
    result = send(connector(server))
    assert (result.status, result.errcode) == ("retry", 40125)
    assert server.send_requests == []


def test_field_limits_are_enforced_before_any_request() -> None:
    server = FakeWeChatServer([], [])
    with pytest.raises(FieldLimitError):
        connector(server).send_subscribe_message(
            payloads.OPENID, "tmpl", None, {"phone_number1": "+86-0766-668888661"}
        )
    assert server.token_requests == server.send_requests == []


def test_threads_share_one_token_fetch() -> None:
    server = FakeWeChatServer([payloads.STABLE_TOKEN_OK], [payloads.SEND_OK] * 8)
    wechat = connector(server)
    start = threading.Barrier(8)
    results = []

    def worker() -> None:
        start.wait()
        results.append(send(wechat))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [r.status for r in results] == ["sent"] * 8
    assert len(server.token_requests) == 1
