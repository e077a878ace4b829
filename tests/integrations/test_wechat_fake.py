"""FakeWeChat: deterministic logins and recorded messages, with the real mapper's rules."""

from __future__ import annotations

import hashlib

import pytest

from courier_api.core.errors import Problem
from courier_api.integrations.wechat import FakeWeChat, FieldLimitError, mapper


def test_the_same_code_is_the_same_citizen() -> None:
    expected = "fake-openid-" + hashlib.sha256(b"0c1AbC").hexdigest()[:16]
    first = FakeWeChat().code_to_session("0c1AbC")
    again = FakeWeChat().code_to_session("0c1AbC")
    assert first.openid == again.openid == expected
    assert first.unionid is None
    assert FakeWeChat().code_to_session("other").openid != expected


def test_a_code_works_once() -> None:
    wechat = FakeWeChat()
    wechat.code_to_session("0c1AbC")
    with pytest.raises(Problem) as caught:
        wechat.code_to_session("0c1AbC")
    assert (caught.value.status, caught.value.code) == (401, "wechat_code_invalid")


def test_demo_codes_are_reusable() -> None:
    wechat = FakeWeChat()
    assert wechat.code_to_session("demo-alice") == wechat.code_to_session("demo-alice")


@pytest.mark.parametrize("errcode", [-1, 40029, 45011, 40226, 40163])
def test_errcode_codes_fail_like_wechat(errcode: int) -> None:
    expected = mapper.session_problem(errcode)
    with pytest.raises(Problem) as caught:
        FakeWeChat().code_to_session(f"errcode:{errcode}")
    problem = caught.value
    assert (problem.status, problem.code, problem.headers, problem.extra) == (
        expected.status,
        expected.code,
        expected.headers,
        expected.extra,
    )


def test_an_errcode_code_that_is_no_errcode_is_upstream_unavailable() -> None:
    with pytest.raises(Problem) as caught:
        FakeWeChat().code_to_session("errcode:abc")
    assert (caught.value.status, caught.value.code) == (424, "upstream_unavailable")


def test_an_empty_code_is_invalid() -> None:
    with pytest.raises(Problem) as caught:
        FakeWeChat().code_to_session("")
    assert caught.value.code == "wechat_code_invalid"


def test_messages_are_recorded_as_they_would_be_sent() -> None:
    wechat = FakeWeChat()
    result = wechat.send_subscribe_message(
        "fake-openid-1", "tmpl", "pages/track/index", {"thing1": "x" * 30, "time2": "15:01"}
    )
    assert (result.status, result.errcode) == ("sent", 0)
    (message,) = wechat.sent
    assert message.touser == "fake-openid-1"
    assert message.page == "pages/track/index"
    assert message.data == {"thing1": "x" * 19 + "…", "time2": "15:01"}


def test_unsubscribed_users_get_a_final_refusal() -> None:
    wechat = FakeWeChat()
    wechat.unsubscribed.add("fake-openid-2")
    result = wechat.send_subscribe_message("fake-openid-2", "tmpl", None, {"thing1": "包裹"})
    assert (result.status, result.errcode) == ("final_refusal", 43101)
    assert wechat.sent == []


def test_the_fake_enforces_field_limits() -> None:
    wechat = FakeWeChat()
    with pytest.raises(FieldLimitError):
        wechat.send_subscribe_message("u", "tmpl", None, {"phone_number1": "1" * 18})
    assert wechat.sent == []
