from enum import StrEnum


class ProofNeededRefusalEvidenceItem(StrEnum):
    PHOTO = "photo"
    WITNESS = "witness"

    def __str__(self) -> str:
        return str(self.value)
