from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.birth_certificate_rejected_event_type import (
    BirthCertificateRejectedEventType,
)

if TYPE_CHECKING:
    from ..models.birth_certificate_rejected_event_data import (
        BirthCertificateRejectedEventData,
    )


T = TypeVar("T", bound="BirthCertificateRejectedEvent")


@_attrs_define
class BirthCertificateRejectedEvent:
    """The hospital rejected the application.

    Attributes:
        created_at (datetime.datetime):
        data (BirthCertificateRejectedEventData):
        id (str): the event's id (evt_...)
        type_ (BirthCertificateRejectedEventType):
    """

    created_at: datetime.datetime
    data: BirthCertificateRejectedEventData
    id: str
    type_: BirthCertificateRejectedEventType

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
        from ..models.birth_certificate_rejected_event_data import (
            BirthCertificateRejectedEventData,
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = BirthCertificateRejectedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = BirthCertificateRejectedEventType(d.pop("type"))

        birth_certificate_rejected_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return birth_certificate_rejected_event
