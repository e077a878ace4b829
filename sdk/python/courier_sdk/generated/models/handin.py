from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="Handin")


@_attrs_define
class Handin:
    """
    Attributes:
        counted_fen (int): amount in fen
        courier_id (str):
        created_at (datetime.datetime):
        discrepancy_fen (int): counted - expected: negative a shortage, positive a surplus
        expected_fen (int): what the parcels collected
        id (str):
        item_count (int):
        reason (None | str):
        recorded_by (str):
        station_id (str):
        transaction_id (str):
    """

    counted_fen: int
    courier_id: str
    created_at: datetime.datetime
    discrepancy_fen: int
    expected_fen: int
    id: str
    item_count: int
    reason: None | str
    recorded_by: str
    station_id: str
    transaction_id: str

    def to_dict(self) -> dict[str, Any]:
        counted_fen = self.counted_fen

        courier_id = self.courier_id

        created_at = self.created_at.isoformat()

        discrepancy_fen = self.discrepancy_fen

        expected_fen = self.expected_fen

        id = self.id

        item_count = self.item_count

        reason: None | str
        reason = self.reason

        recorded_by = self.recorded_by

        station_id = self.station_id

        transaction_id = self.transaction_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "counted_fen": counted_fen,
                "courier_id": courier_id,
                "created_at": created_at,
                "discrepancy_fen": discrepancy_fen,
                "expected_fen": expected_fen,
                "id": id,
                "item_count": item_count,
                "reason": reason,
                "recorded_by": recorded_by,
                "station_id": station_id,
                "transaction_id": transaction_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        counted_fen = d.pop("counted_fen")

        courier_id = d.pop("courier_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        discrepancy_fen = d.pop("discrepancy_fen")

        expected_fen = d.pop("expected_fen")

        id = d.pop("id")

        item_count = d.pop("item_count")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        recorded_by = d.pop("recorded_by")

        station_id = d.pop("station_id")

        transaction_id = d.pop("transaction_id")

        handin = cls(
            counted_fen=counted_fen,
            courier_id=courier_id,
            created_at=created_at,
            discrepancy_fen=discrepancy_fen,
            expected_fen=expected_fen,
            id=id,
            item_count=item_count,
            reason=reason,
            recorded_by=recorded_by,
            station_id=station_id,
            transaction_id=transaction_id,
        )

        return handin
