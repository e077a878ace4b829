from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.event_kind import EventKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_payload import EventPayload


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """
    Attributes:
        client_event_id (UUID):
        kind (EventKind):
        occurred_at (datetime.datetime):
        lat (float | Unset):
        lng (float | Unset):
        payload (EventPayload | Unset):
        task_id (str | Unset):
        waybill (str | Unset):
    """

    client_event_id: UUID
    kind: EventKind
    occurred_at: datetime.datetime
    lat: float | Unset = UNSET
    lng: float | Unset = UNSET
    payload: EventPayload | Unset = UNSET
    task_id: str | Unset = UNSET
    waybill: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        client_event_id = str(self.client_event_id)

        kind = self.kind.value

        occurred_at = self.occurred_at.isoformat()

        lat = self.lat

        lng = self.lng

        payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payload, Unset):
            payload = self.payload.to_dict()

        task_id = self.task_id

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "client_event_id": client_event_id,
                "kind": kind,
                "occurred_at": occurred_at,
            }
        )
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lng is not UNSET:
            field_dict["lng"] = lng
        if payload is not UNSET:
            field_dict["payload"] = payload
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if waybill is not UNSET:
            field_dict["waybill"] = waybill

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_payload import EventPayload

        d = dict(src_dict)
        client_event_id = UUID(d.pop("client_event_id"))

        kind = EventKind(d.pop("kind"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        lat = d.pop("lat", UNSET)

        lng = d.pop("lng", UNSET)

        _payload = d.pop("payload", UNSET)
        payload: EventPayload | Unset
        if isinstance(_payload, Unset):
            payload = UNSET
        else:
            payload = EventPayload.from_dict(_payload)

        task_id = d.pop("task_id", UNSET)

        waybill = d.pop("waybill", UNSET)

        event = cls(
            client_event_id=client_event_id,
            kind=kind,
            occurred_at=occurred_at,
            lat=lat,
            lng=lng,
            payload=payload,
            task_id=task_id,
            waybill=waybill,
        )

        return event
