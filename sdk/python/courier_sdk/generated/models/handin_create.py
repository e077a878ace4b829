from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HandinCreate")


@_attrs_define
class HandinCreate:
    """
    Attributes:
        counted_fen (int): the cash counted, in fen
        courier_id (str):
        shipment_ids (list[str]): the COD parcels (shipment ids) the cash covers
        reason (None | str | Unset): why the count differs from what was collected (required then). Default when left
            out: `null`.
    """

    counted_fen: int
    courier_id: str
    shipment_ids: list[str]
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        counted_fen = self.counted_fen

        courier_id = self.courier_id

        shipment_ids = self.shipment_ids

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "counted_fen": counted_fen,
                "courier_id": courier_id,
                "shipment_ids": shipment_ids,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        counted_fen = d.pop("counted_fen")

        courier_id = d.pop("courier_id")

        shipment_ids = cast(list[str], d.pop("shipment_ids"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        handin_create = cls(
            counted_fen=counted_fen,
            courier_id=courier_id,
            shipment_ids=shipment_ids,
            reason=reason,
        )

        return handin_create
