from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.claim_paid_event_type import ClaimPaidEventType

if TYPE_CHECKING:
    from ..models.claim_paid_event_data import ClaimPaidEventData


T = TypeVar("T", bound="ClaimPaidEvent")


@_attrs_define
class ClaimPaidEvent:
    """A claim was paid (in part or in full).

    Attributes:
        created_at (datetime.datetime):
        data (ClaimPaidEventData):
        id (str): the event's id (evt_...)
        type_ (ClaimPaidEventType):
    """

    created_at: datetime.datetime
    data: ClaimPaidEventData
    id: str
    type_: ClaimPaidEventType

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
        from ..models.claim_paid_event_data import ClaimPaidEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ClaimPaidEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ClaimPaidEventType(d.pop("type"))

        claim_paid_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return claim_paid_event
