from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.hospital_run_signed_event_type import HospitalRunSignedEventType

if TYPE_CHECKING:
    from ..models.hospital_run_signed_event_data import HospitalRunSignedEventData


T = TypeVar("T", bound="HospitalRunSignedEvent")


@_attrs_define
class HospitalRunSignedEvent:
    """The ward signed the run's hand-over.

    Attributes:
        created_at (datetime.datetime):
        data (HospitalRunSignedEventData):
        id (str): the event's id (evt_...)
        type_ (HospitalRunSignedEventType):
    """

    created_at: datetime.datetime
    data: HospitalRunSignedEventData
    id: str
    type_: HospitalRunSignedEventType

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
        from ..models.hospital_run_signed_event_data import HospitalRunSignedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = HospitalRunSignedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = HospitalRunSignedEventType(d.pop("type"))

        hospital_run_signed_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return hospital_run_signed_event
