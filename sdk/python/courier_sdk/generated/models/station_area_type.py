from enum import StrEnum


class StationAreaType(StrEnum):
    FRINGE = "fringe"
    TOWNSHIP = "township"
    URBAN = "urban"

    def __str__(self) -> str:
        return str(self.value)
