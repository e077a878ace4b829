from enum import StrEnum


class AddressInCoordSystem(StrEnum):
    GCJ02 = "gcj02"
    WGS84 = "wgs84"

    def __str__(self) -> str:
        return str(self.value)
