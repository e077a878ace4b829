from enum import StrEnum


class DocumentRowAddresseeRole(StrEnum):
    APPELLANT = "appellant"
    APPELLEE = "appellee"
    DEFENDANT = "defendant"
    OTHER = "other"
    PLAINTIFF = "plaintiff"
    THIRD_PARTY = "third_party"

    def __str__(self) -> str:
        return str(self.value)
