from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.court_job_submitted_event_type import CourtJobSubmittedEventType

if TYPE_CHECKING:
    from ..models.court_job_submitted_event_data import CourtJobSubmittedEventData


T = TypeVar("T", bound="CourtJobSubmittedEvent")


@_attrs_define
class CourtJobSubmittedEvent:
    """A court's batch of documents was taken in.

    Attributes:
        created_at (datetime.datetime):
        data (CourtJobSubmittedEventData):
        id (str): the event's id (evt_...)
        type_ (CourtJobSubmittedEventType):
    """

    created_at: datetime.datetime
    data: CourtJobSubmittedEventData
    id: str
    type_: CourtJobSubmittedEventType

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
        from ..models.court_job_submitted_event_data import CourtJobSubmittedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = CourtJobSubmittedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = CourtJobSubmittedEventType(d.pop("type"))

        court_job_submitted_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return court_job_submitted_event
