from enum import StrEnum


class CourtJobSubmittedEventType(StrEnum):
    COURT_JOB_SUBMITTED = "court_job.submitted"

    def __str__(self) -> str:
        return str(self.value)
