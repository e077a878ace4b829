from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.complaint_answered_event_type import ComplaintAnsweredEventType

if TYPE_CHECKING:
    from ..models.complaint_answered_event_data import ComplaintAnsweredEventData


T = TypeVar("T", bound="ComplaintAnsweredEvent")


@_attrs_define
class ComplaintAnsweredEvent:
    """A complaint was answered.

    Attributes:
        created_at (datetime.datetime):
        data (ComplaintAnsweredEventData):
        id (str): the event's id (evt_...)
        type_ (ComplaintAnsweredEventType):
    """

    created_at: datetime.datetime
    data: ComplaintAnsweredEventData
    id: str
    type_: ComplaintAnsweredEventType

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
        from ..models.complaint_answered_event_data import ComplaintAnsweredEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ComplaintAnsweredEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ComplaintAnsweredEventType(d.pop("type"))

        complaint_answered_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return complaint_answered_event
