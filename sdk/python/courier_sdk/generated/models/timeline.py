from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.timeline_state import TimelineState

if TYPE_CHECKING:
    from ..models.timeline_entry import TimelineEntry


T = TypeVar("T", bound="Timeline")


@_attrs_define
class Timeline:
    """
    Attributes:
        deliver_by (datetime.datetime | None):
        entries (list[TimelineEntry]):
        shipment_id (str):
        state (TimelineState):
        waybill (str):
    """

    deliver_by: datetime.datetime | None
    entries: list[TimelineEntry]
    shipment_id: str
    state: TimelineState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        shipment_id = self.shipment_id

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deliver_by": deliver_by,
                "entries": entries,
                "shipment_id": shipment_id,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.timeline_entry import TimelineEntry

        d = dict(src_dict)

        def _parse_deliver_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deliver_by_type_0 = datetime.datetime.fromisoformat(data)

                return deliver_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deliver_by = _parse_deliver_by(d.pop("deliver_by"))

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = TimelineEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        shipment_id = d.pop("shipment_id")

        state = TimelineState(d.pop("state"))

        waybill = d.pop("waybill")

        timeline = cls(
            deliver_by=deliver_by,
            entries=entries,
            shipment_id=shipment_id,
            state=state,
            waybill=waybill,
        )

        return timeline
