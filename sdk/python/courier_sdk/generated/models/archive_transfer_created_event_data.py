from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ArchiveTransferCreatedEventData")


@_attrs_define
class ArchiveTransferCreatedEventData:
    """
    Attributes:
        archive_transfer_id (str):
        shipment_id (str):
        waybill (str):
    """

    archive_transfer_id: str
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        archive_transfer_id = self.archive_transfer_id

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "archive_transfer_id": archive_transfer_id,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        archive_transfer_id = d.pop("archive_transfer_id")

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        archive_transfer_created_event_data = cls(
            archive_transfer_id=archive_transfer_id,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return archive_transfer_created_event_data
