from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_delivered_event_data_outcome import (
    ShipmentDeliveredEventDataOutcome,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShipmentDeliveredEventData")


@_attrs_define
class ShipmentDeliveredEventData:
    """
    Attributes:
        shipment_id (str):
        waybill (str):
        at (datetime.datetime | Unset):
        attempt (int | Unset):
        next_step (str | Unset):
        outcome (ShipmentDeliveredEventDataOutcome | Unset):
        outcome_at (datetime.datetime | Unset):
        reason_code (str | Unset):
    """

    shipment_id: str
    waybill: str
    at: datetime.datetime | Unset = UNSET
    attempt: int | Unset = UNSET
    next_step: str | Unset = UNSET
    outcome: ShipmentDeliveredEventDataOutcome | Unset = UNSET
    outcome_at: datetime.datetime | Unset = UNSET
    reason_code: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        shipment_id = self.shipment_id

        waybill = self.waybill

        at: str | Unset = UNSET
        if not isinstance(self.at, Unset):
            at = self.at.isoformat()

        attempt = self.attempt

        next_step = self.next_step

        outcome: str | Unset = UNSET
        if not isinstance(self.outcome, Unset):
            outcome = self.outcome.value

        outcome_at: str | Unset = UNSET
        if not isinstance(self.outcome_at, Unset):
            outcome_at = self.outcome_at.isoformat()

        reason_code = self.reason_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if attempt is not UNSET:
            field_dict["attempt"] = attempt
        if next_step is not UNSET:
            field_dict["next_step"] = next_step
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if outcome_at is not UNSET:
            field_dict["outcome_at"] = outcome_at
        if reason_code is not UNSET:
            field_dict["reason_code"] = reason_code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        _at = d.pop("at", UNSET)
        at: datetime.datetime | Unset
        if isinstance(_at, Unset):
            at = UNSET
        else:
            at = datetime.datetime.fromisoformat(_at)

        attempt = d.pop("attempt", UNSET)

        next_step = d.pop("next_step", UNSET)

        _outcome = d.pop("outcome", UNSET)
        outcome: ShipmentDeliveredEventDataOutcome | Unset
        if isinstance(_outcome, Unset):
            outcome = UNSET
        else:
            outcome = ShipmentDeliveredEventDataOutcome(_outcome)

        _outcome_at = d.pop("outcome_at", UNSET)
        outcome_at: datetime.datetime | Unset
        if isinstance(_outcome_at, Unset):
            outcome_at = UNSET
        else:
            outcome_at = datetime.datetime.fromisoformat(_outcome_at)

        reason_code = d.pop("reason_code", UNSET)

        shipment_delivered_event_data = cls(
            shipment_id=shipment_id,
            waybill=waybill,
            at=at,
            attempt=attempt,
            next_step=next_step,
            outcome=outcome,
            outcome_at=outcome_at,
            reason_code=reason_code,
        )

        return shipment_delivered_event_data
