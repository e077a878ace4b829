from enum import StrEnum


class RemittancePayeeKind(StrEnum):
    CITIZEN = "citizen"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return str(self.value)
