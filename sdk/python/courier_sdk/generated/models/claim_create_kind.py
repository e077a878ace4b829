from enum import StrEnum


class ClaimCreateKind(StrEnum):
    DAMAGE = "damage"
    DELAY = "delay"
    LOSS = "loss"
    MISSING_CONTENTS = "missing_contents"

    def __str__(self) -> str:
        return str(self.value)
