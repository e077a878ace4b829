from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Ping")


@_attrs_define
class Ping:
    """
    Attributes:
        lat (float):
        lng (float):
        recorded_at (datetime.datetime):
        accuracy_m (float | Unset):
    """

    lat: float
    lng: float
    recorded_at: datetime.datetime
    accuracy_m: float | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lat = self.lat

        lng = self.lng

        recorded_at = self.recorded_at.isoformat()

        accuracy_m = self.accuracy_m

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lat": lat,
                "lng": lng,
                "recorded_at": recorded_at,
            }
        )
        if accuracy_m is not UNSET:
            field_dict["accuracy_m"] = accuracy_m

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        lat = d.pop("lat")

        lng = d.pop("lng")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        accuracy_m = d.pop("accuracy_m", UNSET)

        ping = cls(
            lat=lat,
            lng=lng,
            recorded_at=recorded_at,
            accuracy_m=accuracy_m,
        )

        return ping
