from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BirthCertificateRejectedEventData")


@_attrs_define
class BirthCertificateRejectedEventData:
    """
    Attributes:
        application_id (str):
        reason (str):
        shipment_id (str):
        waybill (str):
    """

    application_id: str
    reason: str
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        application_id = self.application_id

        reason = self.reason

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "application_id": application_id,
                "reason": reason,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        application_id = d.pop("application_id")

        reason = d.pop("reason")

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        birth_certificate_rejected_event_data = cls(
            application_id=application_id,
            reason=reason,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return birth_certificate_rejected_event_data
