from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CourierLogin")


@_attrs_define
class CourierLogin:
    """
    Attributes:
        device_id (str): the handheld's stable id
        employee_no (str):
        password (str):
    """

    device_id: str
    employee_no: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        device_id = self.device_id

        employee_no = self.employee_no

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "device_id": device_id,
                "employee_no": employee_no,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        device_id = d.pop("device_id")

        employee_no = d.pop("employee_no")

        password = d.pop("password")

        courier_login = cls(
            device_id=device_id,
            employee_no=employee_no,
            password=password,
        )

        return courier_login
