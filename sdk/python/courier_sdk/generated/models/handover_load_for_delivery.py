from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.handover_load_for_delivery_kind import HandoverLoadForDeliveryKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party import Party
    from ..models.scan import Scan


T = TypeVar("T", bound="HandoverLoadForDelivery")


@_attrs_define
class HandoverLoadForDelivery:
    """
    Attributes:
        items (list[Scan]):
        kind (HandoverLoadForDeliveryKind): station_in: a station takes items from a courier; load_for_delivery: a
            courier loads items at their station (creates delivery tasks); collect: a courier collects a pickup task's items
        from_ (Party | Unset):
        occurred_at (datetime.datetime | Unset): when scanned (default: now)
        station_id (str | Unset): station_in: the receiving station
        task_id (str | Unset): collect: the pickup task
    """

    items: list[Scan]
    kind: HandoverLoadForDeliveryKind
    from_: Party | Unset = UNSET
    occurred_at: datetime.datetime | Unset = UNSET
    station_id: str | Unset = UNSET
    task_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        kind = self.kind.value

        from_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.from_, Unset):
            from_ = self.from_.to_dict()

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        station_id = self.station_id

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
                "kind": kind,
            }
        )
        if from_ is not UNSET:
            field_dict["from"] = from_
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if station_id is not UNSET:
            field_dict["station_id"] = station_id
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.party import Party
        from ..models.scan import Scan

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Scan.from_dict(items_item_data)

            items.append(items_item)

        kind = HandoverLoadForDeliveryKind(d.pop("kind"))

        _from_ = d.pop("from", UNSET)
        from_: Party | Unset
        if isinstance(_from_, Unset):
            from_ = UNSET
        else:
            from_ = Party.from_dict(_from_)

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        station_id = d.pop("station_id", UNSET)

        task_id = d.pop("task_id", UNSET)

        handover_load_for_delivery = cls(
            items=items,
            kind=kind,
            from_=from_,
            occurred_at=occurred_at,
            station_id=station_id,
            task_id=task_id,
        )

        return handover_load_for_delivery
