from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.consistency import Consistency
    from ..models.evidence_event import EvidenceEvent
    from ..models.tree_head import TreeHead


T = TypeVar("T", bound="Evidence")


@_attrs_define
class Evidence:
    """
    Attributes:
        events (list[EvidenceEvent]):
        format_ (str):
        shipment_id (str):
        tree_head (None | TreeHead):
        consistency (Consistency | Unset):
    """

    events: list[EvidenceEvent]
    format_: str
    shipment_id: str
    tree_head: None | TreeHead
    consistency: Consistency | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.tree_head import TreeHead

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        format_ = self.format_

        shipment_id = self.shipment_id

        tree_head: dict[str, Any] | None
        if isinstance(self.tree_head, TreeHead):
            tree_head = self.tree_head.to_dict()
        else:
            tree_head = self.tree_head

        consistency: dict[str, Any] | Unset = UNSET
        if not isinstance(self.consistency, Unset):
            consistency = self.consistency.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
                "format": format_,
                "shipment_id": shipment_id,
                "tree_head": tree_head,
            }
        )
        if consistency is not UNSET:
            field_dict["consistency"] = consistency

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.consistency import Consistency
        from ..models.evidence_event import EvidenceEvent
        from ..models.tree_head import TreeHead

        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = EvidenceEvent.from_dict(events_item_data)

            events.append(events_item)

        format_ = d.pop("format")

        shipment_id = d.pop("shipment_id")

        def _parse_tree_head(data: object) -> None | TreeHead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tree_head_type_0 = TreeHead.from_dict(data)

                return tree_head_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TreeHead, data)

        tree_head = _parse_tree_head(d.pop("tree_head"))

        _consistency = d.pop("consistency", UNSET)
        consistency: Consistency | Unset
        if isinstance(_consistency, Unset):
            consistency = UNSET
        else:
            consistency = Consistency.from_dict(_consistency)

        evidence = cls(
            events=events,
            format_=format_,
            shipment_id=shipment_id,
            tree_head=tree_head,
            consistency=consistency,
        )

        return evidence
