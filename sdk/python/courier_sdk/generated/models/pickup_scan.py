from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scan import Scan


T = TypeVar("T", bound="PickupScan")


@_attrs_define
class PickupScan:
    """
    Attributes:
        items (list[Scan]): may be empty to finish after partial batches
        occurred_at (datetime.datetime | Unset):
        partial (bool | Unset): true: a batch of a collection in several scans; the task stays open while the courier is
            at the door. false (default): scan and finish; what is still missing becomes a follow-up pickup. Default when
            left out: `false`.
    """

    items: list[Scan]
    occurred_at: datetime.datetime | Unset = UNSET
    partial: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        occurred_at: str | Unset = UNSET
        if not isinstance(self.occurred_at, Unset):
            occurred_at = self.occurred_at.isoformat()

        partial = self.partial

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if partial is not UNSET:
            field_dict["partial"] = partial

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scan import Scan

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Scan.from_dict(items_item_data)

            items.append(items_item)

        _occurred_at = d.pop("occurred_at", UNSET)
        occurred_at: datetime.datetime | Unset
        if isinstance(_occurred_at, Unset):
            occurred_at = UNSET
        else:
            occurred_at = datetime.datetime.fromisoformat(_occurred_at)

        partial = d.pop("partial", UNSET)

        pickup_scan = cls(
            items=items,
            occurred_at=occurred_at,
            partial=partial,
        )

        return pickup_scan
