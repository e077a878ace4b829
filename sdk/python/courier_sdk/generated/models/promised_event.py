from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PromisedEvent")


@_attrs_define
class PromisedEvent:
    """
    Attributes:
        event_hash (str):
        seq (int):
        shipment_id (str):
    """

    event_hash: str
    seq: int
    shipment_id: str

    def to_dict(self) -> dict[str, Any]:
        event_hash = self.event_hash

        seq = self.seq

        shipment_id = self.shipment_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "event_hash": event_hash,
                "seq": seq,
                "shipment_id": shipment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_hash = d.pop("event_hash")

        seq = d.pop("seq")

        shipment_id = d.pop("shipment_id")

        promised_event = cls(
            event_hash=event_hash,
            seq=seq,
            shipment_id=shipment_id,
        )

        return promised_event
