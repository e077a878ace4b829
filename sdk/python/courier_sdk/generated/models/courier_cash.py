from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.ageing import Ageing


T = TypeVar("T", bound="CourierCash")


@_attrs_define
class CourierCash:
    """
    Attributes:
        ageing (Ageing):
        amount_fen (int): amount in fen
        courier_id (str):
        oldest_at (datetime.datetime):
        parcel_count (int):
        station_id (str):
    """

    ageing: Ageing
    amount_fen: int
    courier_id: str
    oldest_at: datetime.datetime
    parcel_count: int
    station_id: str

    def to_dict(self) -> dict[str, Any]:
        ageing = self.ageing.to_dict()

        amount_fen = self.amount_fen

        courier_id = self.courier_id

        oldest_at = self.oldest_at.isoformat()

        parcel_count = self.parcel_count

        station_id = self.station_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ageing": ageing,
                "amount_fen": amount_fen,
                "courier_id": courier_id,
                "oldest_at": oldest_at,
                "parcel_count": parcel_count,
                "station_id": station_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ageing import Ageing

        d = dict(src_dict)
        ageing = Ageing.from_dict(d.pop("ageing"))

        amount_fen = d.pop("amount_fen")

        courier_id = d.pop("courier_id")

        oldest_at = datetime.datetime.fromisoformat(d.pop("oldest_at"))

        parcel_count = d.pop("parcel_count")

        station_id = d.pop("station_id")

        courier_cash = cls(
            ageing=ageing,
            amount_fen=amount_fen,
            courier_id=courier_id,
            oldest_at=oldest_at,
            parcel_count=parcel_count,
            station_id=station_id,
        )

        return courier_cash
