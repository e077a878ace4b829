from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.promised_event import PromisedEvent


T = TypeVar("T", bound="CustodyPromise")


@_attrs_define
class CustodyPromise:
    """
    Attributes:
        events (list[PromisedEvent]):
        key_id (str):
        log (str):
        signature (str):
        timestamp (datetime.datetime):
    """

    events: list[PromisedEvent]
    key_id: str
    log: str
    signature: str
    timestamp: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        key_id = self.key_id

        log = self.log

        signature = self.signature

        timestamp = self.timestamp.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
                "key_id": key_id,
                "log": log,
                "signature": signature,
                "timestamp": timestamp,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.promised_event import PromisedEvent

        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = PromisedEvent.from_dict(events_item_data)

            events.append(events_item)

        key_id = d.pop("key_id")

        log = d.pop("log")

        signature = d.pop("signature")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        custody_promise = cls(
            events=events,
            key_id=key_id,
            log=log,
            signature=signature,
            timestamp=timestamp,
        )

        return custody_promise
