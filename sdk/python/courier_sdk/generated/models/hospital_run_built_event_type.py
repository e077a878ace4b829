from enum import StrEnum


class HospitalRunBuiltEventType(StrEnum):
    HOSPITAL_RUN_BUILT = "hospital_run.built"

    def __str__(self) -> str:
        return str(self.value)
