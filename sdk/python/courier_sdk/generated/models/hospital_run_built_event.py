from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.hospital_run_built_event_type import HospitalRunBuiltEventType

if TYPE_CHECKING:
    from ..models.hospital_run_built_event_data import HospitalRunBuiltEventData


T = TypeVar("T", bound="HospitalRunBuiltEvent")


@_attrs_define
class HospitalRunBuiltEvent:
    """A collection run was scheduled at a pickup point.

    Attributes:
        created_at (datetime.datetime):
        data (HospitalRunBuiltEventData):
        id (str): the event's id (evt_...)
        type_ (HospitalRunBuiltEventType):
    """

    created_at: datetime.datetime
    data: HospitalRunBuiltEventData
    id: str
    type_: HospitalRunBuiltEventType

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
        from ..models.hospital_run_built_event_data import HospitalRunBuiltEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = HospitalRunBuiltEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = HospitalRunBuiltEventType(d.pop("type"))

        hospital_run_built_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return hospital_run_built_event
