from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.station_sla import StationSla


T = TypeVar("T", bound="SlaReport")


@_attrs_define
class SlaReport:
    """
    Attributes:
        from_ (datetime.datetime):
        period (str):
        stations (list[StationSla]):
        to (datetime.datetime):
    """

    from_: datetime.datetime
    period: str
    stations: list[StationSla]
    to: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        period = self.period

        stations = []
        for stations_item_data in self.stations:
            stations_item = stations_item_data.to_dict()
            stations.append(stations_item)

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "period": period,
                "stations": stations,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.station_sla import StationSla

        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        period = d.pop("period")

        stations = []
        _stations = d.pop("stations")
        for stations_item_data in _stations:
            stations_item = StationSla.from_dict(stations_item_data)

            stations.append(stations_item)

        to = datetime.datetime.fromisoformat(d.pop("to"))

        sla_report = cls(
            from_=from_,
            period=period,
            stations=stations,
            to=to,
        )

        return sla_report
