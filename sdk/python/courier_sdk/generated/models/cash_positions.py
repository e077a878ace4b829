from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.cash_positions_currency import CashPositionsCurrency

if TYPE_CHECKING:
    from ..models.courier_cash import CourierCash
    from ..models.station_cash import StationCash


T = TypeVar("T", bound="CashPositions")


@_attrs_define
class CashPositions:
    """
    Attributes:
        as_of (datetime.datetime):
        couriers (list[CourierCash]):
        currency (CashPositionsCurrency):
        stations (list[StationCash]):
    """

    as_of: datetime.datetime
    couriers: list[CourierCash]
    currency: CashPositionsCurrency
    stations: list[StationCash]

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        couriers = []
        for couriers_item_data in self.couriers:
            couriers_item = couriers_item_data.to_dict()
            couriers.append(couriers_item)

        currency = self.currency.value

        stations = []
        for stations_item_data in self.stations:
            stations_item = stations_item_data.to_dict()
            stations.append(stations_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "couriers": couriers,
                "currency": currency,
                "stations": stations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.courier_cash import CourierCash
        from ..models.station_cash import StationCash

        d = dict(src_dict)
        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        couriers = []
        _couriers = d.pop("couriers")
        for couriers_item_data in _couriers:
            couriers_item = CourierCash.from_dict(couriers_item_data)

            couriers.append(couriers_item)

        currency = CashPositionsCurrency(d.pop("currency"))

        stations = []
        _stations = d.pop("stations")
        for stations_item_data in _stations:
            stations_item = StationCash.from_dict(stations_item_data)

            stations.append(stations_item)

        cash_positions = cls(
            as_of=as_of,
            couriers=couriers,
            currency=currency,
            stations=stations,
        )

        return cash_positions
