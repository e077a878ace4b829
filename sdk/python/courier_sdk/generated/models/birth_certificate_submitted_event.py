from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.birth_certificate_submitted_event_type import (
    BirthCertificateSubmittedEventType,
)

if TYPE_CHECKING:
    from ..models.birth_certificate_submitted_event_data import (
        BirthCertificateSubmittedEventData,
    )


T = TypeVar("T", bound="BirthCertificateSubmittedEvent")


@_attrs_define
class BirthCertificateSubmittedEvent:
    """A parent applied for a birth certificate.

    Attributes:
        created_at (datetime.datetime):
        data (BirthCertificateSubmittedEventData):
        id (str): the event's id (evt_...)
        type_ (BirthCertificateSubmittedEventType):
    """

    created_at: datetime.datetime
    data: BirthCertificateSubmittedEventData
    id: str
    type_: BirthCertificateSubmittedEventType

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
        from ..models.birth_certificate_submitted_event_data import (
            BirthCertificateSubmittedEventData,
        )

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = BirthCertificateSubmittedEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = BirthCertificateSubmittedEventType(d.pop("type"))

        birth_certificate_submitted_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
        )

        return birth_certificate_submitted_event
