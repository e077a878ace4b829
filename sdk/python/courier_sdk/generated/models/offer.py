from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.offer_status import OfferStatus

T = TypeVar("T", bound="Offer")


@_attrs_define
class Offer:
    """
    Attributes:
        courier_id (str):
        expires_at (datetime.datetime):
        id (str):
        status (OfferStatus):
    """

    courier_id: str
    expires_at: datetime.datetime
    id: str
    status: OfferStatus

    def to_dict(self) -> dict[str, Any]:
        courier_id = self.courier_id

        expires_at = self.expires_at.isoformat()

        id = self.id

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "courier_id": courier_id,
                "expires_at": expires_at,
                "id": id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        courier_id = d.pop("courier_id")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = d.pop("id")

        status = OfferStatus(d.pop("status"))

        offer = cls(
            courier_id=courier_id,
            expires_at=expires_at,
            id=id,
            status=status,
        )

        return offer
