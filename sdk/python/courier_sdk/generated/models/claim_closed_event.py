from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.claim_closed_event_type import ClaimClosedEventType

if TYPE_CHECKING:
    from ..models.claim_closed_event_data import ClaimClosedEventData


T = TypeVar("T", bound="ClaimClosedEvent")


@_attrs_define
class ClaimClosedEvent:
    """A claim was closed.

    Attributes:
        created_at (datetime.datetime):
        data (ClaimClosedEventData):
        id (str): the event's id (evt_...)
        type_ (ClaimClosedEventType):
    """

    created_at: datetime.datetime
    data: ClaimClosedEventData
    id: str
    type_: ClaimClosedEventType

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
        from ..models.claim_closed_event_data import ClaimClosedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ClaimClosedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ClaimClosedEventType(d.pop("type"))

        claim_closed_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return claim_closed_event
