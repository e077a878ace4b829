from enum import StrEnum


class PayoutChannel(StrEnum):
    ALIPAY = "alipay"
    BANK_TRANSFER = "bank_transfer"
    CASH = "cash"
    CHEQUE = "cheque"
    FAST_CLAIM = "fast_claim"
    UNRECORDED = "unrecorded"
    WECHAT_PAY = "wechat_pay"

    def __str__(self) -> str:
        return str(self.value)
