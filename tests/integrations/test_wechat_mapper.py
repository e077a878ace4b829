"""The WeChat mapper alone: subscribe-message field limits and answer mapping (pure)."""

from __future__ import annotations

import pytest

from courier_api.integrations.common import UpstreamError
from courier_api.integrations.wechat import mapper
from courier_api.integrations.wechat.mapper import FieldLimitError, fit_field
from tests.integrations import payloads


def test_thing_of_exactly_20_characters_is_kept() -> None:
    value = "取件码已发送至您的手机请注意查收快件谢谢"
    assert len(value) == 20
    assert fit_field("thing1", value) == value


def test_thing_of_21_characters_is_cut_to_20_with_an_ellipsis() -> None:
    value = "a" * 21
    fitted = fit_field("thing1", value)
    assert fitted == "a" * 19 + "…"
    assert len(fitted) == 20


def test_name_and_phrase_are_cut_without_an_ellipsis() -> None:
    # WeChat takes only letters or Chinese characters there; an ellipsis would be refused.
    assert fit_field("name2", "欧阳娜娜娜娜娜娜娜娜娜") == "欧阳娜娜娜娜娜娜娜娜"
    assert fit_field("name2", "Alexandra Konstantinopoulou") == "Alexandra Konstantin"
    assert fit_field("phrase3", "派送中请稍候") == "派送中请稍"


def test_values_are_stripped_and_empty_ones_refused() -> None:
    assert fit_field("thing1", "  包裹  ") == "包裹"
    with pytest.raises(FieldLimitError):
        fit_field("thing1", "   ")


def test_phone_number_of_17_is_kept_and_18_refused() -> None:
    assert fit_field("phone_number2", "+86-0766-66888866") == "+86-0766-66888866"
    with pytest.raises(FieldLimitError) as caught:
        fit_field("phone_number2", "+86-0766-668888661")
    assert isinstance(caught.value, ValueError)
    assert caught.value.key == "phone_number2"
    assert "17" in str(caught.value)


@pytest.mark.parametrize(
    ("key", "ok", "too_long"),
    [
        ("number1", "1" * 32, "1" * 33),
        ("letter1", "a" * 32, "a" * 33),
        ("symbol1", "#####", "######"),
        ("character_string1", "EA123456785CN", "X" * 33),
        ("car_number1", "粤A12345D", "粤A12345D6"),
        ("amount1", "¥12.50", "¥" + "1" * 32),
    ],
)
def test_structured_kinds_are_refused_over_their_limit(key: str, ok: str, too_long: str) -> None:
    assert fit_field(key, ok) == ok
    with pytest.raises(FieldLimitError):
        fit_field(key, too_long)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("amount1", "twelve yuan"),
        ("number1", "12a"),
        ("letter1", "abc1"),
        ("phone_number1", "call me"),
        ("character_string1", "运单EA123"),
    ],
)
def test_structured_kinds_must_have_their_format(key: str, value: str) -> None:
    with pytest.raises(FieldLimitError):
        fit_field(key, value)


def test_amount_accepts_a_currency_unit() -> None:
    assert fit_field("amount1", "12.5元") == "12.5元"
    assert fit_field("amount1", "300") == "300"


@pytest.mark.parametrize("key", ["thing", "1thing", "thing1a", "colour1", "Thing1"])
def test_unknown_or_malformed_keys_are_refused(key: str) -> None:
    with pytest.raises(FieldLimitError):
        fit_field(key, "x")


def test_subscribe_body_leaves_out_a_missing_page() -> None:
    body = mapper.subscribe_body("oX", "tmpl", None, {"time3": "15:01"})
    assert body == {"touser": "oX", "template_id": "tmpl", "data": {"time3": {"value": "15:01"}}}


def test_session_mapping_reads_openid_and_unionid_only() -> None:
    session = mapper.session_from_payload(payloads.JSCODE2SESSION_OK)
    assert session == mapper.WeChatSession(payloads.OPENID, payloads.UNIONID)


def test_a_non_numeric_errcode_is_an_upstream_error() -> None:
    with pytest.raises(UpstreamError):
        mapper.session_from_payload({"errcode": "oops"})


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (payloads.SEND_OK, "sent"),
        (payloads.SEND_NOT_SUBSCRIBED, "final_refusal"),
        (payloads.SEND_TOKEN_EXPIRED, "retry"),
        (payloads.SEND_TOKEN_INVALID, "retry"),
        (payloads.BUSY, "retry"),
        (payloads.SEND_ARGUMENT_INVALID, "final_refusal"),
    ],
)
def test_send_answers_map_to_outcomes(payload: dict[str, object], status: str) -> None:
    assert mapper.send_result(payload).status == status


def test_access_token_expiry_keeps_a_five_minute_margin() -> None:
    token = mapper.access_token_from_payload(payloads.STABLE_TOKEN_OK, now=100.0)
    assert token.refresh_at == 100.0 + 7200 - 300
    assert str(payloads.STABLE_TOKEN_OK["access_token"]) not in repr(token)
