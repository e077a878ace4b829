from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Courier")


@_attrs_define
class Courier:
    """
    Attributes:
        employee_no (str):
        name (str):
        phone (str):
        station_id (str):
        active (bool | Unset):
        capacity (int | Unset): tasks held at once Default: 5.
        created_at (datetime.datetime | Unset):
        device_bound (bool | Unset):
        device_bound_at (datetime.datetime | None | Unset):
        id (str | Unset):
    """

    employee_no: str
    name: str
    phone: str
    station_id: str
    active: bool | Unset = UNSET
    capacity: int | Unset = 5
    created_at: datetime.datetime | Unset = UNSET
    device_bound: bool | Unset = UNSET
    device_bound_at: datetime.datetime | None | Unset = UNSET
    id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employee_no = self.employee_no

        name = self.name

        phone = self.phone

        station_id = self.station_id

        active = self.active

        capacity = self.capacity

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        device_bound = self.device_bound

        device_bound_at: None | str | Unset
        if isinstance(self.device_bound_at, Unset):
            device_bound_at = UNSET
        elif isinstance(self.device_bound_at, datetime.datetime):
            device_bound_at = self.device_bound_at.isoformat()
        else:
            device_bound_at = self.device_bound_at

        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee_no": employee_no,
                "name": name,
                "phone": phone,
                "station_id": station_id,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if device_bound is not UNSET:
            field_dict["device_bound"] = device_bound
        if device_bound_at is not UNSET:
            field_dict["device_bound_at"] = device_bound_at
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        employee_no = d.pop("employee_no")

        name = d.pop("name")

        phone = d.pop("phone")

        station_id = d.pop("station_id")

        active = d.pop("active", UNSET)

        capacity = d.pop("capacity", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        device_bound = d.pop("device_bound", UNSET)

        def _parse_device_bound_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                device_bound_at_type_0 = datetime.datetime.fromisoformat(data)

                return device_bound_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        device_bound_at = _parse_device_bound_at(d.pop("device_bound_at", UNSET))

        id = d.pop("id", UNSET)

        courier = cls(
            employee_no=employee_no,
            name=name,
            phone=phone,
            station_id=station_id,
            active=active,
            capacity=capacity,
            created_at=created_at,
            device_bound=device_bound,
            device_bound_at=device_bound_at,
            id=id,
        )

        return courier
