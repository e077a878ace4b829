from enum import StrEnum


class TaskArrivedEventType(StrEnum):
    TASK_ARRIVED = "task.arrived"

    def __str__(self) -> str:
        return str(self.value)
