"""Recorded-style WeChat answers (shapes as WeChat sends them; ids and rids made up)."""

from __future__ import annotations

SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ=="
OPENID = "oVBkZ0aYgDMDIywRdgPW8-joxXc4"
UNIONID = "oGZUI0egBJY1zhBYw2KhdUfwVJJE"

JSCODE2SESSION_OK = {"openid": OPENID, "session_key": SESSION_KEY, "unionid": UNIONID}
JSCODE2SESSION_OK_NO_UNIONID = {"session_key": SESSION_KEY, "openid": OPENID}


def wechat_error(errcode: int, errmsg: str) -> dict[str, object]:
    return {"errcode": errcode, "errmsg": f"{errmsg} rid: 6650a1b2-3c4d5e6f-0a1b2c3d"}


BUSY = wechat_error(-1, "system error")
CODE_INVALID = wechat_error(40029, "invalid code")
RATE_LIMITED = wechat_error(45011, "api minute-quota reach limit  mustslower  retry next minute")
USER_BLOCKED = wechat_error(40226, "invalid user, user is blocked")
CODE_USED = wechat_error(40163, "code been used")

STABLE_TOKEN_OK = {
    "access_token": "79_Q1sHvUhVLN6Z0BqSaHkXbDWnZ2vR3cMHxSQ2ptQdBUXgC5eQyXoF7sYnXKZBfNcW",
    "expires_in": 7200,
}
STABLE_TOKEN_OK_2 = {
    "access_token": "79_Nw2mXsd8KcHcgQ9wVhBv7mJ0UzYqHn1c5oYbH6bbqzRaUVRJXeLbAiOXbDFwQNBx",
    "expires_in": 7200,
}
STABLE_TOKEN_BAD_SECRET = wechat_error(40125, "invalid appsecret")

SEND_OK = {"errcode": 0, "errmsg": "ok"}
SEND_NOT_SUBSCRIBED = wechat_error(43101, "user refuse to accept the msg")
SEND_TOKEN_EXPIRED = wechat_error(42001, "access_token expired")
SEND_TOKEN_INVALID = wechat_error(
    40001, "invalid credential, access_token is invalid or not latest"
)
SEND_ARGUMENT_INVALID = wechat_error(47003, "argument invalid! data.thing1.value invalid")
