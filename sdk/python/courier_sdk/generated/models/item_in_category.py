from enum import StrEnum


class ItemInCategory(StrEnum):
    MEDICAL_TOXIC = "medical_toxic"
    NARCOTIC = "narcotic"
    ORDINARY = "ordinary"
    PRECURSOR_CHEMICAL = "precursor_chemical"
    PSYCHOTROPIC = "psychotropic"
    RADIOACTIVE = "radioactive"

    def __str__(self) -> str:
        return str(self.value)
