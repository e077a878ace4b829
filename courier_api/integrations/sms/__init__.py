"""SMS connector: templated text messages to mainland mobile numbers."""

from courier_api.integrations.sms.connector import HttpSms, SmsSender
from courier_api.integrations.sms.fake import FakeSms, SentSms
from courier_api.integrations.sms.mapper import InvalidPhoneError
from courier_api.integrations.sms.settings import SmsSettings

__all__ = ["FakeSms", "HttpSms", "InvalidPhoneError", "SentSms", "SmsSender", "SmsSettings"]
