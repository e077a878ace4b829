from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.public_tracking_state import PublicTrackingState

if TYPE_CHECKING:
    from ..models.public_event import PublicEvent


T = TypeVar("T", bound="PublicTracking")


@_attrs_define
class PublicTracking:
    """
    Attributes:
        deliver_by (datetime.datetime | None):
        events (list[PublicEvent]):
        state (PublicTrackingState):
        waybill (str):
    """

    deliver_by: datetime.datetime | None
    events: list[PublicEvent]
    state: PublicTrackingState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deliver_by": deliver_by,
                "events": events,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.public_event import PublicEvent

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

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = PublicEvent.from_dict(events_item_data)

            events.append(events_item)

        state = PublicTrackingState(d.pop("state"))

        waybill = d.pop("waybill")

        public_tracking = cls(
            deliver_by=deliver_by,
            events=events,
            state=state,
            waybill=waybill,
        )

        return public_tracking
