"""The one seam between the app and outside systems: real or fake, chosen by configuration only.

Nothing here looks at whether tests are running; a test (or `make run`) gets fakes because its
configuration says so, and production refuses to start while any fake is configured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from courier_api.config import ConfigError
from courier_api.integrations.sms import FakeSms, HttpSms, SmsSender, SmsSettings
from courier_api.integrations.virtual_numbers import (
    FakeVirtualNumbers,
    HttpVirtualNumbers,
    VirtualNumberProvider,
    VirtualNumberSettings,
)
from courier_api.integrations.wechat import FakeWeChat, HttpWeChat, WeChatConnector, WeChatSettings
from courier_api.integrations.wechat.settings import DEFAULT_API_BASE

#: The settings read here are listed in config.CONNECTOR_SETTINGS (passed from the environment).
DEFAULT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class _Choice:
    real: str
    #: Settings the real provider cannot work without.
    required: tuple[str, ...]
    #: The value when the key is unset in production. Virtual numbers are optional there: the
    #: design falls back to the real number when no provider is configured.
    production_default: str
    allowed: tuple[str, ...]


_CHOICES = {
    "WECHAT_PROVIDER": _Choice(
        "wechat", ("WECHAT_APP_ID", "WECHAT_APP_SECRET"), "wechat", ("wechat", "fake")
    ),
    "SMS_PROVIDER": _Choice(
        "http", ("SMS_API_URL", "SMS_API_KEY", "SMS_SIGN_NAME"), "http", ("http", "fake")
    ),
    "VIRTUAL_NUMBER_PROVIDER": _Choice(
        "http",
        ("VIRTUAL_NUMBER_API_URL", "VIRTUAL_NUMBER_API_KEY"),
        "none",
        ("http", "fake", "none"),
    ),
}
_URL_KEYS = ("WECHAT_API_BASE", "SMS_API_URL", "VIRTUAL_NUMBER_API_URL")


@dataclass(frozen=True)
class Connectors:
    wechat: WeChatConnector
    sms: SmsSender
    #: None when no provider is configured: callers then hand out the real number.
    virtual_numbers: VirtualNumberProvider | None


def build_connectors(config: Mapping[str, Any]) -> Connectors:
    """Real or fake connectors from `config`; ConfigError (naming the setting) if unusable."""
    production = _is_production(config)
    # Fail closed: even if the caller forgot to check production_problems first.
    problems = _problems(config, production)
    if problems:
        raise ConfigError("; ".join(problems))
    timeout_s = _timeout(config)

    wechat: WeChatConnector
    if _provider(config, "WECHAT_PROVIDER", production) == "wechat":
        wechat = HttpWeChat(
            WeChatSettings(
                **_fields(config, app_id="WECHAT_APP_ID", app_secret="WECHAT_APP_SECRET"),
                api_base=_text(config, "WECHAT_API_BASE") or DEFAULT_API_BASE,
                timeout_s=timeout_s,
            )
        )
    else:
        wechat = FakeWeChat()

    sms: SmsSender
    if _provider(config, "SMS_PROVIDER", production) == "http":
        sms = HttpSms(
            SmsSettings(
                **_fields(
                    config, api_url="SMS_API_URL", api_key="SMS_API_KEY", sign_name="SMS_SIGN_NAME"
                ),
                timeout_s=timeout_s,
            )
        )
    else:
        sms = FakeSms()

    virtual_numbers: VirtualNumberProvider | None = None
    choice = _provider(config, "VIRTUAL_NUMBER_PROVIDER", production)
    if choice == "http":
        virtual_numbers = HttpVirtualNumbers(
            VirtualNumberSettings(
                **_fields(
                    config, api_url="VIRTUAL_NUMBER_API_URL", api_key="VIRTUAL_NUMBER_API_KEY"
                ),
                timeout_s=timeout_s,
            )
        )
    elif choice == "fake":
        virtual_numbers = FakeVirtualNumbers()
    return Connectors(wechat=wechat, sms=sms, virtual_numbers=virtual_numbers)


def production_problems(config: Mapping[str, Any]) -> list[str]:
    """What in `config` is wrong for production (empty when fine); each names its setting."""
    return _problems(config, production=True)


def _problems(config: Mapping[str, Any], production: bool) -> list[str]:
    """Settings that make the connectors unusable; in production, fakes and plain HTTP too."""
    problems: list[str] = []
    for key, choice in _CHOICES.items():
        try:
            value = _provider(config, key, production)
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        if value == "fake" and production:
            problems.append(f"{key} is 'fake'; production needs {key}={choice.real}")
        if value == choice.real:
            problems.extend(
                f"{name} is not set; {key}={value} needs it"
                for name in choice.required
                if not _text(config, name)
            )
    if production:
        for key in _URL_KEYS:
            url = _text(config, key)
            if url and not url.startswith("https://"):
                # These requests carry the app secret and API keys.
                problems.append(f"{key} must be an https:// URL in production")
    try:
        _timeout(config)
    except ConfigError as exc:
        problems.append(str(exc))
    return problems


def _is_production(config: Mapping[str, Any]) -> bool:
    return config.get("COURIER_ENV") == "production"


def _provider(config: Mapping[str, Any], key: str, production: bool) -> str:
    choice = _CHOICES[key]
    value = _text(config, key).lower()
    if not value:
        return choice.production_default if production else "fake"
    if value not in choice.allowed:
        raise ConfigError(f"{key} must be one of {', '.join(choice.allowed)}; got {value!r}")
    return value


def _text(config: Mapping[str, Any], key: str) -> str:
    value = config.get(key)
    return "" if value is None else str(value).strip()


def _fields(config: Mapping[str, Any], **keys: str) -> dict[str, str]:
    """A connector's settings fields from the configuration keys named for them."""
    return {name: _text(config, key) for name, key in keys.items()}


def _timeout(config: Mapping[str, Any]) -> float:
    raw = _text(config, "CONNECTOR_TIMEOUT_S")
    if not raw:
        return DEFAULT_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"CONNECTOR_TIMEOUT_S must be a number of seconds; got {raw!r}") from None
    if not 0 < value <= 60:
        raise ConfigError(f"CONNECTOR_TIMEOUT_S must be between 0 and 60 seconds; got {raw!r}")
    return value
