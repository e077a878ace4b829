from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.pickup_currency import PickupCurrency
from ..models.pickup_state import PickupState

if TYPE_CHECKING:
    from ..models.pickup_shipment import PickupShipment
    from ..models.pickup_task import PickupTask
    from ..models.shipment_party import ShipmentParty


T = TypeVar("T", bound="Pickup")


@_attrs_define
class Pickup:
    """
    Attributes:
        cancel_fee_fen (int):
        cancelled_at (datetime.datetime | None):
        created_at (datetime.datetime):
        currency (PickupCurrency):
        id (str):
        origin_station_id (str):
        pickup (ShipmentParty):
        pickup_by (datetime.datetime):
        product (str):
        promise_start (datetime.datetime):
        promised_beyond_hour (bool): ordered when the hour could not be promised: pickup_by is later
        shipments (list[PickupShipment]):
        state (PickupState):
        task (PickupTask):
        total_fee_fen (int):
    """

    cancel_fee_fen: int
    cancelled_at: datetime.datetime | None
    created_at: datetime.datetime
    currency: PickupCurrency
    id: str
    origin_station_id: str
    pickup: ShipmentParty
    pickup_by: datetime.datetime
    product: str
    promise_start: datetime.datetime
    promised_beyond_hour: bool
    shipments: list[PickupShipment]
    state: PickupState
    task: PickupTask
    total_fee_fen: int

    def to_dict(self) -> dict[str, Any]:
        cancel_fee_fen = self.cancel_fee_fen

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        created_at = self.created_at.isoformat()

        currency = self.currency.value

        id = self.id

        origin_station_id = self.origin_station_id

        pickup = self.pickup.to_dict()

        pickup_by = self.pickup_by.isoformat()

        product = self.product

        promise_start = self.promise_start.isoformat()

        promised_beyond_hour = self.promised_beyond_hour

        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)

        state = self.state.value

        task = self.task.to_dict()

        total_fee_fen = self.total_fee_fen

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "cancel_fee_fen": cancel_fee_fen,
                "cancelled_at": cancelled_at,
                "created_at": created_at,
                "currency": currency,
                "id": id,
                "origin_station_id": origin_station_id,
                "pickup": pickup,
                "pickup_by": pickup_by,
                "product": product,
                "promise_start": promise_start,
                "promised_beyond_hour": promised_beyond_hour,
                "shipments": shipments,
                "state": state,
                "task": task,
                "total_fee_fen": total_fee_fen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pickup_shipment import PickupShipment
        from ..models.pickup_task import PickupTask
        from ..models.shipment_party import ShipmentParty

        d = dict(src_dict)
        cancel_fee_fen = d.pop("cancel_fee_fen")

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = PickupCurrency(d.pop("currency"))

        id = d.pop("id")

        origin_station_id = d.pop("origin_station_id")

        pickup = ShipmentParty.from_dict(d.pop("pickup"))

        pickup_by = datetime.datetime.fromisoformat(d.pop("pickup_by"))

        product = d.pop("product")

        promise_start = datetime.datetime.fromisoformat(d.pop("promise_start"))

        promised_beyond_hour = d.pop("promised_beyond_hour")

        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in _shipments:
            shipments_item = PickupShipment.from_dict(shipments_item_data)

            shipments.append(shipments_item)

        state = PickupState(d.pop("state"))

        task = PickupTask.from_dict(d.pop("task"))

        total_fee_fen = d.pop("total_fee_fen")

        pickup = cls(
            cancel_fee_fen=cancel_fee_fen,
            cancelled_at=cancelled_at,
            created_at=created_at,
            currency=currency,
            id=id,
            origin_station_id=origin_station_id,
            pickup=pickup,
            pickup_by=pickup_by,
            product=product,
            promise_start=promise_start,
            promised_beyond_hour=promised_beyond_hour,
            shipments=shipments,
            state=state,
            task=task,
            total_fee_fen=total_fee_fen,
        )

        return pickup
