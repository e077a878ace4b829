from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CourierInput")


@_attrs_define
class CourierInput:
    """
    Attributes:
        employee_no (str):
        name (str):
        password (str): initial password; never returned
        phone (str):
        station_id (str):
        capacity (int | Unset): tasks held at once. Default when left out: `5`.
    """

    employee_no: str
    name: str
    password: str
    phone: str
    station_id: str
    capacity: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        employee_no = self.employee_no

        name = self.name

        password = self.password

        phone = self.phone

        station_id = self.station_id

        capacity = self.capacity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "employee_no": employee_no,
                "name": name,
                "password": password,
                "phone": phone,
                "station_id": station_id,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        employee_no = d.pop("employee_no")

        name = d.pop("name")

        password = d.pop("password")

        phone = d.pop("phone")

        station_id = d.pop("station_id")

        capacity = d.pop("capacity", UNSET)

        courier_input = cls(
            employee_no=employee_no,
            name=name,
            password=password,
            phone=phone,
            station_id=station_id,
            capacity=capacity,
        )

        return courier_input
