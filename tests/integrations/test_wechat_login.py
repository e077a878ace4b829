"""jscode2session through the real client and mapper, against recorded WeChat answers."""

from __future__ import annotations

import dataclasses
import logging

import httpx
import pytest

from courier_api.core.errors import Problem
from courier_api.integrations.wechat import HttpWeChat, WeChatSettings
from tests.helpers import Handler, mock_http
from tests.integrations import payloads

SECRET = "3f1c9e8a7b6d5c4e3f2a1b0c9d8e7f6a"
SETTINGS = WeChatSettings(app_id="wx8f3c2a1b0d9e7f65", app_secret=SECRET, timeout_s=2.5)


def wechat(handler: Handler) -> HttpWeChat:
    return HttpWeChat(SETTINGS, http=mock_http(handler))


def answer(payload: dict[str, object]) -> Handler:
    return lambda request: httpx.Response(200, json=payload)


def test_exchanges_the_code_for_openid_and_unionid() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=payloads.JSCODE2SESSION_OK)

    session = wechat(handler).code_to_session("0a3Xk2000Ab1cD2eF3gH4iJ5kL6mN7")

    assert session.openid == payloads.OPENID
    assert session.unionid == payloads.UNIONID
    (request,) = seen
    assert request.method == "GET"
    assert request.url.host == "api.weixin.qq.com"
    assert request.url.path == "/sns/jscode2session"
    assert dict(request.url.params) == {
        "appid": "wx8f3c2a1b0d9e7f65",
        "secret": SECRET,
        "js_code": "0a3Xk2000Ab1cD2eF3gH4iJ5kL6mN7",
        "grant_type": "authorization_code",
    }
    # Connect and read are both bounded, even with an injected client.
    assert request.extensions["timeout"] == {
        "connect": 2.5,
        "read": 2.5,
        "write": 2.5,
        "pool": 2.5,
    }


def test_session_key_never_leaves_the_connector(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    session = wechat(answer(payloads.JSCODE2SESSION_OK)).code_to_session("code")

    assert [f.name for f in dataclasses.fields(session)] == ["openid", "unionid"]
    assert not hasattr(session, "session_key")
    assert payloads.SESSION_KEY not in repr(session)
    assert payloads.SESSION_KEY not in caplog.text


def test_unionid_is_none_when_not_bound() -> None:
    session = wechat(answer(payloads.JSCODE2SESSION_OK_NO_UNIONID)).code_to_session("code")
    assert session.unionid is None


@pytest.mark.parametrize(
    ("payload", "status", "code", "retry_after"),
    [
        (payloads.BUSY, 503, "wechat_busy", "2"),
        (payloads.CODE_INVALID, 401, "wechat_code_invalid", None),
        (payloads.RATE_LIMITED, 429, "wechat_rate_limited", "60"),
        (payloads.USER_BLOCKED, 403, "wechat_user_blocked", None),
    ],
)
def test_errcodes_become_problems(
    payload: dict[str, object], status: int, code: str, retry_after: str | None
) -> None:
    with pytest.raises(Problem) as caught:
        wechat(answer(payload)).code_to_session("code")
    assert (caught.value.status, caught.value.code) == (status, code)
    assert caught.value.headers.get("Retry-After") == retry_after
    assert "rid:" not in (caught.value.detail or "")  # our words, not WeChat's errmsg


def test_other_errcodes_are_424_with_the_errcode_and_no_secret() -> None:
    with pytest.raises(Problem) as caught:
        wechat(answer(payloads.CODE_USED)).code_to_session("code")
    problem = caught.value
    assert (problem.status, problem.code) == (424, "wechat_error")
    assert problem.extra == {"errcode": 40163}
    assert SECRET not in f"{problem} {problem.detail} {problem.extra} {problem.headers}"


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectTimeout("timed out"),
        httpx.ReadTimeout("timed out"),
        httpx.ConnectError("[Errno 111] Connection refused"),
    ],
)
def test_network_failures_are_424_upstream_unavailable(
    failure: httpx.HTTPError, caplog: pytest.LogCaptureFixture
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    with pytest.raises(Problem) as caught:
        wechat(handler).code_to_session("code")
    assert (caught.value.status, caught.value.code) == (424, "upstream_unavailable")
    # The failed URL holds the app secret: it must not reach the logs or the exception chain.
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert SECRET not in caplog.text


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html><body>502 Bad Gateway</body></html>"),
        httpx.Response(502, text="<html><body>502 Bad Gateway</body></html>"),
        httpx.Response(200, text=""),
        httpx.Response(200, json=["not", "an", "object"]),
        httpx.Response(200, json={"session_key": payloads.SESSION_KEY}),  # no openid
    ],
)
def test_garbage_answers_are_424_upstream_unavailable(response: httpx.Response) -> None:
    with pytest.raises(Problem) as caught:
        wechat(lambda request: response).code_to_session("code")
    assert (caught.value.status, caught.value.code) == (424, "upstream_unavailable")


def test_json_sent_as_text_plain_is_accepted() -> None:
    # WeChat serves some answers as text/plain; the body is what counts.
    body = httpx.Response(200, json=payloads.JSCODE2SESSION_OK).content
    response = httpx.Response(200, content=body, headers={"Content-Type": "text/plain"})
    assert wechat(lambda request: response).code_to_session("c").openid == payloads.OPENID


def test_an_empty_code_is_refused_without_calling_wechat() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request expected")

    with pytest.raises(Problem) as caught:
        wechat(handler).code_to_session("  ")
    assert caught.value.code == "wechat_code_invalid"


def test_settings_repr_hides_the_secret() -> None:
    assert SECRET not in repr(SETTINGS)
