from enum import StrEnum


class HospitalRunSignedEventType(StrEnum):
    HOSPITAL_RUN_SIGNED = "hospital_run.signed"

    def __str__(self) -> str:
        return str(self.value)
