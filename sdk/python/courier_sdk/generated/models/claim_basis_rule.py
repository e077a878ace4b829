from enum import StrEnum


class ClaimBasisRule(StrEnum):
    DELAY_REFUND = "delay_refund"
    NOT_SUBSTANTIATED = "not_substantiated"
    POSTAL_LAW_ART_47 = "postal_law_art_47"
    POSTAL_LAW_ART_48 = "postal_law_art_48"
    POSTAL_LAW_ART_49 = "postal_law_art_49"

    def __str__(self) -> str:
        return str(self.value)
