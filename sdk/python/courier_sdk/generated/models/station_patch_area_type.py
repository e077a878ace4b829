from enum import StrEnum


class StationPatchAreaType(StrEnum):
    FRINGE = "fringe"
    TOWNSHIP = "township"
    URBAN = "urban"

    def __str__(self) -> str:
        return str(self.value)
