from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.custody_event import CustodyEvent


T = TypeVar("T", bound="Custody")


@_attrs_define
class Custody:
    """
    Attributes:
        events (list[CustodyEvent]):
        shipment_id (str):
        waybill (str):
    """

    events: list[CustodyEvent]
    shipment_id: str
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        shipment_id = self.shipment_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
                "shipment_id": shipment_id,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custody_event import CustodyEvent

        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = CustodyEvent.from_dict(events_item_data)

            events.append(events_item)

        shipment_id = d.pop("shipment_id")

        waybill = d.pop("waybill")

        custody = cls(
            events=events,
            shipment_id=shipment_id,
            waybill=waybill,
        )

        return custody
