from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.shipment_returned_event_data_outcome import (
    ShipmentReturnedEventDataOutcome,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShipmentReturnedEventData")


@_attrs_define
class ShipmentReturnedEventData:
    """
    Attributes:
        at (datetime.datetime):
        shipment_id (str):
        waybill (str):
        outcome (ShipmentReturnedEventDataOutcome | Unset):
        outcome_at (datetime.datetime | Unset):
    """

    at: datetime.datetime
    shipment_id: str
    waybill: str
    outcome: ShipmentReturnedEventDataOutcome | Unset = UNSET
    outcome_at: datetime.datetime | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

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
                "at": at,
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
        at = datetime.datetime.fromisoformat(d.pop("at"))

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        _outcome = d.pop("outcome", UNSET)
        outcome: ShipmentReturnedEventDataOutcome | Unset
        if isinstance(_outcome, Unset):
            outcome = UNSET
        else:
            outcome = ShipmentReturnedEventDataOutcome(_outcome)

        _outcome_at = d.pop("outcome_at", UNSET)
        outcome_at: datetime.datetime | Unset
        if isinstance(_outcome_at, Unset):
            outcome_at = UNSET
        else:
            outcome_at = datetime.datetime.fromisoformat(_outcome_at)

        shipment_returned_event_data = cls(
            at=at,
            shipment_id=shipment_id,
            waybill=waybill,
            outcome=outcome,
            outcome_at=outcome_at,
        )

        return shipment_returned_event_data
