from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.public_event_status import PublicEventStatus

T = TypeVar("T", bound="PublicEvent")


@_attrs_define
class PublicEvent:
    """
    Attributes:
        at (datetime.datetime):
        status (PublicEventStatus):
    """

    at: datetime.datetime
    status: PublicEventStatus

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "at": at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        status = PublicEventStatus(d.pop("status"))

        public_event = cls(
            at=at,
            status=status,
        )

        return public_event
