"""build_connectors picks real or fake from configuration only; production_problems says why
a configuration is unfit for production."""

from __future__ import annotations

from typing import Any

import pytest

from courier_api.config import CONNECTOR_SETTINGS, ConfigError
from courier_api.integrations.registry import build_connectors, production_problems
from courier_api.integrations.sms import FakeSms, HttpSms
from courier_api.integrations.virtual_numbers import FakeVirtualNumbers, HttpVirtualNumbers
from courier_api.integrations.wechat import FakeWeChat, HttpWeChat

REAL: dict[str, Any] = {
    "WECHAT_PROVIDER": "wechat",
    "WECHAT_APP_ID": "wx8f3c2a1b0d9e7f65",
    "WECHAT_APP_SECRET": "3f1c9e8a7b6d5c4e3f2a1b0c9d8e7f6a",
    "SMS_PROVIDER": "http",
    "SMS_API_URL": "https://sms.example.cn/v1/messages",
    "SMS_API_KEY": "sk_live_7b1e0c2d9f",
    "SMS_SIGN_NAME": "中国邮政",
    "VIRTUAL_NUMBER_PROVIDER": "http",
    "VIRTUAL_NUMBER_API_URL": "https://axb.example.cn/v2/bindings",
    "VIRTUAL_NUMBER_API_KEY": "vk_9f8e7d",
    "CONNECTOR_TIMEOUT_S": "3",
}


@pytest.mark.parametrize("env", ["development", "testing", None])
def test_fakes_by_default_outside_production(env: str | None) -> None:
    connectors = build_connectors({"COURIER_ENV": env} if env else {})
    assert isinstance(connectors.wechat, FakeWeChat)
    assert isinstance(connectors.sms, FakeSms)
    assert isinstance(connectors.virtual_numbers, FakeVirtualNumbers)


@pytest.mark.parametrize("env", ["development", "production"])
def test_real_connectors_when_configured(env: str) -> None:
    connectors = build_connectors({**REAL, "COURIER_ENV": env})
    assert isinstance(connectors.wechat, HttpWeChat)
    assert isinstance(connectors.sms, HttpSms)
    assert isinstance(connectors.virtual_numbers, HttpVirtualNumbers)


def test_each_provider_is_chosen_on_its_own() -> None:
    connectors = build_connectors(
        {**REAL, "SMS_PROVIDER": "FAKE", "VIRTUAL_NUMBER_PROVIDER": "none"}
    )
    assert isinstance(connectors.wechat, HttpWeChat)
    assert isinstance(connectors.sms, FakeSms)
    assert connectors.virtual_numbers is None


def test_a_good_production_config_has_no_problems() -> None:
    assert production_problems({**REAL, "COURIER_ENV": "production"}) == []


def test_virtual_numbers_are_optional_in_production() -> None:
    config = {k: v for k, v in REAL.items() if not k.startswith("VIRTUAL_NUMBER")}
    assert production_problems(config) == []
    assert build_connectors({**config, "COURIER_ENV": "production"}).virtual_numbers is None


@pytest.mark.parametrize("key", ["WECHAT_PROVIDER", "SMS_PROVIDER", "VIRTUAL_NUMBER_PROVIDER"])
def test_production_problems_flag_a_fake(key: str) -> None:
    problems = production_problems({**REAL, key: "fake"})
    assert len(problems) == 1 and key in problems[0]


@pytest.mark.parametrize(
    "missing",
    [
        "WECHAT_APP_ID",
        "WECHAT_APP_SECRET",
        "SMS_API_URL",
        "SMS_API_KEY",
        "SMS_SIGN_NAME",
        "VIRTUAL_NUMBER_API_URL",
        "VIRTUAL_NUMBER_API_KEY",
    ],
)
def test_production_problems_flag_missing_credentials(missing: str) -> None:
    problems = production_problems({**REAL, missing: ""})
    assert len(problems) == 1 and missing in problems[0]


def test_an_empty_config_is_unfit_for_production() -> None:
    # Unset providers default to the real ones there, so every credential is reported.
    problems = " ".join(production_problems({}))
    for name in ("WECHAT_APP_ID", "WECHAT_APP_SECRET", "SMS_API_URL", "SMS_API_KEY"):
        assert name in problems


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("WECHAT_API_BASE", "http://api.weixin.qq.com"),
        ("SMS_API_URL", "http://sms.example.cn"),
        ("CONNECTOR_TIMEOUT_S", "soon"),
        ("CONNECTOR_TIMEOUT_S", "0"),
        ("WECHAT_PROVIDER", "wexin"),
    ],
)
def test_production_problems_flag_bad_values(key: str, value: str) -> None:
    problems = production_problems({**REAL, key: value})
    assert len(problems) == 1 and key in problems[0]


def test_production_refuses_to_build_fakes_even_unchecked() -> None:
    with pytest.raises(ConfigError, match="WECHAT_PROVIDER"):
        build_connectors({**REAL, "COURIER_ENV": "production", "WECHAT_PROVIDER": "fake"})


def test_a_real_provider_without_credentials_fails_at_build_everywhere() -> None:
    with pytest.raises(ConfigError, match="WECHAT_APP_SECRET"):
        build_connectors({"WECHAT_PROVIDER": "wechat", "WECHAT_APP_ID": "wx1"})
    with pytest.raises(ConfigError, match="SMS_PROVIDER"):
        build_connectors({"SMS_PROVIDER": "carrier-pigeon"})


def test_problem_messages_never_hold_secrets() -> None:
    text = " ".join(production_problems({**REAL, "WECHAT_API_BASE": "http://x", "SMS_API_KEY": ""}))
    assert REAL["WECHAT_APP_SECRET"] not in text and REAL["VIRTUAL_NUMBER_API_KEY"] not in text


def test_config_keys_cover_every_setting() -> None:
    assert set(REAL) | {"WECHAT_API_BASE"} == set(CONNECTOR_SETTINGS)
