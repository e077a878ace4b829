from enum import StrEnum


class DeliveryCreateChannel(StrEnum):
    KIOSK = "kiosk"
    WECHAT = "wechat"
    WINDOW = "window"

    def __str__(self) -> str:
        return str(self.value)
