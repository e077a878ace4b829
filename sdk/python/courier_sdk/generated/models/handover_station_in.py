from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.handover_station_in_kind import HandoverStationInKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.party import Party
    from ..models.scan import Scan


T = TypeVar("T", bound="HandoverStationIn")


@_attrs_define
class HandoverStationIn:
    """
    Attributes:
        from_ (Party):
        items (list[Scan]):
        kind (HandoverStationInKind): station_in: a station takes items from a courier; load_for_delivery: a courier
            loads items at their station (creates delivery tasks); collect: a courier collects a pickup task's items
        station_id (str): station_in: the receiving station
        occurred_at (datetime.datetime | Unset): when scanned (default: now)
        task_id (str | Unset): collect: the pickup task
    """

    from_: Party
    items: list[Scan]
    kind: HandoverStationInKind
    station_id: str
    occurred_at: datetime.datetime | Unset = UNSET
    task_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.to_dict()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        kind = self.kind.value

        station_id = self.station_id

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        task_id = self.task_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "items": items,
                "kind": kind,
                "station_id": station_id,
            }
        )
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.party import Party
        from ..models.scan import Scan

        d = dict(src_dict)
        from_ = Party.from_dict(d.pop("from"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Scan.from_dict(items_item_data)

            items.append(items_item)

        kind = HandoverStationInKind(d.pop("kind"))

        station_id = d.pop("station_id")

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        task_id = d.pop("task_id", UNSET)

        handover_station_in = cls(
            from_=from_,
            items=items,
            kind=kind,
            station_id=station_id,
            occurred_at=occurred_at,
            task_id=task_id,
        )

        return handover_station_in
