from enum import StrEnum


class InboxMessageChannel(StrEnum):
    SMS = "sms"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
