from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.cod_remitted_event_type import CodRemittedEventType

if TYPE_CHECKING:
    from ..models.cod_remitted_event_data import CodRemittedEventData


T = TypeVar("T", bound="CodRemittedEvent")


@_attrs_define
class CodRemittedEvent:
    """Cash collected on delivery was remitted to the sender.

    Attributes:
        created_at (datetime.datetime):
        data (CodRemittedEventData):
        id (str): the event's id (evt_...)
        type_ (CodRemittedEventType):
    """

    created_at: datetime.datetime
    data: CodRemittedEventData
    id: str
    type_: CodRemittedEventType

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
        from ..models.cod_remitted_event_data import CodRemittedEventData

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = CodRemittedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = CodRemittedEventType(d.pop("type"))

        cod_remitted_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return cod_remitted_event
