from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.accepted_state import AcceptedState

T = TypeVar("T", bound="Accepted")


@_attrs_define
class Accepted:
    """
    Attributes:
        shipment_id (str):
        state (AcceptedState):
        waybill (str):
    """

    shipment_id: str
    state: AcceptedState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        shipment_id = self.shipment_id

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shipment_id": shipment_id,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        shipment_id = d.pop("shipment_id")

        state = AcceptedState(d.pop("state"))

        waybill = d.pop("waybill")

        accepted = cls(
            shipment_id=shipment_id,
            state=state,
            waybill=waybill,
        )

        return accepted
