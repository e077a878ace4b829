"""WeChat payloads <-> domain. Pure functions: no I/O, no clock, no logging.

Errcodes from https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/ (jscode2session,
subscribe send, stable_token); field limits from the subscribe-message template rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from courier_api.core.errors import Problem
from courier_api.integrations.common import SendResult, UpstreamError

BUSY = -1
CODE_INVALID = 40029
RATE_LIMITED = 45011
USER_BLOCKED = 40226
NOT_SUBSCRIBED = 43101
#: The access token is invalid or expired: refresh it once and resend.
TOKEN_ERRCODES = frozenset({40001, 42001})


@dataclass(frozen=True)
class WeChatSession:
    """Who logged in. The session_key WeChat also returns stays inside the connector."""

    openid: str
    unionid: str | None = None


@dataclass(frozen=True)
class AccessToken:
    value: str = field(repr=False)
    #: On the caller's monotonic clock; the token is reused until this moment.
    refresh_at: float


class TokenError(Exception):
    """stable_token answered an errcode (wrong app secret, WeChat busy, ...)."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"stable_token errcode {errcode}: {errmsg}")
        self.errcode = errcode


class FieldLimitError(ValueError):
    """A subscribe-message value breaks WeChat's rule for its field kind; nothing was sent."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key


# --- jscode2session ---------------------------------------------------------------------------


def session_from_payload(payload: Mapping[str, Any]) -> WeChatSession:
    errcode = errcode_of(payload)
    if errcode:
        raise session_problem(errcode)
    openid = payload.get("openid")
    if not isinstance(openid, str) or not openid:
        raise UpstreamError("WeChat: jscode2session answered without an openid")
    unionid = payload.get("unionid")
    # session_key is deliberately not read: nothing here needs it, so nothing can leak it.
    return WeChatSession(openid=openid, unionid=unionid if isinstance(unionid, str) else None)


def session_problem(errcode: int) -> Problem:
    """The API problem for a jscode2session errcode (detail is ours, never WeChat's errmsg)."""
    if errcode == BUSY:
        return Problem(
            503,
            "wechat_busy",
            "WeChat is busy; try logging in again shortly.",
            retry_after=2,
        )
    if errcode == CODE_INVALID:
        return Problem(
            401,
            "wechat_code_invalid",
            "The login code is invalid or already used; call wx.login again for a new one "
            "(a code is valid once, for 5 minutes).",
        )
    if errcode == RATE_LIMITED:
        return Problem(
            429,
            "wechat_rate_limited",
            "Too many WeChat logins; try again in a minute.",
            retry_after=60,
        )
    if errcode == USER_BLOCKED:
        return Problem(403, "wechat_user_blocked", "WeChat has blocked this user.")
    return Problem(424, "wechat_error", "WeChat refused the login.", errcode=errcode)


def errcode_of(payload: Mapping[str, Any]) -> int:
    raw = payload.get("errcode", 0)
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise UpstreamError(f"WeChat: errcode is not a number: {raw!r}") from None


# --- access token -----------------------------------------------------------------------------

#: Refresh this long before WeChat's expiry, so a token never dies between check and use.
TOKEN_MARGIN_S = 300


def access_token_from_payload(payload: Mapping[str, Any], now: float) -> AccessToken:
    errcode = errcode_of(payload)
    if errcode:
        raise TokenError(errcode, str(payload.get("errmsg", "")))
    value = payload.get("access_token")
    expires_in = payload.get("expires_in")
    if not isinstance(value, str) or not value or not isinstance(expires_in, int):
        raise UpstreamError("WeChat: stable_token answered without access_token/expires_in")
    return AccessToken(value=value, refresh_at=now + expires_in - TOKEN_MARGIN_S)


# --- subscribe messages -----------------------------------------------------------------------

_KEY = re.compile(r"^([a-z_]+)(\d+)$")

#: Free-text kinds: cut to fit rather than lose the notification.
_TRUNCATED = {"thing": 20, "name": 10, "phrase": 5}

#: Structured kinds: a cut phone number or amount would be wrong, so refuse instead.
_STRUCTURED: dict[str, tuple[int, re.Pattern[str] | None]] = {
    "phone_number": (17, re.compile(r"^[0-9+\-() ]+$")),
    "number": (32, re.compile(r"^\d+(\.\d+)?$")),
    "letter": (32, re.compile(r"^[A-Za-z]+$")),
    "symbol": (5, None),
    "character_string": (32, re.compile(r"^[!-~]+$")),
    "car_number": (8, None),
    "amount": (32, re.compile(r"^[¥￥$€£]?\d+(\.\d+)?元?$")),
}

#: Kinds WeChat formats itself (e.g. "2026年1月2日 15:01"); only required to be non-empty.
_FREE = {"time", "date"}


def fit_field(key: str, value: str) -> str:
    """The value WeChat will accept for `key` (e.g. thing1), or FieldLimitError."""
    match = _KEY.match(key)
    if not match:
        raise FieldLimitError(key, "a data key is a field kind followed by digits, e.g. thing1")
    kind = match.group(1)
    value = value.strip()
    if not value:
        raise FieldLimitError(key, "WeChat refuses empty values")
    if kind in _TRUNCATED:
        limit = _TRUNCATED[kind]
        if kind == "name" and value.isascii():
            limit = 20  # WeChat allows 10 Chinese characters or 20 letters.
        if len(value) <= limit:
            return value
        # thing takes any character, so show the cut; name and phrase accept only letters or
        # Chinese characters, where an ellipsis would make WeChat refuse the whole message.
        return value[: limit - 1] + "…" if kind == "thing" else value[:limit]
    if kind in _STRUCTURED:
        limit, pattern = _STRUCTURED[kind]
        if len(value) > limit:
            raise FieldLimitError(key, f"{kind} allows {limit} characters, got {len(value)}")
        if pattern is not None and not pattern.match(value):
            raise FieldLimitError(key, f"not a valid {kind} value")
        return value
    if kind in _FREE:
        return value
    raise FieldLimitError(key, f"unknown field kind {kind!r}")


def subscribe_body(
    touser: str, template_id: str, page: str | None, data: Mapping[str, str]
) -> dict[str, Any]:
    """The JSON body of subscribe/send, with every field fitted to its limit."""
    if not touser or not template_id:
        raise ValueError("touser and template_id are required")
    body: dict[str, Any] = {
        "touser": touser,
        "template_id": template_id,
        "data": {key: {"value": fit_field(key, value)} for key, value in data.items()},
    }
    if page:
        body["page"] = page
    return body


def send_result(payload: Mapping[str, Any]) -> SendResult:
    errcode = errcode_of(payload)
    errmsg = str(payload.get("errmsg", ""))
    if errcode == 0:
        return SendResult("sent", 0, "")
    if errcode == NOT_SUBSCRIBED:
        # The user has not subscribed (or refused): retrying cannot help and WeChat may
        # penalise the app for it.
        return SendResult("final_refusal", errcode, "the user has not subscribed: " + errmsg)
    if errcode == BUSY or errcode in TOKEN_ERRCODES:
        return SendResult("retry", errcode, errmsg)
    return SendResult("final_refusal", errcode, errmsg)
