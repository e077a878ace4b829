from enum import StrEnum


class CashMethod(StrEnum):
    ALIPAY = "alipay"
    CARD = "card"
    CASH = "cash"
    WECHAT_PAY = "wechat_pay"

    def __str__(self) -> str:
        return str(self.value)
