"""WeChat mini-program connector: login (jscode2session) and subscribe messages."""

from courier_api.integrations.wechat.connector import HttpWeChat, WeChatConnector
from courier_api.integrations.wechat.fake import FakeWeChat, SentMessage
from courier_api.integrations.wechat.mapper import FieldLimitError, WeChatSession
from courier_api.integrations.wechat.settings import WeChatSettings

__all__ = [
    "FakeWeChat",
    "FieldLimitError",
    "HttpWeChat",
    "SentMessage",
    "WeChatConnector",
    "WeChatSession",
    "WeChatSettings",
]
