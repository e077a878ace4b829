from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.liability_status import LiabilityStatus

T = TypeVar("T", bound="Liability")


@_attrs_define
class Liability:
    """
    Attributes:
        amount_fen (int):
        courier_id (None | str):
        created_at (datetime.datetime):
        custody_seq (int):
        id (str):
        station_id (None | str):
        status (LiabilityStatus):
    """

    amount_fen: int
    courier_id: None | str
    created_at: datetime.datetime
    custody_seq: int
    id: str
    station_id: None | str
    status: LiabilityStatus

    def to_dict(self) -> dict[str, Any]:
        amount_fen = self.amount_fen

        courier_id: None | str
        courier_id = self.courier_id

        created_at = self.created_at.isoformat()

        custody_seq = self.custody_seq

        id = self.id

        station_id: None | str
        station_id = self.station_id

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount_fen": amount_fen,
                "courier_id": courier_id,
                "created_at": created_at,
                "custody_seq": custody_seq,
                "id": id,
                "station_id": station_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount_fen = d.pop("amount_fen")

        def _parse_courier_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        courier_id = _parse_courier_id(d.pop("courier_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custody_seq = d.pop("custody_seq")

        id = d.pop("id")

        def _parse_station_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        station_id = _parse_station_id(d.pop("station_id"))

        status = LiabilityStatus(d.pop("status"))

        liability = cls(
            amount_fen=amount_fen,
            courier_id=courier_id,
            created_at=created_at,
            custody_seq=custody_seq,
            id=id,
            station_id=station_id,
            status=status,
        )

        return liability
