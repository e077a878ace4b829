from enum import StrEnum


class PayoutCreateChannel(StrEnum):
    ALIPAY = "alipay"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    CHEQUE = "cheque"
    WECHAT_PAY = "wechat_pay"

    def __str__(self) -> str:
        return str(self.value)
