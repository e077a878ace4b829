from enum import StrEnum


class HospitalRunCollectedEventType(StrEnum):
    HOSPITAL_RUN_COLLECTED = "hospital_run.collected"

    def __str__(self) -> str:
        return str(self.value)
