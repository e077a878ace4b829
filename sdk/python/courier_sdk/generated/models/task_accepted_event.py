from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.task_accepted_event_type import TaskAcceptedEventType

if TYPE_CHECKING:
    from ..models.task_accepted_event_data import TaskAcceptedEventData


T = TypeVar("T", bound="TaskAcceptedEvent")


@_attrs_define
class TaskAcceptedEvent:
    """A courier accepted the pickup task.

    Attributes:
        created_at (datetime.datetime):
        data (TaskAcceptedEventData):
        id (str): the event's id (evt_...)
        type_ (TaskAcceptedEventType):
    """

    created_at: datetime.datetime
    data: TaskAcceptedEventData
    id: str
    type_: TaskAcceptedEventType

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.task_accepted_event_data import TaskAcceptedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = TaskAcceptedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = TaskAcceptedEventType(d.pop("type"))

        task_accepted_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return task_accepted_event
