from enum import StrEnum


class HandoverKind(StrEnum):
    COLLECT = "collect"
    LOAD_FOR_DELIVERY = "load_for_delivery"
    STATION_IN = "station_in"

    def __str__(self) -> str:
        return str(self.value)
