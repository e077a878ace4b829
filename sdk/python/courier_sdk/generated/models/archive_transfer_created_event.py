from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.archive_transfer_created_event_type import ArchiveTransferCreatedEventType

if TYPE_CHECKING:
    from ..models.archive_transfer_created_event_data import (
        ArchiveTransferCreatedEventData,
    )


T = TypeVar("T", bound="ArchiveTransferCreatedEvent")


@_attrs_define
class ArchiveTransferCreatedEvent:
    """An archive transfer was booked.

    Attributes:
        created_at (datetime.datetime):
        data (ArchiveTransferCreatedEventData):
        id (str): the event's id (evt_...)
        type_ (ArchiveTransferCreatedEventType):
    """

    created_at: datetime.datetime
    data: ArchiveTransferCreatedEventData
    id: str
    type_: ArchiveTransferCreatedEventType

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
        from ..models.archive_transfer_created_event_data import (
            ArchiveTransferCreatedEventData,
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = ArchiveTransferCreatedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ArchiveTransferCreatedEventType(d.pop("type"))

        archive_transfer_created_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return archive_transfer_created_event
