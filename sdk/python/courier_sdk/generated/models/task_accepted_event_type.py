from enum import StrEnum


class TaskAcceptedEventType(StrEnum):
    TASK_ACCEPTED = "task.accepted"

    def __str__(self) -> str:
        return str(self.value)
