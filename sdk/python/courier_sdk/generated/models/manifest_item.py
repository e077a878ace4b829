from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.manifest_item_status import ManifestItemStatus

T = TypeVar("T", bound="ManifestItem")


@_attrs_define
class ManifestItem:
    """
    Attributes:
        product (None | str):
        recipient_name (None | str): name: in full to its owners and for institutions, else masked
        reference_no (None | str):
        scanned_at (datetime.datetime | None):
        shipment_id (None | str):
        status (ManifestItemStatus):
        waybill (str):
    """

    product: None | str
    recipient_name: None | str
    reference_no: None | str
    scanned_at: datetime.datetime | None
    shipment_id: None | str
    status: ManifestItemStatus
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        product: None | str
        product = self.product

        recipient_name: None | str
        recipient_name = self.recipient_name

        reference_no: None | str
        reference_no = self.reference_no

        scanned_at: None | str
        if isinstance(self.scanned_at, datetime.datetime):
            scanned_at = self.scanned_at.isoformat()
        else:
            scanned_at = self.scanned_at

        shipment_id: None | str
        shipment_id = self.shipment_id

        status = self.status.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product": product,
                "recipient_name": recipient_name,
                "reference_no": reference_no,
                "scanned_at": scanned_at,
                "shipment_id": shipment_id,
                "status": status,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        def _parse_recipient_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recipient_name = _parse_recipient_name(d.pop("recipient_name"))

        def _parse_reference_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reference_no = _parse_reference_no(d.pop("reference_no"))

        def _parse_scanned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scanned_at_type_0 = datetime.datetime.fromisoformat(data)

                return scanned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scanned_at = _parse_scanned_at(d.pop("scanned_at"))

        def _parse_shipment_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        shipment_id = _parse_shipment_id(d.pop("shipment_id"))

        status = ManifestItemStatus(d.pop("status"))

        waybill = d.pop("waybill")

        manifest_item = cls(
            product=product,
            recipient_name=recipient_name,
            reference_no=reference_no,
            scanned_at=scanned_at,
            shipment_id=shipment_id,
            status=status,
            waybill=waybill,
        )

        return manifest_item
