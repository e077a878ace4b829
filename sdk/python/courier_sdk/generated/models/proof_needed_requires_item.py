from enum import StrEnum


class ProofNeededRequiresItem(StrEnum):
    CASH = "cash"
    ID_CHECK = "id_check"
    PHOTO = "photo"
    PIN = "pin"
    SEAL = "seal"
    SIGNATURE = "signature"

    def __str__(self) -> str:
        return str(self.value)
