from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pickup_shipment_state import PickupShipmentState

if TYPE_CHECKING:
    from ..models.options import Options
    from ..models.price import Price


T = TypeVar("T", bound="PickupShipment")


@_attrs_define
class PickupShipment:
    """
    Attributes:
        deliver_by (datetime.datetime | None):
        fee_fen (int):
        id (str):
        insured_amount_fen (int):
        options (Options):
        premium_fen (int):
        price (Price):
        state (PickupShipmentState):
        waybill (str):
    """

    deliver_by: datetime.datetime | None
    fee_fen: int
    id: str
    insured_amount_fen: int
    options: Options
    premium_fen: int
    price: Price
    state: PickupShipmentState
    waybill: str

    def to_dict(self) -> dict[str, Any]:
        deliver_by: None | str
        if isinstance(self.deliver_by, datetime.datetime):
            deliver_by = self.deliver_by.isoformat()
        else:
            deliver_by = self.deliver_by

        fee_fen = self.fee_fen

        id = self.id

        insured_amount_fen = self.insured_amount_fen

        options = self.options.to_dict()

        premium_fen = self.premium_fen

        price = self.price.to_dict()

        state = self.state.value

        waybill = self.waybill

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "deliver_by": deliver_by,
                "fee_fen": fee_fen,
                "id": id,
                "insured_amount_fen": insured_amount_fen,
                "options": options,
                "premium_fen": premium_fen,
                "price": price,
                "state": state,
                "waybill": waybill,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.options import Options
        from ..models.price import Price

        d = dict(src_dict)

        def _parse_deliver_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deliver_by_type_0 = datetime.datetime.fromisoformat(data)

                return deliver_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deliver_by = _parse_deliver_by(d.pop("deliver_by"))

        fee_fen = d.pop("fee_fen")

        id = d.pop("id")

        insured_amount_fen = d.pop("insured_amount_fen")

        options = Options.from_dict(d.pop("options"))

        premium_fen = d.pop("premium_fen")

        price = Price.from_dict(d.pop("price"))

        state = PickupShipmentState(d.pop("state"))

        waybill = d.pop("waybill")

        pickup_shipment = cls(
            deliver_by=deliver_by,
            fee_fen=fee_fen,
            id=id,
            insured_amount_fen=insured_amount_fen,
            options=options,
            premium_fen=premium_fen,
            price=price,
            state=state,
            waybill=waybill,
        )

        return pickup_shipment
