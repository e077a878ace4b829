from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_delivery_failed_event_data_outcome import (
    ShipmentDeliveryFailedEventDataOutcome,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShipmentDeliveryFailedEventData")


@_attrs_define
class ShipmentDeliveryFailedEventData:
    """
    Attributes:
        attempt (int):
        next_step (str):
        reason_code (str):
        shipment_id (str):
        waybill (str):
        outcome (ShipmentDeliveryFailedEventDataOutcome | Unset):
        outcome_at (datetime.datetime | Unset):
    """

    attempt: int
    next_step: str
    reason_code: str
    shipment_id: str
    waybill: str
    outcome: ShipmentDeliveryFailedEventDataOutcome | Unset = UNSET
    outcome_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        attempt = self.attempt

        next_step = self.next_step

        reason_code = self.reason_code

        shipment_id = self.shipment_id

        waybill = self.waybill

        outcome: str | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.value

        outcome_at: str | Unset = UNSET
        if not isinstance(self.outcome_at, Unset):
            outcome_at = self.outcome_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attempt": attempt,
                "next_step": next_step,
                "reason_code": reason_code,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if outcome_at is not UNSET:
            field_dict["outcome_at"] = outcome_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempt = d.pop("attempt")

        next_step = d.pop("next_step")

        reason_code = d.pop("reason_code")

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        _outcome = d.pop("outcome", UNSET)
        outcome: ShipmentDeliveryFailedEventDataOutcome | Unset
        if isinstance(_outcome, Unset):
            outcome = UNSET
        else:
            outcome = ShipmentDeliveryFailedEventDataOutcome(_outcome)

        _outcome_at = d.pop("outcome_at", UNSET)
        outcome_at: datetime.datetime | Unset
        if isinstance(_outcome_at, Unset):
            outcome_at = UNSET
        else:
            outcome_at = datetime.datetime.fromisoformat(_outcome_at)

        shipment_delivery_failed_event_data = cls(
            attempt=attempt,
            next_step=next_step,
            reason_code=reason_code,
            shipment_id=shipment_id,
            waybill=waybill,
            outcome=outcome,
            outcome_at=outcome_at,
        )

        return shipment_delivery_failed_event_data
