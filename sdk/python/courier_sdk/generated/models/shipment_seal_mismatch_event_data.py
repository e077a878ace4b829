from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ShipmentSealMismatchEventData")


@_attrs_define
class ShipmentSealMismatchEventData:
    """
    Attributes:
        expected_seal_no (None | str):
        seal_no (None | str):
        shipment_id (str):
        waybill (str):
    """

    expected_seal_no: None | str
    seal_no: None | str
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        expected_seal_no: None | str
        expected_seal_no = self.expected_seal_no

        seal_no: None | str
        seal_no = self.seal_no

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expected_seal_no": expected_seal_no,
                "seal_no": seal_no,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_expected_seal_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        expected_seal_no = _parse_expected_seal_no(d.pop("expected_seal_no"))

        def _parse_seal_no(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        seal_no = _parse_seal_no(d.pop("seal_no"))

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        shipment_seal_mismatch_event_data = cls(
            expected_seal_no=expected_seal_no,
            seal_no=seal_no,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return shipment_seal_mismatch_event_data
